"""The rehearsal view, driven as the browser would, without a browser.

Values are set and buttons clicked; the assertions read the view's public traits,
the plan and the coaching model.
"""

from __future__ import annotations

from html import escape

import pytest
from ipywidgets import HTML, Checkbox, Play, ToggleButtons

from closer_widgets import export
from closer_widgets.coaching import Coaching
from closer_widgets.content import ELEMENT_IDS, load_elements, load_mistakes
from closer_widgets.readiness import readiness
from closer_widgets.rehearse import self_check_ids
from closer_widgets.session import Session
from closer_widgets.views.rehearse import NO_CUES, RehearsalView, progress_svg

# The close of eight sentences: the screen kept 6 of them by position and
# dropped the strengths recap and the next-steps question; print kept all 8.
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
    return RehearsalView(plan, clock=clock, debounce=0)


def _timed_attempt(view, clock, seconds=72.0):
    view.start_button.click()
    clock.now += seconds
    view.stop_button.click()


def _rehearsed(plan) -> bool:
    return next(c for c in readiness(plan, analyse=False) if c.step == "rehearse").done


def test_buttons_and_hooks(view):
    assert "closer-timer-start" in view.start_button._dom_classes
    assert "closer-timer-stop" in view.stop_button._dom_classes
    assert "closer-save-attempt" in view.save_button._dom_classes
    assert "closer-attempts" in view._attempts._dom_classes
    assert view.stop_button.disabled and not view.start_button.disabled
    assert not view.self_check_open  # the self-check waits for a timed attempt


def test_every_input_has_a_label(view):
    inputs = [view.cue_mode, view.length, view.confidence]
    inputs += list(view.said_boxes.values()) + list(view.mistake_boxes.values())
    for widget in inputs:
        assert widget.description.strip()


def test_start_then_stop_measures_with_the_clock(view, clock):
    view.start_button.click()
    assert view.timer.running
    assert view.start_button.disabled and not view.stop_button.disabled
    assert view._ticker.playing and view._ticker.interval == 1000
    clock.now += 65.4
    view.stop_button.click()
    assert not view.timer.running
    assert view.timer.elapsed == pytest.approx(65.4)
    assert not view._ticker.playing
    assert view.stop_button.disabled and not view.start_button.disabled
    assert view.self_check_open
    assert view.verdict == "on_target"
    assert "1:05" in view._clock.value
    assert "target window" in view._status.value


def test_ticks_refresh_the_display_from_the_clock(view, clock):
    view.start_button.click()
    clock.now += 3
    view._ticker.set_state({"value": 3})  # the browser's Play widget ticking
    assert "0:03" in view._clock.value
    clock.now += 61
    view._ticker.set_state({"value": 4})  # a lagging tick still shows the true time
    assert "1:04" in view._clock.value


# --- one length target -----------------------------------------------------------


def test_the_length_toggle_is_the_plans_one_target(view, plan, clock):
    assert view.length.value == plan.length == "full"
    assert "60-90 s" in view._target.value
    view.length.value = "short"
    assert plan.length == "short"
    assert "30-45 s" in view._target.value
    # The 63 s close: too long for a short close, wherever it is judged.
    _timed_attempt(view, clock, 63)
    assert view.verdict == "long" and "longer than the target" in view._status.value
    plan.length = "full"  # chosen elsewhere (the statement step, a loaded session)
    assert view.length.value == "full"
    assert "60-90 s" in view._target.value


def test_statement_and_rehearsal_steps_show_the_same_target(plan, clock):
    from closer_widgets.views.statement import StatementView

    statement = StatementView(plan, debounce=0)
    rehearse = RehearsalView(plan, clock=clock, debounce=0)
    statement.length.value = "short"
    assert rehearse.length.value == "short" and "30-45 s" in rehearse._target.value
    rehearse.length.value = "full"
    assert statement.length.value == "full" and plan.length == "full"


# --- too short to count ----------------------------------------------------------


def test_a_four_second_attempt_is_refused_beside_save(view, plan, clock):
    assert not _rehearsed(plan)
    _timed_attempt(view, clock, 4)
    assert view.verdict == "too_short"
    assert "too short to count as a rehearsal" in view._status.value
    for box in view.said_boxes.values():
        box.value = True
    view.confidence.value = 5
    view.save_button.click()
    assert plan.rehearsals == []
    assert "not counted as a rehearsal" in view.problem
    assert "Traceback" not in view.problem and "\n" not in view.problem
    assert view.problem in view._problem.value.replace("&#x27;", "'")
    assert view._problem.layout.display is None
    assert "closer-error" in view._problem._dom_classes
    assert view._save_row.children == (view.save_button, view._problem)  # side by side
    assert not _rehearsed(plan)
    assert all(box.value for box in view.said_boxes.values())  # nothing to tick twice
    # A real attempt then saves, clears the message and counts.
    _timed_attempt(view, clock, 70)
    view.confidence.value = 4
    view.save_button.click()
    assert len(plan.rehearsals) == 1 and view.problem == ""
    assert view._problem.layout.display == "none"
    assert "closer-error" not in view._problem._dom_classes
    assert _rehearsed(plan)


def test_save_without_rating_explains_and_keeps_the_ticks(view, plan, clock):
    _timed_attempt(view, clock, 50)
    view.said_boxes["ask"].value = True
    view.save_button.click()
    assert plan.rehearsals == []
    assert "Rate your confidence" in view.problem
    assert view.said_boxes["ask"].value  # nothing to enter twice
    view.confidence.value = 2
    view.save_button.click()
    assert plan.rehearsals[0]["said"] == ["ask"]
    assert view.problem == ""


def test_save_before_timing_explains(view, plan):
    view.confidence.value = 3
    view.save_button.click()
    assert plan.rehearsals == []
    assert "start the timer" in view.problem


# --- the self-check --------------------------------------------------------------


def test_self_check_lists_parts_then_mistakes_one_can_judge_alone(view):
    titles = dict(zip(load_elements()["id"], load_elements()["title"], strict=True))
    assert list(view.said_boxes) == list(ELEMENT_IDS)
    assert [box.description for box in view.said_boxes.values()] == [titles[i] for i in ELEMENT_IDS]
    assert tuple(view.mistake_boxes) == self_check_ids()
    assert {"rushing", "filler-words", "reading-from-notes", "running-long"} <= set(
        view.mistake_boxes
    )
    # Not the parts again (7 of the 17 old boxes), nor what cannot be judged alone.
    for repeated in ("no-thanks", "no-recap", "no-next-steps", "no-contact-details"):
        assert repeated not in view.mistake_boxes
    for not_alone in ("ignoring-red-flags", "going-flat", "sloppy-exit"):
        assert not_alone not in view.mistake_boxes
    part_titles = {box.description for box in view.said_boxes.values()}
    assert not part_titles & {box.description for box in view.mistake_boxes.values()}
    assert all(isinstance(box, Checkbox) for box in view.mistake_boxes.values())
    assert isinstance(view.confidence, ToggleButtons)
    assert [value for _, value in view.confidence.options] == [1, 2, 3, 4, 5]


def test_tick_boxes_and_save_attempt(view, plan, clock):
    _timed_attempt(view, clock, 72.0)
    view.said_boxes["interest"].set_state({"value": True})
    view.said_boxes["thanks"].value = True
    view.mistake_boxes["pushy"].value = True
    view.mistake_boxes["filler-words"].value = True
    view.confidence.set_state({"index": 3})
    view.save_button.click()
    assert len(plan.rehearsals) == 1
    attempt = plan.rehearsals[0]
    assert attempt["seconds"] == pytest.approx(72.0)
    assert attempt["said"] == ["interest", "thanks"]
    assert attempt["mistakes"] == ["pushy", "filler-words"]
    assert attempt["confidence"] == 4
    # The list shows the attempt; the form is ready for the next one.
    rows = view._attempts.children
    assert len(rows) == 1 and "closer-attempt" in rows[0]._dom_classes
    assert "1:12" in rows[0].value and "Pushing for a decision" in rows[0].value
    assert "Filler words" in rows[0].value
    assert "<svg" in view._chart.value
    assert not any(box.value for box in view.said_boxes.values())
    assert view.confidence.value is None
    assert not view.self_check_open
    assert view.timer.elapsed == 0 and view.verdict == ""
    assert "Attempt 1 saved" in view._status.value


def test_attempts_keep_mistakes_that_are_not_in_the_self_check(view, plan, sample_session_path):
    assert "No attempts yet" in view._attempts.children[0].value
    plan.update_from_dict(Session.load(sample_session_path).plan.to_dict())
    rows = view._attempts.children
    assert [("closer-attempt" in r._dom_classes) for r in rows] == [True, True]
    assert "Reading the close from notes" in rows[0].value
    plan.rehearsals = [
        {"seconds": 70, "said": [], "mistakes": ["ignoring-red-flags"], "confidence": 3}
    ]
    assert "Ignoring red flags" in view._attempts.children[0].value


# --- the cue card ------------------------------------------------------------------


def test_cue_card_keeps_every_part_the_same_on_screen_and_in_print(plan, clock):
    plan.statement = EIGHT
    view = RehearsalView(plan, clock=clock, debounce=0)
    coaching = Coaching.of(plan)
    assert view.cues == coaching.cue_card
    assert len(view.cues) == sum(coaching.feedback.elements.values()) == 7
    assert any("SQL" in cue for cue in view.cues)  # the strengths recap
    assert any("next steps" in cue for cue in view.cues)  # the next-steps question
    printed = export.statement_cues(plan.statement, company=plan.company, role=plan.role)
    assert printed == view.cues
    page = export.to_cue_card_html(plan)
    screen = view._cue.value
    for cue in view.cues:
        assert f"<li>{escape(cue)}</li>" in page
        assert f"<li>{escape(cue)}</li>" in screen


def test_cue_card_switches_and_follows_the_statement(view, plan):
    assert "<li>" in view._cue.value and "Sam" in view._cue.value
    assert "Thank you, Sam" not in view._cue.value
    view.cue_mode.value = "full"
    assert "Thank you, Sam, for your time today." in view._cue.value
    view.cue_mode.value = "cues"
    plan.statement = "I really want this analyst job at Contoso."
    assert any("Contoso" in cue for cue in view.cues) and "Contoso" in view._cue.value
    plan.statement = "Um. Uh. So."
    assert view.cues == [] and escape(NO_CUES, quote=True) in view._cue.value
    plan.statement = ""
    assert "Statement step" in view._cue.value


def test_a_hidden_rehearse_step_does_no_work_while_the_statement_changes(view, plan):
    view.active = False
    before = view.renders
    for n in range(5):
        plan.statement = f"Thank you for your time. I want this job at Contoso {n}."
    assert view.renders == before
    assert not any("Contoso" in cue for cue in view.cues)  # drawn later, not now
    view.active = True
    assert view.renders == before + 1
    assert any("Contoso 4" in cue for cue in view.cues)


def test_user_text_is_escaped(plan, clock):
    plan.statement = "I <script>alert(1)</script> want it at <b>Acme</b>."
    view = RehearsalView(plan, clock=clock, debounce=0)
    for mode in ("cues", "full"):
        view.cue_mode.value = mode
        assert "<script>" not in view._cue.value and "<b>Acme" not in view._cue.value
    plan.rehearsals = [
        {"seconds": 10, "said": ["<i>x</i>"], "mistakes": ["<script>bad</script>"], "confidence": 3}
    ]
    row = view._attempts.children[0].value
    assert "<script>" not in row and "&lt;script&gt;" in row


def test_progress_svg_draws_one_bar_pair_per_attempt():
    svg = progress_svg(
        {
            "attempt": [1, 2, 3],
            "seconds": [95.0, 80.0, 70.0],
            "confidence": [2, 3, 5],
            "parts": [3, 5, 7],
            "source": ["timer", "timer", "timer"],
        },
        (60, 90),
    )
    assert svg.startswith("<svg") and svg.count("<rect") == 1 + 3 * 2
    assert "1:35" in svg and "5/5" in svg
    empty = {"attempt": [], "seconds": [], "confidence": [], "parts": [], "source": []}
    assert progress_svg(empty, (60, 90)) == ""
    many = {key: list(range(1, 31)) for key in ("attempt", "seconds", "confidence", "parts")}
    many["source"] = ["timer"] * 30
    assert progress_svg(many, (60, 90)).count("<title>Attempt") == 2 * 12


def test_a_recorded_take_has_a_time_bar_but_no_rating_bar():
    svg = progress_svg(
        {
            "attempt": [1, 2],
            "seconds": [70.0, 65.0],
            "confidence": [4, 0],
            "parts": [7, 0],
            "source": ["timer", "recording"],
        },
        (60, 90),
    )
    assert svg.count(": confidence") == 1 and "0/5" not in svg and "rec." in svg


def test_ticker_is_a_hidden_play_widget(view):
    assert isinstance(view._ticker, Play)
    assert view._ticker.layout.display == "none"
    assert isinstance(view._clock, HTML)


def test_no_after_interview_mistakes_in_the_self_check(view):
    mistakes = load_mistakes().set_index("id")
    assert all(mistakes.loc[key, "phase"] != "after" for key in view.mistake_boxes)
    assert all(bool(mistakes.loc[key, "self_check"]) for key in view.mistake_boxes)
