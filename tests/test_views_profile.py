"""ProfileView: widgets bound both ways to the plan."""

import datetime as dt

from closer_widgets.plan import SHORT_TEXT, ClosingPlan
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


def test_the_box_shows_what_the_plan_keeps():
    plan = ClosingPlan()
    view = ProfileView(plan)
    company = view.controls["company"]
    company.set_state({"value": "x" * 250})
    assert len(plan.company) == SHORT_TEXT
    assert company.value == plan.company  # the box is cut too, not left at 250
    company.set_state({"value": "Acme "})  # a space typed before the next word stays
    assert plan.company == "Acme" and company.value == "Acme "


def test_an_implausible_date_is_refused_and_the_picker_shows_the_stored_one():
    plan = ClosingPlan(interview_date="2026-12-03")
    view = ProfileView(plan)
    picker = view.controls["interview_date"]
    picker.value = dt.date(9999, 1, 1)
    assert plan.interview_date == "2026-12-03"
    assert picker.value == dt.date(2026, 12, 3)


def test_the_candidates_name_is_asked_and_kept():
    plan = ClosingPlan()
    view = ProfileView(plan)
    name = view.controls["participant"]
    assert name.description == "Your name (optional)"
    name.set_state({"value": "Maya Osei"})
    assert plan.participant == "Maya Osei"
