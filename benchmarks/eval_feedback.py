"""Score the feedback detector honestly: on statements it was not trained on.

Usage::

    python benchmarks/eval_feedback.py            # every table below
    python benchmarks/eval_feedback.py --json     # the same figures as JSON
    python benchmarks/eval_feedback.py --errors corpus-cv   # list wrong labels of a set
    python benchmarks/eval_feedback.py --no-cv    # skip the cross-validation (fast)

Sets scored:

``corpus-cv``, ``corpus-cv-sentences``
    Grouped cross-validation on the training corpus
    (``tests/data/corpus/statements``): each author's file in turn is left out,
    the model is trained on the others and scored on it, so a writer's voice and
    their whole statements stay on one side. Statement level, then sentence level.
``unseen``, ``unseen-holdout``
    ``tests/data/statements_unseen.csv``: 50 statements by a writer who saw neither
    the corpus nor the detector, never trained on. ``unseen-holdout`` (24 rows) was
    never read while building the detector either: the honest figure.
``holdout2``
    ``tests/data/statements_holdout2.csv``: 80 statements written blind to everything
    but the labelling guide, with every tone flag well represented, after the detector
    was built; never read, never trained or tuned on.
``holdout3``
    ``tests/data/statements_holdout3.jsonl``: 90 statements (540 labelled sentences)
    written blind by a thirteenth corpus helper, in the corpus format. Kept out of
    training: the model trained with them flagged sentences of the product's own
    drafts, so they became a third blind set instead. Never trained on.
``legacy``, ``legacy-holdout``
    ``tests/data/statements.csv``: 188 statements written with the earlier phrase
    rules in view; no ``unsupported`` labels.

Also ``--agreement``: Cohen's kappa per label between the corpus labels and a blind
second labelling (``tests/data/corpus/second_labels.jsonl``).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from closer_widgets.content import ELEMENT_IDS, FLAG_IDS  # noqa: E402
from closer_widgets.feedback import LABELS, Model, analyze  # noqa: E402
from closer_widgets.feedback import train as training  # noqa: E402

STATEMENTS = ROOT / "tests" / "data" / "statements.csv"
UNSEEN = ROOT / "tests" / "data" / "statements_unseen.csv"
HOLDOUT2 = ROOT / "tests" / "data" / "statements_holdout2.csv"
HOLDOUT3 = ROOT / "tests" / "data" / "statements_holdout3.jsonl"
SECOND_LABELS = ROOT / "tests" / "data" / "corpus" / "second_labels.jsonl"
SECOND_SAMPLE = ROOT / "tests" / "data" / "corpus" / "second_sample.jsonl"
SAMPLE_SENTENCES = 300


def second_sample(seed: int = 11, sentences: int = SAMPLE_SENTENCES) -> list[dict]:
    """Whole statements drawn evenly across authors until they hold ``sentences``.

    Each row is a statement without its labels: id, company, role and its sentences'
    texts, for a second labeller to label blind.
    """
    import random

    by_author: dict[str, list] = {}
    for statement in training.load_corpus():
        by_author.setdefault(statement["author"], []).append(statement)
    rng = random.Random(seed)
    for statements in by_author.values():
        rng.shuffle(statements)
    picked, count, turn = [], 0, 0
    authors = sorted(by_author)
    while count < sentences:
        statements = by_author[authors[turn % len(authors)]]
        statement = statements[turn // len(authors)]
        picked.append(
            {
                "id": statement["id"],
                "company": statement["company"],
                "role": statement["role"],
                "sentences": [sentence["text"] for sentence in statement["sentences"]],
            }
        )
        count += len(statement["sentences"])
        turn += 1
    return picked


def load_csv_set(path: Path) -> list[dict]:
    """Statements of a labelled CSV: id, split, text, company, role and truth."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    labelled = [name for name in (*ELEMENT_IDS, *FLAG_IDS) if name in rows[0]]
    return [
        {
            "id": row["id"],
            "split": row["split"],
            "text": row["text"],
            "company": row["company"],
            "role": row["role"],
            "truth": {name: row[name] == "1" for name in labelled},
        }
        for row in rows
    ]


def corpus_statement(statement: dict) -> dict:
    """A corpus statement in the same shape as :func:`load_csv_set` rows."""
    labels = {label for sentence in statement["sentences"] for label in sentence["labels"]}
    truth = {name: name in labels for name in ELEMENT_IDS}
    truth.update({name: bool(statement["flags"][name]) for name in FLAG_IDS})
    return {
        "id": statement["id"],
        "split": statement["author"],
        "text": " ".join(sentence["text"] for sentence in statement["sentences"]),
        "company": statement["company"],
        "role": statement["role"],
        "truth": truth,
    }


def predict(rows: list[dict], model: Model | None = None) -> list[dict]:
    """The detector's elements and flags for each statement."""
    out = []
    for row in rows:
        fb = analyze(row["text"], company=row["company"], role=row["role"], model=model)
        out.append({**fb.elements, **fb.flags})
    return out


def scores(pairs) -> dict:
    """Precision, recall and F1 of one label from (truth, guess) pairs."""
    tp = fp = fn = 0
    for truth, guess in pairs:
        tp += truth and guess
        fp += guess and not truth
        fn += truth and not guess
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}


def pairs(rows: list[dict], guesses: list[dict]):
    """Each statement with the detector's guess for it."""
    return zip(rows, guesses, strict=True)


def evaluate(rows: list[dict], guesses: list[dict]) -> dict:
    """Per-label scores and the macro-F1 of elements and of flags."""
    labelled = [name for name in (*ELEMENT_IDS, *FLAG_IDS) if name in rows[0]["truth"]]
    labels = {
        name: scores((row["truth"][name], guess[name]) for row, guess in pairs(rows, guesses))
        for name in labelled
    }
    flags = [name for name in FLAG_IDS if name in labels]
    return {
        "statements": len(rows),
        "labels": labels,
        "elements_macro_f1": sum(labels[n]["f1"] for n in ELEMENT_IDS) / len(ELEMENT_IDS),
        "flags_macro_f1": sum(labels[n]["f1"] for n in flags) / len(flags),
    }


def cross_validate(statements: list[dict] | None = None) -> tuple[dict, dict, list, list]:
    """Leave-one-author-out scores: statement level and sentence level.

    Returns the two reports, and the statements with their out-of-fold guesses
    (for ``--errors``).
    """
    statements = training.load_corpus() if statements is None else statements
    authors = sorted({s["author"] for s in statements})
    rows, guesses, sentence_pairs = [], [], {label: [] for label in LABELS}
    for author in authors:
        model = Model.from_dict(
            {**training.fit([s for s in statements if s["author"] != author]),
             "source": {"digest": "cv"}}
        )  # fmt: skip
        held = [s for s in statements if s["author"] == author]
        for statement in held:
            row = corpus_statement(statement)
            rows.append(row)
            guesses.extend(predict([row], model))
            # Sentence level: the author's own sentences, judged in their statement.
            features = training.statement_features(statement)
            for sentence, found in zip(statement["sentences"], features, strict=True):
                probabilities = model.probabilities({name for name, _ in found})
                for index, label in enumerate(LABELS):
                    sentence_pairs[label].append(
                        (
                            label in sentence["labels"],
                            probabilities[index] >= model.thresholds[index],
                        )
                    )
    sentence_labels = {label: scores(pairs) for label, pairs in sentence_pairs.items()}
    sentence_report = {
        "statements": sum(len(s["sentences"]) for s in statements),
        "labels": sentence_labels,
        "elements_macro_f1": sum(sentence_labels[n]["f1"] for n in ELEMENT_IDS) / len(ELEMENT_IDS),
        "flags_macro_f1": sum(sentence_labels[n]["f1"] for n in LABELS[len(ELEMENT_IDS) :])
        / (len(LABELS) - len(ELEMENT_IDS)),
    }
    return evaluate(rows, guesses), sentence_report, rows, guesses


def kappa(pairs) -> float:
    """Cohen's kappa of two raters' yes/no answers."""
    pairs = list(pairs)
    n = len(pairs)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    first = sum(a for a, _ in pairs) / n
    second = sum(b for _, b in pairs) / n
    expected = first * second + (1 - first) * (1 - second)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(path: Path = SECOND_LABELS) -> dict:
    """Kappa per label between the corpus and a blind second labelling of its sentences."""
    corpus = {s["id"]: s for s in training.load_corpus()}
    pairs = {label: [] for label in LABELS}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            second = json.loads(line)
            first = corpus[second["id"]]["sentences"][second["index"]]
            for label in LABELS:
                pairs[label].append((label in first["labels"], label in second["labels"]))
    count = len(pairs[LABELS[0]])
    return {
        "sentences": count,
        "kappa": {label: kappa(p) for label, p in pairs.items()},
        "agreement": {label: sum(a == b for a, b in p) / count for label, p in pairs.items()},
        "support": {
            label: (sum(a for a, _ in p), sum(b for _, b in p)) for label, p in pairs.items()
        },
    }


def format_report(report: dict) -> str:
    """Plain-text tables, one per set."""
    out = []
    for name, part in report.items():
        unit = "sentences" if name.endswith("sentences") else "statements"
        out.append(f"== {name} ({part['statements']} {unit}) ==")
        out.append(f"{'label':<12}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}")
        for label, s in part["labels"].items():
            if label == FLAG_IDS[0]:
                out.append("-" * 46)
            out.append(
                f"{label:<12}{s['precision']:>10.2f}{s['recall']:>8.2f}{s['f1']:>7.2f}"
                f"{s['support']:>9}"
            )
        out.append(f"elements macro-F1: {part['elements_macro_f1']:.3f}")
        out.append(f"flags macro-F1:    {part['flags_macro_f1']:.3f}")
        out.append("")
    return "\n".join(out)


def error_lines(rows: list[dict], guesses: list[dict]) -> list[str]:
    """One line per wrong label: id, label, missed or false alarm, text."""
    lines = []
    for row, guess in zip(rows, guesses, strict=True):
        for name, truth in row["truth"].items():
            if truth != guess[name]:
                lines.append(
                    f"{row['id']} {name}: {'missed' if truth else 'false alarm'} | {row['text']}"
                )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    parser.add_argument("--agreement", action="store_true", help="kappa of the second labelling")
    parser.add_argument(
        "--sample", action="store_true", help="write the blind sample for a second labeller"
    )
    parser.add_argument(
        "--errors",
        choices=("corpus-cv", "unseen-dev", "legacy-dev"),
        help="list every wrong label of a set (never the holdouts)",
    )
    args = parser.parse_args(argv)
    if args.sample:
        rows = second_sample()
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        SECOND_SAMPLE.write_text(text, encoding="utf-8")
        print(f"wrote {len(rows)} statements to {SECOND_SAMPLE}")
        return 0
    report, listed = {}, {}

    def show(name: str, part: dict) -> None:
        # Each set is printed as soon as it is scored: the quick ones come first.
        report[name] = part
        if not args.json:
            print(format_report({name: part}), flush=True)

    if HOLDOUT2.exists():
        rows = load_csv_set(HOLDOUT2)
        show("holdout2", evaluate(rows, predict(rows)))
    if HOLDOUT3.exists():
        rows = [corpus_statement(s) for s in training.load_corpus([HOLDOUT3])]
        show("holdout3", evaluate(rows, predict(rows)))
    for name, path in (("unseen", UNSEEN), ("legacy", STATEMENTS)):
        rows = load_csv_set(path)
        guesses = predict(rows)
        held = [row["split"] == "holdout" for row in rows]
        show(name, evaluate(rows, guesses))
        show(
            f"{name}-holdout",
            evaluate(
                *zip(
                    *[(r, g) for r, g, h in zip(rows, guesses, held, strict=True) if h], strict=True
                )
            ),
        )
        # Only rows that may be read are listed: never a holdout's.
        listed[f"{name}-dev"] = tuple(
            zip(
                *[(r, g) for r, g, h in zip(rows, guesses, held, strict=True) if not h], strict=True
            )
        )
    if not args.no_cv:
        cv, cv_sentences, rows, guesses = cross_validate()
        show("corpus-cv", cv)
        show("corpus-cv-sentences", cv_sentences)
        listed["corpus-cv"] = (rows, guesses)
    agreement_report = agreement() if args.agreement and SECOND_LABELS.exists() else None
    if args.json:
        print(json.dumps({**report, "agreement": agreement_report}, indent=2))
    elif agreement_report:
        print(f"== blind second labelling ({agreement_report['sentences']} sentences) ==")
        for label in LABELS:
            first, second = agreement_report["support"][label]
            print(
                f"{label:<12} kappa {agreement_report['kappa'][label]:>5.2f}  "
                f"agreement {agreement_report['agreement'][label]:.2f}  "
                f"yes: {first} / {second}"
            )
    if args.errors:
        print("\n".join(error_lines(*listed[args.errors])) or "no errors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
