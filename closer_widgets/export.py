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
import importlib
import os
import re
from html import escape
from pathlib import Path
from typing import NamedTuple

from .errors import CloserError
from .files import write_atomic
from .followup import add_working_days
from .plan import ClosingPlan, priority_rank


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

NO_DECISION_DATE = (
    "The session has no decision date, so there are no reminders to export. "
    "Add the date they gave you in the follow-up step."
)

CHECK_IN_WORKING_DAYS = 2
"""Working days after the decision date to wait before checking in."""

CUE_LIMIT = 8
"""Most statement cues on the card: more would not fit on one printed page."""

CUE_WORDS = 7
"""Words kept from each sentence when the cues fall back to sentence openings."""

_CARD_TEXT = 300
"""Longest question or ask printed on the card, so it stays one page."""

# python-docx refuses these (they are not allowed in XML 1.0), and no person means them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
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


def _first_words(statement: str) -> list[str]:
    cues = []
    for sentence in _SENTENCE_END.split(" ".join(statement.split())):
        words = sentence.split()
        if not words:
            continue
        cue = " ".join(words[:CUE_WORDS]).rstrip(",;:")
        cues.append(cue + ("…" if len(words) > CUE_WORDS else ""))
    return cues


def statement_cues(statement: str) -> list[str]:
    """Short prompts for the statement, one per idea, for a glance mid-interview.

    Uses ``closer_widgets.rehearsal.cue_card`` (keyword bullets) when that
    module is installed, else the first words of each sentence.
    """
    if not statement.strip():
        return []
    try:
        cue_card = importlib.import_module("closer_widgets.rehearsal").cue_card
    except (ImportError, AttributeError):
        return _first_words(statement)[:CUE_LIMIT]
    cues = [cue for cue in cue_card(statement, max_bullets=CUE_LIMIT) if cue.strip()]
    return cues or _first_words(statement)[:CUE_LIMIT]


def _local_schedule(plan: ClosingPlan) -> list[tuple[dt.date, str]]:
    dates = []
    if plan.interview_date:
        dates.append((dt.date.fromisoformat(plan.interview_date), "Send your thank-you email"))
    if plan.decision_date:
        check_in = add_working_days(
            dt.date.fromisoformat(plan.decision_date), CHECK_IN_WORKING_DAYS
        )
        dates.append((check_in, "Check in if you have not heard back"))
    return dates


def _schedule(plan: ClosingPlan) -> list[tuple[dt.date, str]]:
    try:
        follow_up_schedule = importlib.import_module("closer_widgets.followup").follow_up_schedule
    except (ImportError, AttributeError):
        return _local_schedule(plan)
    try:
        reminders = follow_up_schedule(
            plan.decision_date or None, interview_date=plan.interview_date or None
        )
    except ValueError:
        # It refuses dates already past; a card printed late still shows them.
        return _local_schedule(plan)
    return [(reminder.date, reminder.title) for reminder in reminders]


def follow_up_dates(plan: ClosingPlan) -> list[tuple[dt.date, str]]:
    """(date, what happens) pairs for the card and the notes, in date order.

    The decision date comes from the plan; the rest from
    ``closer_widgets.followup.follow_up_schedule`` when that module is
    installed, else the thank-you on the interview day and a check-in two
    working days after the decision date.
    """
    dates = _schedule(plan)
    if plan.decision_date:
        dates.append((dt.date.fromisoformat(plan.decision_date), "They expect to decide"))
    return sorted(dates)


# --- Markdown -----------------------------------------------------------------
def _md(text: str) -> str:
    """User text made inert in Markdown: no HTML, links, emphasis or headings."""
    return _MD_SPECIAL.sub(r"\\\1", _plain(text))


def _md_quote(text: str) -> str:
    return "\n".join(f"> {_md(line)}" if line.strip() else ">" for line in text.splitlines())


def _md_pairs(title: str, items: list, first: str, second: str, joiner: str) -> list[str]:
    """A Markdown section listing (first, second) pairs; nothing when there are none."""
    if not items:
        return []
    lines = [f"## {title}", ""]
    lines += [
        f"- {_md(item[first])}" + (f"{joiner}{_md(item[second])}" if item[second] else "")
        for item in items
    ]
    return [*lines, ""]


def to_markdown(plan: ClosingPlan) -> str:
    """The whole plan as Markdown notes, for reading or pasting anywhere."""
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

    lines += _md_pairs("What draws me to this role", plan.attractions, "aspect", "link", ": ")
    lines += _md_pairs("Strengths to recap", plan.strengths, "strength", "evidence", ": ")
    lines += _md_pairs(
        "Concerns and my answers", plan.concerns, "concern", "answer", "; my answer: "
    )

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
    if plan.want_next_steps:
        lines += ["", "Also ask what the next steps are and when they expect to decide."]
    if plan.want_contact:
        lines += ["", "Also ask who to follow up with, and how to reach them."]
    lines.append("")

    lines += ["## Follow-up", ""]
    dates = follow_up_dates(plan)
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
    cues = statement_cues(plan.statement)
    questions = [_shorten(q["text"], _CARD_TEXT) for q in top_questions(plan)]
    dates = [f"{day:%a %d %b %Y}: {what}" for day, what in follow_up_dates(plan)]
    sections = [
        _card_section(
            "My closing, in cues",
            _card_list(cues) if cues else _card_empty("Write your statement to get cues here."),
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
def to_docx(plan: ClosingPlan) -> bytes:
    """The plan as a Word document: statement, questions, ask and follow-up."""
    import io

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

    doc.add_heading("Questions to ask", level=1)
    if plan.questions:
        for q in plan.questions:
            line = q["text"] + (f" ({q['priority']})" if q["priority"] else "")
            doc.add_paragraph(_plain(line), style="List Number")
            if q["note"]:
                doc.add_paragraph(_plain(f"Note: {q['note']}"), style="List Bullet 2")
    else:
        doc.add_paragraph("No questions chosen yet.")

    doc.add_heading("Closing ask", level=1)
    doc.add_paragraph(_plain(plan.ask_text) if plan.ask_text.strip() else "Not chosen yet.")

    doc.add_heading("Follow-up", level=1)
    dates = follow_up_dates(plan)
    for day, what in dates:
        doc.add_paragraph(_plain(f"{day.isoformat()}: {what}"), style="List Bullet")
    if not dates:
        doc.add_paragraph("No dates yet: ask when they expect to decide.")
    if plan.followup_email.strip():
        doc.add_heading("Thank-you email", level=2)
        for text in plan.followup_email.split("\n"):
            doc.add_paragraph(_plain(text))

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --- calendar -----------------------------------------------------------------
def to_ics(plan: ClosingPlan) -> bytes:
    """Calendar reminders for the follow-up, built by ``followup.build_calendar``.

    Raises
    ------
    CloserError
        When the plan has no decision date, or the follow-up module is missing.
    """
    if not plan.decision_date:
        raise CloserError(NO_DECISION_DATE)
    try:
        build_calendar = importlib.import_module("closer_widgets.followup").build_calendar
    except (ImportError, AttributeError):
        raise CloserError(
            "Calendar reminders are not available in this version of Interview Closer. "
            "Use the notes or the cue card for your dates."
        ) from None
    try:
        calendar = build_calendar(plan)
    except CloserError:
        raise
    except ValueError as exc:
        # followup's messages are already one sentence for people (a date in the past...).
        raise CloserError(str(exc)) from None
    if hasattr(calendar, "to_ical"):
        calendar = calendar.to_ical()
    return calendar.encode("utf-8") if isinstance(calendar, str) else bytes(calendar)


def export_bytes(plan: ClosingPlan, fmt: str) -> bytes:
    """The plan in format ``fmt`` (a key of :data:`FORMATS`), as bytes.

    Raises
    ------
    CloserError
        For an unknown format, or when the format has nothing to show (ics).
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
