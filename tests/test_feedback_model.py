"""Tests of the shipped model and its pure-Python inference (closer_widgets.feedback.model)."""

from __future__ import annotations

import json
import math

import pytest

from closer_widgets.feedback.model import FORMAT, LABELS, MODEL_FILE, Model, load_model
from closer_widgets.feedback.train import digest


def tiny(**changes) -> dict:
    data = {
        "format": FORMAT,
        "labels": ["thanks", "ask"],
        "bias": {"thanks": -1.0, "ask": -2.0},
        "thresholds": {"thanks": 0.5, "ask": 0.5},
        "weights": {"thanks": {"w:thank": 3.0, "b:thank you": 1.0}, "ask": {"g:qmark": 1.5}},
        "source": {"digest": "x"},
    }
    data.update(changes)
    return data


def test_scores_are_bias_plus_weights_through_the_logistic():
    model = Model.from_dict(tiny())
    assert model.margins({"w:thank", "b:thank you", "w:unknown"}) == [3.0, -2.0]
    p = model.probabilities({"w:thank"})
    assert p[0] == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert p[1] == pytest.approx(1 / (1 + math.exp(2.0)))


def test_contributions_name_the_tokens_that_pushed_a_label_up():
    model = Model.from_dict(tiny())
    found = [("w:thank", (0,)), ("b:thank you", (0, 1)), ("g:qmark", ())]
    margins, weighed = model.score([*found, ("w:thank", (0,))])  # a repeat counts once
    assert margins == model.margins({name for name, _ in found})
    assert model.cutoffs[0] == pytest.approx(0.0)  # a threshold of 0.5 is a margin of 0
    assert sorted(name for name, _ in weighed) == ["b:thank you", "g:qmark", "w:thank"]
    assert model.contributions(weighed, [0, 1]) == {0: {0: 3.5, 1: 0.5}, 1: {}}


def test_a_model_of_another_format_is_refused():
    with pytest.raises(ValueError, match="format"):
        Model.from_dict(tiny(format=FORMAT + 1))


def test_shipped_model_scores_every_label_and_is_small():
    model = load_model()
    assert model.labels == LABELS
    assert all(0 < t < 1 for t in model.thresholds)
    assert MODEL_FILE.stat().st_size < 2_000_000
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["source"]["statements"] >= 600 and data["source"]["sentences"] >= 4000


def test_shipped_model_matches_the_corpus_and_code_that_make_it():
    # Changing the corpus, the features, the word classes or the trainer without
    # 'make train' leaves a model that no longer says what the code would learn.
    assert load_model().digest == digest(), "run 'make train' and commit model.json"
