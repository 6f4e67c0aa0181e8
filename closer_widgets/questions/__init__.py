"""Questions for the interviewer: the bank to choose from, the checker, and one's own list.

One module per job: ``bank`` (the shipped questions, filtering, adding to the list),
``check`` (what is weak about a question: rules and a learned model, whose weights
are ``model.json`` here) and ``my_list`` (editing, ordering and timing the
candidate's list). ``from closer_widgets.questions import load_bank, check_question``
keeps working; the checker is imported only when first used, so a page that shows
the bank does not load the question model.
"""

from __future__ import annotations

import importlib

from .bank import (
    BANK_COLUMNS,
    BOLDNESS_TITLES,
    CATEGORY_TITLES,
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

_FROM_CHECK = frozenset(
    {
        "LEARNED_CODES",
        "QuestionFinding",
        "QUESTION_MODEL_FILE",
        "check_question",
        "question_features",
    }
)

__all__ = [
    "BANK_COLUMNS",
    "BOLDNESS_TITLES",
    "CATEGORY_TITLES",
    "BankFilter",
    "add_from_bank",
    "added_ids",
    "filter_bank",
    "filter_records",
    "load_bank",
    "personalise",
    "query_words",
    "question_key",
    "search_words",
    *sorted(_FROM_CHECK),
]


def __getattr__(name: str):
    # PEP 562: the checker's names load the checker on first use.
    if name in _FROM_CHECK:
        return getattr(importlib.import_module(".check", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
