"""Train the detector's model file from the labelled corpus (``make train``).

Usage::

    python -m closer_widgets.feedback.train                 # writes model.json
    python -m closer_widgets.feedback.train --check         # exit 1 if model.json is stale

The corpus (``tests/data/corpus/statements/*.jsonl``, format in its FORMAT.md)
holds whole statements cut into sentences, each sentence labelled with the
elements and flags it carries. Each label gets a logistic regression over the
sentence features of :mod:`.features`. Training is deterministic: the same corpus
and code give the same bytes, and the file records a digest of both, so a test can
tell when the shipped model no longer matches them.

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


def fit(statements: list[dict]) -> dict:
    """Train one logistic regression per label; the model file's layout as a dict."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows, targets, _ = examples(statements)
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
    for index, label in enumerate(LABELS):
        y = [target[index] for target in targets]
        if len(set(y)) < 2:  # a label never (or always) seen: a constant answer
            weights[label], bias[label] = {}, -10.0 if not any(y) else 10.0
            continue
        model = LogisticRegression(C=C, solver="lbfgs", max_iter=2000)
        model.fit(matrix, y)
        weights[label] = {
            name: round(float(weight), DECIMALS)
            for name, weight in zip(vocabulary, model.coef_[0], strict=True)
            if abs(weight) >= PRUNE
        }
        bias[label] = round(float(model.intercept_[0]), DECIMALS)
    return {
        "format": FORMAT,
        "labels": list(LABELS),
        "bias": bias,
        "thresholds": {label: THRESHOLD for label in LABELS},
        "weights": weights,
    }


def digest(paths=None) -> str:
    """Fingerprint of the corpus files and the code and content that train on them."""
    sha = hashlib.sha256()
    for path in [*(paths if paths is not None else corpus_files()), *SOURCES]:
        sha.update(path.name.encode())
        sha.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return sha.hexdigest()


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
    parser.add_argument("-o", "--output", type=Path, default=MODEL_FILE)
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    args = parser.parse_args(argv)
    if args.check:
        with open(args.output, encoding="utf-8") as handle:
            shipped = json.load(handle)["source"]["digest"]
        if shipped != digest():
            print(f"{args.output} is stale: run 'make train'", file=sys.stderr)
            return 1
        print(f"{args.output} matches the corpus and code")
        return 0
    text = dumps(train())
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
