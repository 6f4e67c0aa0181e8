"""The statement step's own judgement: how its spoken length compares with the target.

The verdict takes the missing parts into account: a short statement that lacks
parts needs those parts, not "one more point". The wording is in
``data/time_verdicts.csv`` so counsellors can edit or translate it.
"""

from __future__ import annotations

import functools

from .content import Column, TableSpec, load_records
from .content import _error as _content_error

SLACK_SECONDS = 10
"""How far under the target still counts as "a little short"."""

VERDICT_IDS = ("missing_parts", "well_short", "a_little_short", "long", "within")

TIME_VERDICTS = TableSpec(
    "time_verdicts.csv", (Column("id", "choice", choices=VERDICT_IDS), Column("text"))
)


@functools.cache
def verdict_wording() -> dict[str, str]:
    """The verdicts of ``data/time_verdicts.csv``, by id (cached).

    Raises
    ------
    ContentError
        When the file is broken or lacks a verdict.
    """
    texts = {row.id: row.text for row in load_records(TIME_VERDICTS)}
    missing = sorted(set(VERDICT_IDS) - set(texts))
    if missing:
        raise _content_error("time_verdicts.csv", None, "id", f"no row for {', '.join(missing)}")
    return texts


def time_verdict(seconds: float, low: float, high: float, missing: int = 0) -> str:
    """How a statement said in ``seconds`` compares with the ``low``-``high`` s target.

    Parameters
    ----------
    seconds : float
        The estimated time to say it.
    low, high : float
        The plan's length target, in seconds.
    missing : int
        How many closing parts the statement still lacks.
    """
    say = verdict_wording()
    if seconds < low and missing:
        parts = "part" if missing == 1 else "parts"
        return say["missing_parts"].format(missing=missing, parts=parts)
    if seconds < low - SLACK_SECONDS:
        return say["well_short"]
    if seconds < low:
        return say["a_little_short"]
    if seconds > high:
        return say["long"]
    return say["within"]
