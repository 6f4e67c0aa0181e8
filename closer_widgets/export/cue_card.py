"""The printable cue card: one page of cues, questions and dates, as standalone HTML."""

from __future__ import annotations

from html import escape

from ..phrasing import shorten
from ..plan import ClosingPlan
from .shared import (
    _CARD_TEXT,
    follow_up_dates,
    length_target,
    statement_cues,
    title_of,
    top_questions,
)

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
    questions = [shorten(q["text"], _CARD_TEXT) for q in top_questions(plan)]
    dates = [f"{day:%a %d %b %Y}: {what}" for day, what in follow_up_dates(plan)]
    sections = [
        _card_section(
            "My closing, in cues",
            f"<p>{escape(length_target(plan))}</p>"
            + (
                _card_list(cues)
                if cues
                else _card_empty(
                    "No part of a close was found in your statement yet."
                    if plan.statement.strip()
                    else "Write your statement to get cues here."
                )
            ),
        ),
        _card_section(
            "My top questions",
            _card_list(questions, "ol") if questions else _card_empty("No questions chosen yet."),
        ),
        _card_section(
            "My closing ask",
            f'<p class="ask">{escape(shorten(plan.ask_text, _CARD_TEXT))}</p>'
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
