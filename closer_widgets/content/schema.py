"""The schema engine of the content tables: columns, table specs, reading and records.

Counsellors may edit or translate the CSV files without touching Python, so the
loader checks every cell and names file, row and column when one is wrong. Rows
are numbered as a spreadsheet shows them: the header is row 1, and every record
carries its own row number (``record.row_number``), so a rule checked later still
names the right row when the file has blank lines.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import namedtuple
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ContentError

if TYPE_CHECKING:  # pandas is heavy: imported only where a DataFrame is asked for
    import pandas as pd

DATA_DIR = Path(str(resources.files("closer_widgets.data")))
"""Folder of the shipped content: ``data/`` at the top of the repository, installed as
the ``closer_widgets.data`` package data (see pyproject.toml)."""

PLACEHOLDERS = ("company", "role")
ADVICE_IDS = tuple(f"A{i}" for i in range(1, 19))
"""Ids of the coaching points of ADVICE.md."""

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
        return getattr(self, f"_parse_{self.kind}")(value)

    def _parse_text(self, value: str) -> str:
        return value

    def _parse_choice(self, value: str) -> str:
        if value not in self.choices:
            raise ValueError(f"{value!r} is not one of {', '.join(self.choices)}")
        return value

    def _parse_advice(self, value: str) -> str:
        ids = [part.strip() for part in value.split(";") if part.strip()]
        bad = [part for part in ids if not _ADVICE_RE.match(part)]
        if bad or not ids:
            raise ValueError(f"{value!r} is not a list of advice ids like A4;A12")
        return ";".join(ids)

    def _parse_bool(self, value: str) -> bool:
        lowered = value.lower()
        if lowered in ("1", "true", "yes"):
            return True
        if lowered in ("0", "false", "no"):
            return False
        raise ValueError(f"{value!r} is not 0 or 1")

    def _parse_int(self, value: str) -> int:
        return self._bounded(value, int, "a whole number")

    def _parse_float(self, value: str) -> float:
        return self._bounded(value, float, "a number")

    def _bounded(self, value: str, number_type: type, noun: str):
        try:
            number = number_type(value)
        except ValueError:
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
    rules : tuple of callable
        Checks across the cells of one row: each takes the row as a dict of parsed
        values and returns ``None``, or ``(column, problem)`` to refuse the row.
    """

    filename: str
    columns: tuple
    key: str | None = "id"
    min_rows: int = 1
    placeholders: tuple = ()
    rules: tuple = ()


def _error(name: str, row: int | None, column: str | None, problem: str) -> ContentError:
    where = name
    if row is not None:
        where += f", row {row}"
    if column is not None:
        where += f", column '{column}'"
    return ContentError(f"{where}: {problem}. Fix the file and load it again.")


def _rows(path: Path) -> list[list[str]]:
    """The cells of a CSV file, or a ContentError naming the file."""
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
    return rows


def _parse_row(spec: TableSpec, name: str, number: int, raw: list, index: dict) -> dict:
    """One data row's cells, parsed and checked against the spec."""
    if len(raw) != len(index):
        raise _error(name, number, None, f"it has {len(raw)} cells but the header has {len(index)}")
    record = {cell: raw[i].strip() for cell, i in index.items()}
    for column in spec.columns:
        try:
            record[column.name] = column.parse(raw[index[column.name]])
        except ValueError as exc:
            raise _error(name, number, column.name, str(exc)) from None
    for column_name in spec.placeholders:
        for placeholder in _PLACEHOLDER_RE.findall(record[column_name]):
            if placeholder not in PLACEHOLDERS:
                problem = (
                    f"{{{placeholder}}} is not a known placeholder (use {{company}} or {{role}})"
                )
                raise _error(name, number, column_name, problem)
    for rule in spec.rules:
        broken = rule(record)
        if broken:
            raise _error(name, number, *broken)
    return record


def _read(spec: TableSpec, path: str | Path | None) -> tuple[tuple[str, ...], list[tuple]]:
    """The header and the ``(row number, parsed values)`` of each data row of one file."""
    path = Path(path) if path is not None else DATA_DIR / spec.filename
    name = path.name
    rows = _rows(path)
    header = [cell.strip() for cell in rows[0]]
    for column in spec.columns:
        if column.name not in header:
            raise _error(name, 1, column.name, "this column is missing from the header")
    index = {cell: i for i, cell in enumerate(header)}
    records, seen = [], {}
    for number, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue  # blank lines are harmless in hand-edited files
        record = _parse_row(spec, name, number, raw, index)
        if spec.key:
            key = record[spec.key]
            if key in seen:
                raise _error(name, number, spec.key, f"{key!r} is used already on row {seen[key]}")
            seen[key] = number
        records.append((number, tuple(record.values())))
    if len(records) < spec.min_rows:
        raise _error(name, None, None, f"it needs at least {spec.min_rows} rows")
    return tuple(index), records


@functools.cache
def record_type(columns: tuple[str, ...]) -> type:
    """The namedtuple class of the rows of a table with these column names.

    Headers that are not Python names (``notes (fr)``) get positional field
    names (``_3``); the header as written is kept in the class's ``_header``.
    Each record also carries ``row_number``, its row in the file (header = 1), so
    a problem found later names the right row. Cached, so tables with the same
    header share one class.
    """
    base = namedtuple("Row", columns, rename=True)
    row = type("Row", (base,), {"_header": tuple(columns), "row_number": None})
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
        are attributes (``row.text``) and ``row.row_number`` is the record's row
        in the file. Empty optional cells are ``""`` (text) or ``None``.

    Raises
    ------
    ContentError
        Naming the file, the row (header = row 1) and the column at fault.
    """
    columns, rows = _read(spec, path)
    row_type = record_type(columns)
    records = []
    for number, values in rows:
        record = row_type._make(values)
        record.row_number = number
        records.append(record)
    return tuple(records)


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
    return to_frame([values for _, values in rows], columns)
