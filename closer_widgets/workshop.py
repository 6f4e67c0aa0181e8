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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .content import ELEMENT_IDS, FLAG_IDS, QUESTION_CATEGORIES, load_elements, load_mistakes
from .errors import CloserError, SessionError
from .files import write_atomic
from .plan import ClosingPlan
from .questions import add_from_bank, load_bank, personalise
from .review import SCHEMA as REVIEW_SCHEMA
from .review import content_hash
from .session import MAX_BYTES, Session

TARGET_SECONDS = (60, 90)
"""Speaking-time window of a full close (the rehearsal step's ``full`` window)."""

CODE_LENGTH = 4
"""Hex digits of a participant code (P-3F9A); lengthened when two codes collide."""


# --- collecting ----------------------------------------------------------------
class Skipped(NamedTuple):
    """A file left out of the class, and why (a one-sentence message)."""

    filename: str
    reason: str


@dataclass
class Entry:
    """One valid session of the class.

    Attributes
    ----------
    filename : str
        The file's name (no folder).
    digest : str
        SHA-256 of the file's bytes (see :func:`closer_widgets.review.content_hash`).
    session : Session
        The session read from it.
    """

    filename: str
    digest: str
    session: Session
    _feedback: object = field(default=None, repr=False)

    @property
    def plan(self) -> ClosingPlan:
        """The participant's plan."""
        return self.session.plan

    @property
    def name(self) -> str:
        """The participant's name, or the file name's stem when they left it empty."""
        return self.plan.participant or Path(self.filename).stem

    @property
    def feedback(self):
        """The analysis of the closing statement, computed once."""
        if self._feedback is None:
            from .feedback import analyze

            plan = self.plan
            self._feedback = analyze(
                plan.statement, company=plan.company or None, role=plan.role or None
            )
        return self._feedback


def participant_code(name: str, digest: str, length: int = CODE_LENGTH) -> str:
    """A stable code for a participant, like ``P-3F9A``.

    Parameters
    ----------
    name : str
        The participant's name.
    digest : str
        The content hash of their session file.
    length : int
        Hex digits to keep.
    """
    return "P-" + hashlib.sha256(f"{name}\0{digest}".encode()).hexdigest()[:length].upper()


def file_code(filename: str) -> str:
    """A stable label for a skipped file, like ``F-0B12`` (its name may hold a name)."""
    return "F-" + hashlib.sha256(filename.encode()).hexdigest()[:CODE_LENGTH].upper()


@dataclass
class Collection:
    """The sessions of one class and the files that were left out.

    Attributes
    ----------
    entries : list of Entry
        Valid sessions, ordered by file name.
    skipped : list of Skipped
        Files that are not sessions, are broken, too new or duplicates.
    folder : Path or None
        The folder read, or None for uploads.
    """

    entries: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    folder: Path | None = None
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.entries)

    def _key(self) -> tuple:
        return tuple(e.digest for e in self.entries) + tuple(self.skipped)

    def codes(self) -> list[str]:
        """Participant codes, one per entry, unique within the class."""
        cached = self._cache.get("codes")
        if cached is not None and cached[0] == self._key():
            return list(cached[1])
        for length in range(CODE_LENGTH, 65, 2):
            codes = [participant_code(e.name, e.digest, length) for e in self.entries]
            if len(set(codes)) == len(codes):
                break  # at full length only identical name and content collide: impossible here
        self._cache["codes"] = (self._key(), codes)
        return list(codes)

    def labels(self, anonymise: bool = False) -> list[str]:
        """How each entry is shown: its name, or its code when anonymising."""
        return self.codes() if anonymise else [e.name for e in self.entries]

    def scrub(self, text: str) -> str:
        """``text`` with every participant and file name of the class replaced by a code."""
        cached = self._cache.get("replacements")
        if cached is None or cached[0] != self._key():
            replacements = {}
            for entry, code in zip(self.entries, self.codes(), strict=True):
                replacements[entry.filename] = code + ".json"
                replacements[entry.name] = code
                replacements[entry.plan.participant] = code
            for item in self.skipped:
                replacements[item.filename] = file_code(item.filename)
            # Longest first, so "Maya Lindqvist" goes before a bare "Maya" could.
            ordered = sorted(
                ((k, v) for k, v in replacements.items() if k), key=lambda kv: -len(kv[0])
            )
            cached = (self._key(), ordered)
            self._cache["replacements"] = cached
        for old, new in cached[1]:
            if old in text:
                text = text.replace(old, new)
        return text

    def skipped_rows(self, anonymise: bool = False) -> list[tuple[str, str]]:
        """The skipped files as (label, reason) pairs, scrubbed when anonymising."""
        if not anonymise:
            return [tuple(item) for item in self.skipped]
        return [(file_code(item.filename), self.scrub(item.reason)) for item in self.skipped]


def _read_folder(folder: Path):
    """(name, bytes or Skipped reason) for each regular file directly in ``folder``."""
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or not path.is_file():
            # Hidden files are half-written saves; subfolders (reviews/) are not sessions,
            # and a pipe or device would block the read.
            continue
        if path.suffix.lower() != ".json":
            yield path.name, "This file is not a session file: only .json files are read."
            continue
        try:
            # Read-only and bounded: a huge file is refused without loading it all.
            with open(path, "rb") as handle:
                yield path.name, handle.read(MAX_BYTES + 1)
        except OSError as exc:
            yield path.name, f"This file cannot be read ({exc.strerror}); check its permissions."


def _looks_like_review(raw: bytes) -> bool:
    try:
        return json.loads(raw).get("schema") == REVIEW_SCHEMA
    except (ValueError, AttributeError):
        return False


def collect(source) -> Collection:
    """Read a class's session files.

    Parameters
    ----------
    source : str, PathLike, or iterable of (str, bytes)
        A folder whose ``*.json`` files are read (subfolders such as
        ``reviews/`` and hidden files are ignored), or uploaded files as
        (file name, content) pairs. A folder is only ever read, never written.

    Returns
    -------
    Collection
        Valid sessions, plus every other file with the reason it was skipped:
        not JSON, cut short, not a session, saved by a newer version, or the
        same content as a file read before it.

    Raises
    ------
    CloserError
        When the folder does not exist or is not a folder.
    """
    if isinstance(source, (str, os.PathLike)):
        folder = Path(source).expanduser()
        if not folder.exists():
            raise CloserError(f"The folder '{folder}' does not exist. Check the path.")
        if not folder.is_dir():
            raise CloserError(f"'{folder}' is a file, not a folder. Give the folder of sessions.")
        try:
            files = list(_read_folder(folder))
        except OSError as exc:
            raise CloserError(f"The folder '{folder}' cannot be read ({exc.strerror}).") from None
        collection = Collection(folder=folder.resolve())
    else:
        files = []
        for name, raw in source:
            name = Path(str(name)).name  # an upload's name is a label, never a path
            if not name.lower().endswith(".json"):
                files.append((name, "This file is not a session file: only .json files are read."))
            else:
                files.append((name, bytes(raw)))
        files.sort(key=lambda pair: pair[0])
        collection = Collection()
    seen: dict[str, str] = {}
    for name, raw in files:
        if isinstance(raw, str):
            collection.skipped.append(Skipped(name, raw))
            continue
        digest = content_hash(raw)
        if digest in seen:
            collection.skipped.append(
                Skipped(
                    name, f"This file has the same content as '{seen[digest]}', so it counts once."
                )
            )
            continue
        try:
            session = Session.loads(raw, "This file")
        except SessionError as exc:
            reason = str(exc)
            if _looks_like_review(raw):
                reason = (
                    "This file is a counsellor's review, not a session; keep reviews in reviews/."
                )
            collection.skipped.append(Skipped(name, reason))
            continue
        seen[digest] = name
        collection.entries.append(Entry(name, digest, session))
    return collection


# --- the class table -----------------------------------------------------------
def _categories(questions: list[dict], bank_categories: dict) -> tuple[str, str]:
    """(category summary, bank ids) of one participant's questions."""
    counts: Counter = Counter()
    bank_ids = []
    for item in questions:
        source_id = item.get("source_id", "")
        category = bank_categories.get(source_id)
        if category is None:
            prefix = source_id.rsplit("-", 1)[0]
            category = prefix if prefix in QUESTION_CATEGORIES else "own"
        if source_id in bank_categories:
            bank_ids.append(source_id)
        counts[category] += 1
    summary = ", ".join(f"{c} ({n})" if n > 1 else c for c, n in sorted(counts.items()))
    return summary, ";".join(bank_ids)


def class_table(collection: Collection, anonymise: bool = False) -> pd.DataFrame:
    """One row per participant: what their close covers and how they practised.

    Parameters
    ----------
    collection : Collection
        From :func:`collect`.
    anonymise : bool
        Show participant codes instead of names.

    Returns
    -------
    pandas.DataFrame
        Columns ``participant``, ``company``, ``role``, ``stage``, one bool
        column per element id, ``elements`` (how many of the seven),
        ``flags`` (tone flags raised, comma-separated), ``speaking_seconds``,
        ``questions`` (how many), ``categories`` (of those questions; ``own``
        for ones not from the bank), ``bank_questions`` (bank ids, ``;``-separated),
        ``ask_level``, ``rehearsals`` (attempts), ``last_confidence`` and
        ``mean_confidence`` (self-ratings 1-5, empty when never rated).
    """
    bank = load_bank()
    bank_categories = dict(zip(bank["id"], bank["category"], strict=True))
    records = []
    for entry, label in zip(collection.entries, collection.labels(anonymise), strict=True):
        plan = entry.plan
        feedback = entry.feedback
        ratings = [a["confidence"] for a in plan.rehearsals if a["confidence"] > 0]
        categories, bank_ids = _categories(plan.questions, bank_categories)
        record = {
            "participant": label,
            "company": plan.company,
            "role": plan.role,
            "stage": plan.stage,
        }
        record.update({e: bool(feedback.elements.get(e, False)) for e in ELEMENT_IDS})
        record.update(
            elements=sum(bool(feedback.elements.get(e, False)) for e in ELEMENT_IDS),
            flags=", ".join(f for f in FLAG_IDS if feedback.flags.get(f)),
            speaking_seconds=round(float(feedback.speaking_seconds), 1),
            questions=len(plan.questions),
            categories=categories,
            bank_questions=bank_ids,
            ask_level=plan.ask_level,
            rehearsals=len(plan.rehearsals),
            last_confidence=ratings[-1] if ratings else pd.NA,
            mean_confidence=round(sum(ratings) / len(ratings), 1) if ratings else float("nan"),
        )
        if anonymise:
            # Free text may quote a name ("I'm Maya..."); the projector must not show it.
            for key in ("company", "role"):
                record[key] = collection.scrub(record[key])
        records.append(record)
    columns = [
        "participant",
        "company",
        "role",
        "stage",
        *ELEMENT_IDS,
        "elements",
        "flags",
        "speaking_seconds",
        "questions",
        "categories",
        "bank_questions",
        "ask_level",
        "rehearsals",
        "last_confidence",
        "mean_confidence",
    ]
    table = pd.DataFrame.from_records(records, columns=columns)
    table["last_confidence"] = table["last_confidence"].astype("Int64")
    table["mean_confidence"] = table["mean_confidence"].astype("float64")
    for element in ELEMENT_IDS:
        table[element] = table[element].astype(bool)
    return table


def table_html(table: pd.DataFrame) -> str:
    """The class table as an HTML ``<table>``, every cell escaped."""
    shown = table.copy()
    for element in ELEMENT_IDS:
        shown[element] = shown[element].map({True: "yes", False: "no"})
    return shown.to_html(
        escape=True, index=False, na_rep="–", border=0, classes="closer-class-table"
    )


# --- charts --------------------------------------------------------------------
MET, MISSING, ACCENT, WINDOW = "#1d4ed8", "#e2e8f0", "#0f766e", "#bbf7d0"


def _plain(text: str) -> str:
    """Text matplotlib shows as typed: a ``$`` would otherwise start maths."""
    return str(text).replace("$", r"\$")


def _shorten(text: str, limit: int = 48) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _figure(width: float, height: float):
    # A bare Figure needs no pyplot and no GUI backend, so the notebook's own
    # backend is left alone; it renders with matplotlib's built-in SVG writer.
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    return figure, figure.add_subplot()


def _whole_numbers():
    """A tick locator for counts of people: no 0.25 of a participant."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _svg(figure, label: str, salt: str) -> str:
    """The figure as inline ``<svg>`` text with a role and an accessible name."""
    import io

    import matplotlib

    buffer = io.StringIO()
    # Text stays text (searchable, selectable, small); a fixed salt per chart keeps
    # ids unique across the charts of one page and the output stable run to run.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    # matplotlib's stylesheet says "*{...}"; inline in a page that would reach every
    # element, so keep it to the chart's own elements.
    svg = svg.replace("*{stroke-linejoin", ".closer-chart *{stroke-linejoin", 1)
    return svg.replace(
        "<svg", f'<svg class="closer-chart" role="img" aria-label="{escape(label)}"', 1
    )


def _empty_chart(label: str, salt: str) -> str:
    figure, axes = _figure(6, 1.2)
    axes.axis("off")
    axes.text(0.5, 0.5, "No sessions to show yet.", ha="center", va="center")
    return _svg(figure, label, salt)


def heatmap_svg(table: pd.DataFrame) -> str:
    """Participants × elements: which parts of the close each statement has."""
    label = "Which of the seven elements each participant's statement covers"
    if table.empty:
        return _empty_chart(label, "heatmap")
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    rows = len(table)
    figure, axes = _figure(7, min(1.6 + 0.28 * rows, 30))
    values = table[list(ELEMENT_IDS)].to_numpy(dtype=float)
    axes.imshow(
        values,
        aspect="auto",
        cmap=ListedColormap([MISSING, MET]),
        vmin=0,
        vmax=1,
        interpolation="none",
    )
    axes.set_xticks(
        range(len(ELEMENT_IDS)), [e.replace("_", " ") for e in ELEMENT_IDS], rotation=30, ha="right"
    )
    if rows <= 60:
        axes.set_yticks(range(rows), [_plain(_shorten(p, 24)) for p in table["participant"]])
    else:
        axes.set_yticks([])
        axes.set_ylabel(f"{rows} participants")
    axes.set_title("Elements covered")
    axes.legend(
        handles=[Patch(color=MET, label="covered"), Patch(color=MISSING, label="missing")],
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        frameon=False,
    )
    return _svg(figure, label, "heatmap")


def gaps_svg(table: pd.DataFrame) -> str:
    """How many participants miss each element, most common gap first."""
    label = "How many participants leave out each element"
    if table.empty:
        return _empty_chart(label, "gaps")
    titles = dict(zip(load_elements()["id"], load_elements()["title"], strict=True))
    missing = (~table[list(ELEMENT_IDS)]).sum().sort_values()
    figure, axes = _figure(7, 3.2)
    bars = axes.barh([titles[e] for e in missing.index], missing.to_numpy(), color=ACCENT)
    axes.bar_label(bars, padding=3)
    axes.set_xlim(0, max(1, len(table)) * 1.1)
    axes.xaxis.set_major_locator(_whole_numbers())
    axes.set_xlabel(f"participants missing it (of {len(table)})")
    axes.set_title("Most common gaps")
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure, label, "gaps")


def top_questions_svg(table: pd.DataFrame, top: int = 10) -> str:
    """The bank questions most participants chose (top ``top``)."""
    label = f"The {top} bank questions chosen most often"
    counts = Counter(qid for ids in table["bank_questions"] if ids for qid in str(ids).split(";"))
    if not counts:
        figure, axes = _figure(6, 1.2)
        axes.axis("off")
        axes.text(
            0.5, 0.5, "No one has chosen a question from the bank yet.", ha="center", va="center"
        )
        return _svg(figure, label, "questions")
    bank = load_bank().set_index("id")
    chosen = counts.most_common(top)[::-1]
    names = [_plain(_shorten(personalise(bank.loc[q, "text"]))) for q, _ in chosen]
    figure, axes = _figure(8, 1.0 + 0.35 * len(chosen))
    bars = axes.barh(names, [n for _, n in chosen], color=MET)
    axes.bar_label(bars, padding=3)
    axes.xaxis.set_major_locator(_whole_numbers())
    axes.set_xlabel("participants who chose it")
    axes.set_title("Most chosen bank questions")
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure, label, "questions")


def speaking_svg(table: pd.DataFrame) -> str:
    """The spread of estimated speaking times, with the 60-90 s target shaded."""
    label = "Estimated speaking time of each statement against the 60 to 90 second target"
    if table.empty:
        return _empty_chart(label, "speaking")
    seconds = table["speaking_seconds"].astype(float)
    low, high = TARGET_SECONDS
    top = max(float(seconds.max()), high) + 10
    figure, axes = _figure(7, 2.8)
    axes.axvspan(low, high, color=WINDOW, label=f"target {low}-{high} s")
    edges = list(range(0, int(top // 10 + 2) * 10, 10))
    axes.hist(seconds, bins=edges, color=ACCENT, edgecolor="white")
    axes.set_xlabel("seconds to say the statement aloud")
    axes.yaxis.set_major_locator(_whole_numbers())
    axes.set_ylabel("participants")
    axes.set_title("Speaking time")
    axes.legend(frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure, label, "speaking")


def charts(table: pd.DataFrame) -> dict[str, str]:
    """Every chart of the class, as {caption: svg text}."""
    return {
        "Elements covered by each participant": heatmap_svg(table),
        "Most common gaps": gaps_svg(table),
        "Most chosen bank questions": top_questions_svg(table),
        "Speaking time (target window shaded)": speaking_svg(table),
    }


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


# --- a demo class --------------------------------------------------------------
DEMO_NAMES = (
    "Maya Lindqvist",
    "Tomás Herrera",
    "Aisha Bello",
    "Jonas Weber",
    "Priya Nair",
    "Liam O'Connor",
    "Chen Wei",
    "Sofia Rossi",
    "Kwame Mensah",
    "Elif Demir",
    "Hana Sato",
    "Mateo Silva",
)
"""Invented participants of the demo class."""

_DEMO_JOBS = (
    ("Northwind Health", "Data Analyst"),
    ("Globex Logistics", "Operations Coordinator"),
    ("Brightwater Schools", "Teaching Assistant"),
    ("Fjord Software", "Junior Developer"),
    ("Harbour Bank", "Customer Service Lead"),
    ("Greenleaf Foods", "Procurement Officer"),
)
_DEMO_SENTENCES = {
    "thanks": "Thank you for your time today, {interviewer}; I enjoyed hearing how the team works.",
    "interest": (
        "I really want this job: the way {company} pairs new staff with mentors is exactly "
        "how I learned best in my last role."
    ),
    "skills": (
        "To sum up, I bring four years of experience in this field, I cut processing time by a "
        "fifth last year, and I train new colleagues."
    ),
    "concerns": (
        "You asked about my lack of experience with your software; I learned a similar tool in "
        "three weeks at my last job."
    ),
    "ask": "Is there anything about my background that would hold you back from moving me forward?",
    "next_steps": "What are the next steps, and when do you expect to make a decision?",
    "contact": "Could I have your email address so I can follow up?",
}
_DEMO_DETAILS = (
    "Hearing about the project you are starting next spring made the role even more concrete "
    "for me, because it is close to the work I enjoyed most in my last position.",
    "In my current job I look after the weekly figures for three teams, and I have learned to "
    "explain them in plain words to people who are not specialists.",
    "I also liked what you said about giving new people real responsibility early on, since "
    "that is when I have always done my best work.",
    "Last year I volunteered to organise our move to a new system, which meant training twenty "
    "colleagues and writing the guides they still use today.",
)
_DEMO_TONE = (
    "I guess I'm maybe kind of a good fit, I'm not sure.",
    "I really need this job, please, I'll do anything.",
)
_DEMO_ASKS = {
    "mild": "Is there anything else I can answer to help your decision?",
    "advance": "Have I done enough today to move on to the next round?",
    "bold": "Is there anything stopping you from offering me the job?",
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "participant"


def _demo_plan(rng: random.Random, name: str, bank_ids: list, mistake_ids: list) -> ClosingPlan:
    company, role = rng.choice(_DEMO_JOBS)
    plan = ClosingPlan(participant=name, company=company, role=role, interviewer="Sam Patel")
    plan.stage = rng.choice(("first", "later", "final"))
    plan.interview_read = rng.choice(("well", "unsure", "rough"))
    plan.ask_level = rng.choice(("mild", "advance", "bold", ""))
    plan.ask_text = _DEMO_ASKS.get(plan.ask_level, "")
    kept = [e for e in _DEMO_SENTENCES if rng.random() < 0.75]
    sentences = [_DEMO_SENTENCES[e] for e in kept]
    # Some people add colour, some ramble: it spreads the speaking times around the target.
    for detail in rng.sample(_DEMO_DETAILS, rng.randint(0, len(_DEMO_DETAILS))):
        sentences.insert(rng.randrange(1, len(sentences) + 1), detail)
    if rng.random() < 0.15:
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(_DEMO_TONE))
    plan.statement = " ".join(sentences).format(
        company=company, role=role, interviewer=plan.interviewer
    )
    for question_id in rng.sample(bank_ids, rng.randint(1, 4)):
        add_from_bank(plan, question_id)
    if rng.random() < 0.5:
        own = {
            "text": f"What would success look like in the first year for a {role}?",
            "source_id": "",
            "priority": "backup",
            "note": "",
        }
        plan.questions = [*plan.questions, own]
    attempts = []
    confidence = rng.randint(1, 3)
    for number in range(rng.randint(0, 3)):
        confidence = min(5, confidence + rng.randint(0, 1))
        attempts.append(
            {
                "seconds": round(rng.uniform(45, 110), 1),
                "said": [e for e in kept if rng.random() < 0.9],
                "mistakes": rng.sample(mistake_ids, rng.randint(0, 2)),
                "confidence": confidence,
                "at": f"2026-12-0{number + 1}T18:00:00+00:00",
            }
        )
    plan.rehearsals = attempts
    return plan


def demo_class(folder=None, n: int = 8, seed: int = 0, problems: bool = True) -> Path:
    """Write an invented class of ``n`` session files, for demos and benchmarks.

    Parameters
    ----------
    folder : str or PathLike, optional
        An existing folder to write into; a new temporary folder by default
        (removed when the Python process ends).
    n : int
        How many participants.
    seed : int
        The same seed gives the same files, byte for byte.
    problems : bool
        Also write two files a real class folder tends to hold: one cut short
        and one duplicate, to show how they are skipped.

    Returns
    -------
    Path
        The folder.
    """
    if folder is None:
        import atexit
        import shutil

        folder = tempfile.mkdtemp(prefix="closer-demo-class-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    folder = Path(folder)
    rng = random.Random(seed)
    bank_ids = list(load_bank()["id"])
    mistake_ids = list(load_mistakes()["id"])
    written = []
    for index in range(n):
        name = DEMO_NAMES[index % len(DEMO_NAMES)]
        if index >= len(DEMO_NAMES):
            name = f"{name} {index // len(DEMO_NAMES) + 1}"
        session = Session(_demo_plan(rng, name, bank_ids, mistake_ids))
        session.saved_at = f"2026-12-0{index % 9 + 1}T09:00:00+00:00"  # fixed, for the seed
        text = json.dumps(session.to_dict(), indent=2, ensure_ascii=False) + "\n"
        path = folder / f"{_slug(name)}.json"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if problems and written:
        raw = written[0].read_bytes()
        (folder / "unfinished.json").write_bytes(raw[: len(raw) // 2])
        (folder / f"{written[0].stem}_v2.json").write_bytes(raw)
    return folder
