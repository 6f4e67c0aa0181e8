"""ClosingPlan: validation and (de)serialisation."""

import datetime as dt

import pytest
from traitlets import TraitError

from closer_widgets.plan import LONG_TEXT, MAX_STRENGTHS, SHORT_TEXT, ClosingPlan


def test_text_is_stripped_and_capped():
    plan = ClosingPlan(company="  Acme  ", role="x" * 500)
    assert plan.company == "Acme"
    assert len(plan.role) == SHORT_TEXT


def test_dates_are_checked():
    plan = ClosingPlan(interview_date="2026-12-03")
    assert plan.interview_date == "2026-12-03"
    with pytest.raises(TraitError, match="not a date"):
        plan.decision_date = "2026-02-30"
    with pytest.raises(TraitError, match="not a plausible date"):
        plan.decision_date = "9999-12-31"
    plan.decision_date = dt.date(2027, 1, 4)
    assert plan.decision_date == "2027-01-04"


def test_list_items_are_normalised():
    plan = ClosingPlan(strengths=[{"strength": " SQL ", "extra": "dropped"}] * 5)
    assert len(plan.strengths) == MAX_STRENGTHS
    assert plan.strengths[0] == {"strength": "SQL", "evidence": ""}
    plan.concerns = [{"concern": "c" * 5000, "answer": "a"}]
    assert len(plan.concerns[0]["concern"]) == LONG_TEXT
    with pytest.raises(TraitError):
        plan.questions = ["not a dict"]


def test_rehearsal_attempts_are_checked():
    plan = ClosingPlan()
    plan.rehearsals = [{"seconds": 61.234, "said": ["thanks"], "confidence": 9}]
    assert plan.rehearsals[0]["seconds"] == 61.2
    assert plan.rehearsals[0]["confidence"] == 5
    with pytest.raises(TraitError):
        plan.rehearsals = [{"seconds": "long", "confidence": 3}]


def test_round_trip(plan):
    plan.strengths = [{"strength": "SQL", "evidence": "three years"}]
    copy = ClosingPlan.from_dict(plan.to_dict())
    assert copy.to_dict() == plan.to_dict()


def test_update_is_all_or_nothing(plan):
    before = plan.to_dict()
    with pytest.raises(TraitError, match="field 'stage'"):
        plan.update_from_dict({"company": "Other", "stage": "semi-final"})
    assert plan.to_dict() == before


def test_unknown_fields_are_ignored(plan):
    plan.update_from_dict({"company": "Globex", "favourite_colour": "green"})
    assert plan.company == "Globex"
