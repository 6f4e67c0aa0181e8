"""The follow-up view, driven as the browser would, without a browser."""

from __future__ import annotations

import base64
import datetime as dt
import re
from html import unescape

import icalendar
import pytest

from closer_widgets.follow_up import Email, compose_thank_you
from closer_widgets.reminders import day_label, schedule_for
from closer_widgets.session import Session
from closer_widgets.views.follow_up import FollowUpView

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def view(plan):
    return FollowUpView(plan, today=TODAY)


def _ics(view) -> icalendar.Calendar:
    match = re.search(r'href="data:text/calendar;base64,([^"]+)"', view._ics.value)
    assert match, view._ics.value
    return icalendar.Calendar.from_ical(base64.b64decode(unescape(match.group(1))))


def test_hooks_and_labels(view):
    assert "closer-download-ics" in view._ics._dom_classes
    assert 'download="follow-up.ics"' in view._ics.value
    for widget in (view._topics, view._subject, view._body, view._decision, view._to):
        assert widget.description.strip()
    assert view._redraft.description == "Draft again from my plan"
    assert "public holidays listed (GB-ENG)" in view._schedule.value


def test_initial_draft_comes_from_the_plan_but_is_not_saved(view, plan):
    assert view._subject.value == compose_thank_you(plan).subject
    assert view._body.value.startswith("Dear Sam Patel,")
    assert plan.followup_email == ""


def test_topics_textarea_updates_plan_and_live_draft(view, plan):
    view._topics.set_state({"value": "the dashboard rebuild\n\n  team rituals  \n"})
    assert plan.topics == ["the dashboard rebuild", "team rituals"]
    assert "the dashboard rebuild and team rituals" in view._body.value
    # The user's typing is not rewritten under their cursor.
    assert view._topics.value == "the dashboard rebuild\n\n  team rituals  \n"


def test_plan_topics_show_in_the_textarea(view, plan):
    plan.topics = ["a", "b"]
    assert view._topics.value == "a\nb"


def test_edits_are_kept_in_the_plan_and_survive_plan_changes(view, plan):
    view._body.set_state({"value": "My own words."})
    assert Email.from_text(plan.followup_email).body == "My own words."
    view._subject.value = "Thanks!"
    assert plan.followup_email == "Subject: Thanks!\n\nMy own words."
    plan.topics = ["something new"]  # an edited email is the user's: not redrafted
    assert view._body.value == "My own words."
    view._redraft.click()
    assert plan.followup_email == ""
    assert "something new" in view._body.value
    assert "fresh draft" in view._email_status.value


def test_a_loaded_session_email_is_shown(view, plan):
    plan.followup_email = "Subject: Loaded\n\nFrom the file."
    assert view._subject.value == "Loaded"
    assert view._body.value == "From the file."


def test_mailto_link_follows_the_email(view):
    view._to.value = "sam@example.com"
    view._subject.value = 'Thanks "&" <more>'
    html = view._mailto.value
    href = unescape(re.search(r'href="([^"]+)"', html).group(1))
    assert href.startswith("mailto:sam@example.com?subject=Thanks%20%22%26%22%20%3Cmore%3E&body=")
    assert "<more>" not in html
    assert "Open in my mail app" in html


def test_decision_date_updates_plan_schedule_and_calendar(view, plan):
    view._decision.value = dt.date(2026, 12, 11)  # a Friday
    assert plan.decision_date == "2026-12-11"
    assert "Tue 15 Dec 2026" in view._schedule.value
    starts = sorted(e.decoded("DTSTART") for e in _ics(view).walk("VEVENT"))
    # The reminders and the decision date itself.
    assert starts == [TODAY, dt.date(2026, 12, 3), dt.date(2026, 12, 11), dt.date(2026, 12, 15)]
    assert "Fri 11 Dec 2026: They expect to decide" in view._schedule.value
    view._decision.set_state({"value": {"year": 2026, "month": 11, "date": 18}})  # JS months
    assert plan.decision_date == "2026-12-18"
    assert "Tue 22 Dec 2026" in view._schedule.value
    assert dt.date(2026, 12, 22) in [e.decoded("DTSTART") for e in _ics(view).walk("VEVENT")]


def test_plan_date_shows_in_the_picker(view, plan):
    plan.decision_date = "2026-12-10"
    assert view._decision.value == dt.date(2026, 12, 10)
    assert "Mon 14 Dec 2026" in view._schedule.value


def test_past_date_gives_a_message_not_a_traceback(view, plan):
    view._decision.value = dt.date(2026, 11, 20)
    assert plan.decision_date == "2026-11-20"  # kept: the user only corrects it
    assert "already passed" in view._status.value
    assert "Traceback" not in view._status.value
    assert view._schedule.value == ""
    assert "href" not in view._ics.value
    view._decision.value = dt.date(2026, 12, 11)
    assert "already passed" not in view._status.value
    assert "href=" in view._ics.value


def test_far_future_date_is_refused(view):
    view._decision.value = dt.date(2030, 1, 1)
    assert "more than two years" in view._status.value


def test_no_date_explains_the_default_wait(view):
    assert "about a week" in view._status.value
    assert len(list(_ics(view).walk("VEVENT"))) == 3


def test_sample_session(sample_session_path):
    plan = Session.load(sample_session_path).plan
    view = FollowUpView(plan, today=TODAY)
    assert view._topics.value.splitlines() == plan.topics
    assert view._decision.value == dt.date(2026, 12, 12)
    assert "Tue 15 Dec 2026" in view._schedule.value
    assert "patient-outcomes dashboard" in view._body.value


def test_user_text_is_escaped(plan):
    plan.company = "<script>x</script>"
    plan.topics = ["<img src=x onerror=alert(1)>"]
    view = FollowUpView(plan, today=TODAY)
    for html in (view._mailto.value, view._schedule.value, view._ics.value):
        assert "<script>" not in html and "<img" not in html


# --- dates from the real interview day, all from reminders.py ------------------------


def _shown_days(view) -> list[str]:
    return re.findall(r"<b>(\w{3} \d\d \w{3} \d{4}):", view._schedule.value)


def test_interview_8_days_ago_seen_on_a_saturday(plan):
    saturday = dt.date(2026, 11, 28)
    plan.interview_date = "2026-11-20"
    view = FollowUpView(plan, today=saturday)
    shown = _shown_days(view)
    assert shown and not any(day.startswith(("Sat", "Sun")) for day in shown)
    assert shown[0] == "Mon 30 Nov 2026"  # the thank-you: as soon as possible, not in the past
    assert "as soon as you can" in view._schedule.value
    assert "about a week" not in view._schedule.value
    assert "No decision date yet" in view._status.value
    starts = [e.decoded("DTSTART") for e in _ics(view).walk("VEVENT")]
    assert all(day.weekday() < 5 and day >= saturday for day in starts)


def test_the_view_shows_exactly_the_schedule_of_the_reminders_module(plan):
    plan.interview_date = "2027-05-28"  # a Friday before a bank holiday Monday
    plan.decision_date = "2027-06-03"
    view = FollowUpView(plan, today=dt.date(2027, 5, 28))
    expected = schedule_for(plan, dt.date(2027, 5, 28))
    assert view.schedule == expected
    assert _shown_days(view) == [day_label(r.date) for r in expected.events]
    assert "Tue 01 Jun 2027" in view._schedule.value  # not the bank holiday
    assert "Mon 31 May 2027" not in view._schedule.value
    assert view._status.value == ""  # nothing missing


def test_the_view_follows_the_interview_date(view, plan):
    plan.interview_date = "2026-11-24"
    assert view.schedule.reminders[0].title == "Send your thank-you email as soon as you can"
    assert "Tuesday 24 November 2026" in view._schedule.value
    plan.interview_date = "2026-12-04"
    assert view.schedule.reminders[0].date == dt.date(2026, 12, 4)
    assert "on the day of the interview" in view._schedule.value


def test_a_problem_is_on_the_public_schedule(view):
    view._decision.value = dt.date(2026, 11, 20)
    assert "already passed" in view.schedule.problem
    assert view.schedule.events == []
