"""Train the detector's model file from the labelled corpus (``make train``).

Usage::

    python -m closer_widgets.feedback.train           # writes both model files
    python -m closer_widgets.feedback.train --check   # exit 1 if either is stale

The corpus (``tests/data/corpus/statements/*.jsonl``, format in its FORMAT.md)
holds whole statements cut into sentences, each sentence labelled with the
elements and flags it carries. Each label gets a logistic regression over the
sentence features of :mod:`.features`. Training is deterministic: the same corpus
and code give the same bytes, and the file records a digest of both, so a test can
tell when the shipped model no longer matches them.

It also trains the question checker's model (``closer_widgets/questions/model.json``)
from the labelled question sets, the same way.

Needs the ``train`` extra (scikit-learn); the dashboard only reads the JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from .features import features, prepare
from .model import FORMAT, LABELS, MODEL_FILE

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "tests" / "data" / "corpus" / "statements"
"""Where the labelled statements live (one JSON Lines file per author)."""

SOURCES = (
    Path(__file__).with_name("features.py"),
    Path(__file__),
    ROOT / "data" / "word_classes.csv",
)
"""Code and content that shape the model besides the corpus itself."""

MIN_COUNT = 2
"""A feature must appear in this many training sentences to get a weight."""
C = 3.0
"""Inverse strength of the L2 penalty."""
THRESHOLD = 0.3
"""Probability at or above which a sentence carries a label."""
PRUNE = 0.05
"""Weights smaller than this (in absolute value) are dropped from the file."""
DECIMALS = 4


def corpus_files(folder: Path = CORPUS_DIR) -> list[Path]:
    """The corpus files, in a fixed order."""
    return sorted(folder.glob("*.jsonl"))


def load_corpus(paths=None) -> list[dict]:
    """Every statement of the corpus files, in file and line order."""
    statements = []
    for path in paths if paths is not None else corpus_files():
        with open(path, encoding="utf-8") as handle:
            statements.extend(json.loads(line) for line in handle if line.strip())
    return statements


def statement_features(statement: dict) -> list[set]:
    """The feature names of each sentence of a corpus statement."""
    texts = [sentence["text"] for sentence in statement["sentences"]]
    return sentence_features(texts, statement.get("company", ""), statement.get("role", ""))


def sentence_features(texts: list[str], company: str = "", role: str = "") -> list[list]:
    """Features (name, tokens) of each sentence, given the whole statement's sentences."""
    prepared = [prepare(text, company, role) for text in texts]
    out = []
    last = len(texts) - 1
    for i, (text, sentence) in enumerate(zip(texts, prepared, strict=True)):
        position = "only" if last == 0 else "first" if i == 0 else "last" if i == last else "mid"
        before = prepared[i - 1] if i else None
        after = prepared[i + 1] if i < last else None
        out.append(features(sentence, text, position, before, after))
    return out


def examples(statements: list[dict]) -> tuple[list[set], list[list[int]], list[str]]:
    """Feature sets, label vectors and author of every sentence."""
    rows, targets, authors = [], [], []
    for statement in statements:
        for sentence, found in zip(
            statement["sentences"], statement_features(statement), strict=True
        ):
            rows.append({name for name, _ in found})
            labels = set(sentence["labels"])
            targets.append([int(label in labels) for label in LABELS])
            authors.append(statement["author"])
    return rows, targets, authors


NEIGHBOUR_WORDS = ("p:s:",)
"""Features that carry the neighbours' words; only :data:`NEIGHBOUR_LABELS` use them."""
NEIGHBOUR_LABELS = frozenset({"concerns", "unsupported", "generic", "pushy", "desperate"})
"""Labels that depend on what the sentences around say (a doubt raised just before,
an example just after, interest shown elsewhere)."""


def fit(statements: list[dict]) -> dict:
    """Train one logistic regression per label; the model file's layout as a dict."""
    rows, targets, _ = examples(statements)
    return fit_linear(
        rows,
        targets,
        LABELS,
        THRESHOLD,
        ignore={label: NEIGHBOUR_WORDS for label in LABELS if label not in NEIGHBOUR_LABELS},
    )


def fit_linear(
    rows: list[set], targets: list[list], labels, threshold: float, ignore: dict | None = None
) -> dict:
    """One L2 logistic regression per label over binary features.

    Parameters
    ----------
    rows : list of set of str
        The feature names of each example.
    targets : list of list
        For each example, one value per label: 1, 0, or ``None`` where the example
        says nothing about that label (it is left out of that label's training).
    labels : sequence of str
        The label names, in the order of ``targets``' values.
    threshold : float
        Probability at or above which a label is given.
    ignore : dict, optional
        Label -> prefixes of features that label does not learn from.

    Returns
    -------
    dict
        The model file's layout (see :class:`~.model.Model`), without ``source``.
    """
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for names in rows:
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    vocabulary = sorted(name for name, count in counts.items() if count >= MIN_COUNT)
    column = {name: i for i, name in enumerate(vocabulary)}
    indptr, indices = [0], []
    for names in rows:
        indices.extend(sorted(column[name] for name in names if name in column))
        indptr.append(len(indices))
    matrix = csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(rows), len(column)))
    weights, bias = {}, {}
    for index, label in enumerate(labels):
        kept = [i for i, target in enumerate(targets) if target[index] is not None]
        y = [targets[i][index] for i in kept]
        if len(set(y)) < 2:  # a label never (or always) seen: a constant answer
            weights[label], bias[label] = {}, 10.0 if y and all(y) else -10.0
            continue
        skipped = tuple((ignore or {}).get(label, ()))
        used = [i for i, name in enumerate(vocabulary) if not name.startswith(skipped)]
        model = LogisticRegression(C=C, solver="lbfgs", max_iter=2000)
        model.fit(matrix[kept][:, used] if skipped else matrix[kept], y)
        weights[label] = {
            vocabulary[i]: round(float(weight), DECIMALS)
            for i, weight in zip(
                used if skipped else range(len(vocabulary)), model.coef_[0], strict=True
            )
            if abs(weight) >= PRUNE
        }
        bias[label] = round(float(model.intercept_[0]), DECIMALS)
    return {
        "format": FORMAT,
        "labels": list(labels),
        "bias": bias,
        "thresholds": {label: threshold for label in labels},
        "weights": weights,
    }


QUESTION_DIR = ROOT / "tests" / "data"


def question_sets() -> list[Path]:
    """Labelled question files (``text,stage,expected_codes``), in a fixed order.

    The holdout rows of q1 (every third row) are never trained on.
    """
    return [
        QUESTION_DIR / "questions_labelled.csv",
        *sorted((QUESTION_DIR / "corpus" / "questions").glob("*.csv")),
    ]


QUESTION_SOURCES = (
    ROOT / "closer_widgets" / "questions" / "check.py",
    Path(__file__).with_name("features.py"),
    Path(__file__),
    ROOT / "data" / "word_classes.csv",
)
"""Code and content that shape the question model besides its training sets."""
QUESTION_THRESHOLD = 0.5


def is_question_holdout(path: Path, row_number: int) -> bool:
    """Whether a row of a question set is kept out of training (q1: every third row)."""
    return path.name == "q1.csv" and row_number % 3 == 2


def load_questions(sets=None, holdout: bool = False) -> list[dict]:
    """Training rows of the question sets (or only the holdout rows): text, stage, codes.

    A training row whose text is also a holdout row's (helpers wrote some short
    questions alike, "Tell me more.") is left out, so the holdout stays unseen.
    """
    import csv

    rows = []
    for path in sets if sets is not None else question_sets():
        with open(path, encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle)):
                if is_question_holdout(path, number) != holdout:
                    continue
                codes = {code for code in row["expected_codes"].split(";") if code}
                rows.append(
                    {"text": row["text"], "stage": row["stage"], "codes": codes, "set": path.stem}
                )
    if not holdout:
        held = {_same(row["text"]) for row in load_questions(sets, holdout=True)}
        rows = [row for row in rows if _same(row["text"]) not in held]
    return rows


def _same(text: str) -> str:
    return " ".join(text.lower().split()).strip(" ?.!")


def fit_questions(rows: list[dict]) -> dict:
    """One logistic regression per learned code; pay is learned from first-round rows only."""
    from ..questions.check import LEARNED_CODES, question_features

    features, targets = [], []
    for row in rows:
        features.append({name for name, _ in question_features(row["text"], row["stage"])})
        targets.append(
            [
                None
                if code == "pay_too_early" and row["stage"] != "first"
                else int(code in row["codes"])
                for code in LEARNED_CODES
            ]
        )
    return fit_linear(features, targets, LEARNED_CODES, QUESTION_THRESHOLD)


def question_digest() -> str:
    """Fingerprint of the question sets and the code that learns from them."""
    return _fingerprint([*question_sets(), *QUESTION_SOURCES])


def train_questions() -> dict:
    """The question model file's content."""
    rows = load_questions()
    model = fit_questions(rows)
    model["source"] = {"digest": question_digest(), "questions": len(rows)}
    return model


def _fingerprint(paths) -> str:
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.name.encode())
        sha.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return sha.hexdigest()


def digest(paths=None) -> str:
    """Fingerprint of the corpus files and the code and content that train on them."""
    return _fingerprint([*(paths if paths is not None else corpus_files()), *SOURCES])


def train(paths=None) -> dict:
    """The model file's content for the corpus at ``paths`` (all files by default)."""
    paths = paths if paths is not None else corpus_files()
    statements = load_corpus(paths)
    model = fit(statements)
    model["source"] = {
        "digest": digest(paths),
        "statements": len(statements),
        "sentences": sum(len(s["sentences"]) for s in statements),
        "authors": sorted({s["author"] for s in statements}),
    }
    return model


def dumps(model: dict) -> str:
    """The model as the text of its file: sorted keys, one label per block."""
    return json.dumps(model, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether they are current")
    args = parser.parse_args(argv)
    from ..questions.check import QUESTION_MODEL_FILE

    jobs = (
        (MODEL_FILE, train, digest),
        (QUESTION_MODEL_FILE, train_questions, question_digest),
    )
    if args.check:
        stale = [
            path
            for path, _, fingerprint in jobs
            if json.loads(path.read_text(encoding="utf-8"))["source"]["digest"] != fingerprint()
        ]
        for path in stale:
            print(f"{path} is stale: run 'make train'", file=sys.stderr)
        return 1 if stale else 0
    for path, build, _ in jobs:
        text = dumps(build())
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({len(text) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
