"""The candidate's own question list: add, edit, order, prioritise, and fit it to the time.

Every function works on ``plan.questions`` of a
:class:`~closer_widgets.plan.ClosingPlan` (a list of dicts with ``text``,
``source_id``, ``priority`` and ``note``) and replaces the list rather than
changing it in place, so observers of the plan see each change. Functions that
can refuse or shorten input return a notice: one sentence for the candidate,
empty when all went as asked.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..plan import LONG_TEXT, MAX_ITEMS, PRIORITIES, priority_rank

MAX_QUESTION_CHARS = 500
"""Longest question kept; anything longer cannot be said in one breath."""

MAX_TOP = 3
"""Most questions that can be marked "top": the ones asked whatever happens."""

MINUTES_PER_QUESTION = 1.5
"""Time one question takes, the interviewer's answer included."""

DEFAULT_MINUTES = 5
"""Minutes assumed when the plan gives none."""

EMPTY_NOTICE = "Nothing was added because the question is empty: type a question first."
TRIMMED_NOTICE = (
    f"Your question was longer than {MAX_QUESTION_CHARS} characters, so only the first "
    f"{MAX_QUESTION_CHARS} were kept: shorten it so you can say it in one breath."
)
FULL_NOTICE = (
    f"Your list already holds {MAX_ITEMS} questions, so nothing was added: remove one first."
)
SAME_NOTICE = "That question is already on your list, so it was not added again."
TOO_MANY_TOP_NOTICE = (
    f"You already have {MAX_TOP} top questions: mark one of them as backup first, then try again."
)
EMPTY_EDIT_NOTICE = (
    "A question cannot be empty, so the old text was kept: use Remove to take it off your list."
)
LONG_NOTE_NOTICE = (
    f"Your note was longer than {LONG_TEXT} characters, so only the first {LONG_TEXT} were kept."
)


def _one_line(text: str) -> str:
    # A question is said in one go, so pasted line breaks and runs of spaces become one space.
    return re.sub(r"\s+", " ", text or "").strip()


def _trimmed(text: str) -> tuple[str, str]:
    text = _one_line(text)
    if len(text) > MAX_QUESTION_CHARS:
        return text[:MAX_QUESTION_CHARS].rstrip(), TRIMMED_NOTICE
    return text, ""


def _check_index(plan, index: int) -> None:
    if not 0 <= index < len(plan.questions):
        raise IndexError(f"there is no question number {index + 1} on the list")


def _replace(plan, index: int, **changes) -> None:
    items = [dict(item) for item in plan.questions]
    items[index].update(changes)
    plan.questions = items


def add_custom(plan, text: str) -> tuple[bool, str]:
    """Append a question the candidate wrote.

    Parameters
    ----------
    plan : ClosingPlan
        The plan whose ``questions`` receive the new item.
    text : str
        The question; surrounding space is removed, line breaks become spaces.

    Returns
    -------
    added : bool
        Whether the question was appended.
    notice : str
        Why nothing was added (empty, duplicate, list full), or that the text
        was trimmed to :data:`MAX_QUESTION_CHARS`; empty otherwise.
    """
    text, notice = _trimmed(text)
    if not text:
        return False, EMPTY_NOTICE
    if len(plan.questions) >= MAX_ITEMS:
        return False, FULL_NOTICE
    if any(_one_line(item["text"]).casefold() == text.casefold() for item in plan.questions):
        return False, SAME_NOTICE
    plan.questions = [
        *plan.questions,
        {"text": text, "source_id": "", "priority": "", "note": ""},
    ]
    return True, notice


def edit_text(plan, index: int, text: str) -> str:
    """Change the wording of question ``index``; return a notice (empty when all is well).

    An empty text is refused (the old wording stays); a long one is trimmed.
    """
    _check_index(plan, index)
    text, notice = _trimmed(text)
    if not text:
        return EMPTY_EDIT_NOTICE
    if text != plan.questions[index]["text"]:
        _replace(plan, index, text=text)
    return notice


def move(plan, index: int, delta: int) -> bool:
    """Move question ``index`` one place up (``delta=-1``) or down (``+1``).

    Returns
    -------
    bool
        False when it is already first (moving up) or last (moving down).
    """
    if delta not in (-1, 1):
        raise ValueError("delta must be -1 (up) or +1 (down)")
    _check_index(plan, index)
    target = index + delta
    if not 0 <= target < len(plan.questions):
        return False
    items = list(plan.questions)
    items[index], items[target] = items[target], items[index]
    plan.questions = items
    return True


def set_priority(plan, index: int, priority: str) -> str:
    """Mark question ``index`` as ``"top"``, ``"backup"`` or neither (``""``).

    Returns
    -------
    str
        :data:`TOO_MANY_TOP_NOTICE` when three others are top already (nothing
        changes); empty otherwise.
    """
    if priority not in PRIORITIES:
        raise ValueError(f"priority must be one of {PRIORITIES}, not {priority!r}")
    _check_index(plan, index)
    if priority == plan.questions[index]["priority"]:
        return ""
    if priority == "top":
        tops = sum(1 for item in plan.questions if item["priority"] == "top")
        if tops >= MAX_TOP:
            return TOO_MANY_TOP_NOTICE
    _replace(plan, index, priority=priority)
    return ""


def set_note(plan, index: int, note: str) -> str:
    """Attach a research note to question ``index`` (what prompted it, a fact to mention)."""
    _check_index(plan, index)
    note = (note or "").strip()
    notice = LONG_NOTE_NOTICE if len(note) > LONG_TEXT else ""
    note = note[:LONG_TEXT]
    if note != plan.questions[index]["note"]:
        _replace(plan, index, note=note)
    return notice


def remove(plan, index: int) -> dict:
    """Take question ``index`` off the list and return it."""
    _check_index(plan, index)
    items = list(plan.questions)
    removed = items.pop(index)
    plan.questions = items
    return dict(removed)


@dataclass(frozen=True)
class Budget:
    """Which questions fit in the minutes left for them.

    Attributes
    ----------
    minutes : int
        Minutes planned for the candidate's questions.
    fits : int
        How many questions that time allows (:data:`MINUTES_PER_QUESTION` each).
    keep : tuple of int
        Indexes into the list of the questions to ask, in the one priority order
        of :data:`closer_widgets.plan.PRIORITY_ORDER` (top, unmarked, backup), each
        group in list order.
    drop : tuple of int
        Indexes of the questions that will not fit, in list order.
    texts : tuple of str
        The question texts the indexes refer to.
    """

    minutes: int
    fits: int
    keep: tuple
    drop: tuple
    texts: tuple

    @property
    def total(self) -> int:
        """Number of questions on the list."""
        return len(self.texts)

    def label(self, index: int, limit: int = 40) -> str:
        """``#n "start of the question…"`` for question ``index``."""
        text = _one_line(self.texts[index])
        if len(text) > limit:
            text = text[: limit - 1].rstrip() + "\u2026"
        return f'#{index + 1} "{text}"'

    def summary(self) -> str:
        """One line for the candidate, e.g. ``3 of 5 fit in 5 minutes; keep: ...; drop: ...``."""
        unit = "minute" if self.minutes == 1 else "minutes"
        if not self.texts:
            return f"No questions yet: {self.minutes} {unit} leave room for about {self.fits}."
        if not self.drop:
            return f"All {self.total} fit in {self.minutes} {unit}."
        text = f"{len(self.keep)} of {self.total} fit in {self.minutes} {unit}"
        if self.keep:
            text += "; keep: " + ", ".join(self.label(i) for i in self.keep)
        return text + "; drop: " + ", ".join(self.label(i) for i in self.drop) + "."


def budget(plan) -> Budget:
    """Fit the list to ``plan.question_minutes`` (about 1.5 minutes a question)."""
    minutes = plan.question_minutes if plan.question_minutes is not None else DEFAULT_MINUTES
    # A small epsilon keeps 4.5 / 1.5 at exactly 3 despite floating point.
    fits = max(0, math.floor(minutes / MINUTES_PER_QUESTION + 1e-9))
    items = plan.questions
    order = sorted(range(len(items)), key=lambda i: (priority_rank(items[i]["priority"]), i))
    keep = tuple(order[:fits])
    drop = tuple(sorted(order[fits:]))
    return Budget(minutes, fits, keep, drop, tuple(item["text"] for item in items))


def to_markdown(plan) -> str:
    """The list as Markdown, with priorities, research notes and the time budget.

    Text is written as the candidate typed it (nothing is escaped); line breaks
    are turned into spaces so each question stays one list item.
    """
    company = _one_line(plan.company)
    lines = [f"## My questions for {company}" if company else "## My questions", ""]
    if not plan.questions:
        lines.append("No questions yet.")
        return "\n".join(lines) + "\n"
    fit = budget(plan)
    tags = {"top": " **(top)**", "backup": " *(backup)*"}
    for number, item in enumerate(plan.questions, start=1):
        lines.append(f"{number}. {_one_line(item['text'])}{tags.get(item['priority'], '')}")
        if item["note"].strip():
            lines.append(f"   - Research note: {_one_line(item['note'])}")
    lines += ["", f"Time: {fit.summary()}"]
    return "\n".join(lines) + "\n"
