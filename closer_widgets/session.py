"""Session files: a closing plan saved as JSON, with a schema name and a version.

A session file is what a visitor downloads from the dashboard, what self-study
autosaves beside the notebooks, and what a counsellor collects for a workshop.
Older versions are migrated on load; a newer version is refused with a message
saying to update, so no field is silently dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from traitlets import TraitError

from . import __version__
from .errors import SessionError
from .files import parse_json, read_capped, write_atomic
from .plan import ClosingPlan

SCHEMA = "interview-closer/session"
"""Value of the ``schema`` field of every session file."""

VERSION = 1
"""Version written by this release."""

MAX_BYTES = 1_000_000
"""Largest session file accepted (1 MB): a real one is a few kilobytes."""

_CHOOSE = "Choose a session file saved from Interview Closer."

# version -> function turning a dict of that version into the next version.
_MIGRATIONS: dict = {}


class Session:
    """One candidate's work on one interview.

    Parameters
    ----------
    plan : ClosingPlan, optional
        The plan to wrap; a new empty one by default.
    saved_at : str
        When the file was last written (ISO 8601, UTC), empty if never.
    """

    def __init__(self, plan: ClosingPlan | None = None, saved_at: str = ""):
        self.plan = plan if plan is not None else ClosingPlan()
        self.saved_at = saved_at

    # --- dicts ---------------------------------------------------------------
    def to_dict(self) -> dict:
        """The session as a JSON-ready dict."""
        return {
            "schema": SCHEMA,
            "version": VERSION,
            "app_version": __version__,
            "saved_at": self.saved_at,
            "plan": self.plan.to_dict(),
        }

    @classmethod
    def from_dict(cls, data, source: str = "The file") -> Session:
        """A session from a dict as :meth:`to_dict` writes it (or an older version).

        Raises
        ------
        SessionError
            When ``data`` is not a session, is too new, or holds wrong types.
        """
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise SessionError(f"{source} is not a saved session (wrong schema). {_CHOOSE}")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise SessionError(f"{source} has no valid version number. {_CHOOSE}")
        if version > VERSION:
            raise SessionError(
                f"{source} was saved by a newer Interview Closer (session version {version}; "
                f"this one reads up to {VERSION}). Update Interview Closer to open it."
            )
        while version < VERSION:
            data = _MIGRATIONS[version](data)
            version = data["version"]
        plan_data = data.get("plan")
        if not isinstance(plan_data, dict):
            raise SessionError(f"{source} has no plan in it. {_CHOOSE}")
        try:
            plan = ClosingPlan.from_dict(plan_data)
        except TraitError as exc:
            raise SessionError(f"{source} holds a value of the wrong type ({exc}).") from None
        saved_at = data.get("saved_at", "")
        return cls(plan, saved_at if isinstance(saved_at, str) else "")

    # --- files ---------------------------------------------------------------
    @classmethod
    def loads(cls, raw: bytes | str, source: str = "The file") -> Session:
        """A session from the bytes of a file (an upload, say)."""
        data = parse_json(raw, source, SessionError, "a saved session", _CHOOSE, MAX_BYTES)
        return cls.from_dict(data, source)

    @classmethod
    def load(cls, path: str | os.PathLike) -> Session:
        """Read a session file.

        Raises
        ------
        SessionError
            With a one-sentence message naming the file and the problem.
        """
        raw = read_capped(path, SessionError, "session", MAX_BYTES)
        return cls.loads(raw, f"'{Path(path).name}'")

    def dumps(self) -> str:
        """The session as pretty JSON text, stamped with the time of writing."""
        self.saved_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def save(self, path: str | os.PathLike, backup: bool = False) -> Path:
        """Write the session atomically.

        The text goes to a temporary file in the same folder, is flushed to disk,
        then replaces ``path`` in one step, so a crash never leaves half a file.

        Parameters
        ----------
        path : str or PathLike
            Where to write.
        backup : bool
            Keep the previous version as ``<path>.bak`` (autosave does).
        """
        return write_atomic(path, self.dumps(), backup=backup)
