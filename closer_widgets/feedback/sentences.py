"""Split a closing statement into sentences, keeping each one's place in the text.

The detector labels sentences, so the split has to hold up on what people really
type: abbreviations ("Dr. Osei", "e.g.", "St. Mary's"), numbers ("3.5 years"),
missing full stops, one point per line, notes typed as a list, and spoken run-ons
that go on for forty words with no punctuation at all.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st sr jr mt ft vs etc eg ie approx dept univ inc ltd co corp nos "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun "
    "a.m p.m e.g i.e u.s u.k".split()
)
"""Words that end with a full stop without ending the sentence (lower case, no dot)."""

_END_RE = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s|$)|\n\s*")
_BULLET_RE = re.compile(r"\s*(?:[-*\u2022\u2013\u2014>]+|\d{1,2}[.)])\s+")
_WORD_BEFORE_RE = re.compile(r"([\w.]+)[.]$")

MAX_RUN_ON_WORDS = 35
"""A stretch longer than this with no full stop is cut where a new clause starts."""

_RUN_ON_CUT_RE = re.compile(
    # "... and I've ...", "... so what happens next", "... thanks for ...": a new point.
    # Never at "but": a doubt and its answer belong together.
    r",?\s+(?=(?:(?:and|so|also|anyway|oh and|and also|and then|yeah|ok|okay)\s+"
    r"(?:i|i'm|i'd|i've|i'll|we)\b)"
    r"|(?:(?:and|so|also|anyway|oh and|and also|and then|yeah|ok|okay)\s+)?"
    r"(?:what|when|how|who|is there|are there|could you|can you|would you|will you|do you"
    r"|thanks|thank you|cheers|please)\b)",
    re.IGNORECASE,
)


class Sentence(NamedTuple):
    """One sentence: ``text[start:end]`` of the analysed text."""

    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Cut ``text`` into sentences.

    Parameters
    ----------
    text : str
        The statement as typed or transcribed.

    Returns
    -------
    list of Sentence
        Non-empty sentences in order, stripped of surrounding white space and of
        list bullets, as character offsets into ``text``.
    """
    pieces: list[Sentence] = []
    start = 0
    for match in _END_RE.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        _add(text, start, match.end(), pieces)
        start = match.end()
    _add(text, start, len(text), pieces)
    return [piece for long in pieces for piece in _cut_run_on(text, long)]


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation or an initial."""
    before = _WORD_BEFORE_RE.search(text, max(0, dot - 12), dot + 1)
    if before is None:
        return False
    word = before.group(1).lower().rstrip(".")
    if word.isdigit() and len(word) <= 2:  # "1." opening a numbered line
        line_start = text.rfind("\n", 0, before.start()) + 1
        return not text[line_start : before.start()].strip()
    # Single letters are initials ("J. Smith"), except the pronoun.
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha() and word != "i")


def _add(text: str, start: int, end: int, pieces: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    bullet = _BULLET_RE.match(text, start, end)
    if bullet:
        start = bullet.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end and any(char.isalnum() for char in text[start:end]):
        pieces.append(Sentence(start, end))


def _cut_run_on(text: str, sentence: Sentence) -> list[Sentence]:
    """Cut a long unpunctuated stretch where a new clause plainly starts."""
    start, end = sentence
    if text.count(" ", start, end) < MAX_RUN_ON_WORDS:
        return [sentence]
    cuts = [match.start() for match in _RUN_ON_CUT_RE.finditer(text, start, end)]
    out, begin = [], start
    for cut in cuts:
        # Keep pieces long enough to say something (at least six words).
        if text.count(" ", begin, cut) >= 6 and text.count(" ", cut, end) >= 6:
            out.append(Sentence(begin, cut))
            begin = cut
            while begin < end and (text[begin].isspace() or text[begin] == ","):
                begin += 1
    out.append(Sentence(begin, end))
    return out


CLAUSE_MIN_WORDS = 18
"""A sentence at least this long is also read clause by clause (see split_clauses)."""

_CLAUSE_RE = re.compile(r"\s*[,;:\u2014\u2013]\s*|\s+-\s+")


def split_clauses(text: str, sentence: Sentence) -> list[Sentence]:
    """The clauses of a long sentence: stretches between commas, semicolons, colons and
    dashes, each of at least four words; none for a short sentence.

    A long sentence often carries two parts of a close ("To sum up, I bring three
    years of SQL, I explain numbers to managers, and I like owning a project..."):
    read whole, its many words can drown each part, so each clause is read too.
    """
    start, end = sentence
    if text.count(" ", start, end) + 1 < CLAUSE_MIN_WORDS:
        return []
    clauses, begin = [], start
    for match in _CLAUSE_RE.finditer(text, start, end):
        if text.count(" ", begin, match.start()) >= 3:
            clauses.append(Sentence(begin, match.start()))
            begin = match.end()
    if begin > start and text.count(" ", begin, end) >= 3:
        clauses.append(Sentence(begin, end))
    return clauses if len(clauses) > 1 else []
