"""The export formats, one registry the dashboard and the command line both read."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from ..errors import CloserError
from ..plan import ClosingPlan
from .calendar import to_ics
from .cue_card import to_cue_card_html
from .markdown import to_markdown
from .word import to_docx


class ExportFormat(NamedTuple):
    """What the dashboard and the CLI need to know about one export format."""

    suffix: str
    """File suffix, with the dot."""
    mime: str
    """MIME type, for download links."""
    label: str
    """What the format is called on screen."""
    filename: str
    """Name offered when the visitor downloads it."""
    build: Callable[[ClosingPlan], bytes]
    """Makes the file's bytes from a plan, touching no disk."""


def _text(make: Callable[[ClosingPlan], str]) -> Callable[[ClosingPlan], bytes]:
    return lambda plan: make(plan).encode("utf-8")


FORMATS = {
    "md": ExportFormat(
        ".md", "text/markdown", "Notes (Markdown)", "interview-closer-notes.md", _text(to_markdown)
    ),
    "html": ExportFormat(
        ".html",
        "text/html",
        "Printable cue card (HTML)",
        "interview-closer-cue-card.html",
        _text(to_cue_card_html),
    ),
    "docx": ExportFormat(
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word document (.docx)",
        "interview-closer-plan.docx",
        to_docx,
    ),
    "ics": ExportFormat(
        ".ics",
        "text/calendar",
        "Calendar reminders (.ics)",
        "interview-closer-reminders.ics",
        to_ics,
    ),
}
"""Export formats by id: the ids are the values of ``closer export --format``."""


def export_bytes(plan: ClosingPlan, fmt: str) -> bytes:
    """The plan in format ``fmt`` (a key of :data:`FORMATS`), as bytes.

    Raises
    ------
    CloserError
        For an unknown format, or when the format has nothing to show (an ics
        whose dates give no reminder).
    """
    if fmt not in FORMATS:
        raise CloserError(f"'{fmt}' is not an export format. Choose one of: {', '.join(FORMATS)}.")
    return FORMATS[fmt].build(plan)


DEFAULT_STEM = "interview-closer"
"""How every download's name begins."""


def _slug(text: str, limit: int = 40) -> str:
    """``text`` as a safe piece of a file name: ASCII letters and digits joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")


def download_name(plan: ClosingPlan, kind: str) -> str:
    """The name a download of ``plan`` is offered under, e.g.
    ``maya-osei-northwind-health-2026-12-03.session.json`` or
    ``maya-osei-northwind-health-2026-12-03-notes.md``.

    The candidate's name, the company and the interview date are in it, so a
    counsellor collecting a class's files, or a person preparing two interviews, can
    tell them apart. A plan with none of them gets the product's name.

    Parameters
    ----------
    plan : ClosingPlan
        Gives the candidate's name and the company.
    kind : str
        An export format id of :data:`FORMATS`, or ``"session"`` for the session file.
    """
    parts = (_slug(plan.participant), _slug(plan.company), plan.interview_date)
    who = "-".join(part for part in parts if part)
    if kind == "session":
        return f"{who}.session.json" if who else f"{DEFAULT_STEM}-session.json"
    generic = FORMATS[kind].filename
    return generic.replace(DEFAULT_STEM, who, 1) if who else generic
