"""The follow-up as calendar reminders (.ics)."""

from __future__ import annotations

from ..errors import CloserError
from ..plan import ClosingPlan
from ..reminders import build_calendar


def to_ics(plan: ClosingPlan, today=None, holidays=None) -> bytes:
    """The follow-up as calendar events: every reminder, and the decision date when given.

    A plan without a decision date still gets the reminders that can be made (the
    check-in about a week after the interview), as the follow-up step offers;
    :func:`missing_for` says what is missing.

    Parameters
    ----------
    plan : ClosingPlan
        Gives the dates and the names in the events.
    today : datetime.date, optional
        The current day; today by default.
    holidays : iterable of datetime.date, optional
        Days off besides weekends; the host's list by default.

    Raises
    ------
    CloserError
        When the dates give no reminder (a decision date already past, or more
        than two years away), in one sentence.
    """
    try:
        return build_calendar(plan, today, holidays=holidays, with_decision=True)
    except ValueError as exc:
        # The schedule's messages are already one sentence for people (a date in the past...).
        raise CloserError(str(exc)) from None
