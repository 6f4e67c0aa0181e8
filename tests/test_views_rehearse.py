"""The rehearsal view, driven as the browser would, without a browser."""

from __future__ import annotations

import pytest
from ipywidgets import HTML, Button, Checkbox, Play, ToggleButtons

from closer_widgets.content import ELEMENT_IDS, load_elements, load_mistakes
from closer_widgets.session import Session
from closer_widgets.views.rehearse import RehearsalView, progress_svg


class FakeClock:
    def __init__(self):
        self.now = 500.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def view(plan, clock):
    plan.statement = "Thank you, Sam, for your time today. I want this job at Northwind Health."
    return RehearsalView(plan, clock=clock)


def _timed_attempt(view, clock, seconds=72.0):
    view._start.click()
    clock.now += seconds
    view._stop.click()


def test_buttons_and_hooks(view):
    assert isinstance(view._start, Button) and isinstance(view._stop, Button)
    assert "closer-timer-start" in view._start._dom_classes
    assert "closer-timer-stop" in view._stop._dom_classes
    assert "closer-save-attempt" in view._save._dom_classes
    assert "closer-attempts" in view._attempts._dom_classes
    assert view._stop.disabled and not view._start.disabled
    assert view._check.layout.display == "none"  # the self-check waits for a timed attempt


def test_every_input_has_a_label(view):
    inputs = [view._cue_mode, view._length, view._confidence]
    inputs += list(view._said.values()) + list(view._mistakes.values())
    for widget in inputs:
        assert widget.description.strip()


def test_start_then_stop_measures_with_the_clock(view, clock):
    view._start.click()
    assert view.timer.running
    assert view._start.disabled and not view._stop.disabled
    assert view._ticker.playing and view._ticker.interval == 1000
    clock.now += 65.4
    view._stop.click()
    assert not view.timer.running
    assert view.timer.elapsed == pytest.approx(65.4)
    assert not view._ticker.playing
    assert view._stop.disabled and not view._start.disabled
    assert view._check.layout.display is None
    assert "1:05" in view._clock.value
    assert "target window" in view._status.value


def test_ticks_refresh_the_display_from_the_clock(view, clock):
    view._start.click()
    clock.now += 3
    view._ticker.set_state({"value": 3})  # the browser's Play widget ticking
    assert "0:03" in view._clock.value
    clock.now += 61
    view._ticker.set_state({"value": 4})  # a lagging tick still shows the true time
    assert "1:04" in view._clock.value


def test_verdict_follows_the_chosen_length(view, clock):
    view._length.value = "short"
    assert "30-45 s" in view._target.value
    _timed_attempt(view, clock, 70)
    assert "longer than the target" in view._status.value
    view._length.value = "full"
    assert "60-90 s" in view._target.value


def test_self_check_lists_elements_and_close_mistakes(view):
    titles = dict(zip(load_elements()["id"], load_elements()["title"], strict=True))
    assert list(view._said) == list(ELEMENT_IDS)
    assert [box.description for box in view._said.values()] == [titles[i] for i in ELEMENT_IDS]
    mistakes = load_mistakes()
    close_ids = set(mistakes[mistakes["phase"] == "close"]["id"])
    assert close_ids <= set(view._mistakes)
    assert all(isinstance(box, Checkbox) for box in view._mistakes.values())
    assert isinstance(view._confidence, ToggleButtons)
    assert [value for _, value in view._confidence.options] == [1, 2, 3, 4, 5]


def test_tick_boxes_and_save_attempt(view, plan, clock):
    _timed_attempt(view, clock, 72.0)
    view._said["interest"].set_state({"value": True})
    view._said["thanks"].value = True
    view._mistakes["pushy"].value = True
    view._confidence.set_state({"index": 3})
    view._save.click()
    assert len(plan.rehearsals) == 1
    attempt = plan.rehearsals[0]
    assert attempt["seconds"] == pytest.approx(72.0)
    assert attempt["said"] == ["interest", "thanks"]
    assert attempt["mistakes"] == ["pushy"]
    assert attempt["confidence"] == 4
    # The list shows the attempt; the form is ready for the next one.
    rows = view._attempts.children
    assert len(rows) == 1 and "closer-attempt" in rows[0]._dom_classes
    assert "1:12" in rows[0].value and "Pushing for a decision" in rows[0].value
    assert "<svg" in view._chart.value
    assert not any(box.value for box in view._said.values())
    assert view._confidence.value is None
    assert view._check.layout.display == "none"
    assert view.timer.elapsed == 0
    assert "Attempt 1 saved" in view._status.value


def test_save_without_rating_explains_and_keeps_the_ticks(view, plan, clock):
    _timed_attempt(view, clock, 50)
    view._said["ask"].value = True
    view._save.click()
    assert plan.rehearsals == []
    assert "Rate your confidence" in view._status.value
    assert view._said["ask"].value  # nothing to enter twice
    view._confidence.value = 2
    view._save.click()
    assert plan.rehearsals[0]["said"] == ["ask"]


def test_save_before_timing_explains(view, plan):
    view._confidence.value = 3
    view._save.click()
    assert plan.rehearsals == []
    assert "start the timer" in view._status.value


def test_cue_card_switches_and_follows_the_statement(view, plan):
    assert "<li>" in view._cue.value and "Sam" in view._cue.value
    assert "Thank you, Sam" not in view._cue.value
    view._cue_mode.value = "full"
    assert "Thank you, Sam, for your time today." in view._cue.value
    plan.statement = "Brand new text about Contoso."
    assert "Contoso" in view._cue.value
    plan.statement = ""
    assert "Statement step" in view._cue.value


def test_user_text_is_escaped(plan, clock):
    plan.statement = "I <script>alert(1)</script> want it at <b>Acme</b>."
    view = RehearsalView(plan, clock=clock)
    for mode in ("cues", "full"):
        view._cue_mode.value = mode
        assert "<script>" not in view._cue.value and "<b>Acme" not in view._cue.value
    plan.rehearsals = [
        {"seconds": 10, "said": ["<i>x</i>"], "mistakes": ["<script>bad</script>"], "confidence": 3}
    ]
    row = view._attempts.children[0].value
    assert "<script>" not in row and "&lt;script&gt;" in row


def test_attempts_follow_a_loaded_session(view, plan, sample_session_path):
    assert "No attempts yet" in view._attempts.children[0].value
    plan.update_from_dict(Session.load(sample_session_path).plan.to_dict())
    rows = view._attempts.children
    assert [("closer-attempt" in r._dom_classes) for r in rows] == [True, True]
    assert "Reading the close from notes" in rows[0].value


def test_progress_svg_draws_one_bar_pair_per_attempt():
    svg = progress_svg(
        {
            "attempt": [1, 2, 3],
            "seconds": [95.0, 80.0, 70.0],
            "confidence": [2, 3, 5],
            "parts": [3, 5, 7],
        },
        (60, 90),
    )
    assert svg.startswith("<svg") and svg.count("<rect") == 1 + 3 * 2
    assert "1:35" in svg and "5/5" in svg
    assert (
        progress_svg({"attempt": [], "seconds": [], "confidence": [], "parts": []}, (60, 90)) == ""
    )
    many = {key: list(range(1, 31)) for key in ("attempt", "seconds", "confidence", "parts")}
    assert progress_svg(many, (60, 90)).count("<title>Attempt") == 2 * 12


def test_ticker_is_a_hidden_play_widget(view):
    assert isinstance(view._ticker, Play)
    assert view._ticker.layout.display == "none"
    assert isinstance(view._clock, HTML)


def test_rehearsal_mistakes_are_offered_but_not_after_interview_ones(view):
    mistakes = load_mistakes().set_index("id")
    assert {"reading-from-notes", "running-long"} <= set(view._mistakes)
    assert all(mistakes.loc[key, "phase"] != "after" for key in view._mistakes)
