"""The follow-up step: the thank-you email and the reminders after the interview."""

from __future__ import annotations

import datetime as dt

from ipywidgets import HTML, Button, DatePicker, Layout, Text, Textarea
from markupsafe import escape
from traitlets import Instance

from ..errors import CloserError
from ..export import to_ics
from ..follow_up import Email, compose_thank_you, mailto_link
from ..plan import ClosingPlan
from ..reminders import Schedule, day_label, holidays_note, public_holidays, schedule_for
from .common import (
    LABEL_STYLE,
    WIDE,
    StepView,
    date_from_iso,
    download_link,
    heading,
    iso_from_date,
    paragraph,
)

DRAFT_SOURCES = [
    "company",
    "role",
    "interviewer",
    "participant",
    "concerns",
    "topics",
    "interview_date",  # the email's tense follows it
]
"""Plan traits the draft is built from; it follows them until the user edits it."""

HOLIDAY_NOTE = holidays_note()
"""Which days the reminders skip, with the host's holidays (``data/holidays.csv``)."""


def schedule_html(reminders, note: str = HOLIDAY_NOTE) -> str:
    """The reminders as an HTML list, then ``note``; every text is escaped here."""
    items = "".join(
        f"<li><b>{escape(day_label(r.date))}: {escape(r.title)}</b><br>{escape(r.what_to_say)}</li>"
        for r in reminders
    )
    return f'<ol class="closer-schedule-list">{items}</ol><p><i>{escape(note)}</i></p>'


def ics_link_html(data: bytes) -> str:
    """A download link carrying the calendar file as a data URL."""
    return download_link(
        "follow-up.ics",
        data,
        "text/calendar",
        "Download the reminders for your calendar (.ics)",
    )


class FollowUpView(StepView):
    """Topics, the thank-you draft, the decision date and the reminders.

    ``plan.followup_email`` stays empty until the user edits the draft: while
    it is empty, the draft follows the plan (topics, names, concern); once
    edited, it is kept as written until "Draft again from my plan".

    Parameters
    ----------
    plan : ClosingPlan
        Source of the draft; receives topics, the edited email and the date.
    today : datetime.date, optional
        The current day (tests pass a fixed one); today by default.
    holidays : iterable of datetime.date, optional
        Days off besides weekends; the host's list (``data/holidays.csv``) by default.
    """

    schedule = Instance(
        Schedule,
        allow_none=True,
        help="The follow-up schedule shown, from reminders.schedule_for (dates, problem, "
        "what is missing).",
    )

    def __init__(self, plan: ClosingPlan, today: dt.date | None = None, holidays=None, **kwargs):
        self.plan = plan
        self._today = today
        self._holidays = public_holidays() if holidays is None else frozenset(holidays)
        self._updating = False

        self._topics = Textarea(
            description="Topics we discussed (one per line)",
            placeholder="e.g. the dashboard the team is rebuilding",
            style=LABEL_STYLE,
            layout=WIDE,
            rows=3,
        )
        self._topics.add_class("closer-topics")
        self._to = Text(
            description="Their email address",
            placeholder="from their card or the invitation",
            style=LABEL_STYLE,
            layout=WIDE,
        )
        self._subject = Text(description="Subject", style=LABEL_STYLE, layout=WIDE)
        self._body = Textarea(
            description="Email",
            style=LABEL_STYLE,
            layout=Layout(width="min(36rem, 100%)", height="16rem"),
        )
        self._subject.add_class("closer-email-subject")
        self._body.add_class("closer-email-body")
        self._redraft = Button(
            description="Draft again from my plan",
            tooltip="Replace the email with a fresh draft from your plan",
            layout=Layout(width="max-content"),
        )
        self._redraft.add_class("closer-redraft")
        self._mailto = HTML()
        self._mailto.add_class("closer-mailto")
        self._decision = DatePicker(description="They will decide by", style=LABEL_STYLE)
        self._decision.add_class("closer-decision-date")
        self._schedule = HTML()
        self._schedule.add_class("closer-schedule")
        self._ics = HTML()
        self._ics.add_class("closer-download-ics")
        self._status = HTML()
        self._status.add_class("closer-status")
        self._email_status = HTML()

        self._topics.observe(self._on_topics_typed, names="value")
        self._subject.observe(self._on_email_typed, names="value")
        self._body.observe(self._on_email_typed, names="value")
        self._to.observe(self._render_mailto, names="value")
        self._redraft.on_click(self._on_redraft)
        self._decision.observe(self._on_date_picked, names="value")
        plan.observe(self._on_plan_topics, names="topics")
        plan.observe(self._on_plan_email, names="followup_email")
        # Names and dates typed in other steps redraw this one when it is next shown.
        plan.observe(self.request_render, names=sorted({*DRAFT_SOURCES, "company", "role"}))
        plan.observe(self._on_plan_dates, names=["decision_date", "interview_date"])

        super().__init__(
            [
                heading("Follow up"),
                paragraph(
                    "Send a short thank-you email the same day, while they still remember the "
                    "conversation. Then follow up once, at the right time, and keep your other "
                    "applications going in the meantime."
                ),
                heading("Your thank-you email", 3),
                self._topics,
                self._subject,
                self._body,
                self._redraft,
                self._email_status,
                self._to,
                self._mailto,
                heading("When to follow up", 3),
                self._decision,
                self._status,
                self._schedule,
                self._ics,
            ],
            **kwargs,
        )
        self._show_topics()
        self._show_email()
        self._decision.value = date_from_iso(plan.decision_date)
        self._render_schedule()

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    @property
    def email(self) -> Email:
        """The email as it stands in the view."""
        return Email(subject=self._subject.value, body=self._body.value, to=self._to.value.strip())

    # --- topics -----------------------------------------------------------
    def _on_topics_typed(self, change):
        if self._updating:
            return
        self._updating = True
        try:
            self.plan.topics = [line.strip() for line in change["new"].splitlines() if line.strip()]
        finally:
            self._updating = False

    def _on_plan_topics(self, change):
        if not self._updating:
            self._show_topics()

    def _show_topics(self):
        self._updating = True
        try:
            self._topics.value = "\n".join(self.plan.topics)
        finally:
            self._updating = False

    # --- the email --------------------------------------------------------
    def _on_email_typed(self, change):
        if self._updating:
            return
        self._email_status.value = ""
        self._updating = True
        try:
            self.plan.followup_email = self.email.to_text()
        finally:
            self._updating = False
        self._render_mailto()

    def _on_plan_email(self, change):
        if not self._updating:
            self._show_email()

    def render(self) -> None:
        """Redraw the untouched draft and the reminders from the plan as it stands."""
        # An edited email is the user's work: only the untouched draft follows the plan.
        if not self.plan.followup_email:
            self._show_email()
        self._render_schedule()

    def _on_redraft(self, button=None):
        self.plan.followup_email = ""
        self._show_email()
        self._email_status.value = (
            '<p role="status">A fresh draft from your plan is in the email box.</p>'
        )

    def _show_email(self):
        text = self.plan.followup_email
        email = Email.from_text(text) if text else compose_thank_you(self.plan, today=self.today)
        self._updating = True
        try:
            self._subject.value = email.subject
            self._body.value = email.body
        finally:
            self._updating = False
        self._render_mailto()

    def _render_mailto(self, change=None):
        href = mailto_link(self.email, to=self._to.value)
        self._mailto.value = (
            f'<p><a href="{escape(href)}" target="_blank" rel="noopener">'
            "Open in my mail app</a> (check it, then send it today).</p>"
        )

    # --- dates and reminders ----------------------------------------------
    def _on_date_picked(self, change):
        if self._updating:
            return
        self._updating = True
        try:
            self.plan.decision_date = iso_from_date(change["new"])
        finally:
            self._updating = False

    def _on_plan_dates(self, change):
        if change["name"] == "decision_date" and not self._updating:
            self._updating = True
            try:
                self._decision.value = date_from_iso(change["new"])
            finally:
                self._updating = False
        self.request_render()

    def _render_schedule(self, change=None):
        # Every date and every word about dates comes from the reminders module.
        plan = self.plan
        self.schedule = schedule = schedule_for(plan, self.today, self._holidays)
        if schedule.problem:
            # The date stays in the plan, so the user only has to correct it.
            self._status.value = (
                f'<p role="alert" class="closer-problem">{escape(schedule.problem)}</p>'
            )
            self._schedule.value = ""
            self._ics.value = "<p>Fix the date above to get calendar reminders.</p>"
            return
        self._status.value = (
            f'<p role="status">{escape(schedule.missing)}</p>' if schedule.missing else ""
        )
        self._schedule.value = schedule_html(schedule.events, schedule.note)
        try:
            data = to_ics(plan, self.today, self._holidays)
        except CloserError as exc:  # the schedule was made, so this is not expected
            self._ics.value = f"<p>{escape(str(exc))}</p>"
        else:
            self._ics.value = ics_link_html(data)
