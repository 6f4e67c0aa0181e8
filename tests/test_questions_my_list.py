"""Operations on the candidate's own question list, the time budget and the Markdown export."""

from __future__ import annotations

import pytest

from closer_widgets.plan import MAX_ITEMS, ClosingPlan
from closer_widgets.questions import my_list as ql


def texts(plan):
    return [item["text"] for item in plan.questions]


@pytest.fixture
def filled(plan):
    for text in ("Q one?", "Q two?", "Q three?", "Q four?", "Q five?"):
        ql.add_custom(plan, text)
    return plan


def test_add_custom_appends_a_clean_item(plan):
    changes = []
    plan.observe(changes.append, names="questions")
    added, notice = ql.add_custom(plan, "  What does success\nlook like   here?  ")
    assert (added, notice) == (True, "")
    assert plan.questions == [
        {"text": "What does success look like here?", "source_id": "", "priority": "", "note": ""}
    ]
    assert len(changes) == 1  # a new list was assigned, so observers hear of it


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_add_custom_ignores_empty_text_with_a_notice(plan, text):
    added, notice = ql.add_custom(plan, text)
    assert added is False
    assert notice == ql.EMPTY_NOTICE
    assert plan.questions == []


def test_add_custom_trims_5000_characters_and_says_so(plan):
    added, notice = ql.add_custom(plan, "Why " * 1250)
    assert added is True
    assert notice == ql.TRIMMED_NOTICE
    assert len(plan.questions[0]["text"]) <= ql.MAX_QUESTION_CHARS
    assert "500" in notice


def test_add_custom_refuses_a_repeat_and_a_full_list(plan):
    ql.add_custom(plan, "What is next?")
    assert ql.add_custom(plan, "what is NEXT?") == (False, ql.SAME_NOTICE)
    for number in range(MAX_ITEMS - 1):
        ql.add_custom(plan, f"Question {number}?")
    assert len(plan.questions) == MAX_ITEMS
    assert ql.add_custom(plan, "One too many?") == (False, ql.FULL_NOTICE)
    assert len(plan.questions) == MAX_ITEMS


def test_markup_stays_text(plan):
    ql.add_custom(plan, "<b>Bold</b> & <script>alert(1)</script>?")
    assert plan.questions[0]["text"] == "<b>Bold</b> & <script>alert(1)</script>?"
    assert "<b>Bold</b> & <script>alert(1)</script>?" in ql.to_markdown(plan)


def test_edit_text(filled):
    assert ql.edit_text(filled, 1, "  Q two, reworded?  ") == ""
    assert texts(filled)[1] == "Q two, reworded?"
    assert ql.edit_text(filled, 1, "   ") == ql.EMPTY_EDIT_NOTICE
    assert texts(filled)[1] == "Q two, reworded?"
    assert ql.edit_text(filled, 1, "x" * 5000) == ql.TRIMMED_NOTICE
    assert len(texts(filled)[1]) == ql.MAX_QUESTION_CHARS
    with pytest.raises(IndexError):
        ql.edit_text(filled, 5, "Nope?")


def test_move_up_and_down_and_stop_at_the_ends(filled):
    assert ql.move(filled, 0, +1) is True
    assert texts(filled)[:2] == ["Q two?", "Q one?"]
    assert ql.move(filled, 1, -1) is True
    assert texts(filled)[:2] == ["Q one?", "Q two?"]
    assert ql.move(filled, 0, -1) is False
    assert ql.move(filled, 4, +1) is False
    assert texts(filled) == ["Q one?", "Q two?", "Q three?", "Q four?", "Q five?"]
    with pytest.raises(ValueError):
        ql.move(filled, 0, 2)


def test_move_keeps_the_whole_item(filled):
    ql.set_note(filled, 0, "from the annual report")
    ql.set_priority(filled, 0, "top")
    ql.move(filled, 0, +1)
    assert filled.questions[1] == {
        "text": "Q one?",
        "source_id": "",
        "priority": "top",
        "note": "from the annual report",
    }


def test_at_most_three_top_questions(filled):
    for index in range(3):
        assert ql.set_priority(filled, index, "top") == ""
    assert ql.set_priority(filled, 3, "top") == ql.TOO_MANY_TOP_NOTICE
    assert filled.questions[3]["priority"] == ""
    assert ql.set_priority(filled, 3, "backup") == ""
    assert ql.set_priority(filled, 0, "top") == ""  # already top: no change, no notice
    assert ql.set_priority(filled, 0, "") == ""
    assert ql.set_priority(filled, 3, "top") == ""
    assert [item["priority"] for item in filled.questions] == ["", "top", "top", "top", ""]
    with pytest.raises(ValueError):
        ql.set_priority(filled, 0, "urgent")


def test_set_note_and_remove(filled):
    assert ql.set_note(filled, 2, "  They opened a Leeds office.  ") == ""
    assert filled.questions[2]["note"] == "They opened a Leeds office."
    assert ql.set_note(filled, 2, "n" * 5000) == ql.LONG_NOTE_NOTICE
    removed = ql.remove(filled, 2)
    assert removed["text"] == "Q three?"
    assert texts(filled) == ["Q one?", "Q two?", "Q four?", "Q five?"]
    with pytest.raises(IndexError):
        ql.remove(filled, 4)


def test_budget_keeps_top_then_unmarked_then_backup(filled):
    # The one priority order of plan.PRIORITY_ORDER, as on the cue card and in exports.
    ql.set_priority(filled, 4, "top")
    ql.set_priority(filled, 1, "backup")
    filled.question_minutes = 5  # 5 / 1.5 -> 3 questions
    result = ql.budget(filled)
    assert result.fits == 3
    assert result.keep == (4, 0, 2)
    assert result.drop == (1, 3)
    summary = result.summary()
    assert summary.startswith("3 of 5 fit in 5 minutes; keep: #5")
    assert 'drop: #2 "Q two?", #4 "Q four?".' in summary


def test_budget_edges(plan, filled):
    filled.question_minutes = 0
    result = ql.budget(filled)
    assert (result.fits, result.keep) == (0, ())
    assert result.drop == (0, 1, 2, 3, 4)
    filled.question_minutes = 60
    assert ql.budget(filled).summary() == "All 5 fit in 60 minutes."
    empty = ClosingPlan()
    assert empty.question_minutes == 5
    assert ql.budget(empty).summary() == "No questions yet: 5 minutes leave room for about 3."
    empty.question_minutes = 1
    assert "1 minute " in ql.budget(empty).summary()


def test_budget_rounds_down_to_whole_questions(filled):
    filled.question_minutes = 4  # 2.67 -> 2
    assert ql.budget(filled).fits == 2
    filled.question_minutes = 6
    assert ql.budget(filled).fits == 4


def test_to_markdown(plan):
    ql.add_custom(plan, "What would a great first year look like?")
    ql.add_custom(plan, "How is work shared out?")
    ql.add_custom(plan, "Which tools does the team use?")
    ql.set_priority(plan, 0, "top")
    ql.set_priority(plan, 2, "backup")
    ql.set_note(plan, 0, "They are rebuilding the\npatient dashboard.")
    text = ql.to_markdown(plan)
    assert text.startswith("## My questions for Northwind Health\n")
    assert "1. What would a great first year look like? **(top)**\n" in text
    assert "   - Research note: They are rebuilding the patient dashboard.\n" in text
    assert "2. How is work shared out?\n" in text
    assert "3. Which tools does the team use? *(backup)*\n" in text
    assert "Time: All 3 fit in 5 minutes." in text


def test_to_markdown_of_an_empty_list():
    assert ql.to_markdown(ClosingPlan()) == "## My questions\n\nNo questions yet.\n"
