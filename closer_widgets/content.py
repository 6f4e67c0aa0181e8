"""Coaching content: the CSV files in ``data/``, validated on load.

Counsellors may edit or translate the CSV files without touching Python, so
the loader checks every cell and names file, row and column when one is wrong.
Rows are numbered as a spreadsheet shows them: the header is row 1.

Tables load as records, tuples of namedtuples (:func:`load_records`,
:func:`question_records`...): the dashboard works on these, so a visitor's
kernel never imports pandas. The ``load_*`` functions that return a pandas
DataFrame (:func:`load_table`, :func:`load_questions`...) are built from the same
records, for scripts and notebooks, and import pandas only when called.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import namedtuple
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ContentError

if TYPE_CHECKING:  # pandas is heavy: imported only where a DataFrame is asked for
    import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
"""Folder of the shipped content (``data/`` beside the package)."""

ELEMENT_IDS = ("interest", "skills", "concerns", "thanks", "next_steps", "contact", "ask")
"""The seven closing elements, in the order a statement usually takes them."""

FLAG_IDS = ("pushy", "desperate", "hedging", "generic", "unsupported")
"""Tone flags raised by the feedback analyzer."""

ADVICE_IDS = tuple(f"A{i}" for i in range(1, 19))
"""Ids of the coaching points of ADVICE.md."""

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
PLACEHOLDERS = ("company", "role")

_KINDS = ("text", "int", "float", "choice", "advice", "bool")
_ADVICE_RE = re.compile(r"^A(?:[1-9]|1[0-8])$")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Column:
    """One column of a content table and the rule its cells follow.

    Parameters
    ----------
    name : str
        Header of the column.
    kind : str
        ``text``, ``int``, ``float``, ``choice`` (one of ``choices``), ``advice``
        (semicolon-separated ADVICE ids, at least one) or ``bool`` (0/1, yes/no).
    required : bool
        Whether an empty cell is an error. Optional empty cells load as ``""``
        (text) or ``None``.
    choices : tuple of str
        Allowed values for ``choice``.
    minimum, maximum : float, optional
        Inclusive bounds for ``int`` and ``float``.
    """

    name: str
    kind: str = "text"
    required: bool = True
    choices: tuple = ()
    minimum: float | None = None
    maximum: float | None = None

    def __post_init__(self):
        if self.kind not in _KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    def parse(self, raw: str):
        """Return the cell's value, or raise ``ValueError`` with the reason."""
        value = raw.strip()
        if not value:
            if self.required:
                raise ValueError("it is empty")
            return "" if self.kind == "text" else None
        if self.kind == "text":
            return value
        if self.kind == "choice":
            if value not in self.choices:
                raise ValueError(f"{value!r} is not one of {', '.join(self.choices)}")
            return value
        if self.kind == "advice":
            ids = [part.strip() for part in value.split(";") if part.strip()]
            bad = [part for part in ids if not _ADVICE_RE.match(part)]
            if bad or not ids:
                raise ValueError(f"{value!r} is not a list of advice ids like A4;A12")
            return ";".join(ids)
        if self.kind == "bool":
            lowered = value.lower()
            if lowered in ("1", "true", "yes"):
                return True
            if lowered in ("0", "false", "no"):
                return False
            raise ValueError(f"{value!r} is not 0 or 1")
        number_type = int if self.kind == "int" else float
        try:
            number = number_type(value)
        except ValueError:
            noun = "a whole number" if self.kind == "int" else "a number"
            raise ValueError(f"{value!r} is not {noun}") from None
        if (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            raise ValueError(f"{value} is outside {self.minimum:g}..{self.maximum:g}")
        return number


@dataclass(frozen=True)
class TableSpec:
    """The expected shape of one CSV file in ``data/``.

    Parameters
    ----------
    filename : str
        Path relative to :data:`DATA_DIR`.
    columns : tuple of Column
        Required columns; extra columns are kept as text.
    key : str or None
        Column whose values must be unique.
    min_rows : int
        Fewest data rows the file may have.
    placeholders : tuple of str
        Columns whose ``{name}`` placeholders must be ``{company}`` or ``{role}``.
    """

    filename: str
    columns: tuple
    key: str | None = "id"
    min_rows: int = 1
    placeholders: tuple = ()


def _error(name: str, row: int | None, column: str | None, problem: str) -> ContentError:
    where = name
    if row is not None:
        where += f", row {row}"
    if column is not None:
        where += f", column '{column}'"
    return ContentError(f"{where}: {problem}. Fix the file and load it again.")


def _read(spec: TableSpec, path: str | Path | None) -> tuple[tuple[str, ...], list[tuple]]:
    """The header and the parsed rows of one content file (see :func:`load_records`)."""
    path = Path(path) if path is not None else DATA_DIR / spec.filename
    name = path.name
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle, strict=True))
    except FileNotFoundError:
        raise _error(name, None, None, "the file is missing") from None
    except UnicodeDecodeError:
        raise _error(name, None, None, "the file is not UTF-8 text") from None
    except csv.Error as exc:
        raise _error(name, None, None, f"it is not valid CSV ({exc})") from None
    if not rows:
        raise _error(name, None, None, "the file is empty")
    header = [cell.strip() for cell in rows[0]]
    for column in spec.columns:
        if column.name not in header:
            raise _error(name, 1, column.name, "this column is missing from the header")
    index = {cell: i for i, cell in enumerate(header)}
    records, seen = [], {}
    for number, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue  # blank lines are harmless in hand-edited files
        if len(raw) != len(header):
            raise _error(
                name, number, None, f"it has {len(raw)} cells but the header has {len(header)}"
            )
        record = {cell: raw[i].strip() for cell, i in index.items()}
        for column in spec.columns:
            try:
                record[column.name] = column.parse(raw[index[column.name]])
            except ValueError as exc:
                raise _error(name, number, column.name, str(exc)) from None
        for column_name in spec.placeholders:
            for placeholder in _PLACEHOLDER_RE.findall(record[column_name]):
                if placeholder not in PLACEHOLDERS:
                    raise _error(
                        name,
                        number,
                        column_name,
                        f"{{{placeholder}}} is not a known placeholder "
                        "(use {company} or {role})",
                    )
        if spec.key:
            key = record[spec.key]
            if key in seen:
                raise _error(name, number, spec.key, f"{key!r} is used already on row {seen[key]}")
            seen[key] = number
        records.append(tuple(record.values()))
    if len(records) < spec.min_rows:
        raise _error(name, None, None, f"it needs at least {spec.min_rows} rows")
    return tuple(index), records


@functools.cache
def record_type(columns: tuple[str, ...]) -> type:
    """The namedtuple class of the rows of a table with these column names.

    Headers that are not Python names (``notes (fr)``) get positional field
    names (``_3``); the header as written is kept in the class's ``_header``.
    Cached, so tables with the same header share one class.
    """
    row = namedtuple("Row", columns, rename=True)
    row._header = tuple(columns)
    return row


def load_records(spec: TableSpec, path: str | Path | None = None) -> tuple:
    """Read and validate one content table, as records.

    Parameters
    ----------
    spec : TableSpec
        What the file must hold.
    path : str or Path, optional
        A file to read instead of the shipped one (tests, translations).

    Returns
    -------
    tuple of namedtuple
        One record per data row, in file order, with parsed values; the columns
        are attributes (``row.text``). Empty optional cells are ``""`` (text) or
        ``None``.

    Raises
    ------
    ContentError
        Naming the file, the row (header = row 1) and the column at fault.
    """
    columns, rows = _read(spec, path)
    row_type = record_type(columns)
    return tuple(row_type._make(row) for row in rows)


def as_records(table) -> tuple:
    """The rows of ``table`` as records with the columns as attributes.

    Records (from :func:`load_records`) pass through; a pandas DataFrame, which
    scripts and notebooks may still hand over, gives its rows as namedtuples.
    """
    if hasattr(table, "itertuples"):  # duck-typed so that pandas is never imported here
        return tuple(table.itertuples(index=False, name="Row"))
    return tuple(table)


def to_frame(records, columns=None) -> pd.DataFrame:
    """A pandas DataFrame of ``records`` (imports pandas).

    Parameters
    ----------
    records : sequence of namedtuple
        Rows from :func:`load_records`.
    columns : sequence of str, optional
        Column names; by default the header the records were read with.
    """
    import pandas as pd

    if columns is None:
        columns = records[0]._header if records else ()
    return pd.DataFrame.from_records(list(records), columns=list(columns))


def load_table(spec: TableSpec, path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate one content table, as a DataFrame (imports pandas).

    The dashboard works on :func:`load_records`, which takes the same arguments
    and raises the same :class:`ContentError`; this is for scripts and notebooks
    that want pandas.

    Returns
    -------
    pandas.DataFrame
        One row per data row, with parsed values.
    """
    columns, rows = _read(spec, path)
    return to_frame(rows, columns)


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
