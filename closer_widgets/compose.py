"""The statement composer: a first spoken draft of the close, built from the plan.

:func:`compose` turns a :class:`~closer_widgets.plan.ClosingPlan` into a short
(about 30-45 seconds) or full (about 60-90 seconds) closing statement, part by
part in the order a close usually takes: thanks, interest, strengths, a concern
answered, the closing ask, the next steps and the contact request. The wording
comes from ``data/templates.csv``, several templates per part, so counsellors can
edit or translate it; the choice among them is deterministic, so the same plan
always gives the same draft. Users then edit the draft freely.

No widget imports here: the statement view, notebooks and scripts share it.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import logging
import random
import re
from dataclasses import dataclass
from pathlib import Path

from .content import DATA_DIR, Column, TableSpec, as_records, load_records
from .errors import ContentError
from .plan import LENGTHS, WORDS_PER_MINUTE  # one pace and one length target, product-wide

log = logging.getLogger(__name__)


CONTEXT_FIELDS = frozenset({"name", "company", "role", "a_role"})
"""Placeholders any template may use; a template using one is chosen only when it is known."""

#: Content placeholders of each part. When the plan provides one, only templates
#: that use it are eligible, so nothing the candidate wrote is silently dropped.
PART_FIELDS = {
    "thanks": frozenset({"name"}),
    "interest": frozenset({"aspect", "link"}),
    "interest_more": frozenset({"aspect", "link"}),
    "interest_plain": frozenset({"company", "role"}),
    "skills_short": frozenset({"strength_list", "evidence"}),
    "skills_intro": frozenset(),
    "skill_item": frozenset({"ordinal", "strength", "evidence"}),
    "concern": frozenset({"concern", "answer"}),
    "ask_own": frozenset({"ask"}),
    "ask_mild": frozenset(),
    "ask_advance": frozenset(),
    "ask_bold": frozenset(),
    "next_steps": frozenset(),
    "contact": frozenset(),
    "next_and_contact": frozenset(),
    "note": frozenset(),
}

#: The closing elements (CONTRACT.md ids) each part puts into the statement.
PART_ELEMENTS = {
    "thanks": ("thanks",),
    "interest": ("interest",),
    "interest_more": ("interest",),
    "interest_plain": ("interest",),
    "skills_short": ("skills",),
    "skills_intro": ("skills",),
    "skill_item": ("skills",),
    "concern": ("concerns",),
    "ask_own": ("ask",),
    "ask_mild": ("ask",),
    "ask_advance": ("ask",),
    "ask_bold": ("ask",),
    "next_steps": ("next_steps",),
    "contact": ("contact",),
    "next_and_contact": ("next_steps", "contact"),
    "note": (),
}

#: Ask used when the candidate has not chosen one: the bold ask needs a clear
#: choice (A14), and an unsure read calls for the check on advancing.
DEFAULT_ASK = {"well": "mild", "unsure": "advance", "rough": "mild"}

TEMPLATES = TableSpec(
    "templates.csv",
    (
        Column("id"),
        Column("part", "choice", choices=tuple(PART_FIELDS)),
        Column("length", "choice", choices=("short", "full", "any")),
        Column("template"),
        Column("advice", "advice"),
    ),
)

_PLACEHOLDER = re.compile(r"\{(\w*)\}")
_SENTENCE_END = re.compile(r"(?:^|[.!?]\s)$")
_TITLES = {"mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "sir", "dame"}
_QUESTION_WORDS = {
    "is", "are", "am", "do", "does", "did", "would", "could", "can", "will", "should",
    "may", "might", "what", "when", "who", "whom", "which", "where", "why", "how",
    "have", "has", "shall",
}  # fmt: skip
# Words that start a user's phrase with a capital only because they typed it as a
# sentence; inside one of our sentences they take a small letter.
_LOWER_STARTERS = {
    "my", "the", "our", "we", "in", "at", "last", "this", "that", "it", "a", "an", "during",
    "when", "since", "after", "before", "for", "with", "on", "over", "as", "their", "your",
    "three", "two", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many",
}  # fmt: skip
# Past-tense action verbs that often open a piece of evidence ("led the pilot"):
# saying "I led the pilot" keeps the spoken sentence whole.
_ACTION_VERBS = {
    "led", "ran", "built", "rebuilt", "cut", "grew", "managed", "created", "designed",
    "launched", "delivered", "trained", "taught", "wrote", "won", "reduced", "increased",
    "improved", "developed", "organised", "organized", "supervised", "moved", "shipped",
    "started", "founded", "coordinated", "handled", "completed", "finished", "earned",
    "raised", "saved", "introduced", "automated", "analysed", "analyzed", "negotiated",
    "mentored", "coached", "published", "presented", "implemented", "migrated", "made",
    "helped", "worked", "spent", "used", "learned", "learnt", "passed", "set", "took",
}  # fmt: skip


@dataclass(frozen=True)
class Draft:
    """A composed closing statement.

    Attributes
    ----------
    text : str
        The statement, ready to say aloud.
    length : str
        ``"short"`` or ``"full"``.
    elements : tuple of str
        The closing elements the text contains, in CONTRACT.md ids.
    notes : tuple of str
        What the candidate could add to make the draft better (not part of the text).
    """

    text: str
    length: str
    elements: tuple
    notes: tuple

    @property
    def words(self) -> int:
        """Number of words in the text."""
        return len(self.text.split())

    @property
    def seconds(self) -> float:
        """Estimated speaking time at :data:`WORDS_PER_MINUTE`."""
        return round(self.words * 60 / WORDS_PER_MINUTE, 1)


# --- templates ---------------------------------------------------------------
def _row_numbers(path: Path) -> dict:
    """Spreadsheet row number (header = 1) of each id, for error messages."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    column = [cell.strip() for cell in rows[0]].index("id")
    return {row[column].strip(): number for number, row in enumerate(rows[1:], 2) if row}


@functools.lru_cache(maxsize=8)
def load_templates(path: str | Path | None = None) -> tuple:
    """The statement templates, validated (cached, immutable).

    Parameters
    ----------
    path : str or Path, optional
        Another templates file (tests, translations); ``data/templates.csv`` by default.

    Returns
    -------
    tuple of namedtuple
        The rows of :data:`TEMPLATES` as records (``row.part``, ``row.template``...),
        in file order.

    Raises
    ------
    ContentError
        When a row has an unknown part or length, or a placeholder the part
        cannot fill; the message names the file, row and column.
    """
    path = Path(path) if path is not None else DATA_DIR / TEMPLATES.filename
    table = load_records(TEMPLATES, path)
    rows = None
    for record in table:
        allowed = CONTEXT_FIELDS | PART_FIELDS[record.part]
        used = _PLACEHOLDER.findall(record.template)
        bad = [name for name in used if name not in allowed]
        leftover = _PLACEHOLDER.sub("", record.template)
        if bad or "{" in leftover or "}" in leftover:
            rows = rows or _row_numbers(path)
            problem = (
                f"{{{bad[0]}}} cannot be used in a '{record.part}' template "
                f"(use {', '.join('{' + n + '}' for n in sorted(allowed))})"
                if bad
                else "it has a '{' or '}' that is not part of a placeholder"
            )
            raise ContentError(
                f"{path.name}, row {rows.get(record.id, '?')}, column 'template': {problem}. "
                "Fix the file and load it again."
            )
    return table


def _template_fields(template: str) -> set:
    return {"role" if name == "a_role" else name for name in _PLACEHOLDER.findall(template)}


class _Chooser:
    """Picks one eligible template per part, the same one for the same seed."""

    def __init__(self, table, length: str, seed: str):
        self.length = length
        self.seed = seed
        self.by_part = {}
        for row in table:
            if row.length in (length, "any"):
                self.by_part.setdefault(row.part, []).append((row.id, row.template))
        for pairs in self.by_part.values():
            pairs.sort(key=lambda pair: pair[0])

    def fill(self, part: str, values: dict, occurrence: int = 0) -> str:
        """The part's text with ``values`` filled in, or ``""`` when no template fits."""
        known = {name for name, value in values.items() if value}
        core = PART_FIELDS[part] & known
        candidates = [
            template
            for _, template in self.by_part.get(part, [])
            if set(_PLACEHOLDER.findall(template)) <= known and core <= _template_fields(template)
        ]
        if not candidates:
            log.warning("templates.csv has no %s template for the fields %s", part, sorted(known))
            return ""
        choice = random.Random(f"{self.seed}:{part}:{occurrence}").choice(candidates)
        return _fill(choice, values)

    def note(self, note_id: str) -> str:
        for template_id, template in self.by_part.get("note", []):
            if template_id == note_id:
                return template
        return ""


def _fill(template: str, values: dict) -> str:
    """Fill placeholders in one pass (so braces in user text are never re-read)."""

    def replace(match: re.Match) -> str:
        value = values[match.group(1)]
        if _SENTENCE_END.search(template[: match.start()]):
            return value[:1].upper() + value[1:]
        first = value.split(maxsplit=1)[0] if value.strip() else ""
        if first[:1].isupper() and first.lower() in _LOWER_STARTERS:
            return value[:1].lower() + value[1:]  # "My degree..." inside a sentence
        return value

    return _tidy(_PLACEHOLDER.sub(replace, template))


# --- text helpers ----------------------------------------------------------------
def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r" ([,;:.!?])", r"\1", text)


def _field(text: str) -> str:
    """A user's phrase ready to sit inside a sentence: one line, no end punctuation."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".,;:!? ").strip()


def _sentence(text: str) -> str:
    """A user's own sentence (their ask), capitalised and ended with punctuation."""
    text = re.sub(r"\s+", " ", text).strip().rstrip(",;: ")
    if not text:
        return ""
    if text[-1] not in ".!?":
        first = text.split()[0].lower().strip("'\"")
        text += "?" if first in _QUESTION_WORDS else "."
    return text[:1].upper() + text[1:]


def _as_clause(text: str) -> str:
    """Put "I" before evidence that starts with an action verb ("led the pilot")."""
    words = text.split(maxsplit=1)
    if words and words[0].lower() in _ACTION_VERBS:
        return "I " + text[:1].lower() + text[1:]
    return text


def article(phrase: str) -> str:
    """``"a"`` or ``"an"`` for the phrase, by how its first word is spoken.

    Examples
    --------
    >>> article("Data Analyst"), article("Engineer"), article("SQL developer"), article("UX lead")
    ('a', 'an', 'an', 'a')
    """
    word = re.sub(r"[^\w]", "", (phrase.split() or [""])[0])
    if not word:
        return "a"
    if word.isupper() and (len(word) > 1 or word.isalpha()):
        # Acronyms are spelt out: "an SQL", "an MBA", "a UX", "a BI".
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    lower = word.lower()
    if lower.startswith(("hour", "honest", "honor", "honour", "heir")):
        return "an"
    if lower.startswith(("uni", "use", "usu", "uti", "ura", "uro", "eu", "one", "once", "ewe")):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def first_name(interviewer: str) -> str:
    """How to address the interviewer: the first name, or title and surname."""
    words = interviewer.split()
    if not words:
        return ""
    if words[0].rstrip(".").lower() in _TITLES:
        return f"{words[0]} {words[-1]}" if len(words) > 1 else ""
    return words[0]


def _join(items: list) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def plan_seed(plan) -> str:
    """A seed that stays put while the candidate types their content.

    Built from who and what the interview is about only, so the wording of the
    preview does not jump around at every keystroke in the Interest step.
    """
    key = "|".join((plan.participant, plan.company, plan.role, plan.interviewer)).lower()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# --- composition -----------------------------------------------------------------
#: Ways to fit a draft into its time, most complete first: (strengths kept,
#: concern answered, second attraction). A short close would rather drop the
#: list of strengths to one than the answer to a concern; the full close drops
#: the second attraction first.
_FITS = {
    "short": [(3, True, False), (2, True, False), (1, True, False), (3, False, False),
              (2, False, False), (1, False, False)],
    "full": [(3, True, True), (3, True, False), (2, True, False), (2, False, False)],
}  # fmt: skip


def _pairs(items: list, first: str, second: str) -> list:
    """Non-empty items as (first, second) phrases, ready for templates."""
    pairs = []
    for item in items:
        one, two = _field(item.get(first, "")), _field(item.get(second, ""))
        if one or two:
            pairs.append((one, two))
    return pairs


def _sections(plan, length: str, chooser: _Chooser, fit: tuple) -> tuple[list, bool]:
    """The statement's parts as (part, text); and whether the first concern has no answer.

    ``fit`` is one of :data:`_FITS`: how many strengths to keep, whether to answer
    a concern, whether to add a second attraction.
    """
    keep, with_concern, with_more = fit
    role = _field(plan.role)
    context = {
        "name": first_name(plan.interviewer),
        "company": _field(plan.company),
        "role": role,
        "a_role": f"{article(role)} {role}" if role else "",
    }
    sections = [("thanks", chooser.fill("thanks", context))]

    attractions = _pairs(plan.attractions, "aspect", "link")
    if attractions:
        aspect, link = attractions[0]
        if length == "short" and aspect:
            link = ""  # the short version names what draws them; the full one says why
        values = {**context, "aspect": aspect, "link": _as_clause(link)}
        sections.append(("interest", chooser.fill("interest", values)))
        if length == "full" and len(attractions) > 1 and with_more:
            aspect, link = attractions[1]
            values = {**context, "aspect": aspect, "link": _as_clause(link)}
            sections.append(("interest_more", chooser.fill("interest_more", values)))
    else:
        sections.append(("interest_plain", chooser.fill("interest_plain", context)))

    strengths = _pairs(plan.strengths, "strength", "evidence")
    if length == "short":
        names = [strength for strength, _ in strengths if strength][:keep]
        if names:
            values = {**context, "strength_list": _join(names)}
        elif strengths:
            values = {**context, "evidence": _as_clause(strengths[0][1])}
        if strengths:
            sections.append(("skills_short", chooser.fill("skills_short", values)))
    elif strengths:
        sections.append(("skills_intro", chooser.fill("skills_intro", context)))
        ordinals = ["First", "Second", "Third"] if len(strengths[:keep]) > 1 else ["Above all"]
        for index, (strength, evidence) in enumerate(strengths[:keep]):
            values = {
                **context,
                "ordinal": ordinals[index],
                "strength": strength,
                "evidence": _as_clause(evidence),
            }
            sections.append(("skill_item", chooser.fill("skill_item", values, index)))

    concerns = _pairs(plan.concerns, "concern", "answer")
    answered = [pair for pair in concerns if pair[1]]
    unanswered = bool(concerns) and not concerns[0][1]
    if answered and with_concern:
        concern, answer = answered[0]
        values = {**context, "concern": concern, "answer": _as_clause(answer)}
        sections.append(("concern", chooser.fill("concern", values)))

    ask = _sentence(plan.ask_text)
    if ask:
        sections.append(("ask_own", chooser.fill("ask_own", {**context, "ask": ask})))
    else:
        level = plan.ask_level or DEFAULT_ASK[plan.interview_read]
        sections.append((f"ask_{level}", chooser.fill(f"ask_{level}", context)))

    if length == "short" and plan.want_next_steps and plan.want_contact:
        sections.append(("next_and_contact", chooser.fill("next_and_contact", context)))
    else:
        if plan.want_next_steps:
            sections.append(("next_steps", chooser.fill("next_steps", context)))
        if plan.want_contact:
            sections.append(("contact", chooser.fill("contact", context)))
    return [(part, text) for part, text in sections if text], unanswered


def compose(plan, length: str = "short", seed=None, templates=None) -> Draft:
    """Compose a closing statement from the plan.

    Parameters
    ----------
    plan : ClosingPlan
        What the candidate prepared; empty parts are skipped, never padded.
    length : {"short", "full"}
        ``short`` aims at 30-45 seconds (about 70-105 words), ``full`` at 60-90
        seconds (about 140-210 words); a thin plan gives a shorter draft.
    seed : optional
        Picks among the templates; by default a hash of the interview details,
        so the same plan always gives the same text.
    templates : sequence of records or pandas.DataFrame, optional
        Rows from :func:`load_templates` (tests, translations).

    Returns
    -------
    Draft
        The text, the elements it contains and notes on what to add.

    Raises
    ------
    ValueError
        When ``length`` is not ``"short"`` or ``"full"``.
    """
    if length not in LENGTHS:
        raise ValueError(f"length must be 'short' or 'full', not {length!r}")
    table = load_templates() if templates is None else as_records(templates)
    chooser = _Chooser(table, length, plan_seed(plan) if seed is None else str(seed))
    high = LENGTHS[length][1] * WORDS_PER_MINUTE / 60
    # The first way of fitting that keeps the draft within its time wins.
    for fit in _FITS[length]:
        sections, unanswered = _sections(plan, length, chooser, fit)
        text = " ".join(text for _, text in sections)
        if len(text.split()) <= high:
            break
    trimmed = fit != _FITS[length][0]
    elements = []
    for part, _ in sections:
        elements += [e for e in PART_ELEMENTS[part] if e not in elements]
    return Draft(
        text=_tidy(text),
        length=length,
        elements=tuple(elements),
        notes=tuple(note for note in _notes(plan, chooser, unanswered, trimmed) if note),
    )


def compose_statement(plan, length: str = "short", seed=None) -> str:
    """The text of :func:`compose`: a spoken closing statement built from the plan."""
    return compose(plan, length, seed).text


def _notes(plan, chooser: _Chooser, unanswered: bool, trimmed: bool) -> list:
    has_content = (
        any((plan.company, plan.role, plan.interviewer, _pairs(plan.attractions, "aspect", "link")))
        or _pairs(plan.strengths, "strength", "evidence")
        or _pairs(plan.concerns, "concern", "answer")
    )
    if not has_content:
        return [chooser.note("note_empty")]
    notes = []
    if not _pairs(plan.attractions, "aspect", "link"):
        notes.append(chooser.note("note_no_interest"))
    if not _pairs(plan.strengths, "strength", "evidence"):
        notes.append(chooser.note("note_no_skills"))
    if unanswered:
        notes.append(chooser.note("note_unanswered"))
    if not first_name(plan.interviewer):
        notes.append(chooser.note("note_no_name"))
    if trimmed:
        notes.append(chooser.note(f"note_trimmed_{chooser.length}"))
    return notes
