"""AskAdvisorView driven as the browser would: ticks, radio choice and clicks, no browser."""

from __future__ import annotations

import pytest

from closer_widgets.advisor import Advice, Signal, load_signals
from closer_widgets.views.ask import AskAdvisorView, advice_html


@pytest.fixture
def view(plan):
    return AskAdvisorView(plan)


def tick(view, *ids):
    for signal_id in ids:
        view._boxes[signal_id].value = True


def test_a_labelled_checkbox_per_signal(view):
    signals = load_signals()
    assert list(view._boxes) == [
        s.id for p in ("bold", "advance", "mild") for s in signals if s.points == p
    ]
    for signal in signals:
        box = view._boxes[signal.id]
        assert box.description == signal.label
        assert f"closer-signal-{signal.id}" in box._dom_classes
    assert view._read.description and view._level.description and view._own.description


def test_ticks_go_to_the_plan_and_back(view, plan):
    tick(view, "start_dates", "ran_over")
    assert plan.signals == ["ran_over", "start_dates"]
    view._boxes["ran_over"].value = False
    assert plan.signals == ["start_dates"]
    plan.signals = ["met_team", "concern_raised"]
    assert {k for k, box in view._boxes.items() if box.value} == {"met_team", "concern_raised"}


def test_unknown_saved_signal_ids_are_kept(view, plan):
    plan.signals = ["from_an_older_file"]
    tick(view, "engaged")
    assert plan.signals == ["engaged", "from_an_older_file"]


def test_the_advice_follows_the_ticks_and_the_read(view, plan):
    assert plan.interview_read == "unsure"
    assert view.advice.level == "advance"
    view._read.value = "well"
    assert plan.interview_read == "well"
    assert view.advice.level == "mild"
    tick(view, "ran_over", "start_dates")
    assert view.advice.level == "bold"
    assert 'data-level="bold"' in view._advice.value
    assert "The interview ran over its planned time:" in view._advice.value
    tick(view, "concern_raised")
    assert view.advice.level == "advance"
    assert 'data-level="advance"' in view._advice.value
    view._read.set_state({"index": 2})  # the browser sends the index of "It felt rough"
    assert plan.interview_read == "rough"
    assert view.advice.level == "mild"


def test_an_unanswered_concern_holds_back_the_bold_ask(view, plan):
    plan.interview_read = "well"
    tick(view, "ran_over", "start_dates")
    assert view.advice.level == "bold"
    plan.concerns = [{"concern": "little retail experience", "answer": ""}]
    assert view.advice.level == "advance"


def test_use_this_ask_sets_level_and_text(view, plan):
    plan.interview_read = "well"
    tick(view, "ran_over", "start_dates")
    rows = view._examples.children
    assert 2 <= len(rows) <= 3
    card, use = rows[0].children
    assert use.description == "Use this ask"
    use.click()
    assert plan.ask_level == "bold"
    assert plan.ask_text == view.advice.examples[0]
    assert view._own.value == plan.ask_text
    assert view._level.value == "bold"
    assert "now your closing ask" in view._status.value


def test_write_your_own_ask(view, plan):
    view._own.value = "Is there anything that would stop you from putting me forward?"
    assert plan.ask_text == "Is there anything that would stop you from putting me forward?"
    view._level.value = "advance"
    assert plan.ask_level == "advance"


def test_examples_are_only_rebuilt_when_they_change(view, plan):
    first = view._examples.children
    tick(view, "engaged")  # still the advance check: same examples
    assert view._examples.children == first
    plan.interview_read = "rough"
    assert view._examples.children != first
    assert all(child.comm is None for child in first)


def test_coaches_and_after_the_ask_are_shown(view):
    assert "Coaches disagree" in view._coaches.value and "never use it" in view._coaches.value
    assert "personally" in view._after.value and "shake hands" in view._after.value


def test_advice_html_escapes_text():
    evil = Signal("x", "<script>alert(1)</script>", "bold", 1.0, "A14", "<img src=x>.")
    advice = Advice(level="bold", deciding=(evil,), reason="<b>why</b>", examples=())
    html = advice_html(advice)
    assert "<script>" not in html and "<img" not in html and "<b>why" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;why" in html


def test_a_broken_signals_file_is_reported_not_raised(plan, monkeypatch):
    from closer_widgets.errors import ContentError
    from closer_widgets.views import ask

    def broken():
        raise ContentError(
            "signals.csv, row 3, column 'points': 'up' is not one of bold, mild, advance."
        )

    monkeypatch.setattr(ask, "load_signals", broken)
    view = ask.AskAdvisorView(plan)
    assert "signals.csv, row 3" in view._error.value and 'role="alert"' in view._error.value
    assert view.advice is None and view._boxes == {}
    plan.interview_read = "well"  # the rest of the page keeps working
    assert view._read.value == "well"
