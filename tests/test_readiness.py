"""Readiness checks over the plan."""

from closer_widgets.plan import ClosingPlan
from closer_widgets.readiness import readiness
from closer_widgets.session import Session


def by_step(plan):
    return {check.step: check for check in readiness(plan)}


def test_empty_plan_is_not_ready_except_for_no_doubts():
    checks = by_step(ClosingPlan())
    assert [s for s, c in checks.items() if c.done] == ["concerns"]
    assert all(c.hint for c in checks.values())


def test_sample_session_is_ready_everywhere(sample_session_path):
    checks = by_step(Session.load(sample_session_path).plan)
    assert all(c.done for c in checks.values()), [s for s, c in checks.items() if not c.done]


def test_each_check_turns_on_with_its_material():
    plan = ClosingPlan()
    plan.concerns = [{"concern": "no cloud experience", "answer": ""}]
    assert not by_step(plan)["concerns"].done
    plan.concerns = [{"concern": "no cloud experience", "answer": "took the course"}]
    assert by_step(plan)["concerns"].done
    plan.questions = [{"text": f"Q{i}?", "priority": "top" if i == 0 else ""} for i in range(3)]
    assert by_step(plan)["questions"].done
    plan.statement = "word " * 39
    assert not by_step(plan)["statement"].done
    plan.statement += "word"
    assert by_step(plan)["statement"].done
