"""The statement composer: a first spoken draft of the close, built from the plan.

:func:`compose` turns a :class:`~closer_widgets.plan.ClosingPlan` into a short
(about 30-45 seconds) or full (about 60-90 seconds) closing statement, part by
part in the order a close usually takes: thanks, interest, strengths, a concern
answered, the closing ask, the next steps and the contact request. The wording
comes from ``data/templates.csv``, several templates per part, so counsellors can
edit or translate it; the choice among them is deterministic, so the same plan
always gives the same draft. Users then edit the draft freely.

People type each entry as a short phrase or as a whole sentence; the helpers of
:mod:`closer_widgets.phrasing` tell which, and a template slot takes only the
form it reads well with (``{concern}`` a phrase, ``{concern_clause}`` a
sentence), so the draft never says "a concern about I have never used P6".

No widget imports here: the statement view, notebooks and scripts share it.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import random
import re
from dataclasses import dataclass
from pathlib import Path

from .content import Column, TableSpec, as_records, load_records
from .phrasing import (
    article,
    as_clause,
    capitalise,
    clean,
    first_name,
    join,
    lower_first,
    noun_phrase,
    predicative,
    sentence,
    strength_clause,
    strength_kind,
)
from .plan import LENGTHS, WORDS_PER_MINUTE, words_for  # one pace and one length target

__all__ = [
    "CONTEXT_FIELDS",
    "DEFAULT_ASK",
    "PART_ELEMENTS",
    "PART_FIELDS",
    "TEMPLATES",
    "Draft",
    "article",
    "compose",
    "compose_statement",
    "first_name",
    "load_templates",
    "plan_seed",
]

log = logging.getLogger(__name__)


CONTEXT_FIELDS = frozenset({"name", "company", "role", "a_role"})
"""Placeholders any template may use; a template using one is chosen only when it is known."""

#: Content placeholders of each part. When the plan provides one, only templates
#: that use it are eligible, so nothing the candidate wrote is silently dropped.
#: A name ending in ``_clause`` takes what the person typed as a whole sentence
#: ("I have never used Primavera P6"); the bare name takes a phrase ("no P6
#: experience"). Each entry fills exactly one of the two, so a sentence is never
#: put where a phrase belongs (:mod:`closer_widgets.phrasing`).
PART_FIELDS = {
    "thanks": frozenset({"name"}),
    "interest": frozenset({"aspect", "aspect_clause", "link", "link_clause"}),
    "interest_more": frozenset({"aspect", "aspect_clause", "link", "link_clause"}),
    "interest_plain": frozenset({"company", "role"}),
    "skills_short": frozenset({"strength_list", "strength_clauses", "evidence"}),
    "skills_intro": frozenset(),
    "skill_item": frozenset({"ordinal", "strength", "strength_clause", "evidence"}),
    "concern": frozenset({"concern", "concern_clause", "answer", "answer_clause"}),
    "ask_own": frozenset({"ask"}),
    "ask_mild": frozenset(),
    "ask_advance": frozenset(),
    "ask_bold": frozenset(),
    "next_steps": frozenset(),
    "contact": frozenset(),
    "next_and_contact": frozenset(),
    "note": frozenset(),
}

#: Placeholders that are another form of the same content ("a_role" is the role).
_SAME_CONTENT = {"a_role": "role", "strength_clauses": "strength_list"}

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
DEFAULT_ASK = {"": "advance", "well": "mild", "unsure": "advance", "rough": "mild"}

_PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _placeholders_fit_the_part(row: dict):
    """A template may use only the placeholders its part can fill (a rule of the spec)."""
    allowed = CONTEXT_FIELDS | PART_FIELDS[row["part"]]
    bad = [name for name in _PLACEHOLDER.findall(row["template"]) if name not in allowed]
    if bad:
        fields = ", ".join("{" + name + "}" for name in sorted(allowed))
        return (
            "template",
            f"{{{bad[0]}}} cannot be used in a '{row['part']}' template (use {fields})",
        )
    leftover = _PLACEHOLDER.sub("", row["template"])
    if "{" in leftover or "}" in leftover:
        return "template", "it has a '{' or '}' that is not part of a placeholder"
    return None


TEMPLATES = TableSpec(
    "templates.csv",
    (
        Column("id"),
        Column("part", "choice", choices=tuple(PART_FIELDS)),
        Column("length", "choice", choices=("short", "full", "any")),
        Column("template"),
        Column("advice", "advice"),
    ),
    rules=(_placeholders_fit_the_part,),
)
_SENTENCE_END = re.compile(r"(?:^|[.!?]\s)$")


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
    return load_records(TEMPLATES, path)


def _content_name(name: str) -> str:
    """The content a placeholder carries, whatever its form ("concern_clause" -> "concern")."""
    name = _SAME_CONTENT.get(name, name)
    return name[: -len("_clause")] if name.endswith("_clause") else name


def _template_fields(template: str) -> set:
    return {_content_name(name) for name in _PLACEHOLDER.findall(template)}


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
        """The part's text with ``values`` filled in, or ``""`` when no template fits.

        A template fits when every placeholder it uses has a value, in the form
        given (phrase or clause), and it uses every piece of content the part was
        given, so nothing the candidate wrote is dropped.
        """
        known = {name for name, value in values.items() if value}
        core = {_content_name(name) for name in PART_FIELDS[part] & known}
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
            return capitalise(value)
        if match.group(1) in CONTEXT_FIELDS:
            return value  # names keep their capitals: "Data Analyst", "Acme"
        return lower_first(value)  # "My degree..." inside a sentence

    return _tidy(_PLACEHOLDER.sub(replace, template))


# --- text helpers (the phrasing rules live in closer_widgets.phrasing) --------------
def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r" ([,;:.!?])", r"\1", text)


def plan_seed(plan) -> str:
    """A seed that stays put while the candidate types their content.

    Built from who and what the interview is about only, so the wording of the
    preview does not jump around at every keystroke in the Interest step.
    """
    key = "|".join((plan.participant, plan.company, plan.role, plan.interviewer)).lower()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# --- slot values -------------------------------------------------------------------
def _forms(name: str, text: str, article_for_bare: str = "") -> dict:
    """What the person typed under ``name`` (a phrase) or ``name_clause`` (a sentence)."""
    if not text:
        return {}
    said = as_clause(text)
    if said:
        return {f"{name}_clause": said}
    return {name: noun_phrase(text, article_for_bare) or clean(text)}


def _evidence(text: str) -> str:
    """Evidence as typed: it follows a colon or "for example", so either form reads."""
    return as_clause(text) or lower_first(clean(text))


def _strength_clauses(names: list) -> str:
    """Strengths said as one run of clauses: "I'm a hard worker and a team player, and..."

    Kinds of person and traits share one "I'm"; skills share one "I'm
    experienced in"; sentences the person typed are kept as they are.
    """
    people = [predicative(name) for name in names if strength_kind(name) in ("person", "trait")]
    skills = [lower_first(clean(name)) for name in names if strength_kind(name) == "skill"]
    clauses = [as_clause(name) for name in names if strength_kind(name) == "clause"]
    runs = []
    if skills:
        runs.append(f"I'm experienced in {join(skills)}")
    if people:
        runs.append(f"I'm {join(people)}")
    runs += clauses
    # Clauses take a comma before the last "and", even two of them: "I'm a hard
    # worker and a team player, and I am good at scheduling".
    return runs[0] if len(runs) == 1 else ", ".join(runs[:-1]) + ", and " + runs[-1]


def _strength_values(strength: str) -> dict:
    """A strength for a skill item: a skill phrase, or a clause for anything else."""
    if not strength:
        return {}
    if strength_kind(strength) == "skill":
        return {"strength": lower_first(clean(strength))}
    return {"strength_clause": strength_clause(strength)}


# --- composition -----------------------------------------------------------------
#: An aspect of fewer words than this keeps its link in the short close.
_SPECIFIC_WORDS = 4

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
    """Non-empty items as (first, second) texts, cleaned of stray spaces and end stops.

    An item typed twice is said once ("a hard worker, a team player, and a hard
    worker" is no recap).
    """
    pairs, seen = [], set()
    for item in items:
        one, two = clean(item.get(first, "")), clean(item.get(second, ""))
        if (one or two) and (one.lower(), two.lower()) not in seen:
            seen.add((one.lower(), two.lower()))
            pairs.append((one, two))
    return pairs


def _sections(plan, length: str, chooser: _Chooser, fit: tuple) -> tuple[list, bool]:
    """The statement's parts as (part, text); and whether the first concern has no answer.

    ``fit`` is one of :data:`_FITS`: how many strengths to keep, whether to answer
    a concern, whether to add a second attraction.
    """
    keep, with_concern, with_more = fit
    role = clean(plan.role)
    context = {
        "name": first_name(plan.interviewer),
        "company": clean(plan.company),
        "role": role,
        "a_role": f"{article(role)} {role}" if role else "",
    }
    sections = [("thanks", chooser.fill("thanks", context))]
    sections += _interest_parts(plan, length, chooser, context, with_more)
    sections += _strength_parts(plan, length, chooser, context, keep)
    concerns = _pairs(plan.concerns, "concern", "answer")
    answered = [pair for pair in concerns if pair[1]]
    unanswered = bool(concerns) and not concerns[0][1]
    if answered and with_concern:
        concern, answer = answered[0]
        values = {**context, **_forms("concern", concern), **_forms("answer", answer)}
        sections.append(("concern", chooser.fill("concern", values)))
    sections += _closing_parts(plan, length, chooser, context)
    return [(part, text) for part, text in sections if text], unanswered


def _interest_parts(plan, length: str, chooser: _Chooser, context: dict, with_more: bool):
    attractions = _pairs(plan.attractions, "aspect", "link")
    if not attractions:
        return [("interest_plain", chooser.fill("interest_plain", context))]
    aspect, link = attractions[0]
    if length == "short" and len(aspect.split()) >= _SPECIFIC_WORDS:
        # The short version names what draws them and the full one says why; but a
        # short aspect ("great culture") says nothing of this employer alone, so its
        # link to the person stays.
        link = ""
    values = {**context, **_forms("aspect", aspect, "the"), **_forms("link", link)}
    parts = [("interest", chooser.fill("interest", values))]
    if length == "full" and len(attractions) > 1 and with_more:
        aspect, link = attractions[1]
        values = {**context, **_forms("aspect", aspect, "the"), **_forms("link", link)}
        parts.append(("interest_more", chooser.fill("interest_more", values)))
    return parts


def _strength_parts(plan, length: str, chooser: _Chooser, context: dict, keep: int):
    strengths = _pairs(plan.strengths, "strength", "evidence")
    if not strengths:
        return []
    if length == "short":
        return [
            ("skills_short", chooser.fill("skills_short", _short_recap(strengths, keep, context)))
        ]
    parts = [("skills_intro", chooser.fill("skills_intro", context))]
    ordinals = ["First", "Second", "Third"] if len(strengths[:keep]) > 1 else ["Above all"]
    for index, (strength, evidence) in enumerate(strengths[:keep]):
        values = {
            **context,
            "ordinal": ordinals[index],
            **_strength_values(strength),
            "evidence": _evidence(evidence) if evidence else "",
        }
        parts.append(("skill_item", chooser.fill("skill_item", values, index)))
    return parts


def _short_recap(strengths: list, keep: int, context: dict) -> dict:
    """The values of the short close's one recap sentence."""
    names = [strength for strength, _ in strengths if strength][:keep]
    if not names:
        return {**context, "evidence": _evidence(strengths[0][1])}
    if all(strength_kind(name) == "skill" for name in names):
        return {**context, "strength_list": join([lower_first(n) for n in names])}
    # A quality claimed ("hard worker", "I stay calm") needs its proof even in the
    # short close (A3): the first piece of evidence goes with it.
    proof = [evidence for _, evidence in strengths[:keep] if evidence][:1]
    return {
        **context,
        "strength_clauses": _strength_clauses(names),
        "evidence": _evidence(proof[0]) if proof else "",
    }


def _closing_parts(plan, length: str, chooser: _Chooser, context: dict):
    ask = sentence(plan.ask_text)
    if ask:
        parts = [("ask_own", chooser.fill("ask_own", {**context, "ask": ask}))]
    else:
        level = plan.ask_level or DEFAULT_ASK[plan.interview_read]
        parts = [(f"ask_{level}", chooser.fill(f"ask_{level}", context))]
    if length == "short" and plan.want_next_steps and plan.want_contact:
        return [*parts, ("next_and_contact", chooser.fill("next_and_contact", context))]
    if plan.want_next_steps:
        parts.append(("next_steps", chooser.fill("next_steps", context)))
    if plan.want_contact:
        parts.append(("contact", chooser.fill("contact", context)))
    return parts


def compose(plan, length: str | None = None, seed=None, templates=None) -> Draft:
    """Compose a closing statement from the plan.

    Whatever the person typed in each step, a short phrase ("great culture") or
    a whole sentence ("I have never used Primavera P6."), goes into a template
    made for that form (:mod:`closer_widgets.phrasing`), so the draft reads as
    something they could say.

    Parameters
    ----------
    plan : ClosingPlan
        What the candidate prepared; empty parts are skipped, never padded.
    length : {"short", "full"}, optional
        The length target, ``plan.length`` by default (see
        :data:`~closer_widgets.plan.LENGTHS`): ``short`` aims at 30-45 seconds
        (about 70-105 words), ``full`` at 60-90 seconds (about 140-210 words). A
        thin plan gives a shorter draft, and the notes say what to add; details
        that do not fit are left out, and the notes say so.
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
    length = plan.length if length is None else length
    if length not in LENGTHS:
        raise ValueError(f"length must be 'short' or 'full', not {length!r}")
    table = load_templates() if templates is None else as_records(templates)
    chooser = _Chooser(table, length, plan_seed(plan) if seed is None else str(seed))
    low, high = (words_for(seconds) for seconds in LENGTHS[length])
    # The first way of fitting that keeps the draft within its time wins.
    for fit in _FITS[length]:
        sections, unanswered = _sections(plan, length, chooser, fit)
        text = _tidy(" ".join(text for _, text in sections))
        if len(text.split()) <= high:
            break
    words = len(text.split())
    fitted = "trimmed" if fit != _FITS[length][0] else ""
    fitted = "too_long" if words > high else fitted
    elements = []
    for part, _ in sections:
        elements += [e for e in PART_ELEMENTS[part] if e not in elements]
    notes = _notes(plan, chooser, unanswered, fitted, words < low)
    return Draft(
        text=text, length=length, elements=tuple(elements), notes=tuple(n for n in notes if n)
    )


def compose_statement(plan, length: str | None = None, seed=None) -> str:
    """The text of :func:`compose`: a spoken closing statement built from the plan."""
    return compose(plan, length, seed).text


def _notes(plan, chooser: _Chooser, unanswered: bool, fitted: str, under: bool) -> list:
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
    if fitted:
        notes.append(chooser.note(f"note_{fitted}_{chooser.length}"))
    elif under:
        notes.append(chooser.note(f"note_under_{chooser.length}"))
    return notes
