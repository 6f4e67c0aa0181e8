"""The profile step: who the interview is with, and which round it is."""

from __future__ import annotations

from ipywidgets import DatePicker, Dropdown, Text, VBox

from ..plan import ClosingPlan
from .common import LABEL_STYLE, WIDE, bind, date_from_iso, heading, iso_from_date, paragraph

STAGE_OPTIONS = [("First round", "first"), ("Later round", "later"), ("Final round", "final")]


class ProfileView(VBox):
    """Company, role, interviewer, date and round, bound to a :class:`ClosingPlan`."""

    def __init__(self, plan: ClosingPlan, **kwargs):
        self.plan = plan
        self._participant = Text(
            description="Your name (optional)",
            placeholder="Signs your thank-you email and names your files",
            style=LABEL_STYLE,
            layout=WIDE,
        )
        self._participant.add_class("closer-participant")
        self._company = Text(
            description="Company",
            placeholder="e.g. Northwind Health",
            style=LABEL_STYLE,
            layout=WIDE,
        )
        self._role = Text(
            description="Role", placeholder="e.g. Data Analyst", style=LABEL_STYLE, layout=WIDE
        )
        self._interviewer = Text(
            description="Interviewer", placeholder="e.g. Sam Patel", style=LABEL_STYLE, layout=WIDE
        )
        self._date = DatePicker(description="Interview date", style=LABEL_STYLE)
        self._stage = Dropdown(description="Round", options=STAGE_OPTIONS, style=LABEL_STYLE)
        self._company.add_class("closer-company")
        self._role.add_class("closer-role")
        self._interviewer.add_class("closer-interviewer")
        for name, widget in (
            ("participant", self._participant),
            ("company", self._company),
            ("role", self._role),
            ("interviewer", self._interviewer),
            ("stage", self._stage),
        ):
            bind(plan, name, widget)
        bind(plan, "interview_date", self._date, to_widget=date_from_iso, to_model=iso_from_date)
        #: Each plan trait and the control that shows it (the page shows what the plan keeps).
        self.controls = {
            "participant": self._participant,
            "company": self._company,
            "role": self._role,
            "interviewer": self._interviewer,
            "interview_date": self._date,
            "stage": self._stage,
        }
        super().__init__(
            [
                heading("Your interview"),
                paragraph(
                    "Tell us who you are meeting. The company and role fill the questions "
                    "and the statement; the round decides which questions fit."
                ),
                self._participant,
                self._company,
                self._role,
                self._interviewer,
                self._date,
                self._stage,
            ],
            **kwargs,
        )
