"""Talking points: coaching beside each row of the interest, strengths and concerns steps.

Each row the candidate fills in is a talking point of the close: something that
draws them (with its link to their own experience), a strength (with its
evidence), a concern (with their answer). :func:`coach_rows` says, row by row,
what would make the point stronger, and says nothing when it is fine:

- interest (A2): an aspect with no link to the candidate; an aspect that is
  generic, nothing particular to this company or role ("great culture");
- strengths (A3): a strength with no example, number or outcome behind it, or
  whose evidence is itself only a claim ("I work hard");
- concerns (A4): a concern with no answer, or an answer that is only a claim.

The analyzer (:func:`closer_widgets.feedback.analyze`) judges the sentence a row
would make, for its ``generic`` and ``unsupported`` findings; clear checks of our
own cover what it cannot judge in a bare phrase ("great culture" on its own).

The wording lives in ``data/talking_points.csv`` (:data:`TALKING_POINTS`), so a
counsellor can edit or translate it. Results are plain data (:class:`RowNote`),
a pure function of the plan's rows and its company and role. Each row is judged
once and cached: while the candidate types, rows change one at a time, so the
others cost nothing. No widget imports; the analyzer is imported on first use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .content import Column, TableSpec, fill_placeholders, load_records
from .errors import ContentError

ROW_TRAITS = ("attractions", "strengths", "concerns")
"""The plan's list traits that get row coaching, in the order of the steps."""

ROW_INPUTS = frozenset({*ROW_TRAITS, "company", "role"})
"""Plan traits :func:`coach_rows` reads: recompute when one of them changes."""

STEP_OF = {"attractions": "interest", "strengths": "strengths", "concerns": "concerns"}
"""The dashboard step of each list trait (the ``step`` column of the data file)."""

KEYS = {
    "attractions": ("aspect", "link"),
    "strengths": ("strength", "evidence"),
    "concerns": ("concern", "answer"),
}
"""The two texts of a row of each list trait, in the order the step shows them."""

MESSAGE_IDS = {
    "interest": ("no_link", "generic", "no_aspect"),
    "strengths": ("no_evidence", "claim_evidence", "no_strength"),
    "concerns": ("no_answer", "claim_answer", "no_concern"),
}
"""The message ids each step needs from the data file."""

SEVERITIES = ("high", "medium", "low")
"""Most to least pressing (the analyzer's scale)."""

TALKING_POINTS = TableSpec(
    "talking_points.csv",
    (
        Column("id"),
        Column("step", "choice", choices=tuple(MESSAGE_IDS)),
        Column("severity", "choice", choices=SEVERITIES),
        # Short label shown in bold before the message, so the severity is said in
        # words and not by colour alone.
        Column("title"),
        # May use {text} (the row's words, quoted), {company} and {role}.
        Column("message"),
        Column("advice", "advice"),
        # Words a check relies on, separated by spaces. For ``generic``: words that
        # name nothing particular to one employer (besides the analyzer's praise, job
        # and broad word classes). For ``claim_evidence``: number and outcome words
        # that make evidence concrete (besides digits, past-tense verbs and the
        # analyzer's achieve class). Empty for the other messages.
        Column("words", required=False),
    ),
    # Which messages must be there is checked by name in load_talking_points.
)
"""``data/talking_points.csv``: one row per message of the row coaching."""

_PLACEHOLDERS = ("text", "company", "role")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
_WORD_RE = re.compile(r"[a-z0-9%$\u00a3\u20ac]+(?:['\-][a-z0-9]+)*")
_QUOTE_LIMIT = 60

# Grammar words carry no meaning for "is this particular to one employer?".
_GRAMMAR = frozenset(
    "a an the this that these those its it's your their our my his her of to and or "
    "for in at on with about by from as very really so such truly all lots lot whole "
    "also just quite more most how what which who is are was be being been here there "
    "overall general i i'm we you they it".split()
)
# A row that starts with one of these is already a sentence ("I love the team"):
# judge it as typed rather than inside a frame.
_SUBJECTS = frozenset(
    "i i'm i've i'd i'll im ive we we're we've it it's this that there they they're "
    "he she you you're".split()
)
# Words ending in -ed that describe a person rather than a deed ("dedicated").
_NOT_DEEDS = ("trait", "praise", "desire", "experience", "hedge")


@dataclass(frozen=True)
class RowNote:
    """One piece of coaching for one row.

    Attributes
    ----------
    trait : str
        The plan's list: ``attractions``, ``strengths`` or ``concerns``.
    row : int
        Index of the row in that list (0-based).
    severity : str
        ``high``, ``medium`` or ``low``.
    id : str
        Message id in ``data/talking_points.csv`` (``no_link``, ``generic``...).
    title : str
        Short label, shown before the message.
    message : str
        What to do, as plain text (escape it where HTML is built).
    words : tuple of str
        The words of the row that raised it.
    advice : tuple of str
        ADVICE ids the message serves.
    source : tuple of str
        The row's two texts as judged, so a view can tell a note made for an
        earlier version of the row.
    """

    trait: str
    row: int
    severity: str
    id: str
    title: str
    message: str
    words: tuple
    advice: tuple
    source: tuple

    def to_dict(self) -> dict:
        """A JSON-ready dict of the note."""
        return {
            "trait": self.trait,
            "row": self.row,
            "severity": self.severity,
            "id": self.id,
            "title": self.title,
            "message": self.message,
            "words": list(self.words),
            "advice": list(self.advice),
            "source": list(self.source),
        }


# --- the data file --------------------------------------------------------------------
def load_talking_points(path: str | Path | None = None) -> dict:
    """Read and validate the row-coaching messages.

    Parameters
    ----------
    path : str or Path, optional
        A file to read instead of ``data/talking_points.csv`` (tests, translations).

    Returns
    -------
    dict
        Message id -> record (``step``, ``severity``, ``title``, ``message``,
        ``advice``, ``words``).

    Raises
    ------
    ContentError
        Naming the file, the row (header = row 1) and the column at fault: a bad
        cell, an unknown placeholder, a message filed under the wrong step, or a
        message the coaching needs that is missing.
    """
    name = Path(path).name if path is not None else TALKING_POINTS.filename
    records = load_records(TALKING_POINTS, path)
    found = {}
    for number, record in enumerate(records, start=2):
        for placeholder in _PLACEHOLDER_RE.findall(record.message):
            if placeholder not in _PLACEHOLDERS:
                raise ContentError(
                    f"{name}, row {number}, column 'message': {{{placeholder}}} is not a known "
                    "placeholder (use {text}, {company} or {role}). Fix the file and load it "
                    "again."
                )
        found[record.id] = (number, record)
    for step, ids in MESSAGE_IDS.items():
        for message_id in ids:
            if message_id not in found:
                raise ContentError(
                    f"{name}, column 'id': no row for the message {message_id!r} of the "
                    f"{step} step. Fix the file and load it again."
                )
            number, record = found[message_id]
            if record.step != step:
                raise ContentError(
                    f"{name}, row {number}, column 'step': {message_id!r} belongs to the "
                    f"{step} step, not {record.step}. Fix the file and load it again."
                )
    return {message_id: record for message_id, (_, record) in found.items()}


@functools.cache
def talking_points() -> dict:
    """The shipped messages (cached; see :func:`load_talking_points`)."""
    return load_talking_points()


@functools.cache
def _vocabulary() -> tuple[frozenset, frozenset, frozenset]:
    """Generic words, deed-and-outcome words, and words that describe a person."""
    from .feedback.features import word_classes

    points = talking_points()
    classes = word_classes()

    def of(*names):
        return frozenset(word for word, found in classes.items() if found & set(names))

    generic = of("praise", "job", "broad") | frozenset(points["generic"].words.lower().split())
    concrete = of("achieve") | frozenset(points["claim_evidence"].words.lower().split())
    return generic, concrete, of(*_NOT_DEEDS)


# --- small checks of our own --------------------------------------------------------------
def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower().replace("\u2019", "'"))


def _sentence(text: str) -> str:
    """``text`` as a sentence: with a full stop when it has no end mark."""
    text = text.strip()
    return text if text[-1:] in ".!?" else f"{text}."


def _framed(text: str, frame: str) -> str:
    """The sentence a row would make: as typed when it is one, else inside ``frame``."""
    words = _words(text)
    if words and words[0] in _SUBJECTS:
        return _sentence(text)
    return frame.format(text.strip().rstrip(".!?"))


def _strength_sentence(strength: str) -> str:
    """The claim a strength makes, as the analyzer reads claims best ("I'm a hard worker.")."""
    words = _words(strength)
    if words and words[0].endswith("ing"):
        return _framed(strength, "I'm good at {}.")  # "explaining numbers..."
    return _framed(strength, "I'm a {}.")


def _generic_words(aspect: str, company: str, role: str) -> tuple[str, ...]:
    """The aspect's words when none of them is particular to an employer, else ()."""
    generic, _, _ = _vocabulary()
    names = set(_words(company)) | set(_words(role))
    content = [word for word in _words(aspect) if word not in _GRAMMAR]
    if not content or any(word in names or word not in generic for word in content):
        return ()
    return tuple(content)


def is_concrete(text: str) -> bool:
    """Whether ``text`` names a deed, a number or an outcome.

    A digit, a number or outcome word (``data/talking_points.csv``), a verb of
    achievement ("led", "cut"), or a past-tense verb that is not a trait ("covered",
    not "dedicated").
    """
    _, concrete, person = _vocabulary()
    for word in _words(text):
        if any(ch.isdigit() for ch in word) or word in concrete:
            return True
        if len(word) > 4 and word.endswith("ed") and word not in person:
            return True
    return False


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 1].rstrip() + "\u2026"
    return f"\u201c{text}\u201d"


def _analyze(text: str, company: str, role: str):
    from .feedback import analyze

    return analyze(text, company=company or None, role=role or None)


def _claim_in(first: str, second: str, company: str, role: str) -> tuple[bool, bool, tuple]:
    """Analyse ``first second`` and read the labels of the sentences of ``second``.

    Returns whether a sentence of ``second`` is ``unsupported``, whether one
    carries ``skills``, and the analyzer's ``unsupported`` words inside ``second``.
    """
    text = f"{first} {_sentence(second)}"
    offset = len(first) + 1
    fb = _analyze(text, company, role)
    labels = [s.labels for s in fb.sentences if s.start >= offset]
    unsupported = any("unsupported" in found for found in labels)
    skills = any("skills" in found for found in labels)
    head, tail = text[:offset].lower(), text[offset:].lower()
    words = tuple(
        w
        for w in fb.flag_evidence.get("unsupported", ())
        if w.lower() in tail and w.lower() not in head
    )
    return unsupported, skills, words


# --- judging one row (cached) ---------------------------------------------------------
@functools.lru_cache(maxsize=4096)
def _judge(trait: str, first: str, second: str, company: str, role: str) -> tuple:
    """The messages one row raises: tuples of (message id, words, quoted text)."""
    if not first and not second:
        return ()
    judge = _JUDGES.get(trait)
    if judge is None:
        raise ValueError(f"no row coaching for {trait!r}; use one of {', '.join(ROW_TRAITS)}")
    return judge(first, second, company, role)


def _judge_attraction(first: str, second: str, company: str, role: str) -> tuple:
    if not first:
        return (("no_aspect", (), ""),)
    found = []
    words = _generic_words(first, company, role)
    if not words:
        fb = _analyze(_framed(first, "I'm excited about {}."), company, role)
        if fb.flags["generic"]:
            words = tuple(fb.flag_evidence["generic"]) or (first,)
    if words:
        found.append(("generic", words, _quote(first)))
    if not second:
        found.append(("no_link", (first,), _quote(first)))
    return tuple(found)


def _judge_strength(first: str, second: str, company: str, role: str) -> tuple:
    if not first:
        return (("no_strength", (), ""),)
    if not second:
        return () if is_concrete(first) else (("no_evidence", (first,), _quote(first)),)
    unsupported, skills, words = _claim_in(_strength_sentence(first), second, company, role)
    if unsupported or not (skills or is_concrete(second)):
        return (("claim_evidence", words or (second,), _quote(second)),)
    return ()


def _judge_concern(first: str, second: str, company: str, role: str) -> tuple:
    if not first:
        return (("no_concern", (), ""),)
    if not second:
        return (("no_answer", (first,), _quote(first)),)
    frame = _framed(first, "You may wonder about {}.")
    unsupported, _, words = _claim_in(frame, second, company, role)
    if unsupported:
        return (("claim_answer", words or (second,), _quote(second)),)
    return ()


_JUDGES = {
    "attractions": _judge_attraction,
    "strengths": _judge_strength,
    "concerns": _judge_concern,
}


def coach_row(
    trait: str, first: str, second: str, company: str = "", role: str = "", row: int = 0
) -> tuple[RowNote, ...]:
    """The coaching for one row, most pressing first (empty when the row is fine).

    Parameters
    ----------
    trait : str
        ``attractions``, ``strengths`` or ``concerns``.
    first, second : str
        The row's two texts (aspect and link, strength and evidence, concern and
        answer).
    company, role : str
        From the profile; they tell a specific aspect from a generic one and fill
        the messages.
    row : int
        The row's index, copied into the notes.

    Returns
    -------
    tuple of RowNote
    """
    first, second = (first or "").strip(), (second or "").strip()
    company, role = (company or "").strip(), (role or "").strip()
    points = talking_points()
    rank = {severity: i for i, severity in enumerate(SEVERITIES)}
    notes = []
    for message_id, words, quoted in _judge(trait, first, second, company, role):
        record = points[message_id]
        # The row's own words go in last, so braces the candidate typed stay as typed.
        message = fill_placeholders(record.message, company, role).replace("{text}", quoted)
        notes.append(
            RowNote(
                trait=trait,
                row=row,
                severity=record.severity,
                id=message_id,
                title=record.title,
                message=message,
                words=tuple(words),
                advice=tuple(record.advice.split(";")),
                source=(first, second),
            )
        )
    return tuple(sorted(notes, key=lambda note: rank[note.severity]))


def coach_rows(plan, traits=ROW_TRAITS) -> dict[str, tuple[RowNote, ...]]:
    """The coaching beside every row of the interest, strengths and concerns steps.

    A pure function of the plan's ``attractions``, ``strengths`` and ``concerns``
    and its ``company`` and ``role`` (:data:`ROW_INPUTS`); each row is judged once
    and cached, so calling it again after one row changed re-judges only that row.

    Parameters
    ----------
    plan : ClosingPlan
        The plan (anything with those attributes).
    traits : sequence of str, optional
        Only these lists (by default all of :data:`ROW_TRAITS`).

    Returns
    -------
    dict
        ``attractions``, ``strengths`` and ``concerns`` -> tuple of :class:`RowNote`,
        by row then severity. A row that is fine has no note.
    """
    company, role = plan.company or "", plan.role or ""
    result = {}
    for trait in traits:
        first_key, second_key = KEYS[trait]
        notes = []
        for index, item in enumerate(getattr(plan, trait)):
            notes.extend(
                coach_row(
                    trait, item.get(first_key, ""), item.get(second_key, ""), company, role, index
                )
            )
        result[trait] = tuple(notes)
    return result


def clear_cache() -> None:
    """Forget the judged rows and the loaded messages (after editing the data file)."""
    _judge.cache_clear()
    _vocabulary.cache_clear()
    talking_points.cache_clear()


__all__ = [
    "KEYS",
    "MESSAGE_IDS",
    "ROW_INPUTS",
    "ROW_TRAITS",
    "STEP_OF",
    "TALKING_POINTS",
    "RowNote",
    "clear_cache",
    "coach_row",
    "coach_rows",
    "is_concrete",
    "load_talking_points",
    "talking_points",
]
