"""The follow-up schedule from the real dates: working days, holidays, wording, calendar."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from closer_widgets.content import DATA_DIR
from closer_widgets.errors import ContentError
from closer_widgets.plan import ClosingPlan
from closer_widgets.reminders import (
    HOLIDAYS,
    REMINDERS,
    WORDING_IDS,
    add_working_days,
    build_calendar,
    dates_as_given,
    day_label,
    describe_gap,
    follow_up_schedule,
    holidays_note,
    is_working_day,
    next_working_day,
    public_holidays,
    reminder_wording,
    schedule_for,
    working_days_between,
)

WEDNESDAY = dt.date(2026, 12, 2)
SATURDAY = dt.date(2026, 11, 28)
FRIDAY = dt.date(2026, 12, 4)
# England and Wales: Friday 28 May 2027, then the spring bank holiday on Monday 31 May.
BEFORE_BANK_HOLIDAY = dt.date(2027, 5, 28)
BANK_HOLIDAY = dt.date(2027, 5, 31)
HOLIDAYS_GB = public_holidays()


def _by_key(reminders):
    return {r.key: r for r in reminders}


def _assert_on_working_days(reminders, holidays=HOLIDAYS_GB):
    for reminder in reminders:
        assert reminder.date.weekday() < 5, reminder
        assert reminder.date not in holidays, reminder


# --- the four interviews of the issue -------------------------------------------------


def test_interview_8_days_ago_seen_on_a_saturday():
    """The issue's case: the thank-you fell on a Saturday and the check-in 14 days after."""
    interview = SATURDAY - dt.timedelta(days=8)  # Friday 20 November
    reminders = follow_up_schedule(None, SATURDAY, interview, HOLIDAYS_GB)
    _assert_on_working_days(reminders)
    found = _by_key(reminders)
    thank_you = found["thank-you"]
    assert thank_you.date == dt.date(2026, 11, 30)  # Monday: the next working day
    assert thank_you.date >= SATURDAY  # never a day gone by
    assert "as soon as you can" in thank_you.title
    assert "Friday 20 November 2026" in thank_you.what_to_say
    assert "today" not in thank_you.what_to_say
    check_in = found["check-in"]
    # Not "about a week" (that has passed): two working days after the late note.
    assert check_in.date == add_working_days(thank_you.date, 2)
    assert "about a week" not in check_in.what_to_say
    gap = working_days_between(interview, check_in.date)
    assert f"{gap} working days after the interview" in check_in.what_to_say
    assert found["keep-going"].date == dt.date(2026, 12, 1)


def test_interview_8_days_ago_seen_on_a_weekday_is_thanked_today():
    interview = WEDNESDAY - dt.timedelta(days=8)
    found = _by_key(follow_up_schedule(None, WEDNESDAY, interview, HOLIDAYS_GB))
    assert found["thank-you"].date == WEDNESDAY
    assert found["check-in"].date == dt.date(2026, 12, 4)
    _assert_on_working_days(found.values())


def test_past_interview_with_a_decision_date():
    found = _by_key(follow_up_schedule("2026-12-10", WEDNESDAY, "2026-11-24", HOLIDAYS_GB))
    assert found["thank-you"].date == WEDNESDAY
    assert found["check-in"].date == dt.date(2026, 12, 14)
    assert "2 working days after that date" in found["check-in"].what_to_say


def test_interview_today():
    reminders = follow_up_schedule(None, WEDNESDAY, WEDNESDAY, HOLIDAYS_GB)
    found = _by_key(reminders)
    assert found["thank-you"].date == WEDNESDAY
    assert found["thank-you"].title == "Send your thank-you email"
    assert "Send a short thank-you email today" in found["thank-you"].what_to_say
    assert found["keep-going"].date == dt.date(2026, 12, 3)
    # "about a week after": five working days, one calendar week, not 14 days.
    assert found["check-in"].date == dt.date(2026, 12, 9)
    assert "about a week after the interview" in found["check-in"].what_to_say
    assert "no decision date" in found["check-in"].what_to_say
    assert [r.date for r in reminders] == sorted(r.date for r in reminders)


def test_interview_on_a_friday():
    found = _by_key(follow_up_schedule(None, FRIDAY, FRIDAY, HOLIDAYS_GB))
    assert found["thank-you"].date == FRIDAY
    assert found["keep-going"].date == dt.date(2026, 12, 7)  # Monday, not Saturday
    assert found["check-in"].date == dt.date(2026, 12, 11)  # the next Friday
    assert "about a week after" in found["check-in"].what_to_say
    with_date = _by_key(follow_up_schedule("2026-12-11", FRIDAY, FRIDAY, HOLIDAYS_GB))
    assert with_date["check-in"].date == dt.date(2026, 12, 15)  # Tuesday


def test_interview_before_a_holiday_weekend():
    assert BANK_HOLIDAY in HOLIDAYS_GB
    reminders = follow_up_schedule(None, BEFORE_BANK_HOLIDAY, BEFORE_BANK_HOLIDAY, HOLIDAYS_GB)
    _assert_on_working_days(reminders)
    found = _by_key(reminders)
    assert found["keep-going"].date == dt.date(2027, 6, 1)  # Tuesday after the bank holiday
    assert found["check-in"].date == dt.date(2027, 6, 7)  # five working days
    assert "about a week after" in found["check-in"].what_to_say
    # A decision on the Thursday before: the check-in skips the long weekend.
    decided = _by_key(follow_up_schedule("2027-05-27", dt.date(2027, 5, 24), None, HOLIDAYS_GB))
    assert decided["check-in"].date == dt.date(2027, 6, 1)
    assert "2 working days after that date" in decided["check-in"].what_to_say


def test_future_interview_on_a_holiday_is_thanked_the_next_working_day():
    found = _by_key(follow_up_schedule(None, dt.date(2027, 5, 20), BANK_HOLIDAY, HOLIDAYS_GB))
    assert found["thank-you"].date == dt.date(2027, 6, 1)
    assert "the working day after the interview" in found["thank-you"].what_to_say


@pytest.mark.parametrize(
    "today",
    [WEDNESDAY + dt.timedelta(days=n) for n in range(0, 21)]
    + [BEFORE_BANK_HOLIDAY + dt.timedelta(days=n) for n in range(-3, 5)],
)
@pytest.mark.parametrize("interview_offset", [-14, -8, -1, 0, 1, 3])
@pytest.mark.parametrize("decision_offset", [None, 0, 1, 9])
def test_no_reminder_on_a_weekend_a_holiday_or_in_the_past(
    today, interview_offset, decision_offset
):
    interview = today + dt.timedelta(days=interview_offset)
    decision = None
    if decision_offset is not None:
        decision = max(today, interview) + dt.timedelta(days=decision_offset)
    reminders = follow_up_schedule(decision, today, interview, HOLIDAYS_GB)
    _assert_on_working_days(reminders)
    assert all(r.date >= today for r in reminders)
    found = _by_key(reminders)
    assert found["keep-going"].date <= found["check-in"].date
    assert found["thank-you"].date <= found["keep-going"].date


@pytest.mark.parametrize("interview_offset", [-14, -8, -1, 0, 2])
def test_each_check_in_says_its_real_gap(interview_offset):
    interview = WEDNESDAY + dt.timedelta(days=interview_offset)
    found = _by_key(follow_up_schedule(None, WEDNESDAY, interview, HOLIDAYS_GB))
    check_in = found["check-in"]
    gap = working_days_between(interview, check_in.date, HOLIDAYS_GB)
    if "about a week" in check_in.what_to_say:
        assert gap == 5
    else:
        assert f"{gap} working days after the interview" in check_in.what_to_say


# --- working days -------------------------------------------------------------------


def test_working_day_helpers():
    assert is_working_day(FRIDAY) and not is_working_day(dt.date(2026, 12, 5))
    assert not is_working_day(BANK_HOLIDAY, HOLIDAYS_GB)
    assert next_working_day(SATURDAY) == dt.date(2026, 11, 30)
    assert next_working_day(FRIDAY) == FRIDAY
    assert add_working_days(BEFORE_BANK_HOLIDAY, 1, HOLIDAYS_GB) == dt.date(2027, 6, 1)
    assert add_working_days(BEFORE_BANK_HOLIDAY, 1) == BANK_HOLIDAY  # none by default
    assert working_days_between(FRIDAY, dt.date(2026, 12, 11)) == 5
    assert working_days_between(FRIDAY, FRIDAY) == 0


@pytest.mark.parametrize(
    ("end", "words"),
    [
        (FRIDAY, "on the day of"),
        (dt.date(2026, 12, 7), "the working day after"),
        (dt.date(2026, 12, 8), "2 working days after"),
        (dt.date(2026, 12, 11), "about a week after"),
        (dt.date(2026, 12, 18), "about two weeks after"),
        (dt.date(2026, 12, 14), "6 working days after"),
    ],
)
def test_describe_gap(end, words):
    assert describe_gap(FRIDAY, end) == words


def test_day_label():
    assert day_label(dt.date(2026, 12, 15)) == "Tue 15 Dec 2026"


# --- the content files --------------------------------------------------------------


def test_shipped_files_are_valid():
    assert HOLIDAYS.filename == "holidays.csv"
    assert set(reminder_wording()) == set(WORDING_IDS)
    assert len(HOLIDAYS_GB) >= 24
    assert dt.date(2026, 12, 25) in HOLIDAYS_GB
    assert public_holidays("gb-eng") == HOLIDAYS_GB
    assert public_holidays("FR") == frozenset()


def test_bad_holiday_date_names_file_row_and_column(tmp_path):
    path = tmp_path / "holidays.csv"
    path.write_text("date,name,country\n2027-05-31,Spring,GB-ENG\n\n31/05/2027,Oops,GB-ENG\n")
    with pytest.raises(ContentError, match=r"holidays.csv, row 4, column 'date'"):
        public_holidays(path=path)


def test_unknown_placeholder_in_wording_names_row_and_column(tmp_path):
    text = (DATA_DIR / REMINDERS.filename).read_text(encoding="utf-8")
    bad = text.replace("follow up your other leads", "follow up {when}")
    path = tmp_path / "reminders.csv"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ContentError, match=r"reminders.csv, row \d+, column 'what_to_say'"):
        reminder_wording(path)
    path.write_text(text.replace("{decided}", "{decision}"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"\{decision\} is not a known placeholder"):
        reminder_wording(path)


def test_missing_wording_row_is_named(tmp_path):
    lines = (DATA_DIR / REMINDERS.filename).read_text(encoding="utf-8").splitlines()
    path = tmp_path / "reminders.csv"
    path.write_text("\n".join(line for line in lines if not line.startswith("decision,")))
    with pytest.raises(ContentError, match="no row for decision"):
        reminder_wording(path)


def test_holidays_note_says_what_is_skipped():
    assert "GB-ENG" in holidays_note() and "2028" in holidays_note()
    assert "no public holidays are listed" in holidays_note(())


# --- the plan's schedule and the calendar -----------------------------------------


def test_schedule_for_a_plan_without_decision_date_says_what_is_missing():
    schedule = schedule_for(ClosingPlan(interview_date="2026-12-02"), WEDNESDAY)
    assert not schedule.problem
    assert schedule.decision is None
    assert "No decision date yet" in schedule.missing
    assert "about a week after the interview" in schedule.missing
    assert [r.key for r in schedule.events] == ["thank-you", "keep-going", "check-in"]


def test_schedule_for_a_past_interview_names_the_real_gap():
    schedule = schedule_for(ClosingPlan(interview_date="2026-11-20"), SATURDAY)
    gap = working_days_between(dt.date(2026, 11, 20), schedule.reminders[-1].date, HOLIDAYS_GB)
    assert f"{gap} working days after the interview" in schedule.missing


def test_schedule_for_with_a_decision_date_lists_it():
    schedule = schedule_for(ClosingPlan(decision_date="2026-12-11"), WEDNESDAY)
    assert schedule.missing == ""
    keys = [(r.date, r.key) for r in schedule.events]
    assert (dt.date(2026, 12, 11), "decision") in keys
    assert keys == sorted(keys)
    decision = schedule.decision
    assert decision.title == "They expect to decide"
    assert "Friday 11 December 2026" in decision.what_to_say
    assert "2 working days after it" in decision.what_to_say


def test_schedule_for_a_bad_date_gives_a_problem_not_an_exception():
    schedule = schedule_for(ClosingPlan(decision_date="2026-11-20"), WEDNESDAY)
    assert "already passed" in schedule.problem
    assert schedule.reminders == () and schedule.events == []


def test_dates_as_given_for_a_card_printed_late():
    plan = ClosingPlan(interview_date="2020-01-02", decision_date="2020-01-03")
    entries = [(r.date, r.key) for r in dates_as_given(plan)]
    assert entries == [
        (dt.date(2020, 1, 2), "thank-you"),
        (dt.date(2020, 1, 3), "decision"),
        (dt.date(2020, 1, 7), "check-in"),
    ]


def _events(data: bytes):
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_calendar_with_the_decision_date():
    plan = ClosingPlan(company="Acme", decision_date="2026-12-11")
    events = _events(build_calendar(plan, WEDNESDAY, with_decision=True))
    starts = {str(e["UID"]).split("-")[0]: e.decoded("DTSTART") for e in events}
    assert starts["decision"] == dt.date(2026, 12, 11)
    decision = next(e for e in events if str(e["UID"]).startswith("decision-"))
    assert str(decision["SUMMARY"]) == "They expect to decide (Acme)"
    assert not list(decision.walk("VALARM"))  # their date: nothing to do
    assert len(_events(build_calendar(plan, WEDNESDAY))) == 3


def test_calendar_without_decision_date_has_the_reminders():
    events = _events(build_calendar(ClosingPlan(), WEDNESDAY, with_decision=True))
    assert len(events) == 3
    assert all(e.decoded("DTSTART").weekday() < 5 for e in events)
