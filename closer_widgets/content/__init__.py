"""Coaching content: the CSV files in ``data/``, validated on load.

``schema`` is the engine (columns, table specs, reading, records and DataFrames);
``tables`` holds the ids used everywhere and the spec and loader of each shipped
table. Everything is re-exported here, so ``from closer_widgets.content import ...``
keeps working.
"""

from __future__ import annotations

from .schema import (
    ADVICE_IDS,
    DATA_DIR,
    PLACEHOLDERS,
    Column,
    TableSpec,
    _error,
    as_records,
    load_records,
    load_table,
    record_type,
    to_frame,
)
from .tables import (
    ELEMENT_IDS,
    ELEMENTS,
    FLAG_IDS,
    MISTAKES,
    QUESTION_CATEGORIES,
    QUESTIONS,
    STAGES,
    element_records,
    fill_placeholders,
    load_elements,
    load_mistakes,
    load_questions,
    mistake_records,
    question_records,
)

__all__ = [
    "ADVICE_IDS",
    "DATA_DIR",
    "ELEMENTS",
    "ELEMENT_IDS",
    "FLAG_IDS",
    "MISTAKES",
    "PLACEHOLDERS",
    "QUESTIONS",
    "QUESTION_CATEGORIES",
    "STAGES",
    "Column",
    "TableSpec",
    "_error",
    "as_records",
    "element_records",
    "fill_placeholders",
    "load_elements",
    "load_mistakes",
    "load_questions",
    "load_records",
    "load_table",
    "mistake_records",
    "question_records",
    "record_type",
    "to_frame",
]
