"""Exports: a closing plan as Markdown notes, a printable cue card, Word or calendar.

Every builder takes a :class:`~closer_widgets.plan.ClosingPlan` and returns text
or bytes, touching no disk; :func:`export_session` is the one function that
writes, for the ``closer export`` command. The dashboard offers the same
builders as download links, so the server keeps nothing on disk.

User text is escaped where each format is built: the cue card's Jinja2 template
(``closer_widgets/templates/cue_card.html.j2``) autoescapes, Markdown gets backslash
escapes, and python-docx escapes XML itself.

One module per format behind one registry (``registry.FORMATS``, which the dashboard's
Save step and ``closer export`` both read): ``markdown``, ``cue_card``, ``word``,
``calendar``; ``shared`` holds what they have in common and ``files`` the one
function that writes.
"""

from __future__ import annotations

from .calendar import to_ics
from .cue_card import to_cue_card_html
from .files import export_session
from .markdown import to_markdown
from .registry import FORMATS, ExportFormat, download_name, export_bytes
from .shared import (
    CUE_LIMIT,
    PAIR_SECTIONS,
    follow_up_dates,
    length_target,
    missing_for,
    statement_cues,
    title_of,
    top_questions,
)
from .word import ZIP_EPOCH, to_docx

__all__ = [
    "CUE_LIMIT",
    "FORMATS",
    "PAIR_SECTIONS",
    "ZIP_EPOCH",
    "ExportFormat",
    "download_name",
    "export_bytes",
    "export_session",
    "follow_up_dates",
    "length_target",
    "missing_for",
    "statement_cues",
    "title_of",
    "to_cue_card_html",
    "to_docx",
    "to_ics",
    "to_markdown",
    "top_questions",
]
