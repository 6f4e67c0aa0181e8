"""Rehearsal: cue cards, the clock, and a log of practice attempts (A11, A13).

Pure logic with no widget imports, so notebooks, the CLI and the dashboard can
share it. Attempts are stored in ``ClosingPlan.rehearsals``.

- :func:`cue_card` gives one cue per closing part the statement covers, in the
  order spoken, from the analyzer's :class:`~closer_widgets.feedback.Feedback`
  (passed in by the coaching model, which has it already); the printed card uses
  the very same list.
- Every time window is the plan's one length target, ``plan.length``.
- An attempt under a fifth of the target's low end is no rehearsal:
  :func:`record_attempt` refuses it, by the rule the readiness summary uses.
- The self-check offers only the mistakes one can judge alone while practising
  (``self_check`` in ``data/mistakes.csv``).
- An attempt is timed (:func:`record_attempt`, ``source: "timer"``) or a take
  recorded in the browser (:func:`record_take`, ``source: "recording"``), of which
  only the measured numbers reach the kernel, never the audio.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections.abc import Callable, Iterable
from typing import NamedTuple

from traitlets import Bool, Float, HasTraits

from .content import ELEMENT_IDS, mistake_records
from .plan import LENGTHS as WINDOWS  # one pace and one length target, product-wide
from .plan import (  # noqa: F401 - re-exported
    LONGEST_ATTEMPT,
    MAX_ITEMS,
    MOST_PAUSES,
    TAKE_SECONDS,
    WORDS_PER_MINUTE,
    ClosingPlan,
    words_for,
)
from .readiness import SHORTEST_REHEARSAL, counts_as_rehearsal

CONFIDENCE_LEVELS = (1, 2, 3, 4, 5)
"""Self-ratings: 1 means shaky, 5 means ready."""

MAX_WORDS_PER_CUE = 6
"""Longest cue bullet, in words: more than a glance's worth invites reading aloud."""

# Words that carry no cue on their own: function words, fillers and hedges,
# and the vague verbs that pad spoken sentences.
_FILLER = frozenset(
    """
    a about above after again against all also am an and any anything are as at be because
    been before being below between both but by can could did do does doing done down during
    each else even ever every few for from further get gets getting got had has have having
    he her here hers herself him himself his how i i'd i'll i'm i've if in into is it it's its
    itself just let let's me more most much must my myself no nor not now of off on once only
    or other our ours ourselves out over own per quite rather really same she should so some
    something such than that that's the their theirs them themselves then there there's these
    they this those through to too under until up upon us very was we we'd we'll we're we've
    were what what's when where which while who whom whose why will with would yet you you'd
    you'll you're you've your yours yourself actually basically like kind sort maybe perhaps
    probably guess suppose certainly definitely honestly literally simply truly well okay ok
    oh um uh yeah think thought feel felt believe make made makes say said tell told know
    knew want wanted wants love would lot lots thing things way one many bring use used
    sum
    """.split()
)
_KEEP = frozenset({"thank", "thanks", "want", "next", "steps", "contact", "email", "card"})
"""Words that name a closing element: kept even though they look like filler."""

_NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty hundred thousand million percent half double""".split()
)
_UNITS = frozenset(
    """year years month months week weeks day days hour hours minute minutes people staff
    clients customers users projects teams stores sites countries languages times""".split()
)
"""Words that say what a number counts ("four days"): kept with the number."""

# Where a sentence that carries two parts may be cut between them: after a comma,
# colon, semicolon or dash, or before a word that starts a new clause.
_CLAUSE_BREAK_RE = re.compile(
    r"[,;:\u2013\u2014]\s+|\s+-\s+|\s(?=(?:and|because|so|but|as|since|which|while)\b)",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[$£€]?\d[\d,.]*%?|[^\W\d_][\w'’-]*")
_SPOKEN_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
"""A word as the analyzer counts it for its time estimate ("don't" is one word), so the
pace of a take and the statement's estimated speaking time count words alike."""

TAKE_FIELDS = ("seconds", *TAKE_SECONDS, "pauses")
"""The numbers the browser sends for a recorded take (see :func:`record_take`)."""

_TAKE_WORDS = {
    "seconds": "length",
    "speaking_seconds": "speaking time",
    "longest_pause": "longest pause",
    "lead_silence": "silence before the first word",
    "trail_silence": "silence after the last word",
    "pauses": "count of pauses",
}
"""Each number of a take as a message names it."""


def _is_number(word: str) -> bool:
    return word[0].isdigit() or word[0] in "$£€" or word.lower() in _NUMBER_WORDS


def _cue(sentence: str, names: set[str]) -> str:
    """The few words of one sentence worth a glance, in their spoken order."""
    words = [w.rstrip(".,") for w in _WORD_RE.findall(sentence)]
    candidates = []
    after_number = False
    for position, word in enumerate(words):
        lowered = word.lower().replace("’", "'")
        if lowered in _FILLER and lowered not in _KEEP:
            after_number = False
            continue
        if _is_number(word) or word in names or (after_number and lowered in _UNITS):
            # Names and numbers (with what they count) are what a speaker forgets first.
            rank = 0
        elif lowered in _KEEP or len(word) >= 5:
            rank = 1
        else:
            rank = 2
        after_number = _is_number(word)
        candidates.append((rank, position, word))
    chosen = sorted(candidates)[:MAX_WORDS_PER_CUE]
    seen, cue = set(), []
    for _, _, word in sorted(chosen, key=lambda item: item[1]):
        if word.lower() not in seen:
            seen.add(word.lower())
            cue.append(word)
    return " ".join(cue)


class Cue(NamedTuple):
    """One line of the cue card: a few words that prompt one part of the close.

    Attributes
    ----------
    element : str
        The closing element it prompts (an id of ``ELEMENT_IDS``), or ``""`` for a
        statement in which the analyzer found no element at all.
    text : str
        The words to glance at, in their spoken order.
    start : int
        Where the part is first said in the statement (character offset).
    """

    element: str
    text: str
    start: int


def _names(sentences: Iterable[str]) -> set[str]:
    """Capitalised words used mid-sentence somewhere: names, which a speaker forgets first.

    Capitalised mid-sentence tells "Sam" from a sentence-initial "Hearing".
    """
    return {
        word
        for sentence in sentences
        for word in _WORD_RE.findall(sentence)[1:]
        if word[:1].isupper() and word.lower() not in _FILLER
    }


def _opening(text: str) -> str:
    """The first words of ``text``: the cue of a part whose words are all filler."""
    words = [w.strip(".,;:!?") for w in text.split()]
    return " ".join(w for w in words[:MAX_WORDS_PER_CUE] if w)


def _sentence_parts(feedback, statement: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """``(start, end, elements)`` of every analysed sentence, in spoken order.

    Reads the analyzer's sentences whether they carry ``labels`` (elements and
    flags together) or an ``elements`` field of their own.
    """
    parts = []
    for sentence in feedback.sentences:
        labels = getattr(sentence, "elements", None)
        if labels is None:
            labels = sentence.labels
        elif isinstance(labels, dict):
            labels = [key for key, found in labels.items() if found]
        start, end = int(sentence.start), int(sentence.end)
        if 0 <= start < end <= len(statement):
            parts.append((start, end, tuple(e for e in ELEMENT_IDS if e in labels)))
    return parts


def _coverage(spans, element: str, start: int, end: int) -> int:
    """How many characters of ``[start, end)`` the evidence of ``element`` covers."""
    return sum(
        max(0, min(end, span.end) - max(start, span.start))
        for span in spans
        if span.target == element
    )


def _split(statement: str, start: int, end: int, elements, spans) -> list[tuple[str, int, int]]:
    """The sentence ``[start, end)`` as ``(element, start, end)`` pieces, one part each.

    A sentence that carries several parts ("Thanks for your time, I really want this
    role") is cut into clauses, and each clause goes to the part whose evidence
    covers most of it; a clause with no evidence stays with the one before it. A part
    that wins no clause shares the clause where its evidence is, so it is never lost.
    """
    if len(elements) == 1:
        return [(elements[0], start, end)]
    cuts = [m.end() for m in _CLAUSE_BREAK_RE.finditer(statement, start, end)]
    bounds = [start, *(cut for cut in cuts if start < cut < end), end]
    clauses = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if statement[a:b].strip()]
    owners = []
    for low, high in clauses:
        scores = {e: _coverage(spans, e, low, high) for e in elements}
        best = max(elements, key=lambda e: scores[e])  # ties: the earlier part in ELEMENT_IDS
        owners.append(best if scores[best] else None)
    if not any(owners):
        return [(element, start, end) for element in elements]
    for i in range(1, len(owners)):  # a clause with no evidence goes on with the one before
        owners[i] = owners[i] or owners[i - 1]
    first = next(owner for owner in owners if owner)
    owners = [owner or first for owner in owners]
    pieces: list[tuple[str, int, int]] = []
    for owner, (low, high) in zip(owners, clauses, strict=True):
        if pieces and pieces[-1][0] == owner:
            pieces[-1] = (owner, pieces[-1][1], high)
        else:
            pieces.append((owner, low, high))
    for element in elements:
        if element not in owners:
            low, high = max(clauses, key=lambda c: _coverage(spans, element, *c))
            if not _coverage(spans, element, low, high):
                low, high = start, end
            pieces.append((element, low, high))
    return sorted(pieces, key=lambda piece: piece[1])


def cue_parts(statement: str, feedback=None, *, company: str = "", role: str = "") -> list[Cue]:
    """One :class:`Cue` per closing element the statement covers, in the order spoken.

    Each part's cue is built from the sentences (or, where one sentence carries two
    parts, the clauses) the analyzer found it in: names and numbers first, then
    longer words, at most :data:`MAX_WORDS_PER_CUE` of them; filler is dropped. A
    sentence that carries no element is left out. When the analyzer finds no
    element at all, every sentence gets a cue (element ``""``), at most seven
    picked evenly from first to last, so a card is never blank for a written text.

    Parameters
    ----------
    statement : str
        The closing statement as the candidate wrote it.
    feedback : Feedback, optional
        ``analyze(statement, company=..., role=...)``, when the caller has it already
        (the coaching model); worked out here when None. It must be the feedback of
        this very text.
    company, role : str
        Passed to the analyzer when the feedback is worked out here, as the coaching
        model does, so the printed card and the screen show the same cues.

    Returns
    -------
    list of Cue
        In the order the parts are first said; empty for an empty text.
    """
    statement = statement or ""
    if not statement.strip():
        return []
    if feedback is None:
        from .feedback import analyze  # the analyzer's model loads on first use

        feedback = analyze(statement, company=company or None, role=role or None)
    sentences = _sentence_parts(feedback, statement)
    names = _names(statement[s:e] for s, e, _ in sentences)
    spans = tuple(getattr(feedback, "spans", ()))
    texts: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    for start, end, elements in sentences:
        if not elements:
            continue  # a sentence carrying no part has nothing to prompt
        for element, low, high in _split(statement, start, end, elements, spans):
            texts.setdefault(element, []).append(statement[low:high])
            first.setdefault(element, low)
    if not texts:
        return _sentence_cues(statement, [statement[s:e] for s, e, _ in sentences], names)
    cues = []
    for element in sorted(first, key=lambda e: (first[e], ELEMENT_IDS.index(e))):
        joined = " ".join(texts[element])
        cues.append(Cue(element, _cue(joined, names) or _opening(joined), first[element]))
    return cues


def _sentence_cues(statement: str, sentences: list[str], names: set[str]) -> list[Cue]:
    """Cues for a text with no closing element found: one per sentence, at most seven."""
    cues, position = [], 0
    for sentence in sentences:
        position = statement.find(sentence, position)
        text = _cue(sentence, names)
        if text:
            cues.append(Cue("", text, position))
    limit = len(ELEMENT_IDS)
    if len(cues) <= limit:
        return cues
    last = len(cues) - 1
    return [cues[i] for i in sorted({round(i * last / (limit - 1)) for i in range(limit)})]


def cue_card(
    statement: str,
    feedback=None,
    max_bullets: int | None = None,
    *,
    company: str = "",
    role: str = "",
) -> list[str]:
    """The cue card: one short cue per part the statement covers, in the order spoken.

    The same list is shown in the rehearsal step and printed on the cue card
    (:func:`closer_widgets.export.statement_cues`). See :func:`cue_parts` for how
    each cue is chosen; no part is ever dropped, so the strengths recap and the
    next-steps question always stay.

    Parameters
    ----------
    statement : str
        The closing statement as the candidate wrote it.
    feedback : Feedback, optional
        ``analyze(statement)`` when the caller has it already; worked out when None.
    max_bullets : int, optional
        Most lines on the card (at least 1). With more parts than lines, neighbouring
        cues share a line (joined by " · ") rather than a part being dropped.
    company, role : str
        Passed to the analyzer when ``feedback`` is None (see :func:`cue_parts`).

    Returns
    -------
    list of str
        The cues; empty for an empty text. The same text always gives the same cues.
    """
    if max_bullets is not None and max_bullets < 1:
        raise ValueError("A cue card needs room for at least one bullet.")
    cues = [cue.text for cue in cue_parts(statement, feedback, company=company, role=role)]
    if max_bullets is None or len(cues) <= max_bullets:
        return cues
    # Spread the cues over the lines in order: the first lines take one more each.
    per_line, extra = divmod(len(cues), max_bullets)
    lines, index = [], 0
    for line in range(max_bullets):
        size = per_line + (1 if line < extra else 0)
        lines.append(" · ".join(cues[index : index + size]))
        index += size
    return lines


def _length_of(length: str | ClosingPlan) -> str:
    """The length target named by ``length``: the plan's own when given a plan."""
    return length.length if isinstance(length, ClosingPlan) else length


def target_window(length: str | ClosingPlan = "full") -> tuple[int, int]:
    """The speaking time to aim for, in seconds.

    Parameters
    ----------
    length : {"full", "short"} or ClosingPlan
        The length target; pass the plan (or ``plan.length``) so the rehearsal
        judges against the one target the statement uses. ``full`` is the whole
        close (60-90 s, about 140-210 words at :data:`WORDS_PER_MINUTE`);
        ``short`` the version kept ready for when time runs out (30-45 s).

    Returns
    -------
    tuple of int
        ``(low, high)`` in seconds, from :data:`closer_widgets.plan.LENGTHS`.
    """
    length = _length_of(length)
    try:
        return WINDOWS[length]
    except (KeyError, TypeError):
        raise ValueError(f"The length must be 'full' or 'short', not {length!r}.") from None


def word_window(length: str | ClosingPlan = "full") -> tuple[int, int]:
    """The number of words that fits :func:`target_window` at :data:`WORDS_PER_MINUTE`."""
    low, high = target_window(length)
    return words_for(low), words_for(high)


def time_verdict(seconds: float, length: str | ClosingPlan = "full") -> str:
    """``"short"``, ``"on_target"`` or ``"long"``: how a timed attempt compares.

    An attempt under :func:`shortest_attempt` is ``"too_short"``: it is no
    rehearsal at all, and :func:`record_attempt` refuses it.
    """
    low, high = target_window(length)
    if not counts_as_rehearsal(seconds, _length_of(length)):
        return "too_short"
    if seconds < low:
        return "short"
    if seconds > high:
        return "long"
    return "on_target"


def shortest_attempt(length: str | ClosingPlan = "full") -> float:
    """Fewest seconds an attempt needs to count as a rehearsal.

    A fifth (:data:`~closer_widgets.readiness.SHORTEST_REHEARSAL`) of the low end
    of the target: 12 s for the full close, 6 s for the short one. The readiness
    summary uses the same rule, so a refused attempt never marks "Rehearsed".
    """
    return target_window(length)[0] * SHORTEST_REHEARSAL


def format_seconds(seconds: float) -> str:
    """``74.2`` → ``"1:14"``: minutes and seconds, as a stopwatch shows them."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def mistake_ids() -> tuple[str, ...]:
    """Ids of the mistakes in ``data/mistakes.csv``, in file order."""
    return tuple(row.id for row in mistake_records())


def self_check_mistakes() -> tuple:
    """The mistakes a person can judge alone while practising aloud, in file order.

    The rows of ``data/mistakes.csv`` marked ``self_check`` (rushing, filler words,
    reading word for word...): not the closing parts, which a rehearsal ticks on
    their own, nor what only the interviewer's reaction shows (ignoring red flags).
    """
    return tuple(row for row in mistake_records() if row.self_check)


def self_check_ids() -> tuple[str, ...]:
    """Ids of :func:`self_check_mistakes`."""
    return tuple(row.id for row in self_check_mistakes())


def record_attempt(
    plan: ClosingPlan,
    seconds: float,
    said: Iterable[str],
    mistakes: Iterable[str],
    confidence: int,
    now: dt.datetime | None = None,
) -> dict:
    """Check one rehearsal attempt and append it to ``plan.rehearsals``.

    Parameters
    ----------
    plan : ClosingPlan
        Receives the attempt (the list is replaced, never mutated). When it
        already holds :data:`~closer_widgets.plan.MAX_ITEMS` attempts, the oldest
        is dropped.
    seconds : float
        How long the attempt took; at least :func:`shortest_attempt` of
        ``plan.length`` (a fifth of the target's low end), else it is no rehearsal.
    said : iterable of str
        Ids of the closing elements the candidate said (see ``ELEMENT_IDS``).
    mistakes : iterable of str
        Ids of the mistakes they noticed, from ``data/mistakes.csv``.
    confidence : int
        Self-rating from 1 (shaky) to 5 (ready).
    now : datetime, optional
        Time stamp of the attempt; the current UTC time by default.

    Returns
    -------
    dict
        The attempt as stored: seconds, said, mistakes, confidence, at, and
        ``source`` (``"timer"``).

    Raises
    ------
    ValueError
        With one sentence saying what is wrong; the plan is left unchanged.
    """
    if (
        isinstance(seconds, bool)
        or not isinstance(seconds, (int, float))
        or not math.isfinite(seconds)
        or seconds <= 0
    ):
        raise ValueError(
            "The attempt has no time yet: start the timer, say your close, then stop it."
        )
    if not counts_as_rehearsal(seconds, plan.length):
        low, high = target_window(plan)
        raise ValueError(
            f"This attempt took {format_seconds(seconds)}, under a fifth of the {low}-{high} s "
            "target, so it is not counted as a rehearsal: start the timer, say your whole "
            "close aloud, then stop it."
        )
    said = _ids(said, ELEMENT_IDS, "closing part")
    mistakes = _ids(mistakes, mistake_ids(), "mistake")
    if isinstance(confidence, bool) or confidence not in CONFIDENCE_LEVELS:
        raise ValueError("Rate your confidence from 1 (shaky) to 5 (ready) before saving.")
    attempt = {
        "seconds": float(seconds),
        "said": said,
        "mistakes": mistakes,
        "confidence": int(confidence),
        "at": _stamp(now),
        "source": "timer",
    }
    return _append(plan, attempt)


def _stamp(now: dt.datetime | None) -> str:
    """The ``at`` of an attempt: ``now``, or the current UTC time, to the second."""
    return (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")


def _append(plan: ClosingPlan, attempt: dict) -> dict:
    """Add ``attempt`` to the plan (dropping the oldest when full) and return it as kept."""
    plan.rehearsals = (list(plan.rehearsals) + [attempt])[-MAX_ITEMS:]
    return dict(plan.rehearsals[-1])


def spoken_words(text: str) -> int:
    """How many words ``text`` has when said aloud, counted as the analyzer counts them."""
    return len(_SPOKEN_WORD_RE.findall(text or ""))


def _take_number(take: dict, name: str) -> float:
    """One number of a take, checked: present, finite, 0 or more, within its bound."""
    value = take.get(name)
    what = _TAKE_WORDS[name]
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (isinstance(value, float) and not math.isfinite(value))
    ):
        raise ValueError(f"The recording's {what} was not measured; record the take again.")
    limit = MOST_PAUSES if name == "pauses" else LONGEST_ATTEMPT
    if not 0 <= value <= limit:
        raise ValueError(f"The recording's {what} is outside 0-{limit:g}; record the take again.")
    if name == "pauses" and not float(value).is_integer():
        raise ValueError(
            f"The recording's {what} ({value:g}) is not a whole number; record the take again."
        )
    return float(value)


def record_take(plan: ClosingPlan, take: dict, now: dt.datetime | None = None) -> dict:
    """Check the numbers measured of one recorded take and append it to ``plan.rehearsals``.

    Only numbers reach the kernel: the audio stays in the browser.

    Parameters
    ----------
    plan : ClosingPlan
        Receives the attempt, as :func:`record_attempt` does (the list is replaced,
        the oldest attempt dropped when full). ``plan.statement`` gives the pace.
    take : dict
        What the browser measured (:data:`TAKE_FIELDS`): ``seconds`` (the whole
        take), ``speaking_seconds`` (the time with speech), ``pauses`` (how many
        silences of a second or more lie inside the take), ``longest_pause``,
        ``lead_silence`` (before the first word) and ``trail_silence`` (after the
        last), all in seconds except the count. Other keys are ignored.
    now : datetime, optional
        Time stamp of the take; the current UTC time by default.

    Returns
    -------
    dict
        The attempt as stored: ``seconds``, ``said`` (``[]``), ``mistakes`` (``[]``),
        ``confidence`` (0: not self-rated), ``at``, ``source`` (``"recording"``), the
        numbers of the take rounded to 0.1 s, and ``words_per_minute``: an estimate,
        the words of ``plan.statement`` over the speaking time, which assumes the
        script was followed; None without a statement, without speech, or when the
        estimate is not a pace anyone speaks at
        (:data:`~closer_widgets.plan.PLAUSIBLE_PACE`).

    Raises
    ------
    ValueError
        With one sentence saying what is wrong (a number missing, not finite,
        negative or out of bounds; more speech than take; a take too short to be a
        rehearsal); the plan is left unchanged.
    """
    if not isinstance(take, dict):
        raise ValueError("The recording sent no measurements; record the take again.")
    numbers = {name: _take_number(take, name) for name in TAKE_FIELDS}
    seconds = numbers["seconds"]
    for name in TAKE_SECONDS:
        if numbers[name] > seconds:
            raise ValueError(
                f"The recording's {_TAKE_WORDS[name]} ({numbers[name]:g} s) is longer than "
                f"the take itself ({seconds:g} s); record the take again."
            )
    if not counts_as_rehearsal(seconds, plan.length):
        low, high = target_window(plan)
        raise ValueError(
            f"This take lasted {format_seconds(seconds)}, under a fifth of the {low}-{high} s "
            "target, so it is not counted as a rehearsal: record your whole close aloud."
        )
    words = spoken_words(plan.statement)
    speaking = numbers["speaking_seconds"]
    attempt = {
        "seconds": seconds,
        "said": [],
        "mistakes": [],
        "confidence": 0,
        "at": _stamp(now),
        "source": "recording",
        **{name: numbers[name] for name in TAKE_SECONDS},
        "pauses": int(numbers["pauses"]),
        "words_per_minute": words / speaking * 60 if words and speaking else None,
    }
    return _append(plan, attempt)


def _ids(values: Iterable[str], known: tuple[str, ...], noun: str) -> list[str]:
    """``values`` checked against ``known``, without repeats, in the order of ``known``."""
    if isinstance(values, str):
        values = [values]
    chosen = set()
    for value in values:
        if value not in known:
            raise ValueError(f"{value!r} is not a known {noun}; choose from {', '.join(known)}.")
        chosen.add(value)
    return [value for value in known if value in chosen]


class RehearsalTimer(HasTraits):
    """A stopwatch for one attempt, read from a monotonic clock.

    The clock never jumps when the computer's time is changed, so the recorded
    seconds are right even if the page's ticking display lags.

    Parameters
    ----------
    clock : callable, optional
        Returns seconds as a float; :func:`time.monotonic` by default. Tests pass
        a fake one.
    """

    running = Bool(False, help="Whether the timer is counting.")
    started_at = Float(None, allow_none=True, help="Clock reading at start; None before.")
    elapsed = Float(0.0, help="Seconds measured by the last start/stop (0 while running).")

    def __init__(self, clock: Callable[[], float] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.clock = clock or time.monotonic

    def start(self) -> None:
        """Start a new attempt; does nothing if the timer is already running."""
        if self.running:
            return
        self.elapsed = 0.0
        self.started_at = self.clock()
        self.running = True

    def stop(self) -> float:
        """Stop the timer and return the seconds measured (unchanged if not running)."""
        if self.running:
            self.elapsed = max(0.0, self.clock() - self.started_at)
            self.running = False
        return self.elapsed

    def read(self) -> float:
        """Seconds so far: live while running, the measured time afterwards."""
        if self.running:
            return max(0.0, self.clock() - self.started_at)
        return self.elapsed

    def reset(self) -> None:
        """Back to zero, not running."""
        self.running = False
        self.started_at = None
        self.elapsed = 0.0


def progress_summary(plan: ClosingPlan) -> dict[str, list]:
    """The attempts as columns for a chart.

    Returns
    -------
    dict
        ``attempt`` (1, 2, ...), ``seconds``, ``confidence`` (0: not self-rated, as
        a recorded take is), ``parts`` (how many of the seven elements were said)
        and ``source`` (``"timer"`` or ``"recording"``), each a list of the same
        length.
    """
    attempts = plan.rehearsals
    return {
        "attempt": list(range(1, len(attempts) + 1)),
        "seconds": [float(a["seconds"]) for a in attempts],
        "confidence": [int(a["confidence"]) for a in attempts],
        "parts": [len([s for s in a["said"] if s in ELEMENT_IDS]) for a in attempts],
        "source": [a["source"] for a in attempts],
    }
