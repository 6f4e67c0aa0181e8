"""The closing-ask advisor: which ask fits how the interview went (ADVICE A14, A12, A15, A4).

The candidate says how the interview felt and ticks what they observed
(``data/signals.csv``). One rule, short enough to read aloud (:data:`RULE`),
turns that into a level of ask:

* ``mild``: "is there anything else I can tell you to help your decision?"
* ``advance``: "have I done enough to go forward?", which can bring a doubt into
  the open while you can still answer it;
* ``bold``: "is anything stopping you from offering me the job?"

Nothing is suggested before the candidate has said how it went: :func:`advise`
then returns advice with the empty level ``""``, no examples and a line saying
what to do first. Each signal points toward one ask and has a weight; every
ticked signal is explained in words (:class:`Pointer`), never as a score. A
signal can also rule out example asks that would not fit (with the person who
decides absent, none asks this interviewer for the offer). All wording lives in
``data/ask_wording.csv`` and ``data/signals.csv`` so counsellors can edit or
translate it.

:func:`advise` is a pure function of the read, the signals, the concerns and
the stage, so the derived-state model can call it once per change.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .content import Column, TableSpec, as_records, load_records, question_records
from .content import _error as _content_error
from .plan import READS

LEVELS = ("mild", "advance", "bold")
"""Asks from least to most bold."""

NOT_ANSWERED = ""
"""The interview read (and the advice level) before the candidate has said how it went."""

LEVEL_BOLDNESS = {"mild": 1, "advance": 2, "bold": 3}
"""Boldness, in the question bank, of the closing asks that match each level."""

BOLD_MARGIN = 3.0
"""How far the good signs must outweigh the cautious ones for the bold ask (in weight).

The weights stay inside the rule: what people read says "clearly ahead" instead."""

STRONG_WEIGHT = 3.0
"""A signal of at least this weight is described as a strong sign."""

CLEAR_WEIGHT = 2.0
"""A signal of at least this weight (and below :data:`STRONG_WEIGHT`) is a clear sign."""

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
"""The signals file. Two optional columns (older and translated files may lack them) are
read as text: ``avoid``, bank question ids to leave out of the examples when the signal is
ticked, and ``avoid_why``, the sentence that says what to avoid and why."""

WORDING = TableSpec("ask_wording.csv", (Column("id"), Column("text"), Column("advice", "advice")))

#: Every wording id the advisor uses, with the placeholders its text may hold.
WORDING_IDS = {
    "rule": (),
    "weighing": (),
    "coaches_disagree": (),
    "after_the_ask": (),
    "first_step": (),
    "first_step_signs": (),
    "reason_rough": (),
    "reason_warning": ("signs",),
    "reason_open_concern": (),
    "reason_unsure": (),
    "reason_bold": ("good",),
    "reason_bold_despite": ("good", "cautious"),
    "reason_no_signs": (),
    "reason_few_good": ("good",),
    "reason_close": ("good", "cautious"),
    "reason_behind": ("good", "cautious"),
    "reason_caution_only": ("cautious",),
    "title_none": (),
    **{f"title_{level}": () for level in LEVELS},
    **{f"toward_{level}": () for level in LEVELS},
    "strength_strong": (),
    "strength_clear": (),
    "strength_small": (),
}

_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
_QUESTION_ID_RE = re.compile(r"^[a-z_]+-\d+$")


def load_wording(path=None) -> dict[str, str]:
    """The advisor's wording (``data/ask_wording.csv``), by id.

    Parameters
    ----------
    path : str or Path, optional
        Another wording file (tests, translations).

    Raises
    ------
    ContentError
        When the file is broken, lacks an id the advisor uses, or a text holds a
        placeholder its id does not fill (file, row and column named).
    """
    if path is None:
        return _shipped_wording()
    return _wording_from(load_records(WORDING, path), WORDING.filename)


@functools.cache
def _shipped_wording() -> dict[str, str]:
    return _wording_from(load_records(WORDING), WORDING.filename)


def _wording_from(rows, name: str) -> dict[str, str]:
    texts = {}
    # Rows are numbered as a spreadsheet shows them (header is row 1), counting the
    # records the loader kept: a blank line above the faulty row shifts the number by one.
    for number, row in enumerate(rows, start=2):
        allowed = WORDING_IDS.get(row.id)
        if allowed is None:
            continue  # an extra row (a counsellor's note) harms nothing
        for placeholder in _PLACEHOLDER_RE.findall(row.text):
            if placeholder not in allowed:
                fills = ", ".join("{" + p + "}" for p in allowed) or "no placeholder"
                raise _content_error(
                    name,
                    number,
                    "text",
                    f"{{{placeholder}}} is not filled for {row.id!r} (it takes {fills})",
                )
        texts[row.id] = row.text
    missing = sorted(set(WORDING_IDS) - set(texts))
    if missing:
        raise _content_error(name, None, "id", f"no row for {', '.join(missing)}")
    return texts


def __getattr__(name: str) -> str:
    # RULE, COACHES_DISAGREE and AFTER_THE_ASK are read from the wording file when first
    # used, so importing the module never fails on a broken file (the view reports it).
    key = {"RULE": "rule", "COACHES_DISAGREE": "coaches_disagree", "AFTER_THE_ASK": "after_the_ask"}
    if name in key:
        return load_wording()[key[name]]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    avoid : tuple of str
        Ids of bank questions that must not be offered as examples when it is ticked.
    avoid_why : str
        What to avoid in the ask and why, shown when it is ticked; may be empty.
    """

    id: str
    label: str
    points: str
    weight: float
    advice: str
    explain: str
    avoid: tuple = ()
    avoid_why: str = ""


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
    return _signals_from(load_records(SIGNALS, path), SIGNALS.filename)


@functools.cache
def _shipped_signals() -> tuple[Signal, ...]:
    return _signals_from(load_records(SIGNALS), SIGNALS.filename)


def _signals_from(rows, name: str) -> tuple[Signal, ...]:
    signals = []
    for number, row in enumerate(rows, start=2):
        # Older files have no avoid columns: the record then lacks the attribute.
        avoid_cell = getattr(row, "avoid", "") or ""
        avoid = tuple(part.strip() for part in avoid_cell.split(";") if part.strip())
        bad = [part for part in avoid if not _QUESTION_ID_RE.match(part)]
        if bad:
            raise _content_error(
                name, number, "avoid", f"{bad[0]!r} is not a question id like closing_ask-12"
            )
        signals.append(
            Signal(
                row.id,
                row.label,
                row.points,
                float(row.weight),
                row.advice,
                row.explain,
                avoid,
                getattr(row, "avoid_why", "") or "",
            )
        )
    return tuple(signals)


@dataclass(frozen=True)
class Pointer:
    """One ticked signal, said in words: which way it points and how much it counts.

    Attributes
    ----------
    signal : Signal
        The ticked signal (its ``explain`` says why it points that way).
    toward : str
        ``bold``, ``advance`` or ``mild``: the ask it points to.
    heading : str
        That direction in words ("Pointing to a bolder ask").
    strength : str
        How much it counts, in words ("a clear sign").
    """

    signal: Signal
    toward: str
    heading: str
    strength: str


@dataclass(frozen=True)
class Advice:
    """The recommended closing ask and why.

    Attributes
    ----------
    level : str
        ``mild``, ``advance`` or ``bold``; ``""`` before the candidate has said how
        the interview went (then there are no examples and ``reason`` says what to
        do first).
    deciding : tuple of Signal
        The ticked signals that decided the level; empty when the interview read
        alone decided it.
    reason : str
        One sentence saying why this level, naming the signs in words.
    examples : tuple of str
        Two or three closing asks from the bank at the matching boldness, without
        the ones a ticked signal rules out.
    coaches_disagree : str
        An honest note that some coaches avoid the bold ask altogether.
    after_the_ask : str
        What to do when the answer is non-committal (A15, A16).
    bold_score, caution_score : float
        Total weight of the ticked bold signals and of all the others (kept for
        scripts; the page says it in words).
    pointers : tuple of Pointer
        Every ticked signal, in file order, with its direction and strength in words.
    notes : tuple of str
        What to avoid in the ask because of a ticked signal, and why.
    weighing : str
        How the signs are weighed, in plain words.
    title_text : str
        The heading of the advice ("The bold ask", "No suggestion yet").
    """

    level: str
    deciding: tuple
    reason: str
    examples: tuple
    coaches_disagree: str = ""
    after_the_ask: str = ""
    bold_score: float = 0.0
    caution_score: float = 0.0
    pointers: tuple = ()
    notes: tuple = ()
    weighing: str = ""
    title_text: str = ""

    @property
    def given(self) -> bool:
        """Whether an ask is suggested (the candidate has said how it went)."""
        return self.level in LEVELS

    @property
    def title(self) -> str:
        """``The mild ask``, ``The advance check``, ``The bold ask`` or ``No suggestion yet``."""
        if self.title_text:
            return self.title_text
        return load_wording()[f"title_{self.level}" if self.given else "title_none"]


def _labels(signals) -> str:
    labels = [s.label[0].lower() + s.label[1:] for s in signals]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def examples_for(
    level: str, stage: str = "", bank=None, limit: int = 3, avoid=()
) -> tuple[str, ...]:
    """Closing asks from the bank at the boldness of ``level``.

    Questions meant for ``stage`` (or for any round) come first; other rounds
    fill up to ``limit`` so there are always examples to choose from.

    Parameters
    ----------
    level : str
        ``mild``, ``advance`` or ``bold``; ``""`` (nothing said yet) gives none.
    stage : str, optional
        The interview round; ``""`` keeps bank order.
    bank : sequence of records or pandas.DataFrame, optional
        Another question bank (tests); the shipped one by default.
    limit : int
        Most examples returned.
    avoid : iterable of str
        Ids of bank questions to leave out (see :attr:`Signal.avoid`).
    """
    if level not in LEVELS:
        return ()
    avoid = frozenset(avoid)
    if bank is None:
        return _shipped_examples(level, stage, limit, avoid)
    rows = [
        row
        for row in as_records(bank)
        if row.category == "closing_ask"
        and row.boldness == LEVEL_BOLDNESS[level]
        and row.id not in avoid
    ]
    fitting = [row.text for row in rows if not stage or row.stage in (stage, "any")]
    others = [row.text for row in rows if stage and row.stage not in (stage, "any")]
    return tuple((fitting + others)[:limit])


@functools.cache
def _shipped_examples(level: str, stage: str, limit: int, avoid: frozenset) -> tuple[str, ...]:
    return examples_for(level, stage, question_records(), limit, avoid)


def _strength(weight: float, say: dict) -> str:
    if weight >= STRONG_WEIGHT:
        return say["strength_strong"]
    if weight >= CLEAR_WEIGHT:
        return say["strength_clear"]
    return say["strength_small"]


def advise(
    signals,
    interview_read: str,
    *,
    concerns=(),
    stage: str = "",
    table=None,
    bank=None,
    wording=None,
) -> Advice:
    """Recommend a closing ask from what the candidate observed (see :data:`RULE`).

    Parameters
    ----------
    signals : iterable of str
        Ids of the ticked signals; unknown ids (from an older signals file) are ignored.
    interview_read : str
        ``well``, ``unsure`` or ``rough``: how the candidate felt it went; ``""``
        when they have not said yet (the advice then has level ``""``).
    concerns : iterable of dict, optional
        ``plan.concerns``; one with a concern but no answer blocks the bold ask.
    stage : str, optional
        The interview round, to prefer example asks meant for it.
    table : tuple of Signal, optional
        Signals to use instead of :func:`load_signals` (tests).
    bank : sequence of records or pandas.DataFrame, optional
        Question bank for the examples (tests); the shipped one by default.
    wording : dict, optional
        Wording to use instead of :func:`load_wording` (tests, translations).

    Raises
    ------
    ValueError
        When ``interview_read`` is not well, unsure, rough or empty.
    ContentError
        When a shipped content file is broken.
    """
    if interview_read != NOT_ANSWERED and interview_read not in READS:
        raise ValueError(f"interview_read must be well, unsure or rough, not {interview_read!r}")
    say = load_wording() if wording is None else wording
    table = load_signals() if table is None else table
    chosen = set(signals)
    ticked = [s for s in table if s.id in chosen]
    good = [s for s in ticked if s.points == "bold"]
    warnings = [s for s in ticked if s.points == "advance"]
    cautious = [s for s in ticked if s.points != "bold"]
    bold_score = sum(s.weight for s in good)
    caution_score = sum(s.weight for s in cautious)
    margin = bold_score - caution_score
    pointers = tuple(
        Pointer(s, s.points, say[f"toward_{s.points}"], _strength(s.weight, say)) for s in ticked
    )
    notes = tuple(s.avoid_why for s in ticked if s.avoid_why)
    common = {
        "bold_score": bold_score,
        "caution_score": caution_score,
        "pointers": pointers,
        "weighing": say["weighing"],
    }

    if interview_read == NOT_ANSWERED:
        # Nothing is suggested until the candidate has said how it went: the ticked
        # signs are listed, but a suggestion from them alone would be a guess.
        return Advice(
            level=NOT_ANSWERED,
            deciding=(),
            reason=say["first_step_signs" if ticked else "first_step"],
            examples=(),
            title_text=say["title_none"],
            **common,
        )

    open_concerns = [
        c
        for c in concerns
        if str(c.get("concern", "")).strip() and not str(c.get("answer", "")).strip()
    ]
    if interview_read == "rough":
        level, deciding, reason = "mild", (), say["reason_rough"]
    elif warnings:
        level, deciding = "advance", tuple(warnings)
        reason = say["reason_warning"].format(signs=_labels(warnings))
    elif open_concerns:
        level, deciding, reason = "advance", (), say["reason_open_concern"]
    elif interview_read == "unsure":
        level, deciding, reason = "advance", (), say["reason_unsure"]
    elif margin >= BOLD_MARGIN:
        level, deciding = "bold", tuple(good)
        key = "reason_bold_despite" if cautious else "reason_bold"
        reason = say[key].format(good=_labels(good), cautious=_labels(cautious or good))
    elif not ticked:
        level, deciding, reason = "mild", (), say["reason_no_signs"]
    elif not good:
        level, deciding = "mild", tuple(cautious)
        reason = say["reason_caution_only"].format(cautious=_labels(cautious))
    elif not cautious:
        level, deciding = "mild", tuple(good)
        reason = say["reason_few_good"].format(good=_labels(good))
    else:
        level, deciding = "mild", tuple(cautious)
        key = "reason_close" if margin > 0 else "reason_behind"
        reason = say[key].format(good=_labels(good), cautious=_labels(cautious))
    avoid = {question for s in ticked for question in s.avoid}
    return Advice(
        level=level,
        deciding=deciding,
        reason=reason,
        examples=examples_for(level, stage, bank, avoid=avoid),
        coaches_disagree=say["coaches_disagree"],
        after_the_ask=say["after_the_ask"],
        notes=notes,
        title_text=say[f"title_{level}"],
        **common,
    )


def said_read(plan) -> str:
    """How the candidate said the interview went, or ``""`` if they have not said yet."""
    return plan.interview_read


def advice_for(plan, read: str | None = None) -> Advice:
    """The advice for a plan: :func:`advise` of its read, signals, concerns and stage.

    Parameters
    ----------
    plan : ClosingPlan
        The plan.
    read : str, optional
        The read to use instead of :func:`said_read` (a view that knows the
        candidate just chose one).
    """
    return advise(
        plan.signals,
        said_read(plan) if read is None else read,
        concerns=plan.concerns,
        stage=plan.stage,
    )
