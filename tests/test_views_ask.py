"""AskAdvisorView driven as the browser would: ticks, radio choice and clicks, no browser."""

from __future__ import annotations

import re

import pytest

from closer_widgets.ask import Advice, Pointer, Signal, load_signals, load_wording
from closer_widgets.plan import ClosingPlan
from closer_widgets.views.ask import AskAdvisorView, advice_html

DIRECT_ASK = re.compile(
    r"offer(ing)? me|get the offer|your choice|hire me|give me the job|this job\?", re.I
)


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


def test_a_fresh_plan_starts_with_no_answer_and_no_advice(view, plan):
    assert plan.interview_read == ""  # not answered yet
    assert view._read.value is None and view._read.index is None
    assert view.advice.level == "" and not view.advice.given
    assert view.advice.examples == () and view._examples.children == ()
    assert view._examples_part.layout.display == "none"
    first = load_wording()["first_step"]
    assert first in view._advice.value
    assert "Suggested" not in view._advice.value and 'data-level=""' in view._advice.value
    assert view._coaches.layout.display == "none" and view._after.layout.display == "none"
    assert plan.interview_read == "" and plan.ask_level == ""  # nothing written


def test_ticking_before_choosing_lists_the_signs_but_suggests_nothing(view, plan):
    tick(view, "ran_over")
    assert view._read.value is None and not view.advice.given
    assert "The interview ran over its planned time" in view._advice.value
    assert view._examples.children == ()


def test_choosing_not_sure_on_a_fresh_plan_gives_the_advance_check(view, plan):
    view._read.set_state({"index": 1})  # "I am not sure": the plan already holds "unsure"
    assert plan.interview_read == "unsure"
    assert view.advice.level == "advance"
    assert 'data-level="advance"' in view._advice.value
    assert 2 <= len(view._examples.children) <= 3
    assert view._examples_part.layout.display is None


def test_a_saved_read_is_shown(plan):
    plan.interview_read = "well"
    view = AskAdvisorView(plan)
    assert view._read.value == "well" and view.advice.level == "mild"


def test_the_advice_follows_the_ticks_and_the_read(view, plan):
    assert not view.advice.given
    view._read.value = "well"
    assert plan.interview_read == "well"
    assert view.advice.level == "mild"
    tick(view, "ran_over", "start_dates")
    assert view.advice.level == "bold"
    assert 'data-level="bold"' in view._advice.value
    assert "<b>The interview ran over its planned time</b> (a clear sign):" in view._advice.value
    tick(view, "concern_raised")
    assert view.advice.level == "advance"
    assert 'data-level="advance"' in view._advice.value
    view._read.set_state({"index": 2})  # the browser sends the index of "It felt rough"
    assert plan.interview_read == "rough"
    assert view.advice.level == "mild"


def test_an_unanswered_concern_holds_back_the_bold_ask(view, plan):
    view._read.value = "well"
    tick(view, "ran_over", "start_dates")
    assert view.advice.level == "bold"
    plan.concerns = [{"concern": "little retail experience", "answer": ""}]
    assert view.advice.level == "advance"


def test_use_this_ask_sets_level_and_text(view, plan):
    view._read.value = "well"
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
    view._read.value = "unsure"
    first = view._examples.children
    assert first
    tick(view, "engaged")  # still the advance check: same examples
    assert view._examples.children == first
    plan.interview_read = "rough"
    assert view._examples.children != first
    assert all(child.comm is None for child in first)


def test_coaches_and_after_the_ask_are_shown(view):
    view._read.value = "unsure"
    assert view._coaches.layout.display is None and view._after.layout.display is None
    assert "Coaches disagree" in view._coaches.value and "never use it" in view._coaches.value
    assert "personally" in view._after.value and "shake hands" in view._after.value


def test_advice_html_escapes_text():
    evil = Signal("x", "<script>alert(1)</script>", "bold", 1.0, "A14", "<img src=x>.")
    pointer = Pointer(evil, "bold", "<i>toward</i>", "<u>small</u>")
    for level in ("bold", ""):
        advice = Advice(
            level=level,
            deciding=(evil,),
            reason="<b>why</b>",
            examples=(),
            pointers=(pointer,),
            notes=("<em>note</em>",),
            weighing="<s>w</s>",
        )
        html = advice_html(advice)
        for raw in ("<script>", "<img", "<b>why", "<i>", "<u>", "<em>", "<s>"):
            assert raw not in html, (level, raw)
        assert "&lt;script&gt;" in html and "&lt;b&gt;why" in html and "&lt;img" in html


def test_a_broken_signals_file_is_reported_not_raised(plan, monkeypatch):
    from closer_widgets.errors import ContentError
    from closer_widgets.views import ask

    def broken():
        raise ContentError(
            "signals.csv, row 3, column 'points': 'up' is not one of bold, mild, advance."
        )

    from closer_widgets import ask as advisor

    # The file is broken for everyone: the view's own list and the coaching model's advice.
    monkeypatch.setattr(ask, "load_signals", broken)
    monkeypatch.setattr(advisor, "_shipped_signals", broken)
    view = ask.AskAdvisorView(plan)
    assert view.problem.startswith("signals.csv, row 3")
    error = view._signals_error
    assert "signals.csv, row 3" in error.value and 'role="alert"' in error.value
    assert error.layout.display is None
    # beside the control it is about: between the read and the (empty) signal groups
    children = list(view.children)
    assert children.index(error) == children.index(view._read) + 1
    assert view._advice_error.layout.display == "none" and view._advice_error.value == ""
    assert view.advice is None and view._boxes == {}
    plan.interview_read = "well"  # the rest of the page keeps working
    assert view._read.value == "well"


def test_no_error_area_shows_without_an_error(view):
    assert view.problem == ""
    for area in (view._signals_error, view._advice_error):
        assert area.value == "" and area.layout.display == "none"
    view._read.value = "well"
    tick(view, "ran_over", "concern_raised")
    for area in (view._signals_error, view._advice_error):
        assert area.value == "" and area.layout.display == "none"


def test_a_broken_wording_file_is_reported_beside_the_advice(plan, monkeypatch):
    from closer_widgets import ask as advisor
    from closer_widgets.errors import ContentError

    def broken():
        raise ContentError("ask_wording.csv: no row for reason_rough. Fix the file.")

    monkeypatch.setattr(advisor, "load_wording", broken)
    view = AskAdvisorView(plan)
    assert view.advice is None and "ask_wording.csv" in view.problem
    error = view._advice_error
    assert "ask_wording.csv" in error.value and error.layout.display is None
    children = list(view.children)
    assert children.index(error) + 1 == children.index(view._advice)
    assert view._signals_error.layout.display == "none"
    tick(view, "ran_over")  # ticking still works and still reaches the plan
    assert plan.signals == ["ran_over"]


# --- the scoring in words, every signal, the decider ---------------------------------------


def test_the_issue_case_is_explained_in_words(view, plan):
    view._read.value = "well"
    tick(view, "ran_over", "start_dates", "met_team", "early_process")  # 5.5 against 2
    assert view.advice.level == "bold"
    text = re.sub(r"<[^>]+>", "", view._advice.value)
    assert not re.search(r"\d", text), text
    assert "by 3.5 points" not in text and "points" not in text
    assert "Pointing to a bolder ask:" in text and "Pointing to a milder ask:" in text
    assert "clearly outweigh" in text and "How the signs are weighed:" in text


def test_every_ticked_signal_shows_in_the_reasons(view, plan):
    view._read.value = "well"
    for signal in load_signals():
        tick(view, signal.id)
        for ticked in plan.signals:
            assert f"closer-pointer-{ticked}" in view._advice.value, ticked
    for signal in load_signals():
        assert signal.explain.replace("'", "&#x27;") in view._advice.value


def example_texts(view):
    return [row.children[0].value for row in view._examples.children]


@pytest.mark.parametrize("read", ["well", "unsure", "rough"])
def test_with_the_decider_absent_no_example_asks_for_the_offer(view, plan, read):
    plan.stage = "final"
    view._read.value = read
    tick(view, "ran_over", "start_dates", "met_team", "sold_company", "next_round_mentioned")
    before = example_texts(view)
    tick(view, "decider_absent")
    after = example_texts(view)
    assert len(after) >= 2
    assert not any(DIRECT_ASK.search(text) for text in after), after
    assert "person who decides was not in the room" in view._advice.value
    assert "closer-pointer-decider_absent" in view._advice.value
    if read == "well":
        assert view.advice.level == "bold"
        assert any(DIRECT_ASK.search(text) for text in before) and before != after
    _, use = view._examples.children[0].children
    use.click()
    assert not DIRECT_ASK.search(plan.ask_text)


def test_the_plan_can_go_back_to_no_answer():
    plan = ClosingPlan()
    view = AskAdvisorView(plan)
    assert view._read.value is None and not view.advice.given
    view._read.set_state({"index": 1})
    assert plan.interview_read == "unsure" and view.advice.level == "advance"
    plan.interview_read = ""  # e.g. "start again"
    assert view._read.value is None and not view.advice.given
    assert view._examples.children == ()


def test_the_ask_box_shows_what_the_plan_keeps(view, plan):
    from closer_widgets.plan import LONG_TEXT

    box = view._own
    box.set_state({"value": "Is there anything I could clarify? " * 100})
    assert len(plan.ask_text) == LONG_TEXT and box.value == plan.ask_text
