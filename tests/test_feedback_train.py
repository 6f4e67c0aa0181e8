"""Tests of model training (closer_widgets.feedback.train); they need scikit-learn."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from closer_widgets.feedback import analyze
from closer_widgets.feedback import train as training
from closer_widgets.feedback.model import LABELS, MODEL_FILE, Model
from closer_widgets.feedback.train import (
    corpus_files,
    dumps,
    fit,
    load_corpus,
    load_questions,
    main,
    train,
    train_questions,
)
from closer_widgets.questions.check import QUESTION_MODEL_FILE

pytest.importorskip("sklearn")

VALIDATE = Path(__file__).parent / "data" / "corpus" / "validate.py"


def test_corpus_is_large_varied_and_well_formed():
    files = corpus_files()
    result = subprocess.run(
        [sys.executable, str(VALIDATE), *map(str, files)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    statements = load_corpus()
    assert len(statements) >= 600
    assert sum(len(s["sentences"]) for s in statements) >= 4000
    assert len({s["author"] for s in statements}) >= 6
    for label in LABELS:
        assert sum(label in x["labels"] for s in statements for x in s["sentences"]) >= 30, label


def test_retraining_gives_the_shipped_files_byte_for_byte():
    assert dumps(train()) == MODEL_FILE.read_text(encoding="utf-8")
    assert dumps(train_questions()) == QUESTION_MODEL_FILE.read_text(encoding="utf-8")


def test_check_says_when_a_model_is_stale(tmp_path, monkeypatch, capsys):
    assert main(["--check"]) == 0
    monkeypatch.setattr(training, "digest", lambda: "something else")
    assert main(["--check"]) == 1
    assert "stale" in capsys.readouterr().err


def test_question_holdout_is_never_trained_on():
    trained = {row["text"].lower() for row in load_questions()}
    held = load_questions(holdout=True)
    assert len(held) >= 100 and not trained & {row["text"].lower() for row in held}


def test_a_model_trained_on_a_few_statements_is_used_by_analyze():
    statements = [
        {
            "author": "t",
            "company": "",
            "role": "",
            "sentences": [
                {"text": "Thank you so much.", "labels": ["thanks"]},
                {"text": "What happens next?", "labels": ["next_steps"]},
            ],
        },
        {
            "author": "t",
            "company": "",
            "role": "",
            "sentences": [
                {"text": "Many thanks for today.", "labels": ["thanks"]},
                {"text": "I drove lorries for years.", "labels": ["skills"]},
            ],
        },
    ] * 5
    model = Model.from_dict({**fit(statements), "source": {"digest": "test"}})
    assert json.loads(json.dumps(fit(statements))) == fit(statements)  # plain JSON, repeatable
    fb = analyze("Thank you so much.", model=model)
    assert fb.elements["thanks"] and not fb.elements["ask"]
