"""MyQuestionsView driven as the browser would: values, clicks and set_state, no browser."""

from __future__ import annotations

import pytest
from ipywidgets import Widget

from closer_widgets.questions import add_from_bank
from closer_widgets.questions.my_list import EMPTY_NOTICE, TOO_MANY_TOP_NOTICE, TRIMMED_NOTICE
from closer_widgets.views.my_questions import MyQuestionsView


@pytest.fixture
def view(plan):
    return MyQuestionsView(plan)


def add(view, text):
    view._new.value = text
    view._add.click()


def shown(view):
    return [row.text.value for row in view.rows]


def test_hooks_and_labels(view):
    assert "closer-my-questions" in view._dom_classes
    add(view, "What would a great first year look like?")
    (row,) = view.rows
    assert "closer-my-question" in row._dom_classes
    for widget in (view._new, view._minutes, row.text, row.priority, row.note):
        assert widget.description  # every input has a visible label
    for button in (view._add, row.up, row.down, row.remove):
        assert button.description and button.tooltip


def test_add_own_question(view, plan):
    add(view, "What would a great first year look like?")
    assert [q["text"] for q in plan.questions] == ["What would a great first year look like?"]
    assert shown(view) == ["What would a great first year look like?"]
    assert view._new.value == ""
    assert "Added as question 1." in view._status.value


def test_empty_question_is_ignored_with_a_notice(view, plan):
    add(view, "   ")
    assert plan.questions == []
    assert view.rows == []
    assert EMPTY_NOTICE.split(":")[0] in view._status.value


def test_very_long_question_is_trimmed_and_kept(view, plan):
    add(view, "How " * 1250)
    assert len(plan.questions) == 1
    assert len(plan.questions[0]["text"]) <= 500
    assert TRIMMED_NOTICE.split(":")[0] in view._status.value


def test_reorder_with_up_and_down(view, plan):
    for text in ("First question?", "Second question?", "Third question?"):
        add(view, text)
    assert view.rows[0].up.disabled and view.rows[2].down.disabled
    assert not view.rows[1].up.disabled and not view.rows[1].down.disabled
    view.rows[0].down.click()
    assert [q["text"] for q in plan.questions] == [
        "Second question?",
        "First question?",
        "Third question?",
    ]
    assert shown(view) == ["Second question?", "First question?", "Third question?"]
    view.rows[2].up.click()
    assert shown(view) == ["Second question?", "Third question?", "First question?"]
    assert "Moved to position 2." in view._status.value


def test_remove(view, plan):
    for text in ("Keep this one?", "Drop this one?"):
        add(view, text)
    rows_before = list(view.rows)
    view.rows[1].remove.click()
    assert [q["text"] for q in plan.questions] == ["Keep this one?"]
    assert len(view.rows) == 1 and tuple(view._list.children) == (rows_before[0],)
    assert rows_before[1].comm is None  # the removed row's widgets were closed


def test_priority_and_the_three_top_limit(view, plan):
    for number in range(4):
        add(view, f"Question number {number}: what happens next?")
    for index in range(3):
        view.rows[index].priority.value = "top"
    assert [q["priority"] for q in plan.questions] == ["top", "top", "top", ""]
    view.rows[3].priority.value = "top"
    assert plan.questions[3]["priority"] == ""
    assert view.rows[3].priority.value == ""  # the refused choice is put back
    assert TOO_MANY_TOP_NOTICE.split(":")[0] in view._status.value
    view.rows[3].priority.value = "backup"
    assert plan.questions[3]["priority"] == "backup"


def test_findings_are_shown_beside_each_question(view, plan):
    add(view, "Do you offer training?")
    add(view, "What does success look like after six months?")
    first, second = view.rows
    assert first.codes == ("yes_no",)
    assert "Yes/no question" in first.findings.value
    assert "bare yes or no" in first.findings.value
    assert second.codes == ()
    assert "No problems spotted." in second.findings.value


def test_findings_follow_the_interview_round(view, plan):
    add(view, "How does the bonus scheme work?")
    assert view.rows[0].codes == ("pay_too_early",)
    plan.stage = "final"
    assert view.rows[0].codes == ()


def test_markup_in_questions_is_escaped_in_findings(view, plan):
    add(view, "<script>alert(1)</script> what is next for the team?")
    add(view, "<script>alert(1)</script> What is next for the team?!")
    duplicate = view.rows[1]
    assert "duplicate" in duplicate.codes
    assert "<script>" not in duplicate.findings.value
    assert "&lt;script&gt;" in duplicate.findings.value
    assert "<script>" not in view._budget.value


def test_edit_text_and_note_in_a_row(view, plan):
    add(view, "What is next?")
    row = view.rows[0]
    row.text.set_state({"value": "What are the next steps after today?"})  # as the browser sends it
    assert plan.questions[0]["text"] == "What are the next steps after today?"
    row.text.value = "   "
    assert plan.questions[0]["text"] == "What are the next steps after today?"
    assert row.text.value == "What are the next steps after today?"
    assert "cannot be empty" in view._status.value
    row.note.value = "They mentioned a hiring freeze"
    assert plan.questions[0]["note"] == "They mentioned a hiring freeze"


def test_the_list_follows_changes_made_elsewhere(view, plan):
    assert add_from_bank(plan, "role-01")
    assert add_from_bank(plan, "closing_ask-01")
    assert len(view.rows) == 2
    assert shown(view)[0].startswith("What would a typical week look like")
    plan.questions = []
    assert view.rows == [] and view._list.children == ()


def test_minutes_and_the_budget(view, plan):
    for text in ("Question one?", "Question two?", "Question three?", "Question four?"):
        add(view, text)
    view.rows[3].priority.value = "top"
    assert "All 4 fit in 5 minutes" not in view._budget.value
    assert "3 of 4 fit in 5 minutes; keep: #4" in view._budget.value
    view._minutes.value = 3
    assert plan.question_minutes == 3
    assert "2 of 4 fit in 3 minutes; keep: #4" in view._budget.value
    plan.question_minutes = 10
    assert view._minutes.value == 10
    assert "All 4 fit in 10 minutes." in view._budget.value


def test_rows_are_reused_when_only_values_change(view, plan):
    for text in ("Question one?", "Question two?"):
        add(view, text)
    before = list(view.rows)
    open_widgets = len(Widget.widgets)
    view.rows[0].down.click()
    assert view.rows == before
    assert len(Widget.widgets) == open_widgets


def test_a_late_event_for_a_row_that_is_gone_is_ignored(view, plan):
    for text in ("Question one?", "Question two?"):
        add(view, text)
    gone = view.rows[1]
    plan.questions = plan.questions[:1]
    gone.remove.click()
    gone.priority.value = "top"
    assert [q["text"] for q in plan.questions] == ["Question one?"]
    assert plan.questions[0]["priority"] == ""
