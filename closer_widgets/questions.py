"""The question bank: questions a candidate can ask at the end of an interview.

:func:`load_bank` returns the validated table from ``data/questions.csv`` as a
pandas DataFrame, for scripts and notebooks; the dashboard works on the same
rows as records (:func:`~closer_widgets.content.question_records`) so that a
visitor's kernel never loads pandas. :func:`filter_records` and
:func:`filter_bank` apply the same filters to each form; :class:`BankFilter`
takes either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from traitlets import HasTraits, Int, Unicode, validate

from .checker import Finding, check_question  # noqa: F401
from .content import (
    QUESTION_CATEGORIES,
    STAGES,
    as_records,
    fill_placeholders,
    load_questions,
    question_records,
)

if TYPE_CHECKING:
    import pandas as pd

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
    """The question bank as a new DataFrame (imports pandas).

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
    """The rows of ``bank`` that match every filter given (pandas form of :func:`filter_records`).

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
    import pandas as pd

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


def filter_records(
    bank,
    category: str = "",
    boldness: int = 0,
    stage: str = "",
    search: str = "",
) -> tuple:
    """The questions of ``bank`` that match every filter given, in pure Python.

    Parameters
    ----------
    bank : sequence of records
        Question records, such as :func:`~closer_widgets.content.question_records`.
    category, boldness, stage, search
        As for :func:`filter_bank`, with the same meaning.

    Returns
    -------
    tuple
        The matching records, in bank order.
    """
    stages = (stage, "any") if stage and stage in STAGES and stage != "any" else None
    words = search.lower().split()
    return tuple(
        row
        for row in bank
        if (not category or row.category == category)
        and (not boldness or row.boldness == boldness)
        and (stages is None or row.stage in stages)
        and all(word in f"{row.text} {row.why} {row.avoid_if}".lower() for word in words)
    )


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

    def apply(self, bank):
        """The rows of ``bank`` these filters let through.

        Parameters
        ----------
        bank : sequence of records or pandas.DataFrame
            Question records (the dashboard), or a table from :func:`load_bank`.

        Returns
        -------
        tuple or pandas.DataFrame
            The matching rows, in the form given.
        """
        filters = (self.category, self.boldness, self.stage, self.search)
        if hasattr(bank, "itertuples"):  # a DataFrame: duck-typed so pandas is never imported
            return filter_bank(bank, *filters)
        return filter_records(bank, *filters)


def add_from_bank(plan, question_id: str, bank=None) -> bool:
    """Append a bank question, personalised, to ``plan.questions``.

    Parameters
    ----------
    plan : ClosingPlan
        Receives the question.
    question_id : str
        Id of the question in the bank.
    bank : sequence of records or pandas.DataFrame, optional
        Another bank; the shipped one by default.

    Returns
    -------
    bool
        False when that question is already in the list (nothing is added).

    Raises
    ------
    KeyError
        When no question of the bank has that id.
    """
    rows = question_records() if bank is None else as_records(bank)
    if any(item.get("source_id") == question_id for item in plan.questions):
        return False
    row = next((row for row in rows if row.id == question_id), None)
    if row is None:
        raise KeyError(question_id)
    text = personalise(row.text, plan.company, plan.role)
    plan.questions = [
        *plan.questions,
        {"text": text, "source_id": question_id, "priority": "", "note": ""},
    ]
    return True
