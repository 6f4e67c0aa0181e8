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
    html = view.children[2].value
    assert "Ask yourself" in html and "For example" in html
    assert "Northwind Health" in html and "{company}" not in html
    plan.company = "Acme <Labs>"
    html = view.children[2].value
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
