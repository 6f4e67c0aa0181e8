"""ClosingPlan: validation and (de)serialisation."""

import datetime as dt
import json

import pytest
from traitlets import TraitError

from closer_widgets.plan import (
    LONG_TEXT,
    LONGEST_ATTEMPT,
    MAX_STRENGTHS,
    MOST_PAUSES,
    SHORT_TEXT,
    ClosingPlan,
)


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


# --- rehearsal attempts: timed, or recorded takes -------------------------------------

RECORDED = {
    "seconds": 75.04,
    "said": [],
    "mistakes": [],
    "confidence": 0,
    "at": "2026-12-01T18:00:00+00:00",
    "source": "recording",
    "speaking_seconds": 60.01,
    "pauses": 3,
    "longest_pause": 2.26,
    "lead_silence": 1.5,
    "trail_silence": 2.0,
    "words_per_minute": 141.6,
}


def kept(**change) -> dict:
    plan = ClosingPlan()
    plan.rehearsals = [{**RECORDED, **change}]
    return plan.rehearsals[0]


def test_a_recorded_take_is_kept_cleaned():
    assert kept() == {
        **RECORDED,
        "seconds": 75.0,
        "speaking_seconds": 60.0,
        "longest_pause": 2.3,
        "words_per_minute": 142,
    }
    assert kept(words_per_minute=None)["words_per_minute"] is None
    assert "words_per_minute" in kept(words_per_minute=None)  # JSON null, not left out
    assert kept(pauses=4.0)["pauses"] == 4


def test_an_attempt_without_a_source_was_timed_and_a_timed_one_has_no_delivery_numbers():
    plan = ClosingPlan()
    plan.rehearsals = [
        {"seconds": 70, "said": ["thanks"], "confidence": 3},
        {**RECORDED, "source": "timer"},
    ]
    assert [a["source"] for a in plan.rehearsals] == ["timer", "timer"]
    assert set(plan.rehearsals[1]) == {"seconds", "said", "mistakes", "confidence", "at", "source"}


@pytest.mark.parametrize(
    ("change", "field", "value"),
    [
        ({"seconds": -3}, "seconds", 0.0),
        ({"seconds": 5000}, "seconds", LONGEST_ATTEMPT),
        ({"lead_silence": -1}, "lead_silence", 0.0),
        # Nothing inside a take outlasts the take.
        ({"speaking_seconds": 90}, "speaking_seconds", 75.0),
        ({"trail_silence": 1e9}, "trail_silence", 75.0),
        ({"pauses": -2}, "pauses", 0),
        ({"pauses": 10**400}, "pauses", MOST_PAUSES),  # valid JSON, too large for a float
        ({"seconds": 10**400}, "seconds", LONGEST_ATTEMPT),
        ({"confidence": -1}, "confidence", 0),
        # A pace nobody speaks at means the script was not what was said: no estimate.
        ({"words_per_minute": 3000}, "words_per_minute", None),
        ({"words_per_minute": 10**400}, "words_per_minute", None),
        ({"words_per_minute": 12}, "words_per_minute", None),
        ({"words_per_minute": -5}, "words_per_minute", None),
    ],
)
def test_numbers_out_of_range_are_clamped(change, field, value):
    assert kept(**change)[field] == value


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"seconds": float("nan")}, "not a finite number"),
        ({"seconds": float("inf")}, "not a finite number"),
        ({"seconds": float("-inf")}, "not a finite number"),
        ({"speaking_seconds": float("nan")}, "not a finite number"),
        ({"longest_pause": float("inf")}, "not a finite number"),
        ({"words_per_minute": float("nan")}, "finite number or null"),
        ({"words_per_minute": float("inf")}, "finite number or null"),
        ({"words_per_minute": "fast"}, "finite number or null"),
        ({"seconds": "75"}, "number of seconds for seconds"),
        ({"seconds": True}, "number of seconds for seconds"),
        ({"lead_silence": None}, "number of seconds for lead_silence"),
        ({"pauses": "3"}, "whole number for pauses"),
        ({"pauses": 2.5}, "whole number for pauses"),
        ({"pauses": float("nan")}, "whole number for pauses"),
        ({"pauses": False}, "whole number for pauses"),
        ({"confidence": 2.5}, "whole number for confidence"),
        ({"confidence": True}, "whole number for confidence"),
        ({"source": "tape"}, "'timer' or 'recording'"),
        ({"source": None}, "'timer' or 'recording'"),
        ({"said": "thanks"}, "list of ids"),
        ({"mistakes": [3]}, "expected text"),
        ({"at": 20261201}, "expected text"),
    ],
)
def test_bad_values_are_refused(change, words):
    plan = ClosingPlan()
    plan.rehearsals = [dict(RECORDED)]
    with pytest.raises(TraitError, match=words):
        plan.rehearsals = [{**RECORDED, **change}]
    assert plan.rehearsals[0]["seconds"] == 75.0  # the old list stays


@pytest.mark.parametrize("missing", ["speaking_seconds", "pauses", "lead_silence"])
def test_a_recorded_take_needs_each_of_its_numbers(missing):
    take = {key: value for key, value in RECORDED.items() if key != missing}
    with pytest.raises(TraitError, match=f"for {missing}"):
        ClosingPlan(rehearsals=[take])


def test_nothing_stored_is_nan_or_infinite():
    plan = ClosingPlan(rehearsals=[dict(RECORDED), {"seconds": 70}])
    json.dumps(plan.to_dict(), allow_nan=False)
    with pytest.raises(TraitError, match="field 'rehearsals': .*not a finite number"):
        plan.update_from_dict({"rehearsals": [{**RECORDED, "seconds": float("nan")}]})


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
