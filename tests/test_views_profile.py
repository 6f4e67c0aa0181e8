"""ProfileView: widgets bound both ways to the plan."""

import datetime as dt

from closer_widgets.plan import ClosingPlan
from closer_widgets.views.profile import ProfileView


def test_typing_updates_the_plan_and_back():
    plan = ClosingPlan()
    view = ProfileView(plan)
    view._company.value = "Initech"
    view._role.set_state({"value": "QA Lead"})  # as the browser sends it
    assert (plan.company, plan.role) == ("Initech", "QA Lead")
    plan.interviewer = "Dana Lee"
    assert view._interviewer.value == "Dana Lee"


def test_date_and_round():
    plan = ClosingPlan()
    view = ProfileView(plan)
    view._date.value = dt.date(2026, 12, 3)
    assert plan.interview_date == "2026-12-03"
    plan.interview_date = ""
    assert view._date.value is None
    view._stage.value = "final"
    assert plan.stage == "final"


def test_contract_hooks_and_visible_labels():
    view = ProfileView(ClosingPlan())
    assert "closer-company" in view._company._dom_classes
    assert "closer-role" in view._role._dom_classes
    assert "closer-interviewer" in view._interviewer._dom_classes
    for widget in (view._company, view._role, view._interviewer, view._date, view._stage):
        assert widget.description
        assert widget.style.description_width == "initial"
