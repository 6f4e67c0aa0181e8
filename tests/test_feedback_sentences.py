"""Tests of the sentence splitter (closer_widgets.feedback.sentences)."""

from __future__ import annotations

import pytest

from closer_widgets.feedback.sentences import MAX_RUN_ON_WORDS, split_sentences


def pieces(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks. What's next?", ["Thanks.", "What's next?"]),
        (
            "I met Dr. Osei at St. Mary's last year. It went well!",
            ["I met Dr. Osei at St. Mary's last year.", "It went well!"],
        ),
        (
            "I cut costs by 3.5 percent, e.g. on fuel. Thank you.",
            ["I cut costs by 3.5 percent, e.g. on fuel.", "Thank you."],
        ),
        ("J. R. Patel referred me... I'm keen!", ["J. R. Patel referred me...", "I'm keen!"]),
        ("no full stop at all", ["no full stop at all"]),
        ("thanks so much\nwhat are the next steps", ["thanks so much", "what are the next steps"]),
        (
            "- thank them\n- ask about timeline\n2) mention the Python gap",
            ["thank them", "ask about timeline", "mention the Python gap"],
        ),
        ("1. Thank them\n2. Ask what happens next", ["Thank them", "Ask what happens next"]),
        ("I have 2. Thanks.", ["I have 2.", "Thanks."]),
        ('"Thank you," I said. "Really."', ['"Thank you," I said.', '"Really."']),
        ("   ", []),
        ("...", []),
    ],
)
def test_sentences_are_cut_where_a_reader_would(text, expected):
    assert pieces(text) == expected


def test_offsets_point_into_the_text_and_are_stripped():
    text = "  Thank you!   I'm keen on the role.  "
    for start, end in split_sentences(text):
        assert text[start:end] == text[start:end].strip()
        assert 0 <= start < end <= len(text)


def test_a_spoken_run_on_is_cut_where_a_new_clause_starts():
    text = (
        "yeah so thanks for having me it was good to see the yard and the trucks and i have "
        "been driving class one for nine years now mostly on nights for a supermarket and so "
        "what happens next do i hear from you or the agency and who do i ring if i hear nothing"
    )
    assert len(text.split()) > MAX_RUN_ON_WORDS
    cut = pieces(text)
    assert len(cut) >= 2
    assert " ".join(cut).split() == text.split()  # nothing lost, nothing added
    assert any(piece.startswith("what happens next") or "what happens" in piece for piece in cut)


def test_short_run_on_stays_whole():
    text = "thanks and what happens next and who do i call"
    assert pieces(text) == [text]


def test_long_sentences_are_also_read_clause_by_clause():
    from closer_widgets.feedback.sentences import split_clauses

    text = (
        "To sum up, I bring three years of SQL and Python on messy data, I'm used to "
        "explaining numbers to managers, and I like owning a project from start to finish."
    )
    (sentence,) = split_sentences(text)
    clauses = [text[start:end] for start, end in split_clauses(text, sentence)]
    assert clauses == [
        "To sum up, I bring three years of SQL and Python on messy data",
        "I'm used to explaining numbers to managers",
        "and I like owning a project from start to finish.",
    ]
    short = "Thank you, Sam, for your time today."
    assert split_clauses(short, split_sentences(short)[0]) == []
