"""Rehearsal: cue cards, the clock, and a log of practice attempts (A11, A13).

Pure logic with no widget imports, so notebooks, the CLI and the dashboard can
share it. Attempts are stored in ``ClosingPlan.rehearsals``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections.abc import Callable, Iterable

from traitlets import Bool, Float, HasTraits

from .content import ELEMENT_IDS, mistake_records
from .plan import LENGTHS as WINDOWS  # one pace and one length target, product-wide
from .plan import MAX_ITEMS, WORDS_PER_MINUTE, ClosingPlan

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

_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD_RE = re.compile(r"[$£€]?\d[\d,.]*%?|[^\W\d_][\w'’-]*")


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_RE.split(text) if part.strip()]


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


def cue_card(statement: str, max_bullets: int = 6) -> list[str]:
    """Reduce a closing statement to a few keyword bullets to glance at.

    One bullet per sentence, each a handful of words: names and numbers first,
    then longer words; filler and function words are dropped. When there are
    more sentences than bullets, sentences are picked evenly from first to
    last, so the opening and the final ask always stay.

    Parameters
    ----------
    statement : str
        The closing statement as the candidate wrote it.
    max_bullets : int
        Most bullets returned (at least 1).

    Returns
    -------
    list of str
        The bullets, in the order of the statement; empty for an empty text.
        The same text always gives the same bullets.
    """
    if max_bullets < 1:
        raise ValueError("A cue card needs room for at least one bullet.")
    sentences = _sentences(statement or "")
    # A capitalised word is a name when it is capitalised mid-sentence somewhere,
    # which tells "Sam" from a sentence-initial "Hearing".
    names = {
        word
        for sentence in sentences
        for word in _WORD_RE.findall(sentence)[1:]
        if word[:1].isupper() and word.lower() not in _FILLER
    }
    cues = [cue for cue in (_cue(s, names) for s in sentences) if cue]
    if len(cues) <= max_bullets:
        return cues
    if max_bullets == 1:
        return [cues[0]]
    last = len(cues) - 1
    picks = sorted({round(i * last / (max_bullets - 1)) for i in range(max_bullets)})
    return [cues[i] for i in picks]


def target_window(length: str = "full") -> tuple[int, int]:
    """The speaking time to aim for, in seconds.

    Parameters
    ----------
    length : {"full", "short"}
        ``full`` is the whole close (60-90 s, about 140-210 words at
        :data:`WORDS_PER_MINUTE`); ``short`` is the version kept ready for when
        time runs out (30-45 s, about 70-105 words).

    Returns
    -------
    tuple of int
        ``(low, high)`` in seconds.
    """
    try:
        return WINDOWS[length]
    except (KeyError, TypeError):
        raise ValueError(f"The length must be 'full' or 'short', not {length!r}.") from None


def word_window(length: str = "full") -> tuple[int, int]:
    """The number of words that fits :func:`target_window` at :data:`WORDS_PER_MINUTE`."""
    low, high = target_window(length)
    return round(low * WORDS_PER_MINUTE / 60), round(high * WORDS_PER_MINUTE / 60)


def time_verdict(seconds: float, length: str = "full") -> str:
    """``"short"``, ``"on_target"`` or ``"long"``: how a timed attempt compares."""
    low, high = target_window(length)
    if seconds < low:
        return "short"
    if seconds > high:
        return "long"
    return "on_target"


def format_seconds(seconds: float) -> str:
    """``74.2`` → ``"1:14"``: minutes and seconds, as a stopwatch shows them."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def mistake_ids() -> tuple[str, ...]:
    """Ids of the mistakes in ``data/mistakes.csv``, in file order."""
    return tuple(row.id for row in mistake_records())


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
        How long the attempt took; above zero.
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
        The attempt as stored: seconds, said, mistakes, confidence, at.

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
    said = _ids(said, ELEMENT_IDS, "closing part")
    mistakes = _ids(mistakes, mistake_ids(), "mistake")
    if isinstance(confidence, bool) or confidence not in CONFIDENCE_LEVELS:
        raise ValueError("Rate your confidence from 1 (shaky) to 5 (ready) before saving.")
    stamp = (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
    attempt = {
        "seconds": float(seconds),
        "said": said,
        "mistakes": mistakes,
        "confidence": int(confidence),
        "at": stamp,
    }
    plan.rehearsals = (list(plan.rehearsals) + [attempt])[-MAX_ITEMS:]
    return dict(plan.rehearsals[-1])


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
        ``attempt`` (1, 2, ...), ``seconds``, ``confidence`` and ``parts`` (how
        many of the seven elements were said), each a list of the same length.
    """
    attempts = plan.rehearsals
    return {
        "attempt": list(range(1, len(attempts) + 1)),
        "seconds": [float(a["seconds"]) for a in attempts],
        "confidence": [int(a["confidence"]) for a in attempts],
        "parts": [len([s for s in a["said"] if s in ELEMENT_IDS]) for a in attempts],
    }
