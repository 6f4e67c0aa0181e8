"""The concerns step: doubts sensed in the interview, each with the candidate's answer."""

from __future__ import annotations

from ..plan import ClosingPlan
from .interest import PairListView


class ConcernsView(PairListView):
    """(concern, answer) rows bound to ``plan.concerns`` (A4).

    Beside each row: a concern with no answer yet, or an answer that is only a claim
    (the wording is in ``data/talking_points.csv``).
    """

    def __init__(self, plan: ClosingPlan, **kwargs):
        super().__init__(
            plan,
            trait="concerns",
            element="concerns",
            labels=("Concern", "My answer"),
            placeholders=(
                "e.g. no experience with your reporting tool",
                "e.g. I learned a similar tool in three weeks",
            ),
            noun="concern",
            title="Doubts to clear up",
            intro=(
                "Think back: where did the interviewer hesitate, frown or come back to the "
                "same point? Write the doubt in a few words, then the evidence that offsets "
                "it. Answering calmly shows you listen and take feedback well."
            ),
            **kwargs,
        )
