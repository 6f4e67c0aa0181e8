"""Readiness by quality: each step's check, and what its hint says is missing."""

import pytest

from closer_widgets.content import ELEMENT_IDS, FLAG_IDS
from closer_widgets.errors import ContentError
from closer_widgets.feedback import analyze
from closer_widgets.plan import ClosingPlan
from closer_widgets.readiness import (
    STEPS,
    WORDING,
    counts_as_rehearsal,
    readiness,
    required_parts,
    wording,
)
from closer_widgets.session import Session

GOOD = (
    "Thank you for your time today, Priya. I really want this role: your plan to move "
    "the clinic's records to one system is the kind of change I led at St Anne's. I cut "
    "our waiting list by a third in a year and trained six new nurses. You asked about "
    "night shifts; I know that was a doubt, but I worked nights for two years on a busy "
    "ward. Is there anything "
    "about my experience that still gives you pause? What are the next steps, and when "
    "will you decide? Who should I follow up with?"
)


def by_step(plan, feedback=None):
    return {check.step: check for check in readiness(plan, feedback)}


def test_one_check_per_step_in_dashboard_order():
    assert [c.step for c in readiness(ClosingPlan())] == list(STEPS)


def test_an_empty_plan_is_ready_nowhere_and_every_hint_says_what_to_do():
    checks = by_step(ClosingPlan())
    assert not [s for s, c in checks.items() if c.done]  # "Doubts answered" included
    assert all(c.hint for c in checks.values())
    assert "doubt" in checks["concerns"].hint


def test_sample_session_is_ready_everywhere(sample_session_path):
    checks = by_step(Session.load(sample_session_path).plan)
    assert all(c.done for c in checks.values()), {s: c.hint for s, c in checks.items()}


def test_forty_words_are_not_a_statement():
    plan = ClosingPlan(statement="word " * 40)
    check = by_step(plan)["statement"]
    assert not check.done
    assert check.hint.startswith("Still missing: why you want it, your strengths")


def test_a_good_statement_is_ready_and_one_with_a_tone_flag_is_not():
    plan = ClosingPlan(statement=GOOD, concerns=[{"concern": "nights", "answer": "two years"}])
    assert required_parts(plan) == ELEMENT_IDS
    assert by_step(plan)["statement"].done, by_step(plan)["statement"].hint
    plan.statement = GOOD + " I really need this job, please."
    check = by_step(plan)["statement"]
    assert not check.done and check.hint == "Change the tone: it sounds needy."


def test_parts_the_candidate_left_out_on_purpose_are_not_required():
    plan = ClosingPlan(want_next_steps=False, want_contact=False)
    assert required_parts(plan) == ("interest", "skills", "thanks", "ask")


def test_the_feedback_given_is_used_and_not_worked_out_again(monkeypatch):
    import closer_widgets.feedback as package

    plan = ClosingPlan(statement=GOOD)
    feedback = analyze(GOOD)
    monkeypatch.setattr(package, "analyze", lambda *a, **k: pytest.fail("analysed twice"))
    assert by_step(plan, feedback)["statement"].done
    assert not readiness(plan, None, analyse=False)[STEPS.index("statement")].done


@pytest.mark.parametrize(
    ("change", "step", "hint"),
    [
        ({"company": "Acme"}, "profile", "Add the job title of the role."),
        (
            {"attractions": [{"aspect": "great culture", "link": ""}]},
            "interest",
            'Tie "great culture" to your own experience or goals.',
        ),
        (
            {"strengths": [{"strength": "hard worker", "evidence": ""}]},
            "strengths",
            'Back "hard worker" with an example, a number or an outcome.',
        ),
        (
            {"concerns": [{"concern": "no cloud experience", "answer": ""}]},
            "concerns",
            'Write how you would answer "no cloud experience".',
        ),
        (
            {"questions": [{"text": f"Q{i}?", "priority": ""} for i in range(3)]},
            "questions",
            "Mark the questions you most want to ask as top.",
        ),
    ],
)
def test_each_hint_names_what_is_missing(change, step, hint):
    check = by_step(ClosingPlan(**change))[step]
    assert not check.done
    assert check.hint == hint


def test_each_check_turns_on_with_its_material():
    plan = ClosingPlan(company="Acme", role="Analyst")
    assert by_step(plan)["profile"].done
    plan.concerns = [{"concern": "no cloud experience", "answer": "took the course"}]
    assert by_step(plan)["concerns"].done
    plan.questions = [{"text": f"Q{i}?", "priority": "top" if i == 0 else ""} for i in range(3)]
    assert by_step(plan)["questions"].done
    plan.ask_text = "Is there anything that would hold you back?"
    assert by_step(plan)["ask"].done
    plan.decision_date = "2026-12-04"
    assert by_step(plan)["follow_up"].done


def test_a_four_second_attempt_is_not_a_rehearsal():
    plan = ClosingPlan(length="full")
    plan.rehearsals = [{"seconds": 4, "said": list(ELEMENT_IDS), "confidence": 5}]
    check = by_step(plan)["rehearse"]
    assert not check.done and "under 12 seconds" in check.hint
    assert not counts_as_rehearsal(11.9, "full") and counts_as_rehearsal(12, "full")
    assert counts_as_rehearsal(6, "short")
    plan.rehearsals = [*plan.rehearsals, {"seconds": 70, "said": [], "confidence": 3}]
    assert by_step(plan)["rehearse"].done


def test_the_wording_file_must_have_every_line(tmp_path):
    assert {f"flag.{flag}" for flag in FLAG_IDS} <= set(wording())
    broken = tmp_path / WORDING.filename
    broken.write_text("id,text\nprofile.label,Interview\n", encoding="utf-8")
    from closer_widgets.content import load_records

    assert load_records(WORDING, broken)[0].text == "Interview"
    wording.cache_clear()
    try:
        import closer_widgets.readiness as module

        original = module.load_records
        module.load_records = lambda spec, path=None: original(spec, broken)
        with pytest.raises(ContentError, match="readiness.csv, column 'id': no row for"):
            wording()
    finally:
        module.load_records = original
        wording.cache_clear()


def test_a_recorded_take_counts_as_rehearsing_aloud():
    from closer_widgets.rehearse import record_take

    plan = ClosingPlan()
    assert "on a recording" in by_step(plan)["rehearse"].hint
    record_take(
        plan,
        {
            "seconds": 40.0,
            "speaking_seconds": 35.0,
            "pauses": 1,
            "longest_pause": 1.2,
            "lead_silence": 2.0,
            "trail_silence": 1.0,
        },
    )
    assert by_step(plan)["rehearse"].done
