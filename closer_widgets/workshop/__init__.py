"""Workshop mode: read a class's session files and sum them up for the counsellor.

:func:`collect` reads a folder (or a batch of uploads) without ever writing to
it; :func:`class_table` turns the sessions into one row per participant;
the ``*_svg`` functions draw the class as pictures; :func:`write_report` puts
it all in one standalone HTML page, for ``closer workshop DIR``.

With ``anonymise=True`` every participant name and every file name is replaced
by a stable code, so the page can go on a projector. Codes come from a hash of
the name and the file's content, so the same file gets the same code each run.

A folder with no valid session still gives a report (saying so) rather than an
error: the counsellor learns which files were skipped and why.

One module per job: ``collect`` (reading files), ``table`` (the class table and
its HTML), ``charts`` (the pictures), ``report`` (the HTML page and the CSV),
``demo`` (a made-up class to try it on), ``class_folder`` (a live workshop's folder:
hand-ins in, reviews out) and ``class_mode`` (how ``closer serve --class`` tells the
kernels about it). The page itself is the template
``class_report.html.j2`` in :mod:`closer_widgets.templates`, which escapes user
text; the table and the charts reach it as :class:`markupsafe.Markup` built from
escaped parts.
"""

from __future__ import annotations

from .charts import charts, gaps_svg, heatmap_svg, speaking_svg, top_questions_svg
from .collect import CODE_LENGTH, Collection, Entry, Skipped, collect, file_code, participant_code
from .demo import DEMO_NAMES, demo_class, demo_class_folder
from .report import COLUMN_NOTES, csv_text, report_html, review_filename, write_report
from .table import class_table, skipped_html, table_html

__all__ = [
    "CODE_LENGTH",
    "Skipped",
    "Entry",
    "participant_code",
    "file_code",
    "Collection",
    "collect",
    "class_table",
    "table_html",
    "skipped_html",
    "heatmap_svg",
    "gaps_svg",
    "top_questions_svg",
    "speaking_svg",
    "charts",
    "COLUMN_NOTES",
    "report_html",
    "csv_text",
    "write_report",
    "review_filename",
    "DEMO_NAMES",
    "demo_class",
    "demo_class_folder",
]
