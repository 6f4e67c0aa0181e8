"""The question bank: questions a candidate can ask at the end of an interview.

:func:`load_bank` returns the validated table from ``data/questions.csv``;
:func:`filter_bank` is the one filter the browser view and the CLI share.
"""

from __future__ import annotations

import pandas as pd
from traitlets import HasTraits, Int, Unicode, validate

from .checker import Finding, check_question  # noqa: F401
from .content import QUESTION_CATEGORIES, STAGES, fill_placeholders, load_questions

BANK_COLUMNS = ["id", "text", "category", "boldness", "stage", "why", "avoid_if"]

CATEGORY_TITLES = {
    "role": "The role",
    "team": "The team",
    "culture": "Culture",
    "growth": "Growth",
    "company_direction": "Company direction",
    "success_measures": "Measures of success",
    "process_next_steps": "Process and next steps",
    "closing_ask": "Closing ask",
}
BOLDNESS_TITLES = {1: "mild", 2: "medium", 3: "bold"}

assert set(CATEGORY_TITLES) == set(QUESTION_CATEGORIES)


def load_bank() -> pd.DataFrame:
    """The question bank as a new DataFrame.

    Returns
    -------
    pandas.DataFrame
        Columns id, text, category, boldness (1-3), stage, why, avoid_if (and
        advice). A copy: callers may change it freely.
    """
    return load_questions().copy()


def filter_bank(
    bank: pd.DataFrame,
    category: str = "",
    boldness: int = 0,
    stage: str = "",
    search: str = "",
) -> pd.DataFrame:
    """The rows of ``bank`` that match every filter given.

    Parameters
    ----------
    bank : pandas.DataFrame
        A table from :func:`load_bank`.
    category : str
        One category id, or ``""`` for all.
    boldness : int
        1, 2 or 3, or 0 for all.
    stage : str
        ``first``, ``later`` or ``final``: questions for that round (including
        those marked ``any``); ``""`` for all.
    search : str
        Words that must all appear in the question, its why or its avoid_if
        (case-insensitive).
    """
    mask = pd.Series(True, index=bank.index)
    if category:
        mask &= bank["category"] == category
    if boldness:
        mask &= bank["boldness"] == boldness
    if stage and stage in STAGES and stage != "any":
        mask &= bank["stage"].isin([stage, "any"])
    words = search.lower().split()
    if words:
        haystack = (bank["text"] + " " + bank["why"] + " " + bank["avoid_if"]).str.lower()
        for word in words:
            mask &= haystack.str.contains(word, regex=False)
    return bank[mask]


def personalise(text: str, company: str = "", role: str = "") -> str:
    """A bank question with ``{company}`` and ``{role}`` filled in."""
    return fill_placeholders(text, company, role)


class BankFilter(HasTraits):
    """What the question browser shows: the filters, as a model views bind to."""

    category = Unicode("", help="Category id to show, or '' for all.")
    boldness = Int(0, help="Boldness 1-3 to show, or 0 for all.")
    stage = Unicode("", help="Interview round (first, later, final), or '' for all.")
    search = Unicode("", help="Words every shown question must contain.")

    @validate("category")
    def _category(self, proposal):
        value = proposal["value"]
        return value if value in QUESTION_CATEGORIES else ""

    @validate("boldness")
    def _boldness(self, proposal):
        return proposal["value"] if proposal["value"] in (1, 2, 3) else 0

    @validate("stage")
    def _stage(self, proposal):
        return proposal["value"] if proposal["value"] in ("first", "later", "final") else ""

    @validate("search")
    def _search(self, proposal):
        return proposal["value"][:200]

    def apply(self, bank: pd.DataFrame) -> pd.DataFrame:
        """The rows of ``bank`` these filters let through."""
        return filter_bank(bank, self.category, self.boldness, self.stage, self.search)


def add_from_bank(plan, question_id: str, bank: pd.DataFrame | None = None) -> bool:
    """Append a bank question, personalised, to ``plan.questions``.

    Returns
    -------
    bool
        False when that question is already in the list (nothing is added).
    """
    bank = load_questions() if bank is None else bank
    if any(item.get("source_id") == question_id for item in plan.questions):
        return False
    row = bank.loc[bank["id"] == question_id]
    if row.empty:
        raise KeyError(question_id)
    text = personalise(row.iloc[0]["text"], plan.company, plan.role)
    plan.questions = [
        *plan.questions,
        {"text": text, "source_id": question_id, "priority": "", "note": ""},
    ]
    return True
