"""The shipped content tables: the ids used everywhere, each table's spec, and loaders.

Tables load as records, tuples of namedtuples (:func:`question_records`...): the
dashboard works on these, so a visitor's kernel never imports pandas. The ``load_*``
functions that return a pandas DataFrame are built from the same records, for
scripts and notebooks, and import pandas only when called.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .schema import Column, TableSpec, _error, load_records, to_frame

if TYPE_CHECKING:
    import pandas as pd

ELEMENT_IDS = ("interest", "skills", "concerns", "thanks", "next_steps", "contact", "ask")
"""The seven closing elements, in the order a statement usually takes them."""

FLAG_IDS = ("pushy", "desperate", "hedging", "generic", "unsupported")
"""Tone flags raised by the feedback analyzer."""

QUESTION_CATEGORIES = (
    "role",
    "team",
    "culture",
    "growth",
    "company_direction",
    "success_measures",
    "process_next_steps",
    "closing_ask",
)
STAGES = ("first", "later", "final", "any")

QUESTIONS = TableSpec(
    "questions.csv",
    (
        Column("id"),
        Column("text"),
        Column("category", "choice", choices=QUESTION_CATEGORIES),
        Column("boldness", "int", minimum=1, maximum=3),
        Column("stage", "choice", choices=STAGES),
        Column("why"),
        Column("avoid_if"),
        Column("advice", "advice"),
    ),
    min_rows=1,
    placeholders=("text",),
)

ELEMENTS = TableSpec(
    "elements.csv",
    (
        Column("id", "choice", choices=ELEMENT_IDS),
        Column("order", "int", minimum=1, maximum=len(ELEMENT_IDS)),
        Column("title"),
        Column("what"),
        Column("why"),
        Column("prompt"),
        Column("example_1"),
        Column("example_2"),
        Column("advice", "advice"),
    ),
    min_rows=len(ELEMENT_IDS),
    placeholders=("example_1", "example_2"),
)

MISTAKES = TableSpec(
    "mistakes.csv",
    (
        Column("id"),
        Column("title"),
        Column("what"),
        Column("how_to_avoid"),
        Column("phase", "choice", choices=("prepare", "close", "after")),
        Column("advice", "advice"),
        # 1 when someone practising aloud, alone, can notice it in a rehearsal (rushing,
        # filler words); 0 for what needs the interviewer (ignoring red flags) or repeats
        # a closing part, which the rehearsal ticks separately. An empty cell counts
        # as 0, so a counsellor adding a row need not decide at once.
        Column("self_check", "bool", required=False),
    ),
)
"""Common mistakes (``data/mistakes.csv``), read by the rehearsal's self-check, the
counsellor's review, the class report and the notebooks."""


@functools.cache
def question_records() -> tuple:
    """The shipped question bank, as records (cached, immutable)."""
    return load_records(QUESTIONS)


@functools.cache
def element_records() -> tuple:
    """The seven closing elements in order, as records (cached, immutable)."""
    rows = tuple(sorted(load_records(ELEMENTS), key=lambda row: row.order))
    missing = set(ELEMENT_IDS) - {row.id for row in rows}
    if missing:
        raise _error("elements.csv", None, "id", f"no row for {', '.join(sorted(missing))}")
    return rows


@functools.cache
def mistake_records() -> tuple:
    """Common closing mistakes with how to avoid them, as records (cached, immutable).

    ``row.self_check`` is True for the mistakes a person can judge alone while
    practising aloud (the rehearsal's self-check); False or None for the others.
    """
    return load_records(MISTAKES)


@functools.cache
def load_questions() -> pd.DataFrame:
    """The shipped question bank as a DataFrame (imports pandas; cached, treat as read-only)."""
    return to_frame(question_records())


@functools.cache
def load_elements() -> pd.DataFrame:
    """The seven closing elements, in order, as a DataFrame (imports pandas; cached)."""
    return to_frame(element_records())


@functools.cache
def load_mistakes() -> pd.DataFrame:
    """Common closing mistakes as a DataFrame (imports pandas; cached, treat as read-only)."""
    return to_frame(mistake_records())


def fill_placeholders(text: str, company: str = "", role: str = "") -> str:
    """Put the company and role into ``{company}`` and ``{role}``.

    Empty values fall back to neutral words so no placeholder is ever shown.
    """
    return text.replace("{company}", company.strip() or "the company").replace(
        "{role}", role.strip() or "this role"
    )
