"""The coaching model: every derived value computed once, in one place, when wanted."""

from __future__ import annotations

import asyncio

import pytest

import closer_widgets.feedback as feedback_package
from closer_widgets.coaching import FEEDBACK_PROBLEM, INPUTS, Coaching
from closer_widgets.plan import ClosingPlan

STATEMENT = (
    "Thank you for your time today. I really want this role at Acme because of your "
    "data team. What are the next steps?"
)


@pytest.fixture
def counted(monkeypatch):
    """Count the statement analyses."""
    calls = []
    real = feedback_package.analyze

    def counting(text, **kwargs):
        calls.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(feedback_package, "analyze", counting)
    return calls


def test_a_model_made_directly_works_everything_out():
    plan = ClosingPlan(company="Acme", role="Analyst", statement=STATEMENT)
    model = Coaching(plan, debounce=0)
    assert model.feedback.elements["thanks"] and model.draft.text
    assert [check.step for check in model.readiness][0] == "profile"
    assert model.cue_card and model.budget.total == 0 and model.question_findings == []
    assert model.advice.level == ""  # nothing said about how it went


def test_one_model_per_plan_shared_by_every_view():
    plan = ClosingPlan()
    assert Coaching.of(plan) is Coaching.of(plan)
    assert Coaching.of(ClosingPlan()) is not Coaching.of(plan)


def test_nothing_is_worked_out_until_a_view_wants_it(counted):
    plan = ClosingPlan(statement=STATEMENT)
    model = Coaching.of(plan, debounce=0)
    assert model.feedback is None and model.draft is None and counted == []
    model.want("cue_card")  # the cue card is built on the feedback
    assert counted == [STATEMENT] and model.cue_card
    assert model.draft is None  # still not wanted
    with pytest.raises(ValueError, match="not a derived value"):
        model.want("horoscope")


def test_each_change_works_out_only_what_depends_on_it(counted):
    plan = ClosingPlan()
    model = Coaching(plan, debounce=0)
    draft = model.draft
    plan.question_minutes = 3
    assert model.draft is draft and counted == []  # the draft does not use the minutes
    assert model.budget.minutes == 3
    plan.statement = STATEMENT
    assert counted == [STATEMENT]
    plan.role = "Analyst"  # the feedback judges specificity against the role
    assert counted == [STATEMENT, STATEMENT]


def test_a_burst_of_typing_is_worked_out_once(counted):
    async def burst():
        plan = ClosingPlan()
        model = Coaching(plan, debounce=0.05)
        before = model.passes
        for end in range(10, len(STATEMENT), 10):
            plan.statement = STATEMENT[:end]
            await asyncio.sleep(0.005)
        plan.statement = STATEMENT
        assert model.pending and counted == []
        await asyncio.sleep(0.2)
        assert counted == [STATEMENT] and model.passes == before + 1
        assert model.feedback.elements["next_steps"]

    asyncio.run(burst())


def test_refresh_works_out_a_pending_change_now():
    async def save_at_once():
        plan = ClosingPlan()
        model = Coaching(plan, debounce=10)
        plan.statement = STATEMENT
        assert model.pending and model.feedback is None
        model.refresh()  # before saving or exporting
        assert not model.pending and model.feedback.elements["thanks"]

    asyncio.run(save_at_once())


def test_a_failing_analysis_is_reported_and_the_page_keeps_working(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(feedback_package, "analyze", broken)
    plan = ClosingPlan(statement=STATEMENT)
    model = Coaching(plan, debounce=0)
    assert model.feedback is None and model.feedback_problem == FEEDBACK_PROBLEM
    statement = next(c for c in model.readiness if c.step == "statement")
    assert not statement.done and model.cue_card == []


def test_every_derived_value_names_its_inputs():
    plan_traits = set(ClosingPlan.class_trait_names())
    for value, inputs in INPUTS.items():
        assert inputs <= plan_traits, value
        assert Coaching.class_traits()[value].help


# --- delivery: the notes of the latest recorded take -----------------------------------

TAKE = {
    "seconds": 100.0,
    "speaking_seconds": 80.0,
    "pauses": 2,
    "longest_pause": 1.5,
    "lead_silence": 1.0,
    "trail_silence": 1.0,
}


@pytest.fixture
def coached(monkeypatch):
    """Count the takes coached."""
    import closer_widgets.delivery as delivery

    calls = []
    real = delivery.coach_take

    def counting(attempt, length="full", rows=None):
        calls.append(attempt["seconds"])
        return real(attempt, length, rows)

    monkeypatch.setattr(delivery, "coach_take", counting)
    return calls


def test_delivery_follows_the_latest_recorded_take():
    from closer_widgets.rehearse import record_attempt, record_take

    plan = ClosingPlan()
    model = Coaching(plan, debounce=0)
    assert model.delivery == () and model.delivery_problem == ""
    record_attempt(plan, 120, [], [], 3)
    assert model.delivery == ()  # a timed attempt has no delivery to coach
    record_take(plan, dict(TAKE))  # 98 s from the first word to the last: over 90 s
    assert [note.id for note in model.delivery] == ["too_long"]
    record_attempt(plan, 70, [], [], 4)
    assert [note.id for note in model.delivery] == ["too_long"]  # still the latest take
    record_take(plan, {**TAKE, "seconds": 80.0, "speaking_seconds": 70.0})
    assert model.delivery == ()
    plan.length = "short"  # the same take, judged against the other target
    assert [note.id for note in model.delivery] == ["too_long"]
    assert "30-45 s" in model.delivery[0].message


def test_delivery_is_worked_out_only_when_wanted_and_only_when_its_inputs_change(coached):
    from closer_widgets.rehearse import record_take

    plan = ClosingPlan()
    record_take(plan, dict(TAKE))
    model = Coaching.of(plan, debounce=0)
    assert model.delivery == () and coached == []
    model.want("delivery")
    assert coached == [100.0] and model.delivery
    plan.company = "Acme"
    plan.statement = STATEMENT
    assert coached == [100.0]  # neither is an input of the delivery notes
    record_take(plan, {**TAKE, "seconds": 95.0})
    assert coached == [100.0, 95.0]


def test_a_broken_delivery_file_is_reported_and_the_page_keeps_working(monkeypatch):
    import closer_widgets.delivery as delivery
    from closer_widgets.errors import ContentError
    from closer_widgets.rehearse import record_take

    def broken():
        raise ContentError("delivery.csv, row 3, column 'threshold': 'x' is not a number.")

    monkeypatch.setattr(delivery, "_shipped", broken)
    plan = ClosingPlan()
    model = Coaching(plan, debounce=0)
    record_take(plan, dict(TAKE))
    assert model.delivery == () and "delivery.csv, row 3" in model.delivery_problem
    assert next(c for c in model.readiness if c.step == "rehearse").done
