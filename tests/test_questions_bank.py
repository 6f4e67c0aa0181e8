"""The question bank API and its filter."""

import pandas as pd
import pytest

from closer_widgets.content import as_records, question_records
from closer_widgets.plan import MAX_ITEMS
from closer_widgets.questions import (
    BANK_COLUMNS,
    BankFilter,
    add_from_bank,
    added_ids,
    filter_bank,
    filter_records,
    load_bank,
    personalise,
    query_words,
    question_key,
    search_words,
)


def test_load_bank_has_the_contract_columns_and_is_a_copy():
    bank = load_bank()
    assert list(bank.columns[: len(BANK_COLUMNS)]) == BANK_COLUMNS
    assert set(bank["boldness"]) <= {1, 2, 3}
    bank.loc[:, "text"] = "changed"
    assert (load_bank()["text"] != "changed").all()


def test_filters_combine():
    bank = load_bank()
    asks = filter_bank(bank, category="closing_ask")
    assert len(asks) and (asks["category"] == "closing_ask").all()
    bold = filter_bank(bank, category="closing_ask", boldness=3)
    assert 0 < len(bold) < len(asks) and (bold["boldness"] == 3).all()
    first = filter_bank(bank, stage="first")
    assert set(first["stage"]) <= {"first", "any"}
    assert len(filter_bank(bank)) == len(bank)


def test_search_matches_all_words_case_insensitively():
    bank = pd.DataFrame(
        {
            "id": ["a", "b"],
            "text": ["What does Success look like?", "Who is on the team?"],
            "category": ["role", "team"],
            "boldness": [1, 1],
            "stage": ["any", "any"],
            "why": ["", "success of peers"],
            "avoid_if": ["", ""],
        }
    )
    assert list(filter_bank(bank, search="success")["id"]) == ["a", "b"]
    assert list(filter_bank(bank, search="SUCCESS look")["id"]) == ["a"]
    assert filter_bank(bank, search="nothing-like-this").empty


def test_records_and_dataframe_filters_agree():
    bank, records = load_bank(), question_records()
    cases = [
        {},
        {"category": "closing_ask"},
        {"category": "closing_ask", "boldness": 3},
        {"stage": "first"},
        {"stage": "final", "search": "TEAM"},
        {"search": "success look"},
        {"search": "nothing-like-this"},
    ]
    for filters in cases:
        expected = list(filter_bank(bank, **filters)["id"])
        assert [row.id for row in filter_records(records, **filters)] == expected, filters
    filters = BankFilter(category="team", stage="first")
    assert [row.id for row in filters.apply(records)] == list(filters.apply(bank)["id"])
    assert isinstance(filters.apply(records), tuple)


def test_bank_filter_model_rejects_unknown_values():
    filters = BankFilter(category="sales", boldness=7, stage="semi")
    assert (filters.category, filters.boldness, filters.stage) == ("", 0, "")
    filters.category = "team"
    assert (filters.apply(load_bank())["category"] == "team").all()


def test_add_from_bank_personalises_and_skips_duplicates(plan):
    bank = load_bank()
    row = bank[bank["text"].str.contains("{company}", regex=False)].iloc[0]
    assert add_from_bank(plan, row["id"]) is True
    assert add_from_bank(plan, row["id"]) is False
    assert len(plan.questions) == 1
    added = plan.questions[0]
    assert "Northwind Health" in added["text"] and "{" not in added["text"]
    assert added["source_id"] == row["id"]


# --- search on the words a question shows -----------------------------------------

SUCCESS = "What does success look like at {company} in the first year?"


def small_bank():
    return question_table(
        [
            ("s1", SUCCESS, "any"),
            ("t1", "Who would I work with most closely?", "first"),
            ("f1", "What's the next step, and when will you decide?", "final"),
        ]
    )


def question_table(rows):
    return pd.DataFrame(
        {
            "id": [r[0] for r in rows],
            "text": [r[1] for r in rows],
            "category": ["role"] * len(rows),
            "boldness": [1] * len(rows),
            "stage": [r[2] for r in rows],
            "why": [""] * len(rows),
            "avoid_if": [""] * len(rows),
        }
    )


def test_search_words_ignore_case_and_punctuation():
    assert search_words("What's next at Acme-Corp?") == ("whats", "next", "at", "acme", "corp")
    assert search_words("the team\u2019s (first) year...") == ("the", "teams", "first", "year")
    assert query_words("Acme's  first-year, SUCCESS!") == ("acme", "first", "year", "success")
    assert question_key("What does success look like?") == question_key(
        "what does SUCCESS look like"
    )
    assert question_key("Is it new?") != question_key("Is it news?")


def test_search_finds_the_company_the_question_shows():
    records = as_records(small_bank())
    personalised = personalise(SUCCESS, "Acme")
    assert personalised == "What does success look like at Acme in the first year?"
    for search in ("Acme", "acme", "ACME first year", "Acme's first-year success?"):
        found = filter_records(records, search=search, company="Acme")
        assert [row.id for row in found] == ["s1"], search
        assert list(filter_bank(small_bank(), search=search, company="Acme")["id"]) == ["s1"]
    # The placeholder is not shown, so it is not found; without a company the
    # question shows "the company", and that is what is found.
    assert filter_records(records, search="company", company="Acme") == ()
    assert [r.id for r in filter_records(records, search="the company")] == ["s1"]
    assert filter_records(records, search="acme") == ()
    # Punctuation in the question does not hide it either.
    assert [r.id for r in filter_records(records, search="whats next step")] == ["f1"]


def test_bank_filter_searches_with_its_company_and_role():
    filters = BankFilter(search="acme")
    assert filters.apply(question_records()) == ()
    filters.company = "Acme"
    found = filters.apply(question_records())
    assert found and all("{company}" in row.text for row in found)
    assert [row.id for row in found] == list(filters.apply(load_bank())["id"])


# --- the round follows the profile --------------------------------------------------


def test_bank_filter_round_follows_the_profile_until_chosen():
    filters = BankFilter(profile_stage="final")
    assert (filters.stage, filters.stage_chosen) == ("final", False)
    filters.profile_stage = "later"
    assert filters.stage == "later"
    filters.stage = ""  # the person widens it to all rounds: it holds
    assert filters.stage_chosen
    filters.profile_stage = "first"
    assert filters.stage == ""
    assert BankFilter(stage="later", profile_stage="first").stage == "later"


# --- already in the list -------------------------------------------------------------


def test_added_ids_by_source_and_by_the_same_words():
    records = as_records(small_bank())
    questions = [
        {"text": "Anything at all", "source_id": "t1", "priority": "", "note": ""},
        {"text": "what does success look like at ACME in the first-year", "source_id": ""},
    ]
    assert added_ids(questions, records, company="Acme") == {"t1", "s1"}
    assert added_ids(questions, records, company="Globex") == {"t1"}
    assert added_ids([], records) == frozenset()


def test_add_from_bank_refuses_a_question_typed_by_hand_and_a_full_list(plan):
    plan.company = "Acme"
    plan.questions = [{"text": "What does success look like at Acme in the first year"}]
    assert add_from_bank(plan, "s1", small_bank()) is False
    assert len(plan.questions) == 1
    assert add_from_bank(plan, "t1", small_bank()) is True
    plan.questions = [{"text": f"Question {i}?"} for i in range(MAX_ITEMS)]
    assert add_from_bank(plan, "f1", small_bank()) is False
    assert len(plan.questions) == MAX_ITEMS
    with pytest.raises(KeyError):
        add_from_bank(plan, "no-such-id", small_bank())
