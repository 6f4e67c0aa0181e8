"""Rehearsal logic: cue cards, target windows, attempts and the timer."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from closer_widgets.content import ELEMENT_IDS
from closer_widgets.plan import MAX_ITEMS, ClosingPlan
from closer_widgets.rehearsal import (
    MAX_WORDS_PER_CUE,
    RehearsalTimer,
    cue_card,
    format_seconds,
    mistake_ids,
    progress_summary,
    record_attempt,
    target_window,
    time_verdict,
    word_window,
)

STATEMENT = (
    "Thank you, Sam, for your time today. "
    "I really want this job at Northwind Health because I cut reporting time by 40% last year. "
    "I basically bring three years of SQL and Python. "
    "What are the next steps, and when do you expect to decide?"
)


class FakeClock:
    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now


# --- cue_card --------------------------------------------------------------


def test_cue_card_keeps_names_numbers_and_drops_filler():
    bullets = cue_card(STATEMENT)
    assert len(bullets) == 4
    assert "Sam" in bullets[0] and "Thank" in bullets[0]
    assert "Northwind" in bullets[1] and "Health" in bullets[1] and "40%" in bullets[1]
    assert "three years" in bullets[2] and "SQL" in bullets[2] and "Python" in bullets[2]
    assert "next steps" in bullets[3]
    words = " ".join(bullets).lower().split()
    for filler in ("really", "basically", "the", "and", "i", "you", "your"):
        assert filler not in words


def test_cue_card_bullets_are_short_and_deterministic():
    first = cue_card(STATEMENT)
    assert first == cue_card(STATEMENT)
    assert all(len(b.split()) <= MAX_WORDS_PER_CUE for b in first)


def test_cue_card_keeps_first_and_last_sentence_when_trimming():
    text = " ".join(f"Point number {n} about Project{n} matters." for n in range(1, 11))
    bullets = cue_card(text, max_bullets=3)
    assert len(bullets) == 3
    assert "Project1" in bullets[0]
    assert "Project10" in bullets[-1]


def test_cue_card_of_sample_statement(sample_session_path):
    statement = json.loads(sample_session_path.read_text())["plan"]["statement"]
    bullets = cue_card(statement)
    assert 1 <= len(bullets) <= 6
    assert any("Northwind" in b for b in bullets)


@pytest.mark.parametrize("text", ["", "   ", "Um. Uh. So."])
def test_cue_card_of_empty_or_filler_text_is_empty(text):
    assert cue_card(text) == []


def test_cue_card_refuses_zero_bullets():
    with pytest.raises(ValueError, match="at least one"):
        cue_card(STATEMENT, max_bullets=0)


# --- windows ---------------------------------------------------------------


def test_target_windows():
    assert target_window() == (60, 90)
    assert target_window("full") == (60, 90)
    assert target_window("short") == (30, 45)
    assert word_window("full") == (140, 210)
    assert word_window("short") == (70, 105)


def test_target_window_rejects_unknown_length():
    with pytest.raises(ValueError, match="'full' or 'short'"):
        target_window("medium")


@pytest.mark.parametrize(
    ("seconds", "length", "verdict"),
    [
        (59.9, "full", "short"),
        (60, "full", "on_target"),
        (90.1, "full", "long"),
        (40, "short", "on_target"),
    ],
)
def test_time_verdict(seconds, length, verdict):
    assert time_verdict(seconds, length) == verdict


def test_format_seconds():
    assert format_seconds(74.2) == "1:14"
    assert format_seconds(5) == "0:05"
    assert format_seconds(-3) == "0:00"


# --- record_attempt --------------------------------------------------------


def test_record_attempt_appends_a_clean_attempt():
    plan = ClosingPlan()
    stamp = dt.datetime(2026, 12, 1, 18, 0, tzinfo=dt.timezone.utc)
    attempt = record_attempt(plan, 72.34, ["thanks", "interest", "thanks"], ["pushy"], 4, now=stamp)
    assert plan.rehearsals == [attempt]
    # Ids come back once each, in the order of the close.
    assert attempt["said"] == ["interest", "thanks"]
    assert attempt["mistakes"] == ["pushy"]
    assert attempt["seconds"] == pytest.approx(72.3)
    assert attempt["confidence"] == 4
    assert attempt["at"] == "2026-12-01T18:00:00+00:00"


def test_record_attempt_replaces_the_list():
    plan = ClosingPlan()
    changes = []
    plan.observe(changes.append, names="rehearsals")
    record_attempt(plan, 60, list(ELEMENT_IDS), [], 5)
    record_attempt(plan, 50, [], [], 3)
    assert len(changes) == 2
    assert [a["seconds"] for a in plan.rehearsals] == [60.0, 50.0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seconds": 0}, "start the timer"),
        ({"seconds": -5}, "start the timer"),
        ({"seconds": float("nan")}, "start the timer"),
        ({"seconds": "60"}, "start the timer"),
        ({"said": ["hello"]}, "not a known closing part"),
        ({"mistakes": ["forgot-pants"]}, "not a known mistake"),
        ({"confidence": 0}, "from 1"),
        ({"confidence": 6}, "from 1"),
        ({"confidence": None}, "from 1"),
        ({"confidence": True}, "from 1"),
    ],
)
def test_record_attempt_refuses_bad_input_and_keeps_the_plan(kwargs, message):
    plan = ClosingPlan()
    record_attempt(plan, 61, ["interest"], [], 3)
    before = plan.to_dict()
    args = {"seconds": 70, "said": ["thanks"], "mistakes": [], "confidence": 3} | kwargs
    with pytest.raises(ValueError, match=message) as info:
        record_attempt(plan, **args)
    assert "\n" not in str(info.value)
    assert plan.to_dict() == before


def test_record_attempt_accepts_every_known_mistake():
    plan = ClosingPlan()
    record_attempt(plan, 80, [], list(mistake_ids()), 2)
    assert set(plan.rehearsals[0]["mistakes"]) == set(mistake_ids())


def test_record_attempt_keeps_the_latest_when_full():
    plan = ClosingPlan()
    plan.rehearsals = [
        {"seconds": float(n + 1), "said": [], "mistakes": [], "confidence": 3, "at": ""}
        for n in range(MAX_ITEMS)
    ]
    record_attempt(plan, 99, [], [], 5)
    assert len(plan.rehearsals) == MAX_ITEMS
    assert plan.rehearsals[-1]["seconds"] == 99.0
    assert plan.rehearsals[0]["seconds"] == 2.0


# --- timer -----------------------------------------------------------------


def test_timer_measures_with_the_injected_clock():
    clock = FakeClock()
    timer = RehearsalTimer(clock=clock)
    assert not timer.running and timer.elapsed == 0
    timer.start()
    assert timer.running and timer.started_at == 1000.0
    clock.now += 12.5
    assert timer.read() == pytest.approx(12.5)
    clock.now += 50
    assert timer.stop() == pytest.approx(62.5)
    assert not timer.running and timer.elapsed == pytest.approx(62.5)
    clock.now += 100
    assert timer.read() == pytest.approx(62.5)  # stopped: the time no longer moves


def test_timer_start_twice_keeps_the_first_start_and_restart_resets():
    clock = FakeClock()
    timer = RehearsalTimer(clock=clock)
    timer.start()
    clock.now += 5
    timer.start()
    clock.now += 5
    assert timer.stop() == pytest.approx(10)
    assert timer.stop() == pytest.approx(10)  # stopping again changes nothing
    timer.start()
    assert timer.elapsed == 0
    clock.now += 3
    assert timer.stop() == pytest.approx(3)
    timer.reset()
    assert timer.elapsed == 0 and timer.started_at is None and not timer.running


def test_timer_uses_monotonic_clock_by_default():
    import time

    assert RehearsalTimer().clock is time.monotonic


# --- progress --------------------------------------------------------------


def test_progress_summary(sample_session_path):
    from closer_widgets.session import Session

    plan = Session.load(sample_session_path).plan
    summary = progress_summary(plan)
    assert summary == {
        "attempt": [1, 2],
        "seconds": [74.2, 61.5],
        "confidence": [3, 4],
        "parts": [4, 7],
    }
    assert progress_summary(ClosingPlan()) == {
        "attempt": [],
        "seconds": [],
        "confidence": [],
        "parts": [],
    }
