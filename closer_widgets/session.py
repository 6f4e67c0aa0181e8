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

VERSION = 1
"""Version written by this release."""

MAX_BYTES = 1_000_000
"""Largest session file accepted (1 MB): a real one is a few kilobytes."""

_CHOOSE = "Choose a session file saved from Interview Closer."


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
    # Version 1 is the first; a step per older version goes here when the format changes.
    MIGRATIONS = {}

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
