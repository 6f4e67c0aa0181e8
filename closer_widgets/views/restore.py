"""Putting a downloaded session back: one way, used on the welcome and the Save step."""

from __future__ import annotations

from ..plan import ClosingPlan
from ..session import MAX_BYTES, Session
from .file_picker import FilePicker, PickedFile, read_document


def session_picker(description: str = "Restore a session") -> FilePicker:
    """A file control for one session file, refusing in the browser what is too large."""
    picker = FilePicker(
        description=description,
        accept=".json",
        multiple=False,
        max_bytes=MAX_BYTES,
        tooltip="Choose a session file (.json) you downloaded from Interview Closer",
    )
    return picker


def restore_plan(plan: ClosingPlan, picked: PickedFile) -> str:
    """Replace ``plan`` by the session in ``picked`` and say so in one sentence.

    Raises
    ------
    SessionError
        With one sentence naming the file; ``plan`` is then left as it was.
    """
    session = read_document(Session, picked)
    plan.update_from_dict(session.plan.to_dict())
    when = f", saved {session.saved_at[:16].replace('T', ' ')} UTC" if session.saved_at else ""
    source = f"'{picked.name}'" if picked.name else "the file"
    return f"Restored your session from {source}{when}."
