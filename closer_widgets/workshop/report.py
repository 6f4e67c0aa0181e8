"""The standalone HTML class report and the CSV table, for ``closer workshop DIR``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CloserError
from ..files import write_atomic
from ..templates import render
from .charts import charts
from .collect import Collection, Entry, collect, participant_code
from .table import class_table, skipped_html, table_html

if TYPE_CHECKING:
    import pandas as pd

COLUMN_NOTES = (
    "Element columns say whether the statement covers that part of the close. "
    "Flags are tone warnings (pushy, desperate, hedging, generic). Speaking time is an estimate "
    "at a relaxed pace. Categories count the kinds of questions prepared ('own' means written "
    "by the participant). Confidence is the participant's own 1-5 rating after rehearsing."
)


# --- the report ----------------------------------------------------------------
def report_html(collection: Collection, anonymise: bool = False) -> str:
    """The class report as one standalone HTML page (charts inline, no links out).

    Parameters
    ----------
    collection : Collection
        From :func:`collect`.
    anonymise : bool
        Replace participant names and file names by codes, and leave out the folder.

    Returns
    -------
    str
        The page, from the template ``class_report.html.j2`` in
        :mod:`closer_widgets.templates`, which escapes the text passed in.
    """
    table = class_table(collection, anonymise)
    return render(
        "class_report.html.j2",
        sessions=len(collection),
        folder="" if anonymise or collection.folder is None else str(collection.folder),
        today=dt.date.today().isoformat(),
        skipped=len(collection.skipped),
        anonymise=anonymise,
        column_notes=COLUMN_NOTES,
        # The table and the charts arrive as Markup, built from escaped parts; drawing
        # the charts takes seconds, so only when there is a class to draw.
        table=table_html(table) if len(collection) else "",
        charts=list(charts(table).items()) if len(collection) else [],
        skipped_table=skipped_html(collection.skipped_rows(anonymise)),
    )


def csv_text(table: pd.DataFrame) -> str:
    """The class table as CSV, safe to open in a spreadsheet."""
    import pandas as pd

    safe = table.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            # A cell starting with = + - @ would run as a formula in a spreadsheet.
            safe[column] = safe[column].map(
                lambda v: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v
            )
    return safe.to_csv(index=False)


def _check_output(path: Path, collection: Collection, what: str) -> Path:
    """Refuse an output path that would overwrite a session or cannot be written."""
    if path.is_dir():
        raise CloserError(f"The {what} path '{path}' is a folder; give a file name.")
    if not path.parent.is_dir():
        raise CloserError(
            f"The folder of the {what} '{path.parent}' does not exist; create it first."
        )
    read = {item.filename for item in [*collection.entries, *collection.skipped]}
    if (
        collection.folder is not None
        and path.resolve().parent == collection.folder
        and path.name in read
    ):
        raise CloserError(
            f"The {what} would overwrite '{path.name}' in the sessions folder; choose another name."
        )
    return path


def write_report(folder, output="report.html", csv_path=None, anonymise: bool = False) -> str:
    """Aggregate a folder of sessions into an HTML report (and optionally a CSV).

    Parameters
    ----------
    folder : str or PathLike
        The folder of participants' session files; it is only read.
    output : str or PathLike
        The HTML report to write (replaced if it exists).
    csv_path : str or PathLike, optional
        Also write the class table as CSV here.
    anonymise : bool
        Replace participant names and file names by codes everywhere.

    Returns
    -------
    str
        A one-line summary, like ``12 sessions, 2 skipped -> report.html``.

    Raises
    ------
    CloserError
        When the folder is missing or not a folder, or an output path is a
        folder, is in a missing folder, would overwrite a file of the class, or
        cannot be written.
    """
    collection = collect(folder)
    output = _check_output(Path(output).expanduser(), collection, "report")
    csv_file = None
    if csv_path is not None:
        csv_file = _check_output(Path(csv_path).expanduser(), collection, "CSV file")
        if csv_file.resolve() == output.resolve():
            raise CloserError("The report and the CSV file need different names.")
    html_text = report_html(collection, anonymise)
    try:
        write_atomic(output, html_text)
        if csv_file is not None:
            write_atomic(csv_file, csv_text(class_table(collection, anonymise)))
    except OSError as exc:
        raise CloserError(
            f"Cannot write the report ({exc.strerror}); choose another place."
        ) from None
    summary = f"{len(collection)} sessions, {len(collection.skipped)} skipped -> {output}"
    if csv_file is not None:
        summary += f", table -> {csv_file}"
    return summary


def review_filename(entry: Entry) -> str:
    """The file name of a counsellor's review of ``entry``: a code, never a name."""
    return f"review-{participant_code(entry.name, entry.digest, 8)}.json"
