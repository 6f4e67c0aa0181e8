"""Delivery coaching: what the measured numbers of a recorded take say about how it was said.

A take recorded in the rehearsal step reaches the kernel as a few numbers (its
length, the time with speech, the pauses, the silence before the first word) and
an estimated pace (see :func:`closer_widgets.rehearse.record_take`). This module
turns them into notes a person can act on (A11: practise the close aloud). Which
notes exist, their wording and each threshold are data, in ``data/delivery.csv``;
the code holds only what each threshold is compared with. Pure and deterministic:
the same take and length target always give the same notes, in the file's order.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

from .content import Column, TableSpec, load_records
from .content import _error as _content_error
from .plan import ClosingPlan
from .rehearse import format_seconds, target_window

#: What each note is about, and what its threshold is compared with (see ``_RULES``).
DELIVERY_IDS = (
    "no_speech",
    "too_long",
    "too_short",
    "slow_start",
    "rushed",
    "slow",
    "long_pause",
    "many_pauses",
)

PLACEHOLDERS = (
    "take",
    "length",
    "low",
    "high",
    "target",
    "lead",
    "pace",
    "threshold",
    "longest",
    "pauses",
    "per_minute",
)
"""What a message may hold, filled for every note: ``{take}`` (the whole take, m:ss),
``{length}`` (first word to last, m:ss), ``{low}``/``{high}`` (the target, s),
``{target}`` (``full`` or ``short``), ``{lead}`` and ``{longest}`` (s), ``{pace}``
(words a minute), ``{threshold}`` (the row's own), ``{pauses}`` and ``{per_minute}``."""


def _fillable(row: dict):
    """Refuse a message the code could not fill: an unknown placeholder or a stray brace."""
    try:
        row["message"].format(**dict.fromkeys(PLACEHOLDERS, ""))
    except KeyError as exc:
        known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        return "message", f"{{{exc.args[0]}}} is not a known placeholder (use {known})"
    except (IndexError, ValueError):
        return "message", "it has a brace that is not a {placeholder} like {pace}"
    return None


DELIVERY = TableSpec(
    "delivery.csv",
    (
        Column("id", "choice", choices=DELIVERY_IDS),
        Column("title"),
        Column("message"),
        Column("why"),
        Column("try_next"),
        Column("advice", "advice"),
        Column("threshold", "float", minimum=0, maximum=1000),
        # The threshold in words, for the counsellor who edits the file: the code does
        # not read it.
        Column("rule"),
    ),
    rules=(_fillable,),
)
"""The delivery notes file: one row per note, in the order notes are shown."""


@dataclass(frozen=True)
class DeliveryNote:
    """One thing to work on in how a take was said.

    Attributes
    ----------
    id : str
        Which note (one of :data:`DELIVERY_IDS`).
    title : str
        A few words naming it.
    message : str
        What was measured in this take, with its numbers, in a sentence or two.
    why : str
        Why it matters at the close of an interview.
    try_next : str
        What to try in the next take.
    advice : tuple of str
        The ADVICE.md ids it serves (``A11``...).
    """

    id: str
    title: str
    message: str
    why: str
    try_next: str
    advice: tuple[str, ...]


def load_delivery(path=None) -> tuple:
    """The rows of ``data/delivery.csv`` (or of ``path``), one per note, in file order.

    Raises
    ------
    ContentError
        When the file is broken or lacks a note (file, row and column named).
    """
    if path is None:
        return _shipped()
    return _checked(load_records(DELIVERY, path), DELIVERY.filename)


@functools.cache
def _shipped() -> tuple:
    return _checked(load_records(DELIVERY), DELIVERY.filename)


def _checked(rows: tuple, name: str) -> tuple:
    missing = [note for note in DELIVERY_IDS if note not in {row.id for row in rows}]
    if missing:
        raise _content_error(name, None, "id", f"no row for {', '.join(missing)}")
    return rows


class _Take(NamedTuple):
    """The numbers of one take that the rules compare, worked out once."""

    seconds: float
    length: float  # first word to last: the close as the interviewer would hear it
    speaking: float
    lead: float
    longest: float
    pauses: int
    per_minute: float
    pace: float | None
    low: int
    high: int


def _measure(attempt: dict, length: str | ClosingPlan) -> _Take:
    low, high = target_window(length)
    seconds = attempt["seconds"]
    speaking = attempt["speaking_seconds"]
    # Silence before the first word and after the last is the record button, not the
    # close; speech always lies inside the span, whatever the browser rounded.
    span = round(max(seconds - attempt["lead_silence"] - attempt["trail_silence"], speaking), 1)
    per_minute = round(attempt["pauses"] / span * 60, 1) if span else 0.0
    return _Take(
        seconds,
        span,
        speaking,
        attempt["lead_silence"],
        attempt["longest_pause"],
        attempt["pauses"],
        per_minute,
        attempt.get("words_per_minute"),
        low,
        high,
    )


# Each note's test: the take's numbers against the row's threshold. Ends are stated in
# the file's ``rule`` column ("more than", "this many or more").
_RULES = {
    "no_speech": lambda take, limit: take.speaking < limit,
    "too_long": lambda take, limit: take.length > take.high + limit,
    "too_short": lambda take, limit: take.length < take.low - limit,
    "slow_start": lambda take, limit: take.lead > limit,
    "rushed": lambda take, limit: take.pace is not None and take.pace > limit,
    "slow": lambda take, limit: take.pace is not None and take.pace < limit,
    "long_pause": lambda take, limit: take.longest >= limit,
    "many_pauses": lambda take, limit: take.per_minute > limit,
}


def _number(value: float) -> str:
    return f"{round(value, 1):g}"


def _note(row, take: _Take, target: str) -> DeliveryNote:
    message = row.message.format(
        take=format_seconds(take.seconds),
        length=format_seconds(take.length),
        low=take.low,
        high=take.high,
        target=target,
        lead=_number(take.lead),
        pace="" if take.pace is None else f"{take.pace:.0f}",
        threshold=_number(row.threshold),
        longest=_number(take.longest),
        pauses=take.pauses,
        per_minute=_number(take.per_minute),
    )
    return DeliveryNote(
        row.id, row.title, message, row.why, row.try_next, tuple(row.advice.split(";"))
    )


def coach_take(
    attempt: dict, length: str | ClosingPlan = "full", rows=None
) -> tuple[DeliveryNote, ...]:
    """The delivery notes of one recorded take, in the order of ``data/delivery.csv``.

    Parameters
    ----------
    attempt : dict
        An attempt as ``plan.rehearsals`` keeps it. A timed attempt (``source``
        ``"timer"``) carries no delivery numbers and gets no notes.
    length : {"full", "short"} or ClosingPlan
        The length target the take is judged against (the plan's ``length``).
    rows : tuple, optional
        Rows of :func:`load_delivery` (another file, a translation); the shipped
        file by default.

    Returns
    -------
    tuple of DeliveryNote
        Empty when nothing needs work. A take with no speech gets only the
        ``no_speech`` note: its other numbers measure silence. Pace notes need
        ``words_per_minute``, an estimate that assumes the script was followed,
        and say so.

    Raises
    ------
    ContentError
        When the shipped notes file is broken.
    """
    if attempt.get("source") != "recording":
        return ()
    rows = load_delivery() if rows is None else rows
    take = _measure(attempt, length)
    target = length.length if isinstance(length, ClosingPlan) else length
    shown = [row for row in rows if _RULES[row.id](take, row.threshold)]
    silent = [row for row in shown if row.id == "no_speech"]
    return tuple(_note(row, take, target) for row in silent or shown)


def latest_take(rehearsals: list[dict]) -> dict | None:
    """The most recent recorded take among ``rehearsals``, or None when there is none."""
    return next((a for a in reversed(rehearsals) if a.get("source") == "recording"), None)
