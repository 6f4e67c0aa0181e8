"""Rehearsal logic: cue cards, target windows, attempts and the timer."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from closer_widgets.content import ELEMENT_IDS, mistake_records
from closer_widgets.feedback import analyze
from closer_widgets.plan import MAX_ITEMS, ClosingPlan
from closer_widgets.rehearse import (
    MAX_WORDS_PER_CUE,
    RehearsalTimer,
    cue_card,
    cue_parts,
    format_seconds,
    mistake_ids,
    progress_summary,
    record_attempt,
    record_take,
    self_check_ids,
    self_check_mistakes,
    shortest_attempt,
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

# The statement of the issue: eight sentences, the on-screen card used to drop the
# strengths recap and the next-steps question (6 of 8 picked by position).
EIGHT = (
    "Thank you, Sam, for your time today. "
    "Hearing about the patient-outcomes dashboard made me even more keen on this role. "
    "I rebuilt our clinic's reporting last year and cut the monthly close from four days to one. "
    "To sum up, I bring three years of SQL and Python on messy operational data. "
    "You asked about the cloud warehouse: I moved our reports to BigQuery last spring "
    "and I have already finished the course for your platform. "
    "Is there anything about my background you'd like me to clear up before you decide? "
    "And what are the next steps, and when do you expect to make a decision? "
    "Could I have your email so I can follow up?"
)


def found_in_order(text, feedback):
    """The elements the analyzer found, in the order their first sentence is said."""
    order = []
    for sentence in feedback.sentences:
        for label in sentence.labels:
            if label in ELEMENT_IDS and label not in order:
                order.append(label)
    return order


def test_cue_card_has_one_cue_per_part_in_the_order_spoken():
    feedback = analyze(STATEMENT)
    parts = cue_parts(STATEMENT, feedback)
    assert [cue.element for cue in parts] == found_in_order(STATEMENT, feedback)
    assert [cue.element for cue in parts] == ["thanks", "interest", "skills", "next_steps"]
    assert [cue.start for cue in parts] == sorted(cue.start for cue in parts)
    bullets = cue_card(STATEMENT)
    assert bullets == [cue.text for cue in parts]
    assert "Sam" in bullets[0] and "Thank" in bullets[0]
    assert "Northwind" in bullets[1] and "Health" in bullets[1]
    # The recap is said over two sentences: one cue, with its names and numbers.
    assert "40%" in bullets[2] and "three years" in bullets[2] and "SQL" in bullets[2]
    assert "next steps" in bullets[3]
    words = " ".join(bullets).lower().split()
    for filler in ("really", "basically", "the", "and", "i", "you", "your"):
        assert filler not in words


def test_cue_card_keeps_every_part_of_the_eight_sentence_close():
    feedback = analyze(EIGHT, company="Northwind Health", role="Data Analyst")
    found = [e for e in ELEMENT_IDS if feedback.elements[e]]
    parts = cue_parts(EIGHT, feedback)
    assert sorted(cue.element for cue in parts) == sorted(found)
    assert len(parts) == len(found) == 7
    assert [cue.element for cue in parts] == found_in_order(EIGHT, feedback)
    cues = dict((cue.element, cue.text) for cue in parts)
    assert "SQL" in cues["skills"] and "Python" in cues["skills"]  # the strengths recap
    assert "next steps" in cues["next_steps"]  # the next-steps question
    # The doubt answered: its cue is drawn from the sentence that answers it.
    answer = next(s for s in EIGHT.split(". ") if "BigQuery" in s).lower()
    assert all(word.lower() in answer for word in cues["concerns"].split())
    assert "email" in cues["contact"]


def test_cue_card_bullets_are_short_and_deterministic():
    first = cue_card(EIGHT)
    assert first == cue_card(EIGHT)
    assert all(1 <= len(b.split()) <= MAX_WORDS_PER_CUE for b in first)


def test_cue_card_uses_the_feedback_it_is_given(monkeypatch):
    feedback = analyze(EIGHT)
    expected = cue_card(EIGHT)

    def no_analysis(*args, **kwargs):
        raise AssertionError("the feedback passed in must be used, not worked out again")

    monkeypatch.setattr("closer_widgets.feedback.analyze", no_analysis)
    assert cue_card(EIGHT, feedback=feedback) == expected
    assert cue_card(EIGHT, feedback) == expected


def test_two_parts_in_one_sentence_get_a_cue_each():
    text = "Thanks so much for your time, I really want this role at Contoso."
    parts = cue_parts(text)
    assert [cue.element for cue in parts] == ["thanks", "interest"]
    thanks, interest = (cue.text for cue in parts)
    assert "Thanks" in thanks and "Contoso" not in thanks
    assert "want" in interest and "Contoso" in interest and "Thanks" not in interest


def test_a_sentence_carrying_no_part_is_left_out():
    text = (
        "Thank you for your time today, Priya. The weather was lovely on the way in. "
        "I want this analyst role at Contoso. What are the next steps?"
    )
    bullets = cue_card(text)
    assert len(bullets) == 3
    assert not any("weather" in b.lower() or "lovely" in b.lower() for b in bullets)
    assert "Priya" in bullets[0] and "Contoso" in bullets[1] and "next steps" in bullets[2]


def test_cue_card_of_sample_statement(sample_session_path):
    plan = json.loads(sample_session_path.read_text())["plan"]
    feedback = analyze(plan["statement"], company=plan["company"], role=plan["role"])
    parts = cue_parts(plan["statement"], feedback)
    assert [cue.element for cue in parts] == found_in_order(plan["statement"], feedback)
    assert {cue.element for cue in parts} == {e for e in ELEMENT_IDS if feedback.elements[e]}
    assert any("Northwind" in cue.text for cue in parts)


def test_too_few_lines_share_them_rather_than_drop_a_part():
    cues = cue_card(EIGHT)
    three = cue_card(EIGHT, max_bullets=3)
    assert len(three) == 3
    assert " · ".join(three) == " · ".join(cues)  # every cue kept, in order
    assert cue_card(EIGHT, max_bullets=8) == cues


def test_a_text_with_no_part_still_gets_a_short_card():
    text = " ".join(f"Point number {n} about Project{n} matters." for n in range(1, 11))
    parts = cue_parts(text)
    assert all(cue.element == "" for cue in parts)
    assert len(parts) == len(ELEMENT_IDS)
    assert "Project1" in parts[0].text and "Project10" in parts[-1].text


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
    assert attempt["source"] == "timer"


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
        "source": ["timer", "timer"],
    }
    assert progress_summary(ClosingPlan()) == {
        "attempt": [],
        "seconds": [],
        "confidence": [],
        "parts": [],
        "source": [],
    }
    record_take(plan, dict(TAKE))
    summary = progress_summary(plan)
    # A recorded take is not self-rated: 0, with its source to tell it from a rating.
    assert summary["confidence"][-1] == 0 and summary["parts"][-1] == 0
    assert summary["source"] == ["timer", "timer", "recording"]


# --- one length target -------------------------------------------------------


def test_windows_follow_the_plans_one_length_target():
    plan = ClosingPlan()
    assert plan.length == "full"
    assert target_window(plan) == (60, 90) and word_window(plan) == (140, 210)
    # The 63 s close: on target for a full close, too long for a short one,
    # whichever step asks, because both read plan.length.
    assert time_verdict(63, plan) == "on_target"
    plan.length = "short"
    assert target_window(plan) == (30, 45) and word_window(plan) == (70, 105)
    assert time_verdict(63, plan) == "long"
    assert time_verdict(63, plan.length) == "long"


# --- too short to be a rehearsal -------------------------------------------


def test_a_four_second_attempt_with_every_part_ticked_is_not_a_rehearsal():
    from closer_widgets.readiness import readiness

    plan = ClosingPlan()
    with pytest.raises(ValueError, match="not counted as a rehearsal") as info:
        record_attempt(plan, 4, list(ELEMENT_IDS), [], 5)
    message = str(info.value)
    assert "0:04" in message and "60-90 s" in message and "\n" not in message
    assert plan.rehearsals == []
    rehearse = next(check for check in readiness(plan, analyse=False) if check.step == "rehearse")
    assert not rehearse.done
    assert time_verdict(4, plan) == "too_short"


@pytest.mark.parametrize(
    ("length", "refused", "counted"), [("full", 11.9, 12.0), ("short", 5.9, 6.0)]
)
def test_the_shortest_rehearsal_is_a_fifth_of_the_targets_low_end(length, refused, counted):
    plan = ClosingPlan(length=length)
    assert shortest_attempt(plan) == target_window(length)[0] / 5 == counted
    with pytest.raises(ValueError, match="under a fifth"):
        record_attempt(plan, refused, ["thanks"], [], 3)
    assert plan.rehearsals == []
    assert time_verdict(refused, plan) == "too_short"
    record_attempt(plan, counted, ["thanks"], [], 3)
    assert [a["seconds"] for a in plan.rehearsals] == [counted]
    assert time_verdict(counted, plan) == "short"


# --- the self-check ----------------------------------------------------------

# Mistakes that only repeat a closing part (ticked on their own) or that cannot be
# judged alone, while practising: never in the self-check.
REPEATS_A_PART = {
    "ending-too-quickly",
    "no-next-steps",
    "no-contact-details",
    "never-saying-it",
    "unanswered-doubt",
    "no-thanks",
    "no-recap",
}
NEEDS_THE_INTERVIEWER = {"ignoring-red-flags", "going-flat", "sloppy-exit", "wrong-ask"}


def test_self_check_lists_what_one_can_judge_alone_while_practising():
    ids = self_check_ids()
    assert ids == tuple(row.id for row in self_check_mistakes())
    assert {"rushing", "filler-words", "trailing-off", "apologising", "reading-from-notes"} <= set(
        ids
    )
    assert not set(ids) & REPEATS_A_PART
    assert not set(ids) & NEEDS_THE_INTERVIEWER
    assert all(row.phase != "after" for row in self_check_mistakes())
    assert 6 <= len(ids) <= 12  # a glance's worth of boxes, not seventeen


def test_every_mistake_row_says_whether_it_is_self_checkable():
    rows = mistake_records()
    assert all(row.self_check in (True, False) for row in rows)
    # The rows others read (review, class report, notebooks) are all still there.
    assert REPEATS_A_PART | NEEDS_THE_INTERVIEWER <= {row.id for row in rows}
    assert set(self_check_ids()) <= set(mistake_ids())


def test_a_bad_self_check_cell_names_file_row_and_column(tmp_path):
    from closer_widgets.content import MISTAKES, load_records
    from closer_widgets.errors import ContentError

    path = tmp_path / "mistakes.csv"
    path.write_text(
        "id,title,what,how_to_avoid,phase,advice,self_check\n"
        "rushing,Rushing,Too fast.,Slow down.,close,A11,1\n"
        "mumbling,Mumbling,Too quiet.,Speak up.,close,A11,\n"
        "odd,Odd,Odd.,Odd.,close,A11,maybe\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=r"mistakes\.csv, row 4, column 'self_check'"):
        load_records(MISTAKES, path)
    path.write_text("\n".join(path.read_text().splitlines()[:3]) + "\n", encoding="utf-8")
    rows = load_records(MISTAKES, path)
    assert [bool(row.self_check) for row in rows] == [True, False]  # empty counts as no


# --- record_take: a take recorded in the browser, as numbers ---------------------------

TAKE = {
    "seconds": 75.04,
    "speaking_seconds": 60.0,
    "pauses": 3,
    "longest_pause": 2.26,
    "lead_silence": 1.5,
    "trail_silence": 2.0,
}

WORDS_140 = " ".join(["word"] * 139 + ["don't"])  # 140 spoken words ("don't" is one)


def test_record_take_appends_a_recorded_attempt():
    plan = ClosingPlan(statement=WORDS_140)
    stamp = dt.datetime(2026, 12, 1, 18, 0, tzinfo=dt.timezone.utc)
    attempt = record_take(plan, dict(TAKE), now=stamp)
    assert plan.rehearsals == [attempt]
    assert attempt == {
        "seconds": 75.0,
        "said": [],
        "mistakes": [],
        "confidence": 0,
        "at": "2026-12-01T18:00:00+00:00",
        "source": "recording",
        "speaking_seconds": 60.0,
        "longest_pause": 2.3,
        "lead_silence": 1.5,
        "trail_silence": 2.0,
        "pauses": 3,
        "words_per_minute": 140,
    }
    json.dumps(attempt, allow_nan=False)  # plain JSON, as the session file keeps it


@pytest.mark.parametrize(
    ("statement", "speaking", "pace"),
    [
        (WORDS_140, 60.0, 140),
        (WORDS_140, 42.0, 200),
        ("", 60.0, None),  # no script: nothing to estimate from
        ("   ", 60.0, None),
        (WORDS_140, 0.0, None),  # no speech
        (WORDS_140, 6.0, None),  # 1400 a minute: not the script that was said
        ("Thank you for your time.", 60.0, None),  # 5 a minute: nor here
    ],
)
def test_the_pace_is_an_estimate_from_the_script(statement, speaking, pace):
    plan = ClosingPlan(statement=statement)
    attempt = record_take(plan, {**TAKE, "speaking_seconds": speaking})
    assert attempt["words_per_minute"] == pace


def test_only_the_numbers_of_a_take_are_kept():
    plan = ClosingPlan()
    attempt = record_take(plan, {**TAKE, "audio": "UklGRiQAAABXQVZF", "said": ["ask"]})
    assert "audio" not in attempt and attempt["said"] == []
    assert "audio" not in json.dumps(plan.to_dict())


def test_pauses_may_arrive_as_a_whole_float():
    attempt = record_take(ClosingPlan(), {**TAKE, "pauses": 4.0})
    assert attempt["pauses"] == 4 and isinstance(attempt["pauses"], int)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"seconds": None}, "length was not measured"),
        ({"speaking_seconds": "60"}, "speaking time was not measured"),
        ({"pauses": True}, "count of pauses was not measured"),
        ({"longest_pause": float("nan")}, "longest pause was not measured"),
        ({"lead_silence": float("inf")}, "silence before the first word was not measured"),
        ({"trail_silence": -0.5}, "outside 0-1800"),
        ({"seconds": 1800.5}, "outside 0-1800"),
        ({"pauses": 1001}, "outside 0-1000"),
        ({"seconds": 10**400}, "outside 0-1800"),  # valid JSON, too large for a float
        ({"pauses": 2.5}, "not a whole number"),
        ({"pauses": -1}, "outside 0-1000"),
        ({"speaking_seconds": 80.0}, "longer than the take itself"),
        ({"lead_silence": 76.0}, "longer than the take itself"),
        ({"longest_pause": 75.1}, "longer than the take itself"),
    ],
)
def test_record_take_refuses_a_bad_take_and_keeps_the_plan(change, message):
    plan = ClosingPlan(statement=WORDS_140)
    record_take(plan, dict(TAKE))
    before = plan.to_dict()
    take = {**TAKE, **change}
    with pytest.raises(ValueError, match=message) as info:
        record_take(plan, take)
    assert "\n" not in str(info.value) and str(info.value).endswith(".")
    assert plan.to_dict() == before


def test_a_missing_number_or_no_dict_is_refused():
    plan = ClosingPlan()
    take = dict(TAKE)
    del take["trail_silence"]
    with pytest.raises(ValueError, match="silence after the last word was not measured"):
        record_take(plan, take)
    with pytest.raises(ValueError, match="no measurements"):
        record_take(plan, [75.0, 60.0])
    assert plan.rehearsals == []


@pytest.mark.parametrize(
    ("length", "refused", "counted"), [("full", 11.9, 12.0), ("short", 5.9, 6.0)]
)
def test_a_take_too_short_to_be_a_rehearsal_is_refused_like_a_timed_one(length, refused, counted):
    plan = ClosingPlan(length=length)
    short = {**TAKE, "seconds": refused, "speaking_seconds": refused, "longest_pause": 0}
    short.update(lead_silence=0, trail_silence=0, pauses=0)
    with pytest.raises(ValueError, match="under a fifth") as info:
        record_take(plan, short)
    assert "not counted as a rehearsal" in str(info.value)
    assert plan.rehearsals == []
    record_take(plan, {**short, "seconds": counted})
    assert [a["seconds"] for a in plan.rehearsals] == [shortest_attempt(plan)] == [counted]


def test_record_take_keeps_the_latest_when_full():
    plan = ClosingPlan()
    for _ in range(MAX_ITEMS):
        record_attempt(plan, 70, [], [], 3)
    record_take(plan, dict(TAKE))
    assert len(plan.rehearsals) == MAX_ITEMS
    assert [a["source"] for a in plan.rehearsals[-2:]] == ["timer", "recording"]
