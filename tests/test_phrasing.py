"""Phrasing helpers: what a person typed, as a phrase or a sentence, in the form a slot needs."""

from __future__ import annotations

import pytest

from closer_widgets import compose
from closer_widgets.phrasing import (
    article,
    as_clause,
    clean,
    first_name,
    is_clause,
    is_first_person,
    join,
    lower_first,
    noun_phrase,
    predicative,
    sentence,
    strength_clause,
    strength_kind,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("  great   culture.  ", "great culture"),
        ("I have never used Primavera P6.", "I have never used Primavera P6"),
        ("i have never used primavera P6", "I have never used primavera P6"),
        ("I HAVE NEVER USED PRIMAVERA P6", "I have never used primavera P6"),
        ("GREAT CULTURE", "great culture"),
        ("the weekly\n customer testing. ", "the weekly customer testing"),
        ("Is that OK?", "Is that OK?"),
        ("", ""),
    ],
)
def test_clean_tidies_spaces_stops_and_shouting(typed, expected):
    assert clean(typed) == expected


@pytest.mark.parametrize(
    ("typed", "clause"),
    [
        ("I have never used Primavera P6", True),
        ("I have never used Primavera P6.", True),
        ("i'm new to construction", True),
        ("My mother was a nurse", True),
        ("You worried that I have only worked in small firms.", True),
        ("The team is rebuilding the patient dashboard", True),
        ("There is a lot of room to grow here.", True),
        ("This role fits my background", True),
        ("we talked about the hospital project in Leeds", True),
        ("great culture", False),
        ("hard worker", False),
        ("Team player", False),
        ("no Primavera P6 experience", False),
        ("my notice period", False),
        ("the patient-outcomes dashboard the team is rebuilding", False),
        ("how analysts pair with clinical staff", False),
        ("SQL and Python for messy operational data", False),
        ("explaining numbers to managers", False),
        ("led the no-show pilot", False),  # an action without a subject: see as_clause
        ("", False),
    ],
)
def test_is_clause_tells_a_sentence_from_a_phrase(typed, clause):
    assert is_clause(typed) is clause


def test_first_person():
    assert is_first_person("I have never used Primavera P6")
    assert is_first_person("my mother was a nurse")
    assert not is_first_person("You worried that I lack experience")
    assert not is_first_person("great culture")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("I have never used Primavera P6.", "I have never used Primavera P6"),
        ("My mother was a nurse", "my mother was a nurse"),
        (
            "The team is rebuilding the patient dashboard.",
            "the team is rebuilding the patient dashboard",
        ),
        ("led the no-show pilot", "I led the no-show pilot"),
        ("Python is my main tool", "Python is my main tool"),  # a name keeps its capital
        ("great culture", ""),
        ("no Primavera P6 experience", ""),
    ],
)
def test_as_clause_gives_a_sentence_or_nothing(typed, expected):
    assert as_clause(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("great culture", "the great culture"),  # not "drawn to great culture"
        ("Great culture.", "the great culture"),
        ("GREAT CULTURE  ", "the great culture"),
        ("flexible hours", "the flexible hours"),
        ("the weekly customer testing", "the weekly customer testing"),
        ("your mission", "your mission"),
        ("working with clinical staff", "working with clinical staff"),
        ("innovation", "innovation"),
        ("Python", "Python"),
        ("3D printing lab", "3D printing lab"),
        ("I love that you build hospitals", ""),  # a sentence is not a noun phrase
        ("led the pilot", ""),
    ],
)
def test_noun_phrase_adds_an_article_where_needed(typed, expected):
    assert noun_phrase(typed) == expected


def test_noun_phrase_without_article():
    assert noun_phrase("team rituals", "") == "team rituals"


@pytest.mark.parametrize(
    ("typed", "kind", "said"),
    [
        ("hard worker", "person", "I'm a hard worker"),
        ("Team player", "person", "I'm a team player"),
        ("HARD WORKER.", "person", "I'm a hard worker"),
        ("people person", "person", "I'm a people person"),
        ("Excel power user", "person", "I'm an Excel power user"),
        ("a fast learner", "person", "I'm a fast learner"),
        ("reliable", "trait", "I'm reliable"),
        ("very organised", "trait", "I'm very organised"),
        ("detail-oriented", "trait", "I'm detail-oriented"),
        ("I am good at scheduling.", "clause", "I am good at scheduling"),
        ("led the no-show pilot", "clause", "I led the no-show pilot"),
        ("SQL and Python", "skill", "I'm experienced in SQL and Python"),
        (
            "explaining numbers to managers",
            "skill",
            "I'm experienced in explaining numbers to managers",
        ),
        ("", "", ""),
    ],
)
def test_strengths_are_said_as_their_kind(typed, kind, said):
    assert strength_kind(typed) == kind
    assert strength_clause(typed) == said


def test_predicative_needs_an_article_for_a_kind_of_person():
    assert predicative("hard worker") == "a hard worker"
    assert predicative("organised") == "organised"
    assert predicative("SQL") == ""


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("is there anything I could clarify", "Is there anything I could clarify?"),
        ("I'd like to know the next steps", "I'd like to know the next steps."),
        ("  would you hire me?  ", "Would you hire me?"),
        ("", ""),
    ],
)
def test_sentence_capitalises_and_ends_it(typed, expected):
    assert sentence(typed) == expected


def test_lower_first_only_for_everyday_words():
    assert lower_first("My degree is in maths") == "my degree is in maths"
    assert lower_first("Explaining numbers") == "explaining numbers"
    assert lower_first("Python and SQL") == "Python and SQL"
    assert lower_first("Data Analyst") == "Data Analyst"  # Title Case: a job title
    assert lower_first("I moved to BigQuery") == "I moved to BigQuery"


def test_join_lists_like_speech():
    assert join(["a"]) == "a"
    assert join(["a", "b"]) == "a and b"
    assert join(["a", "b", "c"]) == "a, b, and c"
    assert join(["a", "", "b"], "or") == "a or b"


def test_article_and_first_name():
    assert (article("Engineer"), article("UX lead"), article("hourly role")) == ("an", "a", "an")
    assert first_name("Dr. Jane Smith") == "Dr. Smith"
    assert first_name("Sam Patel") == "Sam"


def test_compose_keeps_its_public_names():
    # Moved here from compose.py; scripts importing them from compose keep working.
    assert compose.article is article
    assert compose.first_name is first_name


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        ("short", 10, "short"),
        ("  two\n lines  ", 20, "two lines"),
        ("a fairly long question about the team", 12, "a fairly lo\u2026"),
    ],
)
def test_shorten_keeps_one_line_within_the_limit(text, limit, shown):
    from closer_widgets.phrasing import shorten

    assert shorten(text, limit) == shown
    assert len(shorten(text, limit)) <= limit
