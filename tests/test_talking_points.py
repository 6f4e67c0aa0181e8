"""Per-row coaching of the interest, strengths and concerns steps (issue 12, item 9)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from closer_widgets import talking_points
from closer_widgets.content import DATA_DIR
from closer_widgets.errors import ContentError
from closer_widgets.plan import ClosingPlan
from closer_widgets.talking_points import (
    MESSAGE_IDS,
    ROW_INPUTS,
    ROW_TRAITS,
    TALKING_POINTS,
    RowNote,
    coach_row,
    coach_rows,
    is_concrete,
    load_talking_points,
)

COMPANY, ROLE = "Northwind Health", "Data Analyst"


def ids(trait, first, second, company=COMPANY, role=ROLE):
    return [note.id for note in coach_row(trait, first, second, company, role)]


# --- interest (A2) ------------------------------------------------------------------------
def test_great_culture_with_no_link_is_told_to_tie_it_to_you_and_be_specific():
    # The example: "great culture" with no link passed silently.
    notes = {note.id: note for note in coach_row("attractions", "great culture", "", COMPANY, ROLE)}
    assert set(notes) == {"generic", "no_link"}
    assert "own experience" in notes["no_link"].message
    assert "particular to Northwind Health" in notes["generic"].message
    assert "\u201cgreat culture\u201d" in notes["generic"].message
    assert notes["generic"].title == "Name something specific"
    assert set(notes["generic"].words) == {"great", "culture"}
    assert notes["no_link"].words == ("great culture",)
    assert all(note.advice == ("A2",) for note in notes.values())


def test_a_link_answers_no_link_but_not_generic():
    assert ids("attractions", "great culture", "I ran culture surveys at my last job") == [
        "generic"
    ]


@pytest.mark.parametrize(
    "aspect",
    [
        "great culture",
        "good company",  # the analyzer's own generic finding
        "the great culture",
        "a great place to work",
        "growth opportunities",
        "the people",
        "your values",
        "I love the culture here",  # typed as a sentence: judged as typed
    ],
)
def test_generic_aspects_are_asked_to_name_something_specific(aspect):
    assert "generic" in ids("attractions", aspect, "I led a team of four")


@pytest.mark.parametrize(
    "aspect",
    [
        "the weekly customer testing",
        "Northwind Health's patient data platform",
        "the chance to build dashboards for clinicians",
        "the team's work on sepsis alerts",
        "the data analyst role",  # the role's own words are particular to it
    ],
)
def test_specific_aspects_with_a_link_get_nothing(aspect):
    assert ids("attractions", aspect, "I ran customer tests for our last launch") == []


def test_a_link_with_no_aspect_asks_for_the_aspect():
    (note,) = coach_row("attractions", "", "I ran customer tests", COMPANY, ROLE)
    assert (note.id, note.severity) == ("no_aspect", "low")


def test_generic_message_falls_back_to_neutral_words_without_a_company():
    (note, _) = coach_row("attractions", "great culture", "", "", "")
    assert note.id == "generic" and "particular to the company" in note.message
    assert "{" not in note.message


def test_braces_typed_in_a_row_stay_as_typed():
    (note,) = coach_row("strengths", "{company} fan", "", "Acme", "")
    assert "\u201c{company} fan\u201d" in note.message


# --- strengths (A3) ---------------------------------------------------------------------
def test_hard_worker_with_no_evidence_is_told_to_back_it():
    # The example: "hard worker" with an empty evidence box passed silently.
    (note,) = coach_row("strengths", "hard worker", "", COMPANY, ROLE)
    assert note.id == "no_evidence" and note.title == "Back it up"
    assert "\u201chard worker\u201d" in note.message
    assert "example, a number or an outcome" in note.message
    assert note.words == ("hard worker",) and note.advice == ("A3",)


@pytest.mark.parametrize(
    "evidence",
    [
        "I work hard",  # the analyzer's unsupported, in the evidence sentence
        "I'm very dedicated",
        "my manager says I'm reliable",
        "very dedicated",  # no deed, number or outcome of our own check
        "everyone says so",
        "always on time",
    ],
)
def test_evidence_that_is_only_a_claim_is_told_so(evidence):
    (note,) = coach_row("strengths", "hard worker", evidence, COMPANY, ROLE)
    assert note.id == "claim_evidence"
    assert "still a claim" in note.message
    assert note.words  # what raised it


def test_claim_words_come_from_the_evidence_not_the_frame():
    (note,) = coach_row("strengths", "people person", "my manager says I'm reliable")
    assert all("reliable" in word or "manager" in word for word in note.words)


@pytest.mark.parametrize(
    "strength, evidence",
    [
        ("hard worker", "I cut reporting time by 30% at my last job"),
        ("hard worker", "covered double shifts through the winter"),
        ("hard worker", "employee of the month twice"),
        ("explaining numbers to non-specialists", "ran a monthly review for twelve managers"),
        ("Excel", "built the budget model used by 40 stores"),
    ],
)
def test_evidence_with_an_example_number_or_outcome_gets_nothing(strength, evidence):
    assert ids("strengths", strength, evidence) == []


def test_a_strength_that_is_its_own_evidence_needs_no_more():
    assert ids("strengths", "cut costs by 20% at Acme", "") == []


def test_evidence_with_no_strength_asks_for_the_strength():
    assert ids("strengths", "", "ran a monthly review") == ["no_strength"]


@pytest.mark.parametrize(
    "text, concrete",
    [
        ("ran a monthly review", True),
        ("40 stores", True),
        ("twice", True),
        ("covered double shifts", True),
        ("very dedicated", False),
        ("highly motivated and dedicated", False),
        ("a people person", False),
    ],
)
def test_is_concrete(text, concrete):
    assert is_concrete(text) is concrete


# --- concerns (A4) -----------------------------------------------------------------------
def test_concern_with_no_answer_says_to_write_one():
    (note,) = coach_row("concerns", "I have never used Primavera P6", "", COMPANY, ROLE)
    assert note.id == "no_answer" and note.title == "No answer yet"
    assert "add the fact, example or plan" in note.message
    assert note.advice == ("A4",)


def test_answered_concern_gets_nothing():
    assert ids("concerns", "no retail experience", "three years of weekend rushes at a hotel") == []
    assert (
        ids(
            "concerns",
            "I have never used Primavera P6",
            "I learned MS Project in three weeks and I'm taking the P6 course now",
        )
        == []
    )


def test_an_answer_that_is_only_a_claim_is_told_so():
    (note,) = coach_row("concerns", "I have never used Primavera P6", "I'm a quick learner")
    assert note.id == "claim_answer" and "\u201cI'm a quick learner\u201d" in note.message


def test_answer_with_no_concern_asks_for_the_concern():
    assert ids("concerns", "", "I learned it in a week") == ["no_concern"]


# --- coach_rows: plain data from the plan ----------------------------------------------------
def test_coach_rows_gives_plain_data_per_list_and_row():
    plan = ClosingPlan(company=COMPANY, role=ROLE)
    plan.attractions = [
        {"aspect": "the weekly customer testing", "link": "I ran customer tests"},
        {"aspect": "great culture", "link": ""},
    ]
    plan.strengths = [{"strength": "hard worker", "evidence": ""}]
    plan.concerns = [{"concern": "no retail experience", "answer": ""}]
    result = coach_rows(plan)
    assert set(result) == set(ROW_TRAITS)
    assert [(n.row, n.id) for n in result["attractions"]] == [(1, "generic"), (1, "no_link")]
    assert [(n.row, n.id) for n in result["strengths"]] == [(0, "no_evidence")]
    assert [(n.row, n.id) for n in result["concerns"]] == [(0, "no_answer")]
    note = result["attractions"][0]
    assert isinstance(note, RowNote)
    assert note.trait == "attractions" and note.severity == "medium"
    assert note.source == ("great culture", "")
    json.dumps([n.to_dict() for notes in result.values() for n in notes])  # JSON-ready


def test_a_fine_plan_gets_no_notes():
    plan = ClosingPlan(company=COMPANY, role=ROLE)
    assert coach_rows(plan) == {trait: () for trait in ROW_TRAITS}
    plan.attractions = [{"aspect": "the weekly customer testing", "link": "I ran tests"}]
    plan.strengths = [{"strength": "hard worker", "evidence": "covered 40 night shifts"}]
    plan.concerns = [{"concern": "no retail", "answer": "three years at a hotel desk"}]
    assert coach_rows(plan) == {trait: () for trait in ROW_TRAITS}


def test_coach_rows_for_some_lists_only():
    plan = ClosingPlan(strengths=[{"strength": "hard worker", "evidence": ""}])
    assert set(coach_rows(plan, ("strengths",))) == {"strengths"}


def test_row_inputs_name_what_coach_rows_reads():
    assert ROW_INPUTS == {"attractions", "strengths", "concerns", "company", "role"}
    assert ROW_INPUTS <= set(ClosingPlan.class_trait_names())


def test_unknown_list_is_refused():
    with pytest.raises(ValueError, match="attractions"):
        coach_row("questions", "a", "b")


def test_each_row_is_analysed_once_and_cached(monkeypatch):
    calls = []
    real = talking_points._analyze

    def counting(text, company, role):
        calls.append(text)
        return real(text, company, role)

    monkeypatch.setattr(talking_points, "_analyze", counting)
    talking_points._judge.cache_clear()
    plan = ClosingPlan(company=COMPANY, role=ROLE)
    rows = [{"strength": f"skill {i}", "evidence": f"I ran project {i}"} for i in range(3)]
    plan.strengths = rows
    coach_rows(plan)
    first = len(calls)
    assert first == 3
    # Typing in one row: only that row is analysed again.
    for typed in ("I ran project 1 and", "I ran project 1 and cut"):
        plan.strengths = [rows[0], {"strength": "skill 1", "evidence": typed}, rows[2]]
        coach_rows(plan)
    assert len(calls) == first + 2
    coach_rows(plan)
    assert len(calls) == first + 2


# --- the data file ---------------------------------------------------------------------------
def test_shipped_file_has_every_message_with_its_step():
    points = load_talking_points()
    for step, message_ids in MESSAGE_IDS.items():
        for message_id in message_ids:
            assert points[message_id].step == step
            assert points[message_id].title and points[message_id].message


HEADER = "id,step,severity,title,message,advice,words\n"


def write(tmp_path, rows: str):
    path = tmp_path / "talking_points.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def shipped_rows(skip=(), change=None):
    """The shipped rows as CSV lines, with some left out or one replaced."""
    lines = []
    for line in open_shipped().splitlines()[1:]:
        key = line.split(",", 1)[0]
        if key in skip:
            continue
        if change and key == change[0]:
            line = change[1]
        lines.append(line)
    return "\n".join(lines) + "\n"


def open_shipped() -> str:
    return (DATA_DIR / TALKING_POINTS.filename).read_text(encoding="utf-8")


def test_unknown_placeholder_names_file_row_and_column(tmp_path):
    rows = shipped_rows(change=("no_link", "no_link,interest,medium,Link,Tie {thing} to you,A2,"))
    with pytest.raises(ContentError) as err:
        load_talking_points(write(tmp_path, rows))
    message = str(err.value)
    assert "talking_points.csv, row 2, column 'message'" in message
    assert "{thing}" in message


def test_missing_message_is_named(tmp_path):
    with pytest.raises(ContentError, match=r"column 'id'.*'no_answer'"):
        load_talking_points(write(tmp_path, shipped_rows(skip=("no_answer",))))


def test_message_under_the_wrong_step_is_named(tmp_path):
    rows = shipped_rows(change=("no_link", "no_link,concerns,medium,Link,Tie it to you,A2,"))
    with pytest.raises(ContentError, match=r"row 2, column 'step'.*interest"):
        load_talking_points(write(tmp_path, rows))


def test_bad_severity_is_named(tmp_path):
    rows = shipped_rows(change=("no_link", "no_link,interest,urgent,Link,Tie it to you,A2,"))
    with pytest.raises(ContentError, match=r"row 2, column 'severity'"):
        load_talking_points(write(tmp_path, rows))


# --- the dashboard kernel stays light -----------------------------------------------------------
def test_row_coaching_imports_no_pandas_numpy_or_sklearn():
    script = textwrap.dedent(
        """
        import sys
        from closer_widgets.plan import ClosingPlan
        from closer_widgets.talking_points import coach_rows

        plan = ClosingPlan(company="Acme", role="Analyst")
        plan.attractions = [{"aspect": "great culture", "link": ""}]
        plan.strengths = [{"strength": "hard worker", "evidence": "I work hard"}]
        plan.concerns = [{"concern": "no SQL", "answer": ""}]
        assert all(coach_rows(plan).values())
        loaded = [m for m in ("pandas", "numpy", "sklearn", "scipy", "docx") if m in sys.modules]
        assert not loaded, loaded
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=240
    )
    assert result.returncode == 0, result.stderr
