"""What every export shares: the plan's title, the questions and cues on the card, the
follow-up dates, the sections of pairs, and making user text safe."""

from __future__ import annotations

import datetime as dt
import re

from ..plan import LENGTHS, ClosingPlan, priority_rank, words_for
from ..rehearse import cue_card
from ..reminders import dates_as_given, schedule_for

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


def title_of(plan: ClosingPlan) -> str:
    """The interview in a few words, like 'Data Analyst at Northwind Health'."""
    if plan.role and plan.company:
        return f"{plan.role} at {plan.company}"
    return plan.role or plan.company or "My interview"


def length_target(plan: ClosingPlan) -> str:
    """The plan's one length target in words, as every export states it."""
    low, high = LENGTHS[plan.length]
    return (
        f"Aim to say it in {low}-{high} seconds (the {plan.length} close, about "
        f"{words_for(low)}-{words_for(high)} words)."
    )


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
