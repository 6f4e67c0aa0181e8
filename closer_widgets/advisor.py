"""The closing-ask advisor: which ask fits how the interview went (ADVICE A14, A15, A16, A4).

The candidate ticks what they observed (``data/signals.csv``) and says how the
interview felt. One rule, short enough to read aloud (:data:`RULE`), turns that
into a level of ask:

* ``mild``: "is there anything else I can tell you to help your decision?"
* ``advance``: "have I done enough to go forward?", which can bring a doubt into
  the open while you can still answer it;
* ``bold``: "is anything stopping you from offering me the job?"

Each signal points toward one ask and has a weight; counsellors can change both
in the CSV without touching Python.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .content import Column, TableSpec, as_records, load_records, question_records
from .plan import READS

LEVELS = ("mild", "advance", "bold")
"""Asks from least to most bold."""

LEVEL_BOLDNESS = {"mild": 1, "advance": 2, "bold": 3}
"""Boldness, in the question bank, of the closing asks that match each level."""

LEVEL_TITLES = {
    "mild": "The mild ask",
    "advance": "The advance check",
    "bold": "The bold ask",
}

BOLD_MARGIN = 3.0
"""How far the good signs must outweigh the cautious ones for the bold ask."""

RULE = (
    "After a rough interview ask the mild question; otherwise, if you are unsure, saw a warning "
    "sign or still have a concern without an answer, check whether you have done enough to "
    "advance; ask the bold question only when it went well and the good signs outweigh the "
    f"cautious ones by at least {BOLD_MARGIN:g} points; in every other case ask the mild one."
)
"""The whole rule in one sentence, as the view shows it."""

COACHES_DISAGREE = (
    "Coaches do not agree about the bold ask. Some never use it: it can sound presumptuous and "
    "put the interviewer on the spot. Others like it because it brings a hidden doubt into the "
    "open while you are still in the room to answer it. If it does not sound like you, the mild "
    "ask is never a mistake."
)

AFTER_THE_ASK = (
    "If the answer is vague or non-committal, do not take it personally: the interviewer may "
    "need to consult colleagues or meet other candidates before anyone can commit. Thank them, "
    "stay upbeat and confident, ask when they expect to decide, then shake hands and leave as "
    "professionally as you arrived, whatever the answer was."
)

SIGNALS = TableSpec(
    "signals.csv",
    (
        Column("id"),
        Column("label"),
        Column("points", "choice", choices=LEVELS),
        Column("weight", "float", minimum=0, maximum=10),
        Column("advice", "advice"),
        Column("explain"),
    ),
)


@dataclass(frozen=True)
class Signal:
    """Something the candidate can observe in the interview.

    Attributes
    ----------
    id, label : str
        Stable id (saved in ``plan.signals``) and the text shown beside the checkbox.
    points : str
        The ask it points toward: ``bold``, ``mild`` or ``advance``.
    weight : float
        How much it counts.
    advice : str
        ADVICE ids, semicolon-separated.
    explain : str
        Why it points that way, in one sentence.
    """

    id: str
    label: str
    points: str
    weight: float
    advice: str
    explain: str


def load_signals(path=None) -> tuple[Signal, ...]:
    """The interview signals in file order.

    Parameters
    ----------
    path : str or Path, optional
        Another signals file (tests, translations); ``data/signals.csv`` by default.

    Raises
    ------
    ContentError
        When the file is missing or a cell is wrong (file, row and column named).
    """
    if path is None:
        return _shipped_signals()
    return _signals_from(load_records(SIGNALS, path))


@functools.cache
def _shipped_signals() -> tuple[Signal, ...]:
    return _signals_from(load_records(SIGNALS))


def _signals_from(rows) -> tuple[Signal, ...]:
    return tuple(
        Signal(row.id, row.label, row.points, float(row.weight), row.advice, row.explain)
        for row in rows
    )


@dataclass(frozen=True)
class Advice:
    """The recommended closing ask and why.

    Attributes
    ----------
    level : str
        ``mild``, ``advance`` or ``bold``.
    deciding : tuple of Signal
        The ticked signals that decided the level (each with its ``explain``);
        empty when the interview read alone decided it.
    reason : str
        One sentence saying why this level.
    examples : tuple of str
        Two or three closing asks from the bank at the matching boldness.
    coaches_disagree : str
        An honest note that some coaches avoid the bold ask altogether.
    after_the_ask : str
        What to do when the answer is non-committal (A15, A16).
    bold_score, caution_score : float
        Total weight of the ticked bold signals and of all the others.
    """

    level: str
    deciding: tuple
    reason: str
    examples: tuple
    coaches_disagree: str = COACHES_DISAGREE
    after_the_ask: str = AFTER_THE_ASK
    bold_score: float = 0.0
    caution_score: float = 0.0

    @property
    def title(self) -> str:
        """``The mild ask``, ``The advance check`` or ``The bold ask``."""
        return LEVEL_TITLES[self.level]


def _labels(signals) -> str:
    labels = [s.label[0].lower() + s.label[1:] for s in signals]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def examples_for(level: str, stage: str = "", bank=None, limit: int = 3) -> tuple[str, ...]:
    """Closing asks from the bank at the boldness of ``level``.

    Questions meant for ``stage`` (or for any round) come first; other rounds
    fill up to ``limit`` so there are always examples to choose from.

    Parameters
    ----------
    level : str
        ``mild``, ``advance`` or ``bold``.
    stage : str, optional
        The interview round; ``""`` keeps bank order.
    bank : sequence of records or pandas.DataFrame, optional
        Another question bank (tests); the shipped one by default.
    limit : int
        Most examples returned.
    """
    if bank is None:
        return _shipped_examples(level, stage, limit)
    rows = [
        row
        for row in as_records(bank)
        if row.category == "closing_ask" and row.boldness == LEVEL_BOLDNESS[level]
    ]
    fitting = [row.text for row in rows if not stage or row.stage in (stage, "any")]
    others = [row.text for row in rows if stage and row.stage not in (stage, "any")]
    return tuple((fitting + others)[:limit])


@functools.cache
def _shipped_examples(level: str, stage: str, limit: int) -> tuple[str, ...]:
    return examples_for(level, stage, question_records(), limit)


def advise(
    signals,
    interview_read: str,
    *,
    concerns=(),
    stage: str = "",
    table=None,
    bank=None,
) -> Advice:
    """Recommend a closing ask from what the candidate observed (see :data:`RULE`).

    Parameters
    ----------
    signals : iterable of str
        Ids of the ticked signals; unknown ids (from an older signals file) are ignored.
    interview_read : str
        ``well``, ``unsure`` or ``rough``: how the candidate felt it went.
    concerns : iterable of dict, optional
        ``plan.concerns``; one with a concern but no answer blocks the bold ask.
    stage : str, optional
        The interview round, to prefer example asks meant for it.
    table : tuple of Signal, optional
        Signals to use instead of :func:`load_signals` (tests).
    bank : sequence of records or pandas.DataFrame, optional
        Question bank for the examples (tests); the shipped one by default.

    Raises
    ------
    ValueError
        When ``interview_read`` is not well, unsure or rough.
    """
    if interview_read not in READS:
        raise ValueError(f"interview_read must be well, unsure or rough, not {interview_read!r}")
    table = load_signals() if table is None else table
    chosen = set(signals)
    ticked = [s for s in table if s.id in chosen]
    good = [s for s in ticked if s.points == "bold"]
    warnings = [s for s in ticked if s.points == "advance"]
    cautious = [s for s in ticked if s.points != "bold"]
    bold_score = sum(s.weight for s in good)
    caution_score = sum(s.weight for s in cautious)
    margin = bold_score - caution_score
    open_concerns = [
        c
        for c in concerns
        if str(c.get("concern", "")).strip() and not str(c.get("answer", "")).strip()
    ]

    if interview_read == "rough":
        level, deciding = "mild", ()
        reason = (
            "You felt it went roughly, so offer more information with the mild ask rather than "
            "pushing for a decision."
        )
    elif warnings:
        level, deciding = "advance", tuple(warnings)
        reason = (
            f"A warning sign ({_labels(warnings)}) calls for checking whether you have done enough "
            "to advance, which gives them the chance to voice a doubt you can still answer."
        )
    elif open_concerns:
        level, deciding = "advance", ()
        reason = (
            "You noted a concern that has no answer yet, so check whether you have done enough to "
            "advance and be ready to answer it (A4)."
        )
    elif interview_read == "unsure":
        level, deciding = "advance", ()
        reason = (
            "You are not sure how it went, so ask whether you have done enough to advance: the "
            "answer can surface a misunderstanding you can still clear up."
        )
    elif margin >= BOLD_MARGIN:
        level, deciding = "bold", tuple(good)
        reason = (
            f"It went well and the good signs ({_labels(good)}) outweigh the cautious ones by "
            f"{margin:g} points, so the bold ask fits."
        )
    elif not ticked:
        level, deciding = "mild", ()
        reason = (
            "It felt good, but you ticked no signs that back the feeling up, so the mild ask is "
            "the safer choice."
        )
    else:
        level = "mild"
        deciding = tuple(cautious) if cautious else tuple(good)
        reason = (
            f"It felt good, but the good signs score {bold_score:g} against {caution_score:g} for "
            f"the cautious ones, short of the {BOLD_MARGIN:g}-point lead the bold ask needs, so "
            "the mild ask is the safer choice."
        )
    return Advice(
        level=level,
        deciding=deciding,
        reason=reason,
        examples=examples_for(level, stage, bank),
        bold_score=bold_score,
        caution_score=caution_score,
    )
