"""The builder steps (interest, strengths, concerns) driven as the browser would."""

from __future__ import annotations

import pytest

from closer_widgets.plan import ClosingPlan
from closer_widgets.session import Session
from closer_widgets.views.concerns import ConcernsView
from closer_widgets.views.interest import InterestView, coaching_html
from closer_widgets.views.strengths import StrengthsView

VIEWS = [
    (InterestView, "attractions", ("aspect", "link")),
    (StrengthsView, "strengths", ("strength", "evidence")),
    (ConcernsView, "concerns", ("concern", "answer")),
]


def type_into(widget, value: str) -> None:
    """What the front end sends when the user types."""
    widget.set_state({"value": value})


@pytest.mark.parametrize("view_class, trait, keys", VIEWS)
def test_typing_replaces_the_plan_list(plan, view_class, trait, keys):
    view = view_class(plan)
    before = getattr(plan, trait)
    first, second = view.rows[0]
    type_into(first, "one")
    type_into(second, "two")
    assert getattr(plan, trait) == [{keys[0]: "one", keys[1]: "two"}]
    assert getattr(plan, trait) is not before  # replaced, not mutated


@pytest.mark.parametrize("view_class, trait, keys", VIEWS)
def test_add_and_remove_rows_by_click(plan, view_class, trait, keys):
    view = view_class(plan)
    type_into(view.rows[0][0], "first")
    view.add_button.click()
    assert len(view.rows) == 2
    assert len(getattr(plan, trait)) == 1  # a blank row is not saved
    type_into(view.rows[1][0], "second")
    type_into(view.rows[1][1], "because")
    assert [item[keys[0]] for item in getattr(plan, trait)] == ["first", "second"]
    view.remove_button(0).click()
    assert len(view.rows) == 1
    assert getattr(plan, trait) == [{keys[0]: "second", keys[1]: "because"}]
    view.remove_button(0).click()
    assert len(view.rows) == 1, "there is always a row to type into"
    assert view.rows[0][0].value == ""
    assert getattr(plan, trait) == []


@pytest.mark.parametrize("view_class, trait, keys", VIEWS)
def test_every_input_has_its_own_visible_label(plan, view_class, trait, keys):
    view = view_class(plan)
    view.add_button.click()
    labels = [w.description for row in view.rows for w in row]
    assert all(labels) and len(set(labels)) == len(labels)
    assert all(w.style.description_width == "initial" for row in view.rows for w in row)
    view.remove_button(0).click()
    assert view.rows[0][0].description.endswith(" 1")  # renumbered
    assert view.remove_button(0).description.startswith("Remove")


@pytest.mark.parametrize("view_class, trait, keys", VIEWS)
def test_rows_follow_a_loaded_session(plan, sample_session_path, view_class, trait, keys):
    view = view_class(plan)
    type_into(view.rows[0][0], "will be replaced")
    loaded = Session.load(sample_session_path).plan
    plan.update_from_dict(loaded.to_dict())
    expected = getattr(loaded, trait)
    assert [(a.value, b.value) for a, b in view.rows] == [
        (item[keys[0]], item[keys[1]]) for item in expected
    ]
    type_into(view.rows[0][1], "edited")
    assert getattr(plan, trait)[0][keys[1]] == "edited"
    assert getattr(plan, trait)[1:] == expected[1:]


def test_trailing_space_stays_in_the_box_while_typing(plan):
    view = InterestView(plan)
    type_into(view.rows[0][0], "the team ")
    assert view.rows[0][0].value == "the team "
    assert plan.attractions == [{"aspect": "the team", "link": ""}]


def test_interest_shows_prompt_and_examples_with_company(plan):
    view = InterestView(plan)
    html = view._coaching.value
    assert "Ask yourself" in html and "For example" in html
    assert "Northwind Health" in html and "{company}" not in html
    plan.company = "Acme <Labs>"
    html = view._coaching.value
    assert "Acme &lt;Labs&gt;" in html and "<Labs>" not in html


@pytest.mark.parametrize("element", ["interest", "skills", "concerns"])
def test_coaching_falls_back_to_neutral_words(element):
    html = coaching_html(element)
    assert "{" not in html and "Ask yourself" in html


def test_strengths_stop_at_three(plan):
    view = StrengthsView(plan)
    for _ in range(5):
        view.add_button.click()
    assert len(view.rows) == 3
    assert view.add_button.disabled
    for index, (strength, evidence) in enumerate(view.rows):
        type_into(strength, f"strength {index}")
        type_into(evidence, f"evidence {index}")
    assert len(plan.strengths) == 3
    view.remove_button(2).click()
    assert not view.add_button.disabled
    assert [s["strength"] for s in plan.strengths] == ["strength 0", "strength 1"]


def test_concern_without_answer_gets_a_note(plan):
    view = ConcernsView(plan)
    assert view.note(0).value == ""
    type_into(view.rows[0][0], "no retail experience")
    assert "No answer yet" in view.note(0).value
    type_into(view.rows[0][1], "three years of weekend rushes at a hotel")
    assert view.note(0).value == ""
    assert plan.concerns == [
        {"concern": "no retail experience", "answer": "three years of weekend rushes at a hotel"}
    ]


def test_script_typed_in_a_row_stays_text(plan):
    view = ConcernsView(plan)
    type_into(view.rows[0][0], "<script>alert(1)</script>")
    assert plan.concerns[0]["concern"] == "<script>alert(1)</script>"
    assert "<script>" not in view.note(0).value


def test_dashboard_picks_up_the_builder_steps():
    from closer_widgets.views.dashboard import STEPS, Dashboard

    ids = [step_id for step_id, _, _ in STEPS]
    for step in ("interest", "strengths", "concerns", "statement"):
        assert step in ids
    app = Dashboard(ClosingPlan())
    for step in ("interest", "strengths", "concerns", "statement"):
        app.step = step
        assert f"closer-step-{step}" in app.container(step)._dom_classes


# --- coaching beside each row (issue 12, item 9) ------------------------------------------
def note_ids(view) -> list:
    return [[note.id for note in notes] for notes in view.shown_notes]


def test_great_culture_with_no_link_gets_visible_coaching(plan):
    view = InterestView(plan)
    assert view.note(0).value == "" and note_ids(view) == [[]]
    type_into(view.rows[0][0], "great culture")
    html = view.note(0).value
    assert "Name something specific" in html and "Link it to you" in html  # words, not colour
    assert "own experience" in html and "Northwind Health" in html
    assert note_ids(view) == [["generic", "no_link"]]
    type_into(view.rows[0][1], "I ran culture surveys at my last job")
    assert note_ids(view) == [["generic"]]
    type_into(view.rows[0][0], "the weekly customer testing")
    assert view.note(0).value == "" and note_ids(view) == [[]]


def test_good_company_is_generic(plan):
    view = InterestView(plan)
    type_into(view.rows[0][0], "good company")
    type_into(view.rows[0][1], "I want to grow")
    assert note_ids(view) == [["generic"]]


def test_hard_worker_with_no_evidence_gets_visible_coaching(plan):
    view = StrengthsView(plan)
    type_into(view.rows[0][0], "hard worker")
    assert "Back it up" in view.note(0).value and note_ids(view) == [["no_evidence"]]
    type_into(view.rows[0][1], "I work hard")
    assert "Evidence is another claim" in view.note(0).value
    assert note_ids(view) == [["claim_evidence"]]
    type_into(view.rows[0][1], "I cut reporting time by 30% at my last job")
    assert view.note(0).value == "" and note_ids(view) == [[]]


def test_concern_answer_that_is_only_a_claim(plan):
    view = ConcernsView(plan)
    type_into(view.rows[0][0], "I have never used Primavera P6")
    assert note_ids(view) == [["no_answer"]]
    type_into(view.rows[0][1], "I'm a quick learner")
    assert "Back your answer" in view.note(0).value
    type_into(view.rows[0][1], "I learned MS Project in three weeks last spring")
    assert note_ids(view) == [[]]


def test_notes_stay_beside_their_row_past_a_blank_one(plan):
    view = StrengthsView(plan)
    view.add_button.click()
    type_into(view.rows[1][0], "hard worker")  # row 0 stays blank: not in the plan
    assert plan.strengths == [{"strength": "hard worker", "evidence": ""}]
    assert note_ids(view) == [[], ["no_evidence"]]
    assert view.note(0).value == "" and "Back it up" in view.note(1).value
    view.remove_button(0).click()
    assert note_ids(view) == [["no_evidence"]]


def test_notes_follow_a_loaded_session(plan):
    view = InterestView(plan)
    plan.attractions = [
        {"aspect": "the weekly customer testing", "link": "I ran tests"},
        {"aspect": "great culture", "link": ""},
    ]
    assert note_ids(view) == [[], ["generic", "no_link"]]


def test_user_text_in_a_note_is_escaped(plan):
    view = StrengthsView(plan)
    type_into(view.rows[0][0], "<script>hard worker</script>")
    html = view.note(0).value
    assert "&lt;script&gt;hard worker" in html and "<script>" not in html


def test_notes_follow_the_profile(plan):
    view = InterestView(plan)
    type_into(view.rows[0][0], "great culture")
    plan.company = "Acme <Labs>"
    html = view.note(0).value
    assert "Acme &lt;Labs&gt;" in html and "<Labs>" not in html


def test_typing_reanalyses_only_the_row_typed_in(plan, monkeypatch):
    from closer_widgets import talking_points

    view = StrengthsView(plan)
    for index in range(3):
        if index:
            view.add_button.click()
        type_into(view.rows[index][0], f"skill {index}")
        type_into(view.rows[index][1], f"I ran project {index}")
    calls = []
    real = talking_points._analyze
    monkeypatch.setattr(
        talking_points, "_analyze", lambda *args: calls.append(args[0]) or real(*args)
    )
    text = "I ran a review for twelve managers"
    for end in range(1, len(text) + 1):  # keystroke by keystroke in row 2
        type_into(view.rows[1][1], text[:end])
    assert len(calls) <= len(text)  # one analysis per new text of that row, none for others
    assert all("project 0" not in c and "project 2" not in c for c in calls)


def test_hidden_builder_steps_do_no_work_while_typing():
    from closer_widgets.views.dashboard import Dashboard

    app = Dashboard(ClosingPlan(company="Northwind Health"))
    views = {}
    for step in ("strengths", "concerns", "interest"):
        app.step = step
        (views[step],) = app.container(step).children
    before = {step: views[step].renders for step in ("strengths", "concerns")}
    first, second = views["interest"].rows[0]
    for end in range(1, len("great culture") + 1):
        type_into(first, "great culture"[:end])
    assert {step: views[step].renders for step in ("strengths", "concerns")} == before
    assert note_ids(views["interest"]) == [["generic", "no_link"]]
    # A session loaded while a step is hidden is drawn when the step is shown.
    app.plan.strengths = [{"strength": "hard worker", "evidence": ""}]
    assert views["strengths"].renders == before["strengths"]
    app.step = "strengths"
    assert [a.value for a, _ in views["strengths"].rows] == ["hard worker"]
    assert note_ids(views["strengths"]) == [["no_evidence"]]


def test_views_render_the_coaching_models_row_notes(plan):
    # The one derived-state model works the notes out once for all three steps; a
    # view then only renders them, and hides a note made for an earlier text.
    from closer_widgets.coaching import Coaching
    from closer_widgets.talking_points import coach_rows

    model = Coaching.of(plan)
    view = InterestView(plan)
    type_into(view.rows[0][0], "great culture")
    assert note_ids(view) == [["generic", "no_link"]]
    assert view.shown_notes == [model.row_notes["attractions"]]
    stale = coach_rows(plan)
    type_into(view.rows[0][1], "I ran culture surveys")
    model.row_notes = stale  # as if the model had not caught up with the typing yet
    assert note_ids(view) == [[]], "a note made for the earlier text is not shown"
