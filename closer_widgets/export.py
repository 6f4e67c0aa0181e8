"""Exports: a closing plan as Markdown notes, a printable cue card, Word or calendar.

Every builder takes a :class:`~closer_widgets.plan.ClosingPlan` and returns text
or bytes, touching no disk; :func:`export_session` is the one function that
writes, for the ``closer export`` command. The dashboard offers the same
builders as download links, so the server keeps nothing on disk.

User text is escaped where each format is built: ``html.escape`` for the cue
card, backslash escapes for Markdown, and python-docx escapes XML itself.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from html import escape
from pathlib import Path
from typing import NamedTuple

from .errors import CloserError
from .files import write_atomic
from .plan import ClosingPlan, priority_rank
from .rehearse import cue_card
from .reminders import build_calendar, dates_as_given, schedule_for


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


FORMATS = {
    "md": ExportFormat(".md", "text/markdown", "Notes (Markdown)", "interview-closer-notes.md"),
    "html": ExportFormat(
        ".html", "text/html", "Printable cue card (HTML)", "interview-closer-cue-card.html"
    ),
    "docx": ExportFormat(
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word document (.docx)",
        "interview-closer-plan.docx",
    ),
    "ics": ExportFormat(
        ".ics", "text/calendar", "Calendar reminders (.ics)", "interview-closer-reminders.ics"
    ),
}
"""Export formats by id: the ids are the values of ``closer export --format``."""

CUE_LIMIT = 8
"""Most lines of statement cues on the card, so it fits one printed page. A close has
at most seven parts, one cue each, so no part is ever dropped or merged to fit."""


_CARD_TEXT = 300
"""Longest question or ask printed on the card, so it stays one page."""

# python-docx refuses these (they are not allowed in XML 1.0), and no person means them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


# --- shared pieces ------------------------------------------------------------
def _plain(text: str) -> str:
    return _CONTROL.sub("", text)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def title_of(plan: ClosingPlan) -> str:
    """The interview in a few words, like 'Data Analyst at Northwind Health'."""
    if plan.role and plan.company:
        return f"{plan.role} at {plan.company}"
    return plan.role or plan.company or "My interview"


def top_questions(plan: ClosingPlan, count: int = 3) -> list[dict]:
    """The questions to put on the card: those marked top first, backups last."""
    ordered = sorted(plan.questions, key=lambda q: priority_rank(q.get("priority", "")))
    return ordered[:count]


def statement_cues(
    statement: str, feedback=None, *, company: str = "", role: str = ""
) -> list[str]:
    """Short prompts for the statement, one per part it covers, for a glance mid-interview.

    The very list the rehearsal step shows: :func:`closer_widgets.rehearse.cue_card`,
    one cue per closing part found, in the order spoken, none dropped.

    Parameters
    ----------
    statement : str
        The closing statement.
    feedback : Feedback, optional
        Its analysis, when the caller has it (the coaching model); else worked out.
    company, role : str
        From the plan, for the analysis, as the coaching model passes them.
    """
    if not statement.strip():
        return []
    cues = cue_card(statement, feedback, max_bullets=CUE_LIMIT, company=company, role=role)
    return [cue for cue in cues if cue.strip()]


def follow_up_dates(plan: ClosingPlan, today=None, holidays=None) -> list[tuple[dt.date, str]]:
    """(date, what happens) pairs for the card, the notes and the Word file, in date order.

    All from :func:`closer_widgets.reminders.schedule_for`: the reminders and the
    decision date, as the follow-up step shows them. When the plan's dates are
    refused (a decision date already past), a card printed late still shows the
    dates as given (:func:`closer_widgets.reminders.dates_as_given`).

    Parameters
    ----------
    plan : ClosingPlan
        Gives the interview and decision dates.
    today : datetime.date, optional
        The current day; today by default.
    holidays : iterable of datetime.date, optional
        Days off besides weekends; the host's list by default.
    """
    schedule = schedule_for(plan, today, holidays)
    entries = schedule.events if not schedule.problem else dates_as_given(plan, holidays)
    return [(entry.date, entry.title) for entry in entries]


def missing_for(plan: ClosingPlan, fmt: str, today=None, holidays=None) -> str:
    """What the export ``fmt`` of ``plan`` lacks, in one sentence ("" when nothing).

    For ``ics``: no decision date yet (the file still holds the reminders that can
    be made), or why no reminder can be made at all.
    """
    if fmt != "ics":
        return ""
    schedule = schedule_for(plan, today, holidays)
    return schedule.problem or schedule.missing


# --- Markdown -----------------------------------------------------------------
def _md(text: str) -> str:
    """User text made inert in Markdown: no HTML, links, emphasis or headings."""
    return _MD_SPECIAL.sub(r"\\\1", _plain(text))


def _md_quote(text: str) -> str:
    return "\n".join(f"> {_md(line)}" if line.strip() else ">" for line in text.splitlines())


PAIR_SECTIONS = (
    ("What draws me to this role", "attractions", "aspect", "link", ": "),
    ("Strengths to recap", "strengths", "strength", "evidence", ": "),
    ("Concerns and my answers", "concerns", "concern", "answer", "; my answer: "),
)
"""The sections of (first, second) pairs, shared by the notes and the Word file so both
carry the same: (heading, plan trait, first key, second key, joiner)."""


def _pair_sections(plan: ClosingPlan, quote=lambda text: text) -> list[tuple[str, list[str]]]:
    """(heading, lines) of each non-empty pair section; ``quote`` makes user text safe."""
    sections = []
    for title, trait, first, second, joiner in PAIR_SECTIONS:
        items = getattr(plan, trait)
        lines = [
            quote(item[first]) + (f"{joiner}{quote(item[second])}" if item[second] else "")
            for item in items
        ]
        if lines:
            sections.append((title, lines))
    return sections


def _also_ask(plan: ClosingPlan) -> list[str]:
    """The extra asks ticked in the ask step, as sentences (notes and Word alike)."""
    lines = []
    if plan.want_next_steps:
        lines.append("Also ask what the next steps are and when they expect to decide.")
    if plan.want_contact:
        lines.append("Also ask who to follow up with, and how to reach them.")
    return lines


def to_markdown(plan: ClosingPlan, today=None) -> str:
    """The whole plan as Markdown notes, for reading or pasting anywhere.

    ``today`` (a date; today by default) places the follow-up reminders.
    """
    lines = [f"# Closing plan: {_md(title_of(plan))}", ""]
    about = []
    if plan.interviewer:
        about.append(f"with {_md(plan.interviewer)}")
    if plan.interview_date:
        about.append(f"on {plan.interview_date}")
    about.append(f"({plan.stage} round)")
    lines += ["Interview " + " ".join(about) + ".", ""]

    lines += ["## Closing statement", ""]
    lines += [_md_quote(plan.statement) if plan.statement.strip() else "_Not written yet._", ""]

    for title, items in _pair_sections(plan, _md):
        lines += [f"## {title}", "", *(f"- {item}" for item in items), ""]

    lines += ["## Questions to ask", ""]
    if plan.questions:
        for number, q in enumerate(plan.questions, 1):
            tag = f" ({q['priority']})" if q["priority"] else ""
            lines.append(f"{number}. {_md(q['text'])}{tag}")
            if q["note"]:
                lines.append(f"   - Note: {_md(q['note'])}")
    else:
        lines.append("_No questions chosen yet._")
    lines.append("")

    lines += ["## Closing ask", ""]
    lines.append(_md_quote(plan.ask_text) if plan.ask_text.strip() else "_Not chosen yet._")
    for line in _also_ask(plan):
        lines += ["", line]
    lines.append("")

    lines += ["## Follow-up", ""]
    dates = follow_up_dates(plan, today)
    lines += [f"- {day.isoformat()}: {_md(what)}" for day, what in dates] or [
        "_No dates yet: ask when they expect to decide._"
    ]
    lines.append("")
    if plan.topics:
        lines += ["Topics to mention in the thank-you note:", ""]
        lines += [f"- {_md(topic)}" for topic in plan.topics]
        lines.append("")
    if plan.followup_email.strip():
        lines += ["## Thank-you email", "", _md_quote(plan.followup_email), ""]
    return "\n".join(lines)


# --- HTML cue card ------------------------------------------------------------
CUE_CARD_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #111;
  background: #fff; line-height: 1.35; max-width: 44rem; margin: 1.5rem auto; padding: 0 1rem;
  overflow-wrap: anywhere; }
h1 { font-size: 1.35rem; margin: 0 0 0.2rem; }
.meta { margin: 0 0 0.8rem; color: #333; }
.tip { background: #eef2ff; color: #1e3a8a; padding: 0.4rem 0.7rem; border-radius: 4px; }
section { border: 1px solid #888; border-radius: 6px; padding: 0.45rem 0.85rem;
  margin: 0 0 0.6rem; page-break-inside: avoid; break-inside: avoid; }
h2 { font-size: 0.95rem; text-transform: uppercase; letter-spacing: 0.04em; margin: 0 0 0.3rem; }
ul, ol { margin: 0; padding-left: 1.3rem; }
li { margin: 0.1rem 0; }
.ask { font-size: 1.1rem; font-weight: 600; margin: 0; }
.empty { font-style: italic; color: #444; margin: 0; }
/* "auto" lets the printer pick A4 or Letter; the margins fit both. */
@page { size: auto; margin: 12mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  * { color: #000 !important; background: #fff !important; box-shadow: none !important; }
  nav, .tip, .no-print { display: none !important; }
  section { border-color: #000; }
}
"""


def _card_section(title: str, body: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{body}</section>"


def _card_list(items: list[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in items) + f"</{tag}>"


def _card_empty(text: str) -> str:
    return f'<p class="empty">{escape(text)}</p>'


def to_cue_card_html(plan: ClosingPlan) -> str:
    """A standalone one-page HTML cue card to print and glance at before the close."""
    title = title_of(plan)
    meta = " · ".join(
        escape(part)
        for part in (
            f"with {plan.interviewer}" if plan.interviewer else "",
            plan.interview_date,
            f"{plan.stage} round",
        )
        if part
    )
    # The same cues as the rehearsal step: one per part, analysed as the coaching model does.
    cues = statement_cues(plan.statement, company=plan.company, role=plan.role)
    questions = [_shorten(q["text"], _CARD_TEXT) for q in top_questions(plan)]
    dates = [f"{day:%a %d %b %Y}: {what}" for day, what in follow_up_dates(plan)]
    sections = [
        _card_section(
            "My closing, in cues",
            _card_list(cues)
            if cues
            else _card_empty(
                "No part of a close was found in your statement yet."
                if plan.statement.strip()
                else "Write your statement to get cues here."
            ),
        ),
        _card_section(
            "My top questions",
            _card_list(questions, "ol") if questions else _card_empty("No questions chosen yet."),
        ),
        _card_section(
            "My closing ask",
            f'<p class="ask">{escape(_shorten(plan.ask_text, _CARD_TEXT))}</p>'
            if plan.ask_text.strip()
            else _card_empty("Choose your ask in the closing-ask step."),
        ),
        _card_section(
            "Follow-up dates",
            _card_list(dates) if dates else _card_empty("Ask when they expect to decide."),
        ),
    ]
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Cue card: {escape(title)}</title>\n<style>{CUE_CARD_CSS}</style>\n</head>\n"
        "<body>\n<main>\n"
        f"<h1>Cue card: {escape(title)}</h1>\n"
        + (f'<p class="meta">{meta}</p>\n' if meta else "")
        + '<p class="tip">Print this page (Ctrl+P or Cmd+P): it fits on one sheet.</p>\n'
        + "\n".join(sections)
        + "\n</main>\n</body>\n</html>\n"
    )


# --- Word ---------------------------------------------------------------------
def to_docx(plan: ClosingPlan, today=None) -> bytes:
    """The plan as a Word document, with every section the Markdown notes have.

    Statement, what draws you to the role, strengths, concerns and answers,
    questions, the ask, follow-up dates, topics and the thank-you email, in the
    order of :func:`to_markdown`. ``today`` (a date; today by default) places the
    follow-up reminders.
    """

    from docx import Document  # heavy: only when someone asks for Word

    doc = Document()
    doc.core_properties.title = _plain(f"Closing plan: {title_of(plan)}")
    doc.add_heading(_plain(f"Closing plan: {title_of(plan)}"), level=0)
    facts = [f"Round: {plan.stage}"]
    if plan.interviewer:
        facts.insert(0, f"Interviewer: {plan.interviewer}")
    if plan.interview_date:
        facts.insert(0, f"Date: {plan.interview_date}")
    doc.add_paragraph(_plain(" | ".join(facts)))

    doc.add_heading("Closing statement", level=1)
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


# --- calendar -----------------------------------------------------------------
def to_ics(plan: ClosingPlan, today=None, holidays=None) -> bytes:
    """The follow-up as calendar events: every reminder, and the decision date when given.

    A plan without a decision date still gets the reminders that can be made (the
    check-in about a week after the interview), as the follow-up step offers;
    :func:`missing_for` says what is missing.

    Parameters
    ----------
    plan : ClosingPlan
        Gives the dates and the names in the events.
    today : datetime.date, optional
        The current day; today by default.
    holidays : iterable of datetime.date, optional
        Days off besides weekends; the host's list by default.

    Raises
    ------
    CloserError
        When the dates give no reminder (a decision date already past, or more
        than two years away), in one sentence.
    """
    try:
        return build_calendar(plan, today, holidays=holidays, with_decision=True)
    except ValueError as exc:
        # The schedule's messages are already one sentence for people (a date in the past...).
        raise CloserError(str(exc)) from None


def export_bytes(plan: ClosingPlan, fmt: str) -> bytes:
    """The plan in format ``fmt`` (a key of :data:`FORMATS`), as bytes.

    Raises
    ------
    CloserError
        For an unknown format, or when the format has nothing to show (an ics
        whose dates give no reminder).
    """
    if fmt == "md":
        return to_markdown(plan).encode("utf-8")
    if fmt == "html":
        return to_cue_card_html(plan).encode("utf-8")
    if fmt == "docx":
        return to_docx(plan)
    if fmt == "ics":
        return to_ics(plan)
    raise CloserError(f"'{fmt}' is not an export format. Choose one of: {', '.join(FORMATS)}.")


# --- files --------------------------------------------------------------------
def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)  # hard links and other aliases
    except OSError:
        return False


def export_session(
    session_path: str | os.PathLike, fmt: str, output: str | os.PathLike | None = None
) -> Path:
    """Write the session at ``session_path`` in format ``fmt``; return where.

    Parameters
    ----------
    session_path : str or PathLike
        A session file; it is only read.
    fmt : str
        ``md``, ``html``, ``docx`` or ``ics``.
    output : str or PathLike, optional
        Where to write; by default beside the session with the format's suffix.

    Raises
    ------
    CloserError
        For a bad session file (a SessionError), an unknown format, an output
        that is the input itself or cannot be written, or nothing to export.
    """
    from .session import Session

    if fmt not in FORMATS:
        raise CloserError(f"'{fmt}' is not an export format. Choose one of: {', '.join(FORMATS)}.")
    source = Path(session_path)
    session = Session.load(source)
    target = Path(output) if output is not None else source.with_suffix(FORMATS[fmt].suffix)
    if _same_file(target, source):
        raise CloserError(
            f"'{target.name}' is the session file itself; choose another output with -o."
        )
    if target.is_dir():
        raise CloserError(f"'{target}' is a folder; give a file name with -o.")
    if not target.parent.is_dir():
        raise CloserError(
            f"The folder of '{target}' does not exist. Create it or choose another -o."
        )
    data = export_bytes(session.plan, fmt)
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise CloserError(f"'{target}' cannot be written ({exc.strerror}).") from None
    return target
