"""The plan as a Word document, the same bytes whenever it is built."""

from __future__ import annotations

import io
import zipfile

from ..phrasing import shorten
from ..plan import ClosingPlan
from .shared import (
    _also_ask,
    _pair_sections,
    _plain,
    follow_up_dates,
    length_target,
    title_of,
)

TITLE_CHARS = 255
"""Longest document title Word keeps (python-docx refuses a longer one)."""


def to_docx(plan: ClosingPlan, today=None) -> bytes:
    """The plan as a Word document, with every section the Markdown notes have.

    Statement, what draws you to the role, strengths, concerns and answers,
    questions, the ask, follow-up dates, topics and the thank-you email, in the
    order of :func:`to_markdown`. ``today`` (a date; today by default) places the
    follow-up reminders.
    """

    from docx import Document  # heavy: only when someone asks for Word

    doc = Document()
    # Word's title property holds at most 255 characters (python-docx refuses more);
    # a real trust's name and a long role pass that, so the property is shortened.
    doc.core_properties.title = shorten(_plain(f"Closing plan: {title_of(plan)}"), TITLE_CHARS)
    doc.add_heading(_plain(f"Closing plan: {title_of(plan)}"), level=0)
    facts = [f"Round: {plan.stage}"]
    if plan.interviewer:
        facts.insert(0, f"Interviewer: {plan.interviewer}")
    if plan.interview_date:
        facts.insert(0, f"Date: {plan.interview_date}")
    doc.add_paragraph(_plain(" | ".join(facts)))

    doc.add_heading("Closing statement", level=1)
    doc.add_paragraph(length_target(plan))
    paragraphs = [p for p in plan.statement.split("\n") if p.strip()]
    for text in paragraphs or ["Not written yet."]:
        doc.add_paragraph(_plain(text))

    for title, items in _pair_sections(plan, _plain):
        doc.add_heading(title, level=1)
        for item in items:
            doc.add_paragraph(item, style="List Bullet")

    _docx_questions(doc, plan)
    _docx_follow_up(doc, plan, today)

    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _docx_questions(doc, plan: ClosingPlan) -> None:
    """The questions to ask and the closing ask, as the Markdown has them."""
    doc.add_heading("Questions to ask", level=1)
    for q in plan.questions:
        line = q["text"] + (f" ({q['priority']})" if q["priority"] else "")
        doc.add_paragraph(_plain(line), style="List Number")
        if q["note"]:
            doc.add_paragraph(_plain(f"Note: {q['note']}"), style="List Bullet 2")
    if not plan.questions:
        doc.add_paragraph("No questions chosen yet.")
    doc.add_heading("Closing ask", level=1)
    doc.add_paragraph(_plain(plan.ask_text) if plan.ask_text.strip() else "Not chosen yet.")
    for line in _also_ask(plan):
        doc.add_paragraph(line)


def _docx_follow_up(doc, plan: ClosingPlan, today) -> None:
    """The follow-up dates, the topics for the note and the thank-you email."""
    doc.add_heading("Follow-up", level=1)
    dates = follow_up_dates(plan, today)
    for day, what in dates:
        doc.add_paragraph(_plain(f"{day.isoformat()}: {what}"), style="List Bullet")
    if not dates:
        doc.add_paragraph("No dates yet: ask when they expect to decide.")
    if plan.topics:
        doc.add_paragraph("Topics to mention in the thank-you note:")
        for topic in plan.topics:
            doc.add_paragraph(_plain(topic), style="List Bullet")
    if plan.followup_email.strip():
        doc.add_heading("Thank-you email", level=1)
        for text in plan.followup_email.split("\n"):
            doc.add_paragraph(_plain(text))


ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The time stamped on every part of a Word file: the earliest a zip can hold, so the
same plan always gives the same bytes, whenever it is exported."""


def _fixed_zip_times(data: bytes) -> bytes:
    """``data`` (a zip) with every entry stamped :data:`ZIP_EPOCH`, in the same order.

    python-docx stamps each part with the time of saving, so two exports of one plan
    a second apart would differ; a person comparing files, or a test, should not see
    a change where there is none.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = entry.external_attr
            target.writestr(fixed, source.read(entry))
    return out.getvalue()
