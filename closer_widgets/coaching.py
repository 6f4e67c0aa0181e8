"""Coaching: everything the product works out from the plan, computed once, in one place.

A :class:`Coaching` model sits beside a :class:`~closer_widgets.plan.ClosingPlan`
(the jupyter-widgets tutorial's model/view split): the plan holds what the
candidate typed, the coaching model holds what follows from it: the feedback on
the statement, the composed draft, the notes beside each row of interest, strengths
and concerns, the ask advice, the findings on each question, the time budget, the
cue card, the readiness summary and the delivery notes of the latest recorded take.
Each value is recomputed only when one of its inputs changes, after a burst of
typing (one debounced pass), and only once a view has asked for it
(:meth:`Coaching.want`). Every view ``dlink``s to or observes these traits instead
of computing them itself, so the steps never disagree and a hidden step does no work.

No widget imports here: notebooks and scripts can use it without a page.
"""

from __future__ import annotations

import logging
import weakref

from traitlets import Any, Dict, HasTraits, Instance, Int, List, Tuple, Unicode

from .debounce import Debouncer
from .errors import CloserError
from .plan import ClosingPlan

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.3
"""Quiet time after a change before the derived state is brought up to date."""

# Modules are imported where first needed, so the page draws its first step before
# the analyzer's and the checker's models are read.

#: Plan traits each derived value is computed from.
INPUTS = {
    "feedback": frozenset({"statement", "company", "role"}),
    "draft": frozenset(
        {
            "participant",
            "company",
            "role",
            "interviewer",
            "attractions",
            "strengths",
            "concerns",
            "interview_read",
            "ask_level",
            "ask_text",
            "want_next_steps",
            "want_contact",
            "length",
        }
    ),
    "row_notes": frozenset({"attractions", "strengths", "concerns", "company", "role"}),
    "advice": frozenset(
        {"interview_read", "signals", "concerns", "stage", "ask_level", "ask_text"}
    ),
    "question_findings": frozenset({"questions", "stage"}),
    "budget": frozenset({"questions", "question_minutes"}),
    # The cue card and readiness also follow the feedback (see _DEPENDS_ON_FEEDBACK).
    "cue_card": frozenset({"statement", "company", "role"}),
    "readiness": frozenset(
        {
            "company",
            "role",
            "attractions",
            "strengths",
            "concerns",
            "questions",
            "ask_text",
            "ask_level",
            "statement",
            "rehearsals",
            "length",
            "want_next_steps",
            "want_contact",
            "decision_date",
            "followup_email",
        }
    ),
    "delivery": frozenset({"rehearsals", "length"}),
}
_DEPENDS_ON_FEEDBACK = ("cue_card", "readiness")

FEEDBACK_PROBLEM = (
    "Feedback could not be worked out for this text. Your statement is kept: keep "
    "editing and the feedback will try again."
)


class Coaching(HasTraits):
    """The derived state of one plan: feedback, draft, row notes, advice, question findings,
    budget, cue card, readiness, delivery notes.

    Use :meth:`of` to get the one model of a plan, so every view of that plan shares it.

    Parameters
    ----------
    plan : ClosingPlan
        The plan to coach.
    debounce : float
        Seconds of quiet before a change is worked out; 0 works out at once (tests,
        scripts). Outside a running event loop every change is worked out at once.
    """

    plan = Instance(ClosingPlan, help="The plan the coaching is computed from.")
    feedback = Any(
        None, allow_none=True, help="Feedback on plan.statement (None when it is blank)."
    )
    feedback_problem = Unicode("", help="Why the feedback could not be worked out, if it failed.")
    draft = Any(None, allow_none=True, help="The statement composed from the plan (a Draft).")
    draft_problem = Unicode("", help="Why no draft could be composed (a broken templates file).")
    row_notes = Dict(
        help="Coaching beside each row of attractions, strengths and concerns: trait -> "
        "tuple of RowNote (closer_widgets.talking_points.coach_rows)."
    )
    advice = Any(
        None,
        allow_none=True,
        help="The ask advisor's advice (an advisor.Advice; level '' until the candidate has "
        "said how it went); None when its content files cannot be read.",
    )
    advice_problem = Unicode("", help="Why the advisor cannot advise (a broken content file).")
    question_findings = List(help="For each of plan.questions, the checker's findings (a tuple).")
    budget = Any(None, help="Which questions fit in plan.question_minutes (a Budget).")
    cue_card = List(help="The cue card: one short cue per part the statement covers, in order.")
    readiness = List(help="The readiness summary: one Check per step with something to prepare.")
    delivery = Tuple(
        help="Delivery notes of the latest recorded take in plan.rehearsals, judged against "
        "plan.length: a tuple of DeliveryNote (closer_widgets.delivery.coach_take); empty "
        "when there is no recorded take or nothing to work on."
    )
    delivery_problem = Unicode("", help="Why no delivery notes can be given (a broken file).")
    passes = Int(0, help="How many times derived values were worked out (one per burst).")

    _models = weakref.WeakKeyDictionary()

    def __init__(
        self, plan: ClosingPlan, debounce: float = DEBOUNCE_SECONDS, wanted=None, **kwargs
    ):
        super().__init__(plan=plan, **kwargs)
        self._dirty = set(INPUTS)
        self._wanted: set[str] = set()
        self._debouncer = Debouncer(self.refresh, debounce)
        plan.observe(self._on_plan)
        self.want(*(INPUTS if wanted is None else wanted))

    def want(self, *names: str) -> None:
        """Keep these values up to date from now on, and work them out now.

        A value nobody shows is not worked out: the dashboard's steps ask for theirs
        when they are first built, so a visitor who never opens the Statement step
        never loads the analyzer. A model made directly wants everything.

        Raises
        ------
        ValueError
            For a name that is not a derived value.
        """
        unknown = set(names) - set(INPUTS)
        if unknown:
            raise ValueError(f"not a derived value: {', '.join(sorted(unknown))}")
        self._wanted.update(names)
        if self._wanted & set(_DEPENDS_ON_FEEDBACK):
            self._wanted.add("feedback")
        self.refresh()

    @classmethod
    def of(cls, plan: ClosingPlan, debounce: float | None = None) -> Coaching:
        """The coaching model of ``plan``, created on first use and shared after.

        Parameters
        ----------
        plan : ClosingPlan
            The plan.
        debounce : float, optional
            Quiet time of a new model; an existing model keeps its own unless given.
        """
        model = cls._models.get(plan)
        if model is None:
            model = cls(plan, DEBOUNCE_SECONDS if debounce is None else debounce, wanted=())
            cls._models[plan] = model
        elif debounce is not None:
            model._debouncer.delay = debounce
        return model

    @property
    def pending(self) -> bool:
        """Whether a change is waiting for the debounced pass."""
        return self._debouncer.pending

    def _on_plan(self, change) -> None:
        name = change["name"]
        stale = {value for value, inputs in INPUTS.items() if name in inputs}
        if stale:
            self._dirty |= stale
            self._debouncer()

    def refresh(self) -> None:
        """Work out every value whose inputs changed, now (for example before saving)."""
        self._debouncer.cancel()
        dirty = self._dirty & self._wanted
        if not dirty:
            return
        self._dirty -= dirty
        self.passes += 1
        if "feedback" in dirty:
            self._work_out_feedback()
            # What is built on the feedback follows it; unwanted values wait, stale.
            self._dirty.update(_DEPENDS_ON_FEEDBACK)
            dirty.update(self._dirty & self._wanted)
            self._dirty -= dirty
        if "draft" in dirty:
            self._work_out_draft()
        if "row_notes" in dirty:
            self.row_notes = self._row_notes()
        if "advice" in dirty:
            self._work_out_advice()
        if "question_findings" in dirty:
            self.question_findings = self._findings()
        if "budget" in dirty:
            from .questions.my_list import budget

            self.budget = budget(self.plan)
        if "cue_card" in dirty:
            self.cue_card = self._cues()
        if "readiness" in dirty:
            from .readiness import readiness

            self.readiness = readiness(self.plan, self.feedback, analyse=False)
        if "delivery" in dirty:
            self._work_out_delivery()

    # --- each value ---------------------------------------------------------------------
    def _work_out_feedback(self) -> None:
        text = self.plan.statement
        if not text.strip():
            self.feedback_problem = ""
            self.feedback = None
            return
        from .feedback import analyze

        try:
            feedback = analyze(text, company=self.plan.company or None, role=self.plan.role or None)
        except Exception:  # noqa: BLE001 - the page must keep working; details go to the log
            log.exception("analyze failed")
            self.feedback_problem = FEEDBACK_PROBLEM
            self.feedback = None
            return
        self.feedback_problem = ""
        self.feedback = feedback

    def _work_out_draft(self) -> None:
        from .compose import compose

        try:
            draft = compose(self.plan, self.plan.length)
        except CloserError as exc:  # a hand-edited templates.csv with a mistake
            self.draft_problem = str(exc)
            self.draft = None
            return
        self.draft_problem = ""
        self.draft = draft

    def _row_notes(self) -> dict:
        plan = self.plan
        if not (plan.attractions or plan.strengths or plan.concerns):
            return {}  # and the analyzer need not be loaded yet
        from .talking_points import coach_rows

        return coach_rows(plan)

    def _work_out_advice(self) -> None:
        from .ask import advice_for

        try:
            advice = advice_for(self.plan)
        except CloserError as exc:  # a hand-edited signals or wording file with a mistake
            self.advice_problem = str(exc)
            self.advice = None
            return
        self.advice_problem = ""
        self.advice = advice

    def _findings(self) -> list:
        if not self.plan.questions:
            return []  # and the checker's model need not be loaded yet
        from .questions.check import check_question

        texts = [item["text"] for item in self.plan.questions]
        return [
            tuple(check_question(text, self.plan.stage, others=texts[:index]))
            for index, text in enumerate(texts)
        ]

    def _cues(self) -> list:
        from .rehearse import cue_card

        if not self.plan.statement.strip() or self.feedback is None:
            return []
        plan = self.plan
        return cue_card(plan.statement, self.feedback, company=plan.company, role=plan.role)

    def _work_out_delivery(self) -> None:
        from .delivery import coach_take, latest_take

        take = latest_take(self.plan.rehearsals)
        try:
            notes = coach_take(take, self.plan) if take is not None else ()
        except CloserError as exc:  # a hand-edited delivery.csv with a mistake
            self.delivery_problem = str(exc)
            self.delivery = ()
            return
        self.delivery_problem = ""
        self.delivery = notes
