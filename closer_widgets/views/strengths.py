"""The strengths step: up to three reasons to hire the candidate, each with evidence."""

from __future__ import annotations

from ..plan import MAX_STRENGTHS, ClosingPlan
from .interest import PairListView


class StrengthsView(PairListView):
    """Up to three (strength, evidence) rows bound to ``plan.strengths`` (A3).

    Beside each row: a strength with no example, number or outcome behind it, or
    evidence that is itself only a claim (wording in ``data/talking_points.csv``).
    """

    def __init__(self, plan: ClosingPlan, **kwargs):
        super().__init__(
            plan,
            trait="strengths",
            element="skills",
            labels=("Strength", "Evidence"),
            placeholders=(
                "e.g. explaining numbers to non-specialists",
                "e.g. ran a monthly review for twelve managers",
            ),
            noun="strength",
            title="Your strongest reasons to be hired",
            intro=(
                "Pick at most three strengths that matter for this job, and back each "
                "one with a result, a number or an example. A short list is easier for "
                "the interviewer to remember and to repeat when the decision is made."
            ),
            max_rows=MAX_STRENGTHS,
            **kwargs,
        )
