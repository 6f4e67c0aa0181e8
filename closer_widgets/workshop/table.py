"""The class table: one row per participant, what their close covers and how they practised.

Also the two HTML fragments the counsellor sees, the class table and the skipped
files, built with :class:`markupsafe.Markup` so every value is escaped by construction
and the fragments can go into the report's template as they are.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..content import ELEMENT_IDS, FLAG_IDS, QUESTION_CATEGORIES
from ..plan import LENGTHS
from ..questions import load_bank
from .collect import Collection

if TYPE_CHECKING:
    import pandas as pd


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
        ``length`` (the participant's length target, short or full), ``on_target``
        (whether the speaking time falls in that target's window),
        ``questions`` (how many), ``categories`` (of those questions; ``own``
        for ones not from the bank), ``bank_questions`` (bank ids, ``;``-separated),
        ``ask_level``, ``rehearsals`` (attempts), ``last_confidence`` and
        ``mean_confidence`` (self-ratings 1-5, empty when never rated).
    """
    import pandas as pd  # here, not at import: a participant's kernel never needs it

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
            length=plan.length,
            on_target=LENGTHS[plan.length][0]
            <= feedback.speaking_seconds
            <= LENGTHS[plan.length][1],
            questions=len(plan.questions),
            categories=categories,
            bank_questions=bank_ids,
            ask_level=plan.ask_level,
            rehearsals=len(plan.rehearsals),
            last_confidence=ratings[-1] if ratings else pd.NA,
            mean_confidence=round(sum(ratings) / len(ratings), 1) if ratings else float("nan"),
        )
        if anonymise:
            # In a small class the company and the role point to one person as surely as
            # a name does: the projector shows neither.
            record["company"] = record["role"] = ""
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
        "length",
        "on_target",
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


COLUMN_TITLES = {
    "participant": "Participant",
    "handed_in": "Handed in",
    "company": "Company",
    "role": "Role",
    "stage": "Round",
    "elements": "Parts found (of 7)",
    "flags": "Tone flags",
    "speaking_seconds": "Speaking time (s)",
    "length": "Length target",
    "on_target": "On target",
    "questions": "Questions",
    "categories": "Question topics",
    "bank_questions": "From the bank",
    "ask_level": "Closing ask",
    "rehearsals": "Rehearsals",
    "last_confidence": "Last confidence (1-5)",
    "mean_confidence": "Mean confidence (1-5)",
}
"""Column headings as people read them (the CSV keeps the ids, for scripts)."""


def table_html(table: pd.DataFrame, row_class: str = "") -> Markup:
    """The class table as an HTML ``<table>`` with readable headings.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`class_table`.
    row_class : str
        A CSS class for each participant's row (the live view's ``closer-class-row``).

    Returns
    -------
    markupsafe.Markup
        The ``<table class="closer-class-table">``. Every heading and cell goes
        through :meth:`Markup.format`, which escapes it, so the result is safe to
        show or to pass into a template as it is.
    """
    from ..content import element_records

    shown = table.copy()
    for column in (*ELEMENT_IDS, "on_target"):
        if column in shown:
            shown[column] = shown[column].map({True: "yes", False: "no"})
    # Nullable numbers print as "<NA>": a dash says "none" to a person.
    shown = shown.astype(object).where(shown.notna(), "\u2013")
    titles = {**COLUMN_TITLES, **{row.id: row.title for row in element_records()}}
    head = Markup("").join(Markup("<th>{}</th>").format(titles.get(c, c)) for c in shown.columns)
    row = Markup('<tr class="{}">{}</tr>') if row_class else Markup("<tr>{}</tr>")
    classes = (row_class,) if row_class else ()
    rows = Markup("\n").join(
        row.format(
            *classes, Markup("").join(Markup("<td>{}</td>").format(value) for value in values)
        )
        for values in shown.itertuples(index=False)
    )
    return Markup(
        '<table class="closer-class-table">\n<thead>\n<tr>{}</tr>\n</thead>\n'
        "<tbody>\n{}\n</tbody>\n</table>"
    ).format(head, rows)


def skipped_html(rows: list[tuple[str, str]]) -> Markup:
    """The files of the class that were skipped, and why, as an HTML table.

    Parameters
    ----------
    rows : list of (str, str)
        (file name, reason) pairs, from :meth:`Collection.skipped_rows`.

    Returns
    -------
    markupsafe.Markup
        A ``<table class="closer-skipped">``, every name and reason escaped, or a
        sentence saying no file was skipped.
    """
    if not rows:
        return Markup("<p>No file was skipped.</p>")
    body = Markup("").join(
        Markup("<tr><td>{}</td><td>{}</td></tr>").format(name, reason) for name, reason in rows
    )
    return Markup(
        '<table class="closer-skipped"><thead><tr><th scope="col">File</th>'
        '<th scope="col">Why it was skipped</th></tr></thead><tbody>{}</tbody></table>'
    ).format(body)
