"""The plan as Markdown notes, for reading or pasting anywhere."""

from __future__ import annotations

from ..plan import ClosingPlan
from .shared import (
    _MD_SPECIAL,
    _also_ask,
    _pair_sections,
    _plain,
    follow_up_dates,
    length_target,
    title_of,
)


def _md(text: str) -> str:
    """User text made inert in Markdown: no HTML, links, emphasis or headings."""
    return _MD_SPECIAL.sub(r"\\\1", _plain(text))


def _md_quote(text: str) -> str:
    return "\n".join(f"> {_md(line)}" if line.strip() else ">" for line in text.splitlines())


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

    lines += ["## Closing statement", "", length_target(plan), ""]
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
