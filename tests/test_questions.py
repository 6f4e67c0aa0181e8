"""The question bank API and its filter."""

import pandas as pd

from closer_widgets.content import question_records
from closer_widgets.questions import (
    BANK_COLUMNS,
    BankFilter,
    add_from_bank,
    filter_bank,
    filter_records,
    load_bank,
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
