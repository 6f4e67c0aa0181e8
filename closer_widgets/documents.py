"""Versioned JSON documents: the one load/save path of session and review files.

Every file the product writes for people to keep carries a ``schema`` name and a
``version``. Reading checks both, brings an older version up to date through a
chain of one-step migrations (as nbformat's ``convert`` does), and refuses a newer
version with a message saying to update, so no field is silently dropped. Writing
is atomic and stamps the time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import ClassVar

from .errors import SessionError
from .files import parse_json, read_capped, too_large_message, write_atomic

Migration = Callable[[dict], dict]
"""Turns the dict of one version into the dict of the next (``version`` included)."""


def migrate(
    data: dict,
    current: int,
    migrations: Mapping[int, Migration],
    error: type[Exception],
    source: str,
    noun: str,
) -> dict:
    """Bring ``data`` from its version up to ``current``, one step at a time.

    Each step must raise the version; a missing step or one that does not move
    forward is refused with ``error`` instead of looping.

    Raises
    ------
    error
        When no step exists for a version, or a step does not raise the version.
    """
    version = data["version"]
    while version < current:
        step = migrations.get(version)
        if step is None:
            raise error(
                f"{source} is an old {noun} file (version {version}) that this Interview "
                "Closer cannot update."
            )
        data = step(dict(data))
        new = data.get("version")
        if not isinstance(new, int) or isinstance(new, bool) or new <= version:
            raise error(
                f"{source} could not be updated from {noun} version {version}: the update "
                "did not move it forward."
            )
        version = new
    return data


def now_utc() -> str:
    """The current time, UTC, to the second, as ISO 8601 (the ``saved_at`` stamp)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class VersionedDocument:
    """Base of the files people keep: the schema check, migrations, reading and writing.

    A subclass names its kind with the class attributes below and implements
    :meth:`body` (its fields as a JSON-ready dict) and :meth:`from_body` (itself
    from a checked, migrated dict). It must have a ``saved_at`` attribute.
    """

    SCHEMA: ClassVar[str]
    """Value of the ``schema`` field."""
    VERSION: ClassVar[int]
    """Version this release writes."""
    NOUN: ClassVar[str]
    """What one file is called in messages ("session", "review")."""
    DESCRIPTION: ClassVar[str]
    """What a right file is, for "... is not <description>" ("a saved session")."""
    ERROR: ClassVar[type[Exception]] = SessionError
    """Raised, with a message for people, when a file cannot be used."""
    MAX_BYTES: ClassVar[int]
    """Largest file accepted."""
    CHOOSE: ClassVar[str]
    """The sentence telling people which file to choose instead."""
    MIGRATIONS: ClassVar[Mapping[int, Migration]] = {}
    """Version -> step to the next version."""
    HEADER_EXTRA: ClassVar[Mapping[str, str]] = {}
    """More fields written after ``version`` (the app version, say)."""

    saved_at: str

    # --- to implement --------------------------------------------------------------
    def body(self) -> dict:
        """The document's own fields, JSON-ready."""
        raise NotImplementedError

    @classmethod
    def from_body(cls, data: dict, source: str):
        """A document from a checked dict at :attr:`VERSION` (``saved_at`` included)."""
        raise NotImplementedError

    # --- dicts -----------------------------------------------------------------------
    def to_dict(self) -> dict:
        """The document as a JSON-ready dict: schema, version, saved_at, then its body."""
        return {
            "schema": self.SCHEMA,
            "version": self.VERSION,
            **self.HEADER_EXTRA,
            "saved_at": self.saved_at,
            **self.body(),
        }

    @classmethod
    def from_dict(cls, data, source: str = "The file"):
        """A document from :meth:`to_dict` output, or an older version's.

        Raises
        ------
        ERROR
            When ``data`` is of another kind, is too new, or holds wrong values.
        """
        if not isinstance(data, dict) or data.get("schema") != cls.SCHEMA:
            raise cls.ERROR(f"{source} is not {cls.DESCRIPTION} (wrong schema). {cls.CHOOSE}")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise cls.ERROR(f"{source} has no valid version number. {cls.CHOOSE}")
        if version > cls.VERSION:
            raise cls.ERROR(
                f"{source} was saved by a newer Interview Closer ({cls.NOUN} version "
                f"{version}; this one reads up to {cls.VERSION}). Update Interview Closer "
                "to open it."
            )
        data = migrate(data, cls.VERSION, cls.MIGRATIONS, cls.ERROR, source, cls.NOUN)
        saved_at = data.get("saved_at", "")
        data = {**data, "saved_at": saved_at[:40] if isinstance(saved_at, str) else ""}
        return cls.from_body(data, source)

    # --- files -----------------------------------------------------------------------
    @classmethod
    def loads(cls, raw: bytes | str, source: str = "The file"):
        """A document from the bytes of a file (an upload, say)."""
        data = parse_json(raw, source, cls.ERROR, cls.DESCRIPTION, cls.CHOOSE, cls.MAX_BYTES)
        return cls.from_dict(data, source)

    @classmethod
    def refused(cls, source: str, too_large: bool = True) -> Exception:
        """The error for a file the browser would not send: too large, or unreadable."""
        if too_large:
            return cls.ERROR(too_large_message(source, cls.DESCRIPTION, cls.CHOOSE, cls.MAX_BYTES))
        return cls.ERROR(f"{source} could not be read by this browser. {cls.CHOOSE}")

    @classmethod
    def load(cls, path: str | os.PathLike):
        """Read a file.

        Raises
        ------
        ERROR
            With a one-sentence message naming the file and the problem.
        """
        raw = read_capped(path, cls.ERROR, cls.NOUN, cls.MAX_BYTES)
        return cls.loads(raw, f"'{Path(path).name}'")

    def dumps(self) -> str:
        """The document as pretty JSON text, stamped with the time of writing."""
        self.saved_at = now_utc()
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def save(self, path: str | os.PathLike, backup: bool = False) -> Path:
        """Write the file atomically (a temporary file, flushed, then one rename).

        Parameters
        ----------
        path : str or PathLike
            Where to write.
        backup : bool
            Keep the previous version as ``<path>.bak``.
        """
        return write_atomic(path, self.dumps(), backup=backup)
