"""The printable cue card: one page of cues, questions and dates, as standalone HTML.

The page is the template ``cue_card.html.j2`` (with ``cue_card.css``) in
:mod:`closer_widgets.templates`; this module only picks what goes on it.
"""

from __future__ import annotations

from ..phrasing import shorten
from ..plan import ClosingPlan
from ..templates import render
from .shared import (
    _CARD_TEXT,
    follow_up_dates,
    length_target,
    statement_cues,
    title_of,
    top_questions,
)


def to_cue_card_html(plan: ClosingPlan) -> str:
    """A standalone one-page HTML cue card to print and glance at before the close.

    Parameters
    ----------
    plan : ClosingPlan
        The plan to print; its text is escaped by the template.

    Returns
    -------
    str
        The whole page, its stylesheet inline.
    """
    meta = [
        part
        for part in (
            f"with {plan.interviewer}" if plan.interviewer else "",
            plan.interview_date,
            f"{plan.stage} round",
        )
        if part
    ]
    return render(
        "cue_card.html.j2",
        title=title_of(plan),
        meta=meta,
        length_target=length_target(plan),
        # The same cues as the rehearsal step: one per part, analysed as the coaching model does.
        cues=statement_cues(plan.statement, company=plan.company, role=plan.role),
        statement_written=bool(plan.statement.strip()),
        questions=[shorten(q["text"], _CARD_TEXT) for q in top_questions(plan)],
        ask=shorten(plan.ask_text, _CARD_TEXT) if plan.ask_text.strip() else "",
        dates=[f"{day:%a %d %b %Y}: {what}" for day, what in follow_up_dates(plan)],
    )
