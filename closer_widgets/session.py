"""Session files: a closing plan saved as JSON, with a schema name and a version.

A session file is what a visitor downloads from the dashboard, what self-study
autosaves beside the notebooks, and what a counsellor collects for a workshop.
Older versions are migrated on load; a newer version is refused with a message
saying to update, so no field is silently dropped.
"""

from __future__ import annotations

from traitlets import TraitError

from . import __version__
from .documents import VersionedDocument
from .errors import SessionError
from .plan import ClosingPlan

SCHEMA = "interview-closer/session"
"""Value of the ``schema`` field of every session file."""

VERSION = 2
"""Version written by this release.

1. The first format.
2. Each rehearsal attempt names its ``source``: ``"timer"``, or ``"recording"`` for a
   take recorded in the browser, which also carries its measured delivery.
"""

MAX_BYTES = 1_000_000
"""Largest session file accepted (1 MB): a real one is a few kilobytes."""

_CHOOSE = "Choose a session file saved from Interview Closer."


def _timed_attempts(data: dict) -> dict:
    """Version 1 to 2: every attempt of a version 1 file was timed (there was no recorder).

    What is not the expected shape is left as it is, for the plan to refuse with a
    message naming the field.
    """
    plan = data.get("plan")
    if isinstance(plan, dict) and isinstance(plan.get("rehearsals"), list):
        attempts = [
            {**attempt, "source": "timer"} if isinstance(attempt, dict) else attempt
            for attempt in plan["rehearsals"]
        ]
        data = {**data, "plan": {**plan, "rehearsals": attempts}}
    return {**data, "version": 2}


class Session(VersionedDocument):
    """One candidate's work on one interview.

    Reading, writing and migrating are :class:`~closer_widgets.documents.VersionedDocument`'s:
    ``Session.load(path)``, ``Session.loads(raw)``, ``Session.from_dict(d)``,
    ``s.save(path)``, ``s.to_dict()``, ``s.dumps()``.

    Parameters
    ----------
    plan : ClosingPlan, optional
        The plan to wrap; a new empty one by default.
    saved_at : str
        When the file was last written (ISO 8601, UTC), empty if never.
    """

    SCHEMA = SCHEMA
    VERSION = VERSION
    NOUN = "session"
    DESCRIPTION = "a saved session"
    ERROR = SessionError
    MAX_BYTES = MAX_BYTES
    CHOOSE = _CHOOSE
    HEADER_EXTRA = {"app_version": __version__}
    # One step per older version, each raising the version by one.
    MIGRATIONS = {1: _timed_attempts}

    def __init__(self, plan: ClosingPlan | None = None, saved_at: str = ""):
        self.plan = plan if plan is not None else ClosingPlan()
        self.saved_at = saved_at

    def body(self) -> dict:
        """The plan, as the file holds it."""
        return {"plan": self.plan.to_dict()}

    @classmethod
    def from_body(cls, data: dict, source: str) -> Session:
        """A session from a checked dict (see :meth:`VersionedDocument.from_dict`)."""
        plan_data = data.get("plan")
        if not isinstance(plan_data, dict):
            raise SessionError(f"{source} has no plan in it. {_CHOOSE}")
        try:
            plan = ClosingPlan.from_dict(plan_data)
        except TraitError as exc:
            raise SessionError(f"{source} holds a value that cannot be used ({exc}).") from None
        return cls(plan, data["saved_at"])
