"""Delivery coaching: the notes a recorded take gets, rule by rule, at each boundary."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from closer_widgets.content import ADVICE_IDS, DATA_DIR
from closer_widgets.delivery import (
    DELIVERY,
    DELIVERY_IDS,
    DeliveryNote,
    coach_take,
    latest_take,
    load_delivery,
)
from closer_widgets.errors import ContentError
from closer_widgets.plan import ClosingPlan, clean_attempt

# A clean full-length take: 78 s from the first word to the last (inside 60-90 s),
# a 1 s lead-in, 140 words a minute, two short pauses (1.5 a minute).
CLEAN = {
    "seconds": 80.0,
    "speaking_seconds": 70.0,
    "pauses": 2,
    "longest_pause": 1.5,
    "lead_silence": 1.0,
    "trail_silence": 1.0,
    "words_per_minute": 140,
}


def take(**numbers) -> dict:
    """A recorded take as the plan keeps it, with ``numbers`` changed from :data:`CLEAN`."""
    return clean_attempt({**CLEAN, **numbers, "source": "recording"})


def spoken(length: float, **numbers) -> dict:
    """A take whose first word to last lasts ``length`` seconds (1 s of silence each side)."""
    speaking = min(CLEAN["speaking_seconds"], length)
    return take(seconds=length + 2, speaking_seconds=speaking, **numbers)


def ids(attempt, length="full") -> list[str]:
    return [note.id for note in coach_take(attempt, length)]


def test_a_clean_take_gets_no_note():
    assert coach_take(take(), "full") == ()


def test_a_timed_attempt_gets_no_note():
    timed = clean_attempt({"seconds": 200, "said": [], "mistakes": [], "confidence": 3})
    assert timed["source"] == "timer"
    assert coach_take(timed, "full") == ()


# --- each rule at its boundary: a table of numbers ------------------------------------


@pytest.mark.parametrize(
    ("attempt", "length", "expected"),
    [
        # Length, judged from the first word to the last against the plan's target.
        (spoken(90.0), "full", []),
        (spoken(90.1), "full", ["too_long"]),
        (spoken(60.0), "full", []),
        (spoken(59.9), "full", ["too_short"]),
        (spoken(45.0, words_per_minute=140), "short", []),
        (spoken(45.1), "short", ["too_long"]),
        (spoken(30.0), "short", []),
        (spoken(29.9), "short", ["too_short"]),
        # Silence before and after the words is not part of the close.
        (take(seconds=95, lead_silence=2.5, trail_silence=2.5), "full", []),
        # A slow start: over 3 s before the first word.
        (take(lead_silence=3.0, trail_silence=0.0), "full", []),
        (take(lead_silence=3.1, trail_silence=0.0), "full", ["slow_start"]),
        # Pace: over 170 is rushed, under 110 slow; the ends are fine.
        (take(words_per_minute=170), "full", []),
        (take(words_per_minute=171), "full", ["rushed"]),
        (take(words_per_minute=110), "full", []),
        (take(words_per_minute=109), "full", ["slow"]),
        (take(words_per_minute=None), "full", []),
        # One pause of 3 s or more.
        (take(longest_pause=2.9), "full", []),
        (take(longest_pause=3.0), "full", ["long_pause"]),
        # More than 4 pauses of a second or more per minute, first word to last.
        (spoken(60.0, pauses=4), "full", []),
        (spoken(60.0, pauses=5), "full", ["many_pauses"]),
        (spoken(30.0, pauses=2), "short", []),
        (spoken(30.0, pauses=3), "short", ["many_pauses"]),
    ],
)
def test_each_rule_at_its_boundary(attempt, length, expected):
    assert ids(attempt, length) == expected


def test_several_notes_come_in_the_order_of_the_file():
    attempt = spoken(100, words_per_minute=190, pauses=9, longest_pause=4)
    assert ids(attempt) == ["too_long", "rushed", "long_pause", "many_pauses"]
    attempt = take(seconds=100, lead_silence=6, trail_silence=0, words_per_minute=90)
    assert ids(attempt) == ["too_long", "slow_start", "slow"]
    order = [row.id for row in load_delivery()]
    assert order == list(DELIVERY_IDS)


@pytest.mark.parametrize("speaking", [0.0, 0.9])
def test_a_take_without_speech_gets_only_that_note(speaking):
    silent = take(seconds=40, speaking_seconds=speaking, lead_silence=40, trail_silence=0)
    notes = coach_take(silent, "full")
    assert [note.id for note in notes] == ["no_speech"]
    assert "0:40" in notes[0].message and "microphone" in notes[0].try_next
    assert "no_speech" not in ids(take(speaking_seconds=1.0))


# --- what a note says -----------------------------------------------------------------


def test_messages_carry_the_numbers_in_words():
    notes = {n.id: n for n in coach_take(spoken(95, pauses=8, longest_pause=3.5), "full")}
    assert "1:35" in notes["too_long"].message and "60-90 s" in notes["too_long"].message
    assert "full close" in notes["too_long"].message
    assert "3.5 seconds" in notes["long_pause"].message
    assert "8 pauses" in notes["many_pauses"].message
    assert "5.1 a minute" in notes["many_pauses"].message
    slow_start = coach_take(take(lead_silence=4.2, trail_silence=0), "full")[0]
    assert slow_start.message.startswith("4.2 seconds")


@pytest.mark.parametrize(("pace", "note"), [(185, "rushed"), (95, "slow")])
def test_pace_notes_say_they_are_an_estimate_from_the_script(pace, note):
    (found,) = coach_take(take(words_per_minute=pace), "full")
    assert found.id == note
    assert f"about {pace} words a minute" in found.message
    assert "estimate" in found.message and "script" in found.message


def test_every_note_explains_why_and_what_to_try_and_serves_practice_aloud():
    rows = load_delivery()
    assert {row.id for row in rows} == set(DELIVERY_IDS)
    for row in rows:
        assert len(row.why) > 40 and len(row.try_next) > 40 and len(row.rule) > 20, row.id
        advice = row.advice.split(";")
        assert "A11" in advice and set(advice) <= set(ADVICE_IDS), row.id


def test_the_documented_thresholds():
    thresholds = {row.id: row.threshold for row in load_delivery()}
    assert thresholds == {
        "no_speech": 1,
        "too_long": 0,
        "too_short": 0,
        "slow_start": 3,
        "rushed": 170,
        "slow": 110,
        "long_pause": 3,
        "many_pauses": 4,
    }


def test_a_note_is_a_frozen_value():
    (note,) = coach_take(take(longest_pause=5), "full")
    assert isinstance(note, DeliveryNote) and note.advice == ("A11",)
    assert [field.name for field in dataclasses.fields(note)] == [
        "id",
        "title",
        "message",
        "why",
        "try_next",
        "advice",
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        note.title = "changed"


def test_pure_and_deterministic():
    attempt = spoken(100, words_per_minute=190, pauses=9)
    before = dict(attempt)
    assert coach_take(attempt, "full") == coach_take(attempt, "full")
    assert attempt == before


def test_the_length_target_may_be_given_by_the_plan():
    attempt = spoken(50)
    assert ids(attempt, ClosingPlan(length="full")) == ["too_short"]
    assert ids(attempt, ClosingPlan(length="short")) == ["too_long"]


def test_latest_take_skips_timed_attempts():
    timed = clean_attempt({"seconds": 70})
    first, second = take(seconds=81), take(seconds=82)
    assert latest_take([]) is None and latest_take([timed]) is None
    assert latest_take([first, second, timed]) is second


# --- the file is data a counsellor may edit -------------------------------------------


def copy_with(tmp_path, old: str, new: str):
    path = tmp_path / DELIVERY.filename
    text = (DATA_DIR / DELIVERY.filename).read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_an_edited_threshold_changes_the_rule(tmp_path):
    path = copy_with(tmp_path, ",A11;A12,170,", ",A11;A12,150,")
    rows = load_delivery(path)
    assert [n.id for n in coach_take(take(words_per_minute=160), "full", rows)] == ["rushed"]
    assert "above 150" in coach_take(take(words_per_minute=160), "full", rows)[0].message


@pytest.mark.parametrize(
    ("old", "new", "column", "problem"),
    [
        ("{longest}", "{longest_s}", "message", "not a known placeholder"),
        ("{longest}", "{longest", "message", "brace"),
        (",A11;A12,170,", ",A11;A12,fast,", "threshold", "not a number"),
        (",A11;A12,170,", ",A11;A12,-5,", "threshold", "outside"),
        (",A11;A12,170,", ",A99,170,", "advice", "advice ids"),
        ("\nrushed,", "\nhurried,", "id", "not one of"),
    ],
)
def test_a_bad_cell_names_file_row_and_column(tmp_path, old, new, column, problem):
    path = copy_with(tmp_path, old, new)
    with pytest.raises(ContentError) as info:
        load_delivery(path)
    message = str(info.value)
    assert message.startswith("delivery.csv, row ") and f"column '{column}'" in message
    assert problem in message and "\n" not in message


def test_a_missing_note_is_named(tmp_path):
    path = tmp_path / DELIVERY.filename
    shutil.copy(DATA_DIR / DELIVERY.filename, path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("slow,")), "utf-8")
    with pytest.raises(ContentError, match="delivery.csv, column 'id': no row for slow"):
        load_delivery(path)
