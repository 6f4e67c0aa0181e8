"""The question bank: questions a candidate can ask at the end of an interview.

:func:`load_bank` returns the validated table from ``data/questions.csv`` as a
pandas DataFrame, for scripts and notebooks; the dashboard works on the same
rows as records (:func:`~closer_widgets.content.question_records`) so that a
visitor's kernel never loads pandas. :func:`filter_records` and
:func:`filter_bank` apply the same filters to each form; :class:`BankFilter`
takes either.

Search works on the words a question *shows*: its text personalised with the
company and role (:func:`personalise`), its why and its avoid-if, compared with
:func:`search_words` so that case and punctuation do not matter.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from traitlets import Bool, HasTraits, Int, Unicode, observe, validate

from ..content import (
    QUESTION_CATEGORIES,
    STAGES,
    as_records,
    fill_placeholders,
    load_questions,
    question_records,
)
from ..plan import MAX_ITEMS
from ..plan import STAGES as ROUNDS

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

# Apostrophes are dropped, so "dont" finds "don't" and "teams" finds "team's";
# any other punctuation separates words.
_APOSTROPHE_RE = re.compile(r"['\u2019]")
_POSSESSIVE_RE = re.compile(r"['\u2019]s\b")
_WORD_RE = re.compile(r"[^\W_]+")


def search_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as search compares them: case-folded, punctuation ignored.

    Parameters
    ----------
    text : str
        A question, or any text shown with a question.

    Returns
    -------
    tuple of str
        The words in order; ``"What's next at Acme-Corp?"`` gives
        ``("whats", "next", "at", "acme", "corp")``.
    """
    return tuple(_WORD_RE.findall(_APOSTROPHE_RE.sub("", text.casefold())))


def query_words(search: str) -> tuple[str, ...]:
    """The words of a search, as :func:`search_words` but without possessives.

    "Acme's" is searched as "acme", so it finds a question about Acme as well as
    one about Acme's growth (each search word may sit anywhere in a shown word).
    """
    return search_words(_POSSESSIVE_RE.sub("", search))


def question_key(text: str) -> str:
    """What two wordings of one question share: its words, case and punctuation aside.

    A bank question and the same question typed by hand (other capitals, no
    question mark) give the same key.
    """
    return " ".join(search_words(text))


def personalise(text: str, company: str = "", role: str = "") -> str:
    """A bank question with ``{company}`` and ``{role}`` filled in, as the bank shows it."""
    return fill_placeholders(text, company, role)


def _rounds(stage: str) -> tuple[str, ...] | None:
    """The bank stages shown for the round ``stage`` (None: every stage)."""
    return (stage, "any") if stage and stage in STAGES and stage != "any" else None


def _matcher(category: str, boldness: int, stage: str, search: str, company: str, role: str):
    """One predicate on a bank row for every filter, so both forms of the bank agree."""
    stages = _rounds(stage)
    words = query_words(search)

    def matches(row) -> bool:
        if category and row.category != category:
            return False
        if boldness and row.boldness != boldness:
            return False
        if stages is not None and row.stage not in stages:
            return False
        if not words:
            return True
        shown = " ".join(
            search_words(f"{personalise(row.text, company, role)} {row.why} {row.avoid_if}")
        )
        return all(word in shown for word in words)

    return matches


def filter_bank(
    bank: pd.DataFrame,
    category: str = "",
    boldness: int = 0,
    stage: str = "",
    search: str = "",
    company: str = "",
    role: str = "",
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
        Words that must all appear (anywhere in a word) in the question as
        shown, its why or its avoid_if; case and punctuation are ignored (see
        :func:`query_words`).
    company, role : str
        What the shown question says in place of ``{company}`` and ``{role}``
        (see :func:`personalise`), so the search finds "Acme" when the company is
        Acme and not the placeholder itself.

    Returns
    -------
    pandas.DataFrame
        The matching rows, in bank order.
    """
    matches = _matcher(category, boldness, stage, search, company, role)
    return bank[[matches(row) for row in bank.itertuples(index=False)]]


def filter_records(
    bank,
    category: str = "",
    boldness: int = 0,
    stage: str = "",
    search: str = "",
    company: str = "",
    role: str = "",
) -> tuple:
    """The questions of ``bank`` that match every filter given, in pure Python.

    Parameters
    ----------
    bank : sequence of records
        Question records, such as :func:`~closer_widgets.content.question_records`.
    category, boldness, stage, search, company, role
        As for :func:`filter_bank`, with the same meaning.

    Returns
    -------
    tuple
        The matching records, in bank order.
    """
    matches = _matcher(category, boldness, stage, search, company, role)
    return tuple(row for row in bank if matches(row))


def added_ids(questions, bank, company: str = "", role: str = "") -> frozenset[str]:
    """Ids of the bank questions that are already in a candidate's list.

    Parameters
    ----------
    questions : list of dict
        ``plan.questions``.
    bank : sequence of records or pandas.DataFrame
        The bank, or the part of it on show.
    company, role : str
        As the bank shows its questions (see :func:`personalise`).

    Returns
    -------
    frozenset of str
        A question counts as in the list when an item came from it (its
        ``source_id``), or when an item says the words the bank shows (typed by
        hand, with other capitals or punctuation; see :func:`question_key`).
    """
    sources = {item.get("source_id", "") for item in questions} - {""}
    keys = {question_key(item.get("text", "")) for item in questions}
    return frozenset(
        row.id
        for row in as_records(bank)
        if row.id in sources or question_key(personalise(row.text, company, role)) in keys
    )


class BankFilter(HasTraits):
    """What the question browser shows: the filters, as a model views bind to.

    The round follows the profile: while the person has not picked a round in the
    bank, setting :attr:`profile_stage` (a view links it to ``plan.stage``) sets
    :attr:`stage` to it. Any other change of :attr:`stage`, including one given to
    the constructor, is the person's choice and holds from then on.
    """

    category = Unicode("", help="Category id to show, or '' for all.")
    boldness = Int(0, help="Boldness 1-3 to show, or 0 for all.")
    stage = Unicode("", help="Interview round (first, later, final), or '' for all.")
    search = Unicode("", help="Words every shown question must contain (case, punctuation aside).")
    company = Unicode("", help="Company put in the questions shown, so search finds its name.")
    role = Unicode("", help="Role put in the questions shown, so search finds its words.")
    profile_stage = Unicode(
        "", help="The round on the profile (plan.stage); 'stage' follows it until chosen here."
    )
    stage_chosen = Bool(
        False,
        help="Whether the person picked a round here; the profile's then no longer moves it.",
    )

    _following = False  # True while 'stage' is set from the profile, not by the person

    def __init__(self, **kwargs):
        # A round given here is chosen, whatever order traitlets sets the traits in.
        stage = kwargs.pop("stage", None)
        super().__init__(**kwargs)
        if stage is not None:
            self.stage = stage
            self.stage_chosen = True

    @validate("category")
    def _category(self, proposal):
        value = proposal["value"]
        return value if value in QUESTION_CATEGORIES else ""

    @validate("boldness")
    def _boldness(self, proposal):
        return proposal["value"] if proposal["value"] in (1, 2, 3) else 0

    @validate("stage", "profile_stage")
    def _stage(self, proposal):
        return proposal["value"] if proposal["value"] in ROUNDS else ""

    @validate("search")
    def _search(self, proposal):
        return proposal["value"][:200]

    @observe("profile_stage")
    def _follow_profile(self, change):
        if self.stage_chosen:
            return
        self._following = True
        try:
            self.stage = change["new"]
        finally:
            self._following = False

    @observe("stage")
    def _chosen(self, change):
        if not self._following:
            self.stage_chosen = True

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
        filters = (self.category, self.boldness, self.stage, self.search, self.company, self.role)
        if hasattr(bank, "itertuples"):  # a DataFrame: duck-typed so pandas is never imported
            return filter_bank(bank, *filters)
        return filter_records(bank, *filters)


def load_bank() -> pd.DataFrame:
    """The question bank as a new DataFrame (imports pandas).

    Returns
    -------
    pandas.DataFrame
        Columns id, text, category, boldness (1-3), stage, why, avoid_if (and
        advice). A copy: callers may change it freely.
    """
    return load_questions().copy()


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
        False when nothing is added: that question is already in the list (added
        from the bank, or the same words typed by hand; see :func:`added_ids`), or
        the list is full.

    Raises
    ------
    KeyError
        When no question of the bank has that id.
    """
    rows = question_records() if bank is None else as_records(bank)
    row = next((row for row in rows if row.id == question_id), None)
    if row is None:
        raise KeyError(question_id)
    if added_ids(plan.questions, (row,), plan.company, plan.role):
        return False
    if len(plan.questions) >= MAX_ITEMS:
        return False
    text = personalise(row.text, plan.company, plan.role)
    plan.questions = [
        *plan.questions,
        {"text": text, "source_id": question_id, "priority": "", "note": ""},
    ]
    return True
