"""The closing plan: everything a candidate prepares for the close of one interview.

A :class:`ClosingPlan` is a traitlets model with no widget imports. Views bind
their widgets to its traits with ``link``/``observe``; the session module saves
and restores it. List traits hold plain dicts of strings so the plan is JSON as
it stands; assign a new list to change one (traitlets does not see in-place edits).
"""

from __future__ import annotations

import math

from traitlets import Bool, Dict, Enum, HasTraits, Int, List, TraitError, validate

from .traits import Clipped, IsoDate, Records, Texts, clipped_text

SHORT_TEXT = 200
"""Longest profile field, in characters."""

LONG_TEXT = 2_000
"""Longest free-text item (a strength, a concern, a research note...)."""

STATEMENT_TEXT = 100_000
"""Longest closing statement kept; the analyzer handles this size."""

MAX_ITEMS = 50
"""Most items any list holds (questions, attempts...), so a saved file stays small."""

STAGES = ("first", "later", "final")
READS = ("well", "unsure", "rough")
ASK_LEVELS = ("", "mild", "advance", "bold")
PRIORITIES = ("", "top", "backup")

PRIORITY_ORDER = ("top", "", "backup")
"""How questions are ranked everywhere (list, budget, cue card, exports): the ones
marked top first, then unmarked ones, backups last; ties keep the candidate's order."""

WORDS_PER_MINUTE = 140
"""Speaking pace behind every time estimate in the product."""

LENGTHS = {"short": (30, 45), "full": (60, 90)}
"""Target speaking time, in seconds, of the short and the full close."""

LENGTH_TITLES = {"short": "Short close (30\u201345 s)", "full": "Full close (60\u201390 s)"}

ATTEMPT_SOURCES = ("timer", "recording")
"""How a rehearsal attempt was measured: the stopwatch, or a take recorded in the browser."""

TAKE_SECONDS = ("speaking_seconds", "longest_pause", "lead_silence", "trail_silence")
"""The durations the browser measures in a recorded take, besides its length ``seconds``:
the time with speech, the longest silence inside the take, and the silence before the
first and after the last word."""

LONGEST_ATTEMPT = 1800.0
"""Longest attempt kept, in seconds: half an hour is no close; a timer left running is
cut to it rather than stored as an absurd number."""

MOST_PAUSES = 1_000
"""Most pauses a recorded take may count (a second's silence every two seconds of a
half-hour take is already more than any take can hold)."""

PLAUSIBLE_PACE = (40, 400)
"""Words a minute a person can say a script at. An estimate outside this range means
the take did not follow the script (a few words said, or a long aside), so it is not
kept: a pace note built on it would be nonsense."""


def priority_rank(priority: str) -> int:
    """Sort key of a question's priority in :data:`PRIORITY_ORDER` (unknown: unmarked)."""
    return PRIORITY_ORDER.index(priority) if priority in PRIORITY_ORDER else 1


def words_for(seconds: float) -> int:
    """How many words are said in ``seconds`` at :data:`WORDS_PER_MINUTE`."""
    return round(seconds * WORDS_PER_MINUTE / 60)


#: Keys of the dicts in each list trait, with the longest text each may hold.
ITEM_FIELDS = {
    "attractions": {"aspect": LONG_TEXT, "link": LONG_TEXT},
    "strengths": {"strength": LONG_TEXT, "evidence": LONG_TEXT},
    "concerns": {"concern": LONG_TEXT, "answer": LONG_TEXT},
    "questions": {"text": LONG_TEXT, "source_id": SHORT_TEXT, "priority": 10, "note": LONG_TEXT},
}
MAX_STRENGTHS = 3


def _clean(value, limit: int) -> str:
    return clipped_text(value, limit)


def _is_number(value) -> bool:
    # JSON true/false load as bool, a subclass of int: never a duration or a count.
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_finite(value) -> bool:
    # An int is always finite, and may be too large for math.isfinite to convert.
    return not isinstance(value, float) or math.isfinite(value)


def _duration(value, name: str, limit: float) -> float:
    """``value`` as seconds between 0 and ``limit``, to the tenth of a second."""
    if not _is_number(value):
        raise TraitError(f"a rehearsal attempt needs a number of seconds for {name}")
    if not _is_finite(value):
        # json.loads accepts NaN and Infinity: such a file is refused, never stored.
        raise TraitError(f"a rehearsal attempt's {name} is not a finite number")
    return round(float(min(max(0, value), limit)), 1)


def _texts(values, name: str) -> list[str]:
    if not isinstance(values, (list, tuple)):
        raise TraitError(f"a rehearsal attempt's {name} must be a list of ids")
    return [_clean(value, SHORT_TEXT) for value in values]


def _pace(value) -> int | None:
    """Words a minute, or None when unknown or outside :data:`PLAUSIBLE_PACE`."""
    if value is None:
        return None
    if not _is_number(value) or not _is_finite(value):
        raise TraitError("a recorded take's words_per_minute must be a finite number or null")
    low, high = PLAUSIBLE_PACE
    return round(value) if low <= value <= high else None


def clean_attempt(item) -> dict:
    """One rehearsal attempt as the plan keeps it, whatever its source.

    Every attempt has ``seconds``, ``said``, ``mistakes``, ``confidence`` (0 when
    not self-rated) and ``at``, and a ``source`` (``"timer"`` when missing, as
    every attempt before recordings was timed). A recorded take also has the
    durations of :data:`TAKE_SECONDS`, ``pauses`` and ``words_per_minute`` (None
    when unknown); a timed attempt has none of these. Durations are cut to
    ``0..seconds`` (nothing inside a take outlasts it) and rounded to 0.1 s;
    counts and ratings are cut to their ranges; unknown keys are dropped.

    Raises
    ------
    traitlets.TraitError
        When a value has the wrong type, a number is NaN or infinite, or a
        recorded take lacks one of its numbers.
    """
    if not isinstance(item, dict):
        raise TraitError("rehearsal attempts must be objects")
    confidence = item.get("confidence", 0)
    if not isinstance(confidence, int) or isinstance(confidence, bool):
        raise TraitError("a rehearsal attempt needs a whole number for confidence")
    source = item.get("source", "timer")
    if source not in ATTEMPT_SOURCES:
        raise TraitError("a rehearsal attempt's source must be 'timer' or 'recording'")
    seconds = _duration(item.get("seconds", 0), "seconds", LONGEST_ATTEMPT)
    attempt = {
        "seconds": seconds,
        "said": _texts(item.get("said", []), "said"),
        "mistakes": _texts(item.get("mistakes", []), "mistakes"),
        "confidence": max(0, min(5, confidence)),
        "at": _clean(item.get("at", ""), 40),
        "source": source,
    }
    if source == "recording":
        for name in TAKE_SECONDS:
            if name not in item:
                raise TraitError(f"a recorded take needs a number of seconds for {name}")
            attempt[name] = _duration(item[name], name, seconds)
        pauses = item.get("pauses")
        if not _is_number(pauses) or (isinstance(pauses, float) and not pauses.is_integer()):
            raise TraitError("a recorded take needs a whole number for pauses")
        attempt["pauses"] = int(max(0, min(MOST_PAUSES, pauses)))
        attempt["words_per_minute"] = _pace(item.get("words_per_minute"))
    return attempt


class ClosingPlan(HasTraits):
    """What the candidate wants to say and ask at the end of one interview.

    Every trait tagged ``persist=True`` is saved in the session file.
    """

    # --- profile -------------------------------------------------------------
    participant = Clipped(SHORT_TEXT, help="The candidate's name or workshop code (optional).").tag(
        persist=True
    )
    company = Clipped(SHORT_TEXT, help="Company the interview is with.").tag(persist=True)
    role = Clipped(SHORT_TEXT, help="Job title of the role applied for.").tag(persist=True)
    interviewer = Clipped(
        SHORT_TEXT, help="Name of the interviewer, for the close and the thank-you."
    ).tag(persist=True)
    interview_date = IsoDate(help="Date of the interview, ISO format (YYYY-MM-DD).").tag(
        persist=True
    )
    stage = Enum(STAGES, default_value="first", help="Interview round: first, later or final.").tag(
        persist=True
    )
    length = Enum(
        tuple(LENGTHS),
        default_value="full",
        help="The one length target of the close, 'short' or 'full' (see LENGTHS); used by "
        "the statement, the rehearsal, the cue card, the exports and the class table.",
    ).tag(persist=True)

    # --- statement material --------------------------------------------------
    attractions = Records(
        ITEM_FIELDS["attractions"],
        MAX_ITEMS,
        help="What draws them: dicts with 'aspect' and 'link' (their own experience).",
    ).tag(persist=True)
    strengths = Records(
        ITEM_FIELDS["strengths"],
        MAX_STRENGTHS,
        help="Up to three strengths: dicts with 'strength' and 'evidence'.",
    ).tag(persist=True)
    concerns = Records(
        ITEM_FIELDS["concerns"],
        MAX_ITEMS,
        help="Concerns sensed in the interview: dicts with 'concern' and 'answer'.",
    ).tag(persist=True)
    interview_read = Enum(
        ("", *READS),
        default_value="",
        help="How the candidate thinks the interview went: well, unsure or rough; '' until "
        "they say, so nothing is advised before anything is said.",
    ).tag(persist=True)
    signals = Texts(
        LONG_TEXT, MAX_ITEMS, help="Ids of the interview signals ticked in the ask advisor."
    ).tag(persist=True)
    ask_level = Enum(
        ASK_LEVELS, default_value="", help="Chosen closing ask: mild, advance or bold."
    ).tag(persist=True)
    ask_text = Clipped(LONG_TEXT, help="The closing ask, as the candidate will say it.").tag(
        persist=True
    )
    want_next_steps = Bool(True, help="Ask about the next steps and the decision date.").tag(
        persist=True
    )
    want_contact = Bool(True, help="Ask for contact details to follow up.").tag(persist=True)
    statement = Clipped(
        STATEMENT_TEXT, strip=False, help="The closing statement as edited by the candidate."
    ).tag(persist=True)

    # --- questions -----------------------------------------------------------
    questions = Records(
        ITEM_FIELDS["questions"],
        MAX_ITEMS,
        help="The candidate's questions: dicts with text, source_id, priority, note.",
    ).tag(persist=True)
    question_minutes = Int(5, help="Minutes left for the candidate's questions (0-60).").tag(
        persist=True
    )

    # --- rehearsal and follow-up ---------------------------------------------
    rehearsals = List(
        Dict(),
        help="Rehearsal attempts (see clean_attempt): seconds, said (element ids), mistakes, "
        "confidence (0: not self-rated), at, source ('timer' or 'recording'); a recorded "
        "take adds speaking_seconds, pauses, longest_pause, lead_silence, trail_silence and "
        "words_per_minute (an estimate, or None).",
    ).tag(persist=True)
    topics = Texts(
        LONG_TEXT, MAX_ITEMS, help="Topics discussed, to mention in the thank-you note."
    ).tag(persist=True)
    decision_date = IsoDate(help="When they said they would decide, ISO format.").tag(persist=True)
    followup_email = Clipped(
        STATEMENT_TEXT, strip=False, help="The thank-you email as edited by the candidate."
    ).tag(persist=True)

    # --- validation that is not a trait type's -------------------------------------
    @validate("question_minutes")
    def _minutes(self, proposal):
        return max(0, min(60, proposal["value"]))

    @validate("rehearsals")
    def _rehearsals(self, proposal):
        return [clean_attempt(item) for item in proposal["value"][:MAX_ITEMS]]

    # --- (de)serialisation ---------------------------------------------------
    def to_dict(self) -> dict:
        """The persisted traits as a JSON-ready dict."""
        return {name: self._copy(getattr(self, name)) for name in self.trait_names(persist=True)}

    def update_from_dict(self, data: dict) -> None:
        """Set every persisted trait found in ``data``, all or nothing.

        Raises
        ------
        traitlets.TraitError
            When a value has the wrong type; the plan is then left unchanged.
        """
        probe = ClosingPlan()
        known = set(self.trait_names(persist=True))
        for name, value in data.items():
            if name in known:
                try:
                    setattr(probe, name, value)
                except TraitError as exc:
                    raise TraitError(f"field '{name}': {self._plain_reason(name, exc)}") from None
        with self.hold_trait_notifications():
            for name in known & set(data):
                setattr(self, name, getattr(probe, name))

    @classmethod
    def _plain_reason(cls, name: str, exc: TraitError) -> str:
        """Why a value was refused, in words for people rather than traitlets' own."""
        trait = cls.class_traits()[name]
        if isinstance(trait, Enum):
            return "it must be one of " + ", ".join(repr(v) for v in trait.values if v)
        if isinstance(trait, Bool):
            return "it must be true or false"
        if isinstance(trait, Int):
            return "it must be a whole number"
        message = str(exc)
        return message if "trait of a" not in message else "it is not the right kind of value"

    @classmethod
    def from_dict(cls, data: dict) -> ClosingPlan:
        """A new plan from :meth:`to_dict` output."""
        plan = cls()
        plan.update_from_dict(data)
        return plan

    @staticmethod
    def _copy(value):
        if isinstance(value, list):
            return [dict(v) if isinstance(v, dict) else v for v in value]
        return value
