"""The standalone HTML class report and the CSV table, for ``closer workshop DIR``."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import pandas as pd

from ..errors import CloserError
from ..files import write_atomic
from .charts import charts
from .collect import Collection, Entry, collect, participant_code
from .table import class_table, table_html

# --- the report ----------------------------------------------------------------
REPORT_CSS = """
body { font-family: system-ui, sans-serif; color: #1f2933; margin: 2rem auto; max-width: 72rem;
  padding: 0 1rem; line-height: 1.45; }
table { border-collapse: collapse; font-size: 14px; }
th, td { border: 1px solid #cbd5e1; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #e2e8f0; }
figure { margin: 1.5rem 0; }
figure svg { max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; }
"""

COLUMN_NOTES = (
    "Element columns say whether the statement covers that part of the close. "
    "Flags are tone warnings (pushy, desperate, hedging, generic). Speaking time is an estimate "
    "at a relaxed pace. Categories count the kinds of questions prepared ('own' means written "
    "by the participant). Confidence is the participant's own 1-5 rating after rehearsing."
)


def _skipped_html(rows: list[tuple[str, str]]) -> str:
    if not rows:
        return "<p>No file was skipped.</p>"
    body = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(reason)}</td></tr>" for name, reason in rows
    )
    return (
        '<table class="closer-skipped"><thead><tr><th scope="col">File</th>'
        f'<th scope="col">Why it was skipped</th></tr></thead><tbody>{body}</tbody></table>'
    )


def report_html(collection: Collection, anonymise: bool = False) -> str:
    """The class report as one standalone HTML page (charts inline, no links out)."""
    table = class_table(collection, anonymise)
    today = dt.date.today().isoformat()
    where = (
        "" if anonymise or collection.folder is None else f" from {escape(str(collection.folder))}"
    )
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Interview Closer: class report</title>",
        f"<style>{REPORT_CSS}</style></head><body><main>",
        "<h1>Class report</h1>",
        f"<p>{len(collection)} sessions read{where} on {today}; "
        f"{len(collection.skipped)} files skipped."
        + (" Participant names are replaced by codes." if anonymise else "")
        + "</p>",
    ]
    if len(collection):
        parts += [
            "<h2>Class table</h2>",
            f"<p>{escape(COLUMN_NOTES)}</p>",
            f'<div class="table-wrap">{table_html(table)}</div>',
            "<h2>Charts</h2>",
        ]
        for caption, svg in charts(table).items():
            parts.append(f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>")
    else:
        parts.append(
            "<p>No valid session file was found, so there is nothing to sum up yet. "
            "Ask participants to save their session from the dashboard and copy the .json "
            "files into this folder.</p>"
        )
    parts += ["<h2>Files skipped</h2>", _skipped_html(collection.skipped_rows(anonymise))]
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def csv_text(table: pd.DataFrame) -> str:
    """The class table as CSV, safe to open in a spreadsheet."""
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
