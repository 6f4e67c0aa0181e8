"""The follow-up schedule: working days, dated reminders and the calendar file (A9, A10, A15).

Pure logic with no widget imports. Every date the product shows after the
interview comes from here: the views and the exports call these functions and
only format what they return.

Two tables in ``data/`` may be edited without touching Python:

- ``reminders.csv``: the title and wording of each reminder. The wording may
  use ``{when}``, ``{interview}``, ``{decided}`` and ``{reply}``; each is filled from
  the real dates, so the words always match the day the reminder falls on.
- ``holidays.csv``: the host's public holidays (``date``, ``name``,
  ``country``). Reminders skip them as they skip weekends. The shipped file
  lists England and Wales for 2026-2028; a host elsewhere replaces the rows
  with its own country's days. A small file was chosen over the ``holidays``
  package: it adds no dependency, works offline, and a counsellor can read and
  correct it (a regional or school holiday included).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .content import Column, TableSpec, load_records
from .errors import ContentError
from .plan import ClosingPlan

CHECK_IN_WORKING_DAYS = 2
"""Working days to wait after the stated decision date before checking in."""

NO_DATE_WORKING_DAYS = 5
"""Working days (about a week) after the interview to check in when no date was given."""

LATE_REPLY_WORKING_DAYS = 2
"""Working days a late thank-you note is given to be answered before a check-in."""

MAX_DAYS_AHEAD = 730
"""Decision dates further ahead than this (two years) are taken as typing errors."""

WORDING_IDS = (
    "thank-you",
    "thank-you-late",
    "keep-going",
    "check-in",
    "check-in-no-date",
    "check-in-late",
    "decision",
)
"""Rows ``data/reminders.csv`` must have, one per wording."""

PLACEHOLDERS = ("when", "interview", "decided", "reply")
"""Placeholders the wording may use; each is filled from the real dates."""

ROW_PLACEHOLDERS = {
    "thank-you": ("when",),
    "thank-you-late": ("interview",),
    "keep-going": (),
    "check-in": ("decided", "when"),
    "check-in-no-date": ("when",),
    "check-in-late": ("when", "reply"),
    "decision": ("decided", "when"),
}
"""Which placeholders each row can use: ``{when}`` is the real gap in words ("about a
week after", "2 working days after"), ``{interview}`` the day of an interview already past,
``{decided}`` the decision date, ``{reply}`` the wait given to a late note."""

_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True)
class Reminder:
    """One dated step of the follow-up plan.

    Attributes
    ----------
    date : datetime.date
        The day to act (never a weekend or a listed holiday, except the
        ``decision`` entry, which is the date the interviewer gave).
    title : str
        Short name, used as the calendar event's summary.
    what_to_say : str
        What to do or write that day, in words that match the date.
    key : str
        Stable id of the kind of reminder (``thank-you``, ``keep-going``,
        ``check-in``, ``decision``); calendar event ids are built from it.
    """

    date: dt.date
    title: str
    what_to_say: str
    key: str = ""


# --- the content tables --------------------------------------------------------
@dataclass(frozen=True)
class DateColumn(Column):
    """A column of ISO dates (YYYY-MM-DD), parsed to :class:`datetime.date`."""

    def parse(self, raw: str):
        value = super().parse(raw)
        if value == "":
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date written YYYY-MM-DD") from None


@dataclass(frozen=True)
class WordingColumn(Column):
    """A text column whose ``{placeholders}`` must be among :data:`PLACEHOLDERS`."""

    def parse(self, raw: str):
        value = super().parse(raw)
        for name in _PLACEHOLDER_RE.findall(value):
            if name not in PLACEHOLDERS:
                known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
                raise ValueError(f"{{{name}}} is not a known placeholder (use {known})")
        return value


HOLIDAYS = TableSpec(
    "holidays.csv",
    (DateColumn("date"), Column("name"), Column("country")),
    key=None,
    min_rows=0,
)
"""The host's public holidays, skipped like weekends (``data/holidays.csv``)."""


def _placeholders_of_row(row: dict):
    """A rule of :data:`REMINDERS`: each row uses only the placeholders it can fill."""
    allowed = ROW_PLACEHOLDERS.get(row["id"], ())
    for column in ("title", "what_to_say"):
        for used in _PLACEHOLDER_RE.findall(row[column]):
            if used not in allowed:
                usable = ", ".join(f"{{{p}}}" for p in allowed) or "none"
                return column, f"{{{used}}} cannot be used in this row (usable here: {usable})"
    return None


REMINDERS = TableSpec(
    "reminders.csv",
    (
        Column("id", "choice", choices=WORDING_IDS),
        WordingColumn("title"),
        WordingColumn("what_to_say"),
        Column("advice", "advice"),
    ),
    min_rows=1,  # reminder_wording names the rows that are missing
    rules=(_placeholders_of_row,),
)
"""Title and wording of each reminder (``data/reminders.csv``)."""


@functools.cache
def reminder_wording(path: str | Path | None = None) -> dict:
    """The rows of ``reminders.csv`` by id (cached).

    Raises
    ------
    ContentError
        Naming file, row and column; or the file and the ids it lacks.
    """
    rows = {row.id: row for row in load_records(REMINDERS, path)}
    name = Path(path).name if path else REMINDERS.filename
    missing = [key for key in WORDING_IDS if key not in rows]
    if missing:
        raise ContentError(
            f"{name}, column 'id': no row for {', '.join(missing)}. Fix the file and load it again."
        )
    return rows


@functools.cache
def holiday_records(path: str | Path | None = None) -> tuple:
    """The rows of ``holidays.csv`` (cached): ``row.date``, ``row.name``, ``row.country``."""
    return load_records(HOLIDAYS, path)


def public_holidays(country: str | None = None, path: str | Path | None = None) -> frozenset:
    """The listed public holidays, as a set of dates.

    Parameters
    ----------
    country : str, optional
        Only the rows of this country code; every row by default (the file
        holds the host's own country).
    path : str or Path, optional
        Another holidays file (tests, another country).
    """
    return frozenset(
        row.date
        for row in holiday_records(path)
        if country is None or row.country.lower() == country.lower()
    )


def holidays_note(holidays: Iterable[dt.date] | None = None) -> str:
    """One sentence saying which days the reminders skip, for the page and the files."""
    days = sorted(public_holidays() if holidays is None else holidays)
    if not days:
        return (
            "Weekends are skipped; no public holidays are listed, so move a reminder "
            "yourself if it falls on one."
        )
    countries = sorted({row.country for row in holiday_records() if row.date in set(days)})
    where = f" ({', '.join(countries)})" if countries else ""
    return (
        f"Weekends and the public holidays listed{where} up to {days[-1].year} are skipped; "
        "move a reminder yourself if it falls on another day off."
    )


# --- working days --------------------------------------------------------------
def is_working_day(day: dt.date, holidays: Iterable[dt.date] = ()) -> bool:
    """Whether ``day`` is Monday to Friday and not a listed holiday."""
    return day.weekday() < 5 and day not in holidays


def next_working_day(day: dt.date, holidays: Iterable[dt.date] = ()) -> dt.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    holidays = frozenset(holidays)
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    return day


def add_working_days(start: dt.date, days: int, holidays: Iterable[dt.date] = ()) -> dt.date:
    """The date ``days`` working days after ``start``, skipping weekends and ``holidays``.

    Parameters
    ----------
    start : datetime.date
        The day to count from (it may itself be a weekend or a holiday).
    days : int
        Working days to add; 0 gives ``start``.
    holidays : iterable of datetime.date, optional
        Days off besides weekends; none by default (pass :func:`public_holidays`).
    """
    holidays = frozenset(holidays)
    current = start
    while days > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current, holidays):
            days -= 1
    return current


def working_days_between(start: dt.date, end: dt.date, holidays: Iterable[dt.date] = ()) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    holidays = frozenset(holidays)
    count, current = 0, start
    while current < end:
        current += dt.timedelta(days=1)
        count += is_working_day(current, holidays)
    return count


def describe_gap(start: dt.date, end: dt.date, holidays: Iterable[dt.date] = ()) -> str:
    """How long after ``start`` the day ``end`` falls, in words ending with "after".

    ``on the day of`` for the same day, then ``the working day after``,
    ``2 working days after``, ``about a week after`` (5 working days),
    ``about two weeks after`` (10)... Followed by "the interview" or "that date".
    """
    if end <= start:
        return "on the day of"
    count = working_days_between(start, end, holidays)
    if count <= 1:
        return "the working day after" if count == 1 else "after"
    if count == NO_DATE_WORKING_DAYS:
        return "about a week after"
    if count == 2 * NO_DATE_WORKING_DAYS:
        return "about two weeks after"
    return f"{count} working days after"


def _number(count: int) -> str:
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else str(count)


def day_label(day: dt.date) -> str:
    """A date as the page shows it: ``Tue 15 Dec 2026``."""
    return f"{day:%a %d %b %Y}"


def _long_day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


# --- the schedule --------------------------------------------------------------
def _as_date(value, what: str) -> dt.date:
    """``value`` (a date, a datetime or YYYY-MM-DD text) as a date; ValueError in words."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"{value.strip()} is not a real date; check the day and the month."
            ) from None
    raise ValueError(
        f"The {what} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31."
    )


def _reminder(key: str, wording: str, date: dt.date, **values) -> Reminder:
    row = reminder_wording()[wording]
    return Reminder(
        date=date,
        title=row.title.format_map(values),
        what_to_say=row.what_to_say.format_map(values),
        key=key,
    )


def _decided(decision_date, today: dt.date, interview: dt.date | None) -> dt.date | None:
    if decision_date in (None, ""):
        return None
    decided = _as_date(decision_date, "decision date")
    if decided < today:
        raise ValueError(
            f"The decision date {decided.isoformat()} has already passed; if you have "
            "heard nothing, send a polite check-in now."
        )
    if interview is not None and decided < interview:
        raise ValueError(
            f"The decision date {decided.isoformat()} is before the interview on "
            f"{interview.isoformat()}; check both dates."
        )
    if (decided - today).days > MAX_DAYS_AHEAD:
        raise ValueError(
            f"The decision date {decided.isoformat()} is more than two years away; check the year."
        )
    return decided


def follow_up_schedule(
    decision_date, today=None, interview_date=None, holidays: Iterable[dt.date] = ()
) -> list[Reminder]:
    """The dated steps after an interview, in date order, worded from the real dates.

    1. Send the thank-you note on the day of the interview (A9). For an
       interview already past, "as soon as you can": today, or the next
       working day, never a day gone by.
    2. Keep other applications moving from the next working day (A10).
    3. Check in politely two working days after the date they said they would
       decide (A10, A15). Without a stated date, about a week (five working
       days) after the interview; when a late thank-you note leaves less than
       two working days before that, two working days after the note, and the
       wording says so.

    No reminder falls on a Saturday, a Sunday or one of ``holidays``.

    Parameters
    ----------
    decision_date : datetime.date, str (YYYY-MM-DD) or None
        When the interviewer said they would decide; ``None`` or ``""`` if
        they gave no date.
    today : datetime.date or str, optional
        The current day (tests pass a fixed one); :func:`datetime.date.today`
        by default.
    interview_date : datetime.date or str, optional
        Day of the interview, past, present or future; today when missing.
    holidays : iterable of datetime.date, optional
        Public holidays to skip besides weekends; none by default (the
        dashboard passes :func:`public_holidays`).

    Returns
    -------
    list of Reminder
        Keys ``thank-you``, ``keep-going`` and ``check-in``.

    Raises
    ------
    ValueError
        One sentence: the date is not a date (or not a real one, such as
        30 February), lies in the past, lies before the interview, or is more
        than two years ahead.
    """
    holidays = frozenset(holidays)
    today = dt.date.today() if today is None else _as_date(today, "current date")
    interview = today
    if interview_date not in (None, ""):
        interview = _as_date(interview_date, "interview date")
    decided = _decided(decision_date, today, interview if interview > today else None)

    if interview < today:
        thank_you_date = next_working_day(today, holidays)
        thank_you = _reminder(
            "thank-you", "thank-you-late", thank_you_date, interview=_long_day(interview)
        )
    else:
        thank_you_date = next_working_day(interview, holidays)
        if thank_you_date == today:
            when = "today"
        elif thank_you_date == interview:
            when = "on the day of the interview"
        else:  # an interview on a weekend or a holiday
            when = f"{describe_gap(interview, thank_you_date, holidays)} the interview"
        thank_you = _reminder("thank-you", "thank-you", thank_you_date, when=when)

    if decided is not None:
        check_in_date = add_working_days(decided, CHECK_IN_WORKING_DAYS, holidays)
        check_in = _reminder(
            "check-in",
            "check-in",
            check_in_date,
            decided=_long_day(decided),
            when=describe_gap(decided, check_in_date, holidays),
        )
    else:
        check_in_date = add_working_days(interview, NO_DATE_WORKING_DAYS, holidays)
        earliest = add_working_days(thank_you_date, LATE_REPLY_WORKING_DAYS, holidays)
        wording = "check-in-no-date"
        if check_in_date < earliest:
            check_in_date, wording = earliest, "check-in-late"
        check_in = _reminder(
            "check-in",
            wording,
            check_in_date,
            when=describe_gap(interview, check_in_date, holidays),
            reply=f"{_number(LATE_REPLY_WORKING_DAYS)} working days",
        )

    keep_going_date = min(add_working_days(thank_you_date, 1, holidays), check_in_date)
    keep_going = _reminder("keep-going", "keep-going", keep_going_date)
    return [thank_you, keep_going, check_in]


def decision_reminder(decision_date, holidays: Iterable[dt.date] = ()) -> Reminder | None:
    """The date they said they would decide, as a calendar entry (``None`` without one).

    It stays on the date they gave, even a weekend: it is their date, not a
    day to act.
    """
    if decision_date in (None, ""):
        return None
    decided = _as_date(decision_date, "decision date")
    check_in = add_working_days(decided, CHECK_IN_WORKING_DAYS, holidays)
    return _reminder(
        "decision",
        "decision",
        decided,
        decided=_long_day(decided),
        when=describe_gap(decided, check_in, holidays),
    )


@dataclass(frozen=True)
class Schedule:
    """What the follow-up step and the exports show about dates.

    Attributes
    ----------
    reminders : tuple of Reminder
        The dated steps, in date order; empty when ``problem`` is set.
    decision : Reminder or None
        The decision date as an entry, when the plan has one.
    problem : str
        One sentence when the dates give no schedule (a date in the past...).
    missing : str
        What is missing, in words (no decision date yet); "" when nothing is.
    note : str
        Which days the reminders skip.
    holidays : frozenset of datetime.date
        The days off the schedule skipped besides weekends.
    """

    reminders: tuple = ()
    decision: Reminder | None = None
    problem: str = ""
    missing: str = ""
    note: str = ""
    holidays: frozenset = field(default=frozenset(), repr=False)

    @property
    def events(self) -> list[Reminder]:
        """The reminders and the decision date, in date order (for calendars and lists)."""
        entries = list(self.reminders)
        if self.decision is not None and self.reminders:
            entries.append(self.decision)
        return sorted(entries, key=lambda r: r.date)


def schedule_for(plan: ClosingPlan, today=None, holidays=None) -> Schedule:
    """The follow-up schedule of ``plan``, never raising for a bad date.

    Parameters
    ----------
    plan : ClosingPlan
        Gives the interview and decision dates.
    today : datetime.date or str, optional
        The current day; today by default.
    holidays : iterable of datetime.date, optional
        Days off besides weekends; the host's list (:func:`public_holidays`)
        by default.
    """
    holidays = public_holidays() if holidays is None else frozenset(holidays)
    note = holidays_note(holidays)
    try:
        reminders = follow_up_schedule(
            plan.decision_date or None, today, plan.interview_date or None, holidays
        )
        decision = decision_reminder(plan.decision_date, holidays)
    except ValueError as exc:
        return Schedule(problem=str(exc), note=note, holidays=holidays)
    missing = ""
    if not plan.decision_date:
        interview = _as_date(plan.interview_date or reminders[0].date, "interview date")
        gap = describe_gap(interview, reminders[-1].date, holidays)
        missing = (
            f"No decision date yet: the check-in is set {gap} the interview. "
            "Add the date they give you in the follow-up step to move it."
        )
    return Schedule(
        reminders=tuple(reminders),
        decision=decision,
        missing=missing,
        note=note,
        holidays=holidays,
    )


def dates_as_given(plan: ClosingPlan, holidays=None) -> list[Reminder]:
    """The plan's dates without checking them against today, for a card printed late.

    The thank-you on the interview day, the decision date and the check-in two
    working days after it; whatever the plan lacks is left out.
    """
    holidays = public_holidays() if holidays is None else frozenset(holidays)
    entries = []
    if plan.interview_date:
        entries.append(
            _reminder(
                "thank-you",
                "thank-you",
                _as_date(plan.interview_date, "interview date"),
                when="on the day of the interview",
            )
        )
    decision = decision_reminder(plan.decision_date, holidays)
    if decision is not None:
        check_in = add_working_days(decision.date, CHECK_IN_WORKING_DAYS, holidays)
        entries += [
            decision,
            _reminder(
                "check-in",
                "check-in",
                check_in,
                decided=_long_day(decision.date),
                when=describe_gap(decision.date, check_in, holidays),
            ),
        ]
    return sorted(entries, key=lambda r: r.date)


# --- the calendar file ----------------------------------------------------------
def build_calendar(plan: ClosingPlan, today=None, *, holidays=None, with_decision=False) -> bytes:
    """The follow-up schedule as an iCalendar (.ics) file.

    Each reminder becomes an all-day event with a pop-up alarm at 9:00 that
    day. Event ids are stable: they depend on the company, role and interview
    date, not on the decision date, so importing an updated file moves the
    events instead of duplicating them.

    Parameters
    ----------
    plan : ClosingPlan
        Gives the decision date (may be empty), the interview date, and the
        company and role named in the events.
    today : datetime.date or str, optional
        The current day; today by default.
    holidays : iterable of datetime.date, optional
        Days off besides weekends; the host's list by default.
    with_decision : bool
        Also add the decision date itself as an event (no alarm): the exports
        and the follow-up step ask for it.

    Returns
    -------
    bytes
        The calendar, ready to save as ``follow-up.ics``.

    Raises
    ------
    ValueError
        As :func:`follow_up_schedule`.
    """
    import icalendar  # heavy: loaded only when a calendar is asked for

    today = dt.date.today() if today is None else _as_date(today, "current date")
    holidays = public_holidays() if holidays is None else frozenset(holidays)
    reminders = follow_up_schedule(
        plan.decision_date or None, today, plan.interview_date or None, holidays
    )
    decision = decision_reminder(plan.decision_date, holidays) if with_decision else None
    about = " at ".join(part for part in (plan.role, plan.company) if part)
    seed = "|".join((plan.company, plan.role, plan.interview_date)).encode("utf-8")
    digest = hashlib.sha256(seed).hexdigest()[:16]
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.timezone.utc)

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Interview Closer//closer-widgets//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for reminder in [*reminders, *([decision] if decision else [])]:
        event = icalendar.Event()
        event.add("uid", f"{reminder.key}-{digest}@interview-closer")
        event.add("dtstamp", stamp)
        event.add("dtstart", reminder.date)
        event.add("dtend", reminder.date + dt.timedelta(days=1))
        event.add("summary", f"{reminder.title} ({about})" if about else reminder.title)
        event.add("description", reminder.what_to_say)
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        if reminder.key != "decision":  # their date: nothing to do, so no pop-up
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", reminder.title)
            alarm.add("trigger", dt.timedelta(hours=9))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
