"""Tests of the detector's features (closer_widgets.feedback.features)."""

from __future__ import annotations

import pytest

from closer_widgets.content import load_records
from closer_widgets.errors import ContentError
from closer_widgets.feedback.features import WORD_CLASSES, features, prepare, stem, word_classes


def names(text, company="", role="", position="only", before=None, after=None):
    found = features(prepare(text, company, role), text, position, before, after)
    return {name for name, _ in found}


def test_word_classes_load_from_data_and_name_why():
    rows = load_records(WORD_CLASSES)
    assert {"desire", "job", "process", "contact", "thanks", "doubt", "hedge", "trait"} <= {
        row[0] for row in rows
    }
    assert all(row.why for row in rows)
    classes = word_classes()
    assert "desire" in classes["keen"] and "hedge" in classes["maybe"]


def test_broken_word_classes_name_file_row_and_column(tmp_path):
    path = tmp_path / "word_classes.csv"
    path.write_text("class,words,why\ndesire,keen,ok\ndesire,eager,twice\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"word_classes\.csv, row 3, column 'class'"):
        load_records(WORD_CLASSES, path)


def test_company_role_and_numbers_become_placeholders():
    sentence = prepare("I'd love to join Acme's nursing team for 3 years", "Acme Health", "Nurse")
    assert "<company>" in sentence.tokens and "<role>" in sentence.tokens
    assert "<num>" in sentence.tokens
    text = "I'd love to join Acme's nursing team for 3 years"
    for token, (start, end) in zip(sentence.tokens, sentence.offsets, strict=True):
        if token[0] != "<":
            assert text[start:end].lower() == token


def test_stems_words_classes_and_pairs():
    found = names("I'm really keen on the role")
    assert {"s:keen", "c:desire", "c:job", "kk:DESIRE JOB", "b:<s> i'm"} <= found
    assert stem("thanking") == stem("thanks") == "thank"


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("What are the next steps?", "g:qmark"),
        ("so what happens next", "g:wh"),
        ("Could you tell me when you'll decide", "g:req:could"),
        ("Is there anything stopping you", "g:aux:there"),
        ("I'm not interested in travel", "g:neg:desire"),
        ("My manager thanked me often", "g:reported"),
        ("I cut waiting times by 20%", "g:num"),
        ("I guess I could maybe help", "g:hedges:2"),
    ],
)
def test_grammar_features(text, feature):
    assert feature in names(text)


def test_neighbours_and_position_are_features():
    after = prepare("I trained twelve new starters in 2023.")
    found = names("I'm a hard worker.", position="first", after=after)
    assert {"g:pos:first", "n:num", "n:c:achieve", "p:none"} <= found


def test_features_carry_the_tokens_behind_them():
    text = "Thank you for your time"
    sentence = prepare(text)
    for name, tokens in features(sentence, text, "only", None, None):
        assert all(0 <= i < len(sentence.tokens) for i in tokens), name


def test_idioms_of_pay_are_not_about_pay():
    stems = prepare("What does leadership pay attention to? All that work paid off.").stems
    assert "pay-attention" in stems and "paid-off" in stems
    assert "pay" not in stems
