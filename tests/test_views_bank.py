"""QuestionBankView driven as the browser would: values and clicks, no browser.

The bank opens at the profile's round and follows it until the person picks a
round; search finds the words a card shows; "Added" stays on questions in the list.
"""

from html import unescape

import pandas as pd
import pytest

from closer_widgets.content import question_records
from closer_widgets.plan import MAX_ITEMS
from closer_widgets.questions import add_from_bank
from closer_widgets.views.bank import ADD_LABEL, ADDED_LABEL, PAGE_SIZE, QuestionBankView
from closer_widgets.views.my_questions import MyQuestionsView

SUCCESS = "What does success look like at {company} in the first year?"


def small_bank():
    return pd.DataFrame(
        {
            "id": ["s1", "t1", "f1"],
            "text": [SUCCESS, "Who would I work with most closely?", "When will you decide?"],
            "category": ["success_measures", "team", "process_next_steps"],
            "boldness": [1, 1, 2],
            "stage": ["any", "first", "final"],
            "why": ["It shows you think about results.", "It shows the team.", "It plans."],
            "avoid_if": ["Skip it if they said.", "Skip it if they said.", "Never."],
        }
    )


def ids(view):
    return [card.question_id for card in view.cards]


def card(view, question_id):
    return next(card for card in view.cards if card.question_id == question_id)


def is_added(view, question_id):
    button = card(view, question_id).add
    return button.description == ADDED_LABEL and button.disabled


# --- filters ------------------------------------------------------------------


def test_filters_change_the_list(plan):
    view = QuestionBankView(plan)
    view._stage.value = ""  # all rounds
    assert len(view.cards) == PAGE_SIZE
    view._category.value = "closing_ask"
    assert view.filters.category == "closing_ask"
    asks = view.matches
    assert ids(view) == [row.id for row in asks[:PAGE_SIZE]]
    assert asks and all(row.category == "closing_ask" for row in asks)
    view._boldness.value = 3
    assert view.matches and all(row.boldness == 3 for row in view.matches)
    assert f"{len(view.matches)} of" in view._count.value
    view._search.value = "zzzz-no-match"
    assert view.cards == ()
    assert "No question matches" in view._count.value


def test_show_more_pages_through(plan):
    view = QuestionBankView(plan)
    assert len(view.matches) > 2 * PAGE_SIZE
    assert view._more.layout.display is None
    view._more.click()
    assert len(view.cards) == 2 * PAGE_SIZE
    view._category.value = "closing_ask"  # a new filter starts at the first page again
    assert len(view.cards) == min(PAGE_SIZE, len(view.matches))


# --- the round follows the profile ------------------------------------------------


@pytest.mark.parametrize("stage", ["first", "later", "final"])
def test_opens_filtered_to_the_profiles_round(plan, stage):
    plan.stage = stage
    view = QuestionBankView(plan)
    assert view.filters.stage == stage and view._stage.value == stage
    assert not view.filters.stage_chosen
    rounds = {row.stage for row in view.matches}
    assert stage in rounds and rounds <= {stage, "any"}
    expected = [row.id for row in question_records() if row.stage in (stage, "any")]
    assert [row.id for row in view.matches] == expected
    assert f"for a {stage} round, as on your profile" in view._count.value


def test_round_follows_the_profile_until_the_person_picks_one(plan):
    view = QuestionBankView(plan)
    assert view.filters.stage == "first"
    plan.stage = "final"
    assert view._stage.value == "final"
    assert {row.stage for row in view.matches} == {"final", "any"}
    plan.stage = "later"
    assert view._stage.value == "later"

    view._stage.value = "first"  # the person's choice holds from now on
    assert view.filters.stage_chosen
    plan.stage = "final"
    assert view._stage.value == "first" and view.filters.stage == "first"
    assert {row.stage for row in view.matches} == {"first", "any"}
    assert "as on your profile" not in view._count.value


def test_the_round_can_be_widened_to_all_rounds_and_stays_wide(plan):
    plan.stage = "final"
    view = QuestionBankView(plan)
    narrow = len(view.matches)
    view._stage.value = ""
    assert len(view.matches) == len(question_records()) > narrow
    assert f"{len(question_records())} of {len(question_records())}" in view._count.value
    plan.stage = "later"
    assert view._stage.value == "" and len(view.matches) == len(question_records())


def test_round_follows_a_loaded_session(plan):
    view = QuestionBankView(plan)
    plan.update_from_dict({"stage": "final"})
    assert view.filters.stage == "final" and view._stage.value == "final"


# --- search on the words shown ----------------------------------------------------


def test_search_finds_the_company_name_the_card_shows(plan):
    plan.company = "Acme"
    view = QuestionBankView(plan, bank=small_bank())
    assert "What does success look like at Acme in the first year?" in [
        card.text for card in view.cards
    ]
    for search in ("Acme", "acme", "ACME", "Acme's first-year success?", "  acme,  YEAR! "):
        view._search.value = search
        assert ids(view) == ["s1"], search
    view._search.value = "company"  # the placeholder is not what the card shows
    assert ids(view) == []
    plan.company = "Globex"  # the search follows what is now shown
    view._search.value = "globex"
    assert ids(view) == ["s1"]
    assert "at Globex in the first year" in view.cards[0].text


def test_search_on_the_shipped_bank_finds_every_question_naming_the_company(plan):
    plan.company = "Acme"
    view = QuestionBankView(plan)
    view._search.value = "acme"
    expected = [
        row.id
        for row in question_records()
        if "{company}" in row.text and row.stage in ("first", "any")
    ]
    assert expected and [row.id for row in view.matches] == expected
    assert all("Acme" in card.text for card in view.cards)


def test_search_ignores_punctuation_in_the_question(plan):
    view = QuestionBankView(plan)
    view._stage.value = ""
    view._search.value = "teams regular routine"  # the bank says "team's"
    assert [row.text for row in view.matches] == [
        "What does the team's regular routine look like, such as planning sessions, "
        "check-ins and reviews?"
    ]
    view._search.value = "check ins"  # the bank says "check-ins"
    assert "team-" in " ".join(row.id for row in view.matches)


def test_company_change_refreshes_cards(plan):
    view = QuestionBankView(plan, bank=small_bank())
    assert "at Northwind Health in" in view.cards[0].text
    plan.company = "Globex"
    assert "Globex" in view._list.children[0].children[0].value
    assert "at Globex in the first year" in view.cards[0].text


# --- "Added" ------------------------------------------------------------------------


def test_add_button(plan):
    view = QuestionBankView(plan)
    first = view.cards[0]
    first.add.click()
    assert plan.questions[0]["source_id"] == first.question_id
    assert plan.questions[0]["text"] == first.text
    assert is_added(view, first.question_id)
    assert view.added == {first.question_id}


def test_added_shows_on_opening_and_after_filter_changes(plan):
    add_from_bank(plan, "role-01")
    view = QuestionBankView(plan)
    assert is_added(view, "role-01")
    assert sum(card.add.disabled for card in view.cards) == 1
    view._category.value = "team"
    assert "role-01" not in ids(view)
    view._category.value = "role"
    assert is_added(view, "role-01")
    view._search.value = "typical week"
    assert ids(view) == ["role-01"] and is_added(view, "role-01")


def test_added_shows_for_the_same_words_typed_by_hand(plan):
    plan.company = "Acme"
    view = QuestionBankView(plan, bank=small_bank())
    mine = MyQuestionsView(plan)
    mine._new.value = "what does success look like at ACME in the first-year"
    mine._add.click()
    assert len(plan.questions) == 1 and plan.questions[0]["source_id"] == ""
    assert is_added(view, "s1")
    assert not is_added(view, "t1")
    # Clicking cannot add it twice: the button is off and the core refuses too.
    assert add_from_bank(plan, "s1", small_bank()) is False
    assert len(plan.questions) == 1


def test_added_goes_after_removing_and_comes_back_on_adding_again(plan):
    view = QuestionBankView(plan, bank=small_bank())
    mine = MyQuestionsView(plan)
    card(view, "s1").add.click()
    assert is_added(view, "s1")
    (row,) = mine.rows
    row.remove.click()
    assert plan.questions == []
    button = card(view, "s1").add
    assert button.description == ADD_LABEL and not button.disabled
    button.click()
    assert [q["source_id"] for q in plan.questions] == ["s1"]
    assert is_added(view, "s1")


def test_added_follows_a_loaded_session(plan):
    view = QuestionBankView(plan)
    view._stage.value = ""
    loaded = [
        {"text": "Anything", "source_id": "role-02", "priority": "top", "note": ""},
        {"text": question_records()[2].text, "source_id": "", "priority": "", "note": ""},
    ]
    plan.update_from_dict({"questions": loaded})
    assert view.added == {"role-02", question_records()[2].id}
    assert is_added(view, "role-02") and is_added(view, question_records()[2].id)
    plan.update_from_dict({"questions": []})
    assert view.added == frozenset()
    assert not any(card.add.disabled for card in view.cards)


def test_a_full_list_says_so_and_adds_nothing(plan):
    plan.questions = [
        {"text": f"Question {i}?", "source_id": "", "priority": "", "note": ""}
        for i in range(MAX_ITEMS)
    ]
    view = QuestionBankView(plan, bank=small_bank())
    card(view, "t1").add.click()
    assert len(plan.questions) == MAX_ITEMS
    assert "remove one to add another" in view._status.value
    assert not is_added(view, "t1")


# --- hidden, escaped ------------------------------------------------------------------


def test_a_hidden_bank_does_no_work_until_shown(plan):
    view = QuestionBankView(plan)
    view.active = False
    before = view.renders
    plan.stage = "later"
    plan.company = "Acme"
    view._search.value = "acme"
    add_from_bank(plan, "company_direction-01")
    assert view.renders == before
    view.active = True
    assert view.renders == before + 1
    assert view.filters.stage == "later"
    assert view.cards and all("Acme" in card.text for card in view.cards)
    assert is_added(view, "company_direction-01")


def test_user_text_is_escaped_in_cards(plan):
    plan.company = "<script>alert(1)</script>"
    bank = pd.DataFrame(
        {
            "id": ["x<1>"],
            "text": ["Why {company}?"],
            "category": ["role"],
            "boldness": [1],
            "stage": ["any"],
            "why": ["<b>bold</b>"],
            "avoid_if": ["never"],
        }
    )
    view = QuestionBankView(plan, bank=bank)
    html = view._list.children[0].children[0].value
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html
    assert "Why <script>alert(1)</script>?" in unescape(html)
