"""Readiness: what each step already covers and, in words, what is still missing.

A step counts as ready by the quality of what is in it, not by how much was typed:
the statement is ready when the feedback finds every part the plan calls for and
raises no tone flag; a strength is ready when it has evidence; a doubt when it
has an answer. The wording is in ``data/readiness.csv`` so counsellors can edit or
translate it. The :class:`~closer_widgets.coaching.Coaching` model calls
:func:`readiness` once per change, with the feedback it already has.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .content import ELEMENT_IDS, FLAG_IDS, Column, TableSpec, load_records
from .content import _error as _content_error
from .phrasing import shorten
from .plan import LENGTHS, ClosingPlan

MIN_QUESTIONS = 3
"""Fewest questions to bring: some are answered before the end of most interviews."""

SHORTEST_REHEARSAL = 0.2
"""An attempt shorter than this share of the target's low end is not a rehearsal."""

#: Dashboard steps with something to prepare, in dashboard order (``save`` has not).
STEPS = (
    "profile",
    "interest",
    "strengths",
    "concerns",
    "questions",
    "ask",
    "statement",
    "rehearse",
    "follow_up",
)

WORDING = TableSpec("readiness.csv", (Column("id"), Column("text")))

#: Every wording id the code uses (checked on load, so a translation cannot miss one).
_IDS = frozenset(
    {
        *(f"{step}.label" for step in STEPS),
        *(f"{step}.empty" for step in STEPS if step not in ("profile", "questions")),
        "profile.company",
        "profile.role",
        "interest.link",
        "strengths.evidence",
        "concerns.answer",
        "questions.few",
        "questions.top",
        "statement.missing",
        "statement.tone",
        "statement.problem",
        "rehearse.short",
        *(f"part.{element}" for element in ELEMENT_IDS),
        *(f"flag.{flag}" for flag in FLAG_IDS),
    }
)


@functools.cache
def wording() -> dict[str, str]:
    """The readiness wording of ``data/readiness.csv``, by id (cached).

    Raises
    ------
    ContentError
        When the file is broken or lacks an id the summary uses.
    """
    texts = {row.id: row.text for row in load_records(WORDING)}
    missing = sorted(_IDS - set(texts))
    if missing:
        raise _content_error("readiness.csv", None, "id", f"no row for {', '.join(missing)}")
    return texts


@dataclass(frozen=True)
class Check:
    """One line of the readiness summary.

    Attributes
    ----------
    step : str
        The dashboard step it belongs to.
    label : str
        What the line is about, as the summary shows it.
    done : bool
        Whether the step is ready.
    hint : str
        What is missing, in words (the first thing to do); empty when done.
    """

    step: str
    label: str
    done: bool
    hint: str


def _first(items, key: str) -> str:
    return next((item[key] for item in items if item[key]), "")


def required_parts(plan: ClosingPlan) -> tuple[str, ...]:
    """The closing elements the statement of this plan should carry, in CONTRACT order.

    Every close thanks, shows interest, recaps strengths and makes an ask; it answers
    a doubt when the plan notes one, and asks for next steps and contact details when
    the candidate chose to.
    """
    wanted = {"interest", "skills", "thanks", "ask"}
    if any(c["concern"] for c in plan.concerns):
        wanted.add("concerns")
    if plan.want_next_steps:
        wanted.add("next_steps")
    if plan.want_contact:
        wanted.add("contact")
    return tuple(element for element in ELEMENT_IDS if element in wanted)


def _profile(plan, say) -> str:
    if not plan.company:
        return say["profile.company"]
    return "" if plan.role else say["profile.role"]


def _interest(plan, say) -> str:
    named = [a for a in plan.attractions if a["aspect"]]
    if not named:
        return say["interest.empty"]
    if any(a["link"] for a in named):
        return ""
    return say["interest.link"].format(item=shorten(named[0]["aspect"], 40))


def _strengths(plan, say) -> str:
    named = [s for s in plan.strengths if s["strength"]]
    if not named:
        return say["strengths.empty"]
    bare = [s for s in named if not s["evidence"]]
    return say["strengths.evidence"].format(item=shorten(bare[0]["strength"], 40)) if bare else ""


def _concerns(plan, say) -> str:
    noted = [c for c in plan.concerns if c["concern"]]
    if not noted:
        return say["concerns.empty"]
    open_ = [c for c in noted if not c["answer"]]
    return say["concerns.answer"].format(item=shorten(open_[0]["concern"], 40)) if open_ else ""


def _questions(plan, say) -> str:
    if len(plan.questions) < MIN_QUESTIONS:
        return say["questions.few"].format(count=MIN_QUESTIONS, have=len(plan.questions))
    return "" if any(q["priority"] == "top" for q in plan.questions) else say["questions.top"]


def _statement(plan, feedback, say) -> str:
    if not plan.statement.strip():
        return say["statement.empty"]
    if feedback is None:
        return say["statement.problem"]
    missing = [e for e in required_parts(plan) if not feedback.elements.get(e)]
    if missing:
        parts = ", ".join(say[f"part.{e}"] for e in missing)
        return say["statement.missing"].format(parts=parts)
    raised = [f for f in FLAG_IDS if feedback.flags.get(f)]
    if raised:
        return say["statement.tone"].format(flags="; ".join(say[f"flag.{f}"] for f in raised))
    return ""


def counts_as_rehearsal(seconds: float, length: str) -> bool:
    """Whether an attempt this long is a real try at a close of this length target."""
    return seconds >= LENGTHS[length][0] * SHORTEST_REHEARSAL


def _rehearse(plan, say) -> str:
    if not plan.rehearsals:
        return say["rehearse.empty"]
    if any(counts_as_rehearsal(a["seconds"], plan.length) for a in plan.rehearsals):
        return ""
    shortest = LENGTHS[plan.length][0] * SHORTEST_REHEARSAL
    return say["rehearse.short"].format(seconds=f"{shortest:.0f}")


def readiness(plan: ClosingPlan, feedback=None, *, analyse: bool = True) -> list[Check]:
    """The readiness of each dashboard step that has something to prepare, in order.

    Parameters
    ----------
    plan : ClosingPlan
        The plan to look at.
    feedback : Feedback, optional
        The analysis of ``plan.statement``; without it the statement is analysed
        here (the coaching model passes the one it has, so nothing is done twice).
    analyse : bool
        Whether to analyse the statement when ``feedback`` is None; the coaching
        model says no (its None means the analysis failed or the text is blank).

    Returns
    -------
    list of Check
        One per step of :data:`STEPS`; ``hint`` names what is missing.
    """
    say = wording()
    if feedback is None and analyse and plan.statement.strip():
        from .feedback import analyze

        feedback = analyze(plan.statement, company=plan.company or None, role=plan.role or None)
    hints = {
        "profile": _profile(plan, say),
        "interest": _interest(plan, say),
        "strengths": _strengths(plan, say),
        "concerns": _concerns(plan, say),
        "questions": _questions(plan, say),
        "ask": "" if plan.ask_text.strip() else say["ask.empty"],
        "statement": _statement(plan, feedback, say),
        "rehearse": _rehearse(plan, say),
        "follow_up": "" if plan.decision_date or plan.followup_email else say["follow_up.empty"],
    }
    return [Check(step, say[f"{step}.label"], not hints[step], hints[step]) for step in STEPS]
