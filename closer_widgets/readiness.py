"""Readiness: what the plan already covers and what is still missing, step by step.

Cheap checks on the plan alone (no text analysis), so the dashboard can refresh
the summary on every change without slowing typing down.
"""

from __future__ import annotations

from dataclasses import dataclass

from .plan import ClosingPlan

MIN_STATEMENT_WORDS = 40
"""Fewer words than this cannot carry the seven elements of a close."""

MIN_QUESTIONS = 3


@dataclass(frozen=True)
class Check:
    """One line of the readiness summary."""

    step: str
    label: str
    done: bool
    hint: str


def readiness(plan: ClosingPlan) -> list[Check]:
    """The readiness of each dashboard step, in dashboard order.

    Parameters
    ----------
    plan : ClosingPlan
        The plan to look at.

    Returns
    -------
    list of Check
        One per step that has something to prepare (``save`` has not).
    """
    answered = [c for c in plan.concerns if c["concern"]]
    top = [q for q in plan.questions if q["priority"] == "top"]
    words = len(plan.statement.split())
    return [
        Check(
            "profile",
            "Interview details",
            bool(plan.company and plan.role),
            "Add the company and the role.",
        ),
        Check(
            "interest",
            "What draws you",
            any(a["aspect"] and a["link"] for a in plan.attractions),
            "Name one thing about the role or company and link it to your experience.",
        ),
        Check(
            "strengths",
            "Strengths with evidence",
            any(s["strength"] and s["evidence"] for s in plan.strengths),
            "Add a strength and the evidence for it.",
        ),
        Check(
            "concerns",
            "Doubts answered",
            all(c["answer"] for c in answered),
            "Write an answer for each doubt you noted.",
        ),
        Check(
            "questions",
            "Questions to ask",
            len(plan.questions) >= MIN_QUESTIONS and bool(top),
            f"Pick at least {MIN_QUESTIONS} questions and mark your top ones.",
        ),
        Check("ask", "Closing ask", bool(plan.ask_text), "Choose the ask that fits how it went."),
        Check(
            "statement",
            "Closing statement",
            words >= MIN_STATEMENT_WORDS,
            f"Write a statement of at least {MIN_STATEMENT_WORDS} words.",
        ),
        Check("rehearse", "Rehearsed", bool(plan.rehearsals), "Time yourself saying it once."),
        Check(
            "follow_up",
            "Follow-up planned",
            bool(plan.decision_date or plan.followup_email),
            "Add their decision date or draft the thank-you note.",
        ),
    ]
