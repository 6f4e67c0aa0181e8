"""Score the question checker on labelled questions.

Usage::

    python benchmarks/eval_questions.py            # tables for each set
    python benchmarks/eval_questions.py --json
    python benchmarks/eval_questions.py --errors fresh-dev

Sets:

``labelled``
    ``tests/data/questions_labelled.csv``: 96 questions written with the checker.
``fresh-dev``, ``fresh-holdout``
    ``tests/data/corpus/questions/q1.csv``: 300 questions written afresh by a helper
    who saw only the code definitions. Rows are split by position (every third
    row is holdout); rules were tuned on dev rows only.

For each set: per-code precision, recall and F1 for the contract codes, their
macro-F1, and the share of good questions (no expected code) that get a code.
Targets: macro-F1 >= 0.92, at most 3% of good questions flagged.
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

from closer_widgets.checker import check_question  # noqa: E402

CONTRACT_CODES = ("yes_no", "public_info", "pay_too_early", "vague")
LABELLED = ROOT / "tests" / "data" / "questions_labelled.csv"
FRESH = ROOT / "tests" / "data" / "corpus" / "questions" / "q1.csv"


def load(path: Path) -> list[dict]:
    """Rows with text, stage and the set of expected contract codes."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        {
            "text": row["text"],
            "stage": row["stage"],
            "expected": {code for code in row["expected_codes"].split(";") if code},
        }
        for row in rows
    ]


def split_fresh(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Dev rows and holdout rows (every third row) of the fresh set."""
    return (
        [row for i, row in enumerate(rows) if i % 3 != 2],
        [row for i, row in enumerate(rows) if i % 3 == 2],
    )


def evaluate(rows: list[dict]) -> dict:
    """Per-code scores, their macro-F1 and the false-alarm rate on good questions."""
    got = [{f.code for f in check_question(row["text"], row["stage"])} for row in rows]
    codes = {}
    for code in CONTRACT_CODES:
        tp = sum(code in row["expected"] and code in g for row, g in zip(rows, got, strict=True))
        fp = sum(
            code not in row["expected"] and code in g for row, g in zip(rows, got, strict=True)
        )
        fn = sum(
            code in row["expected"] and code not in g for row, g in zip(rows, got, strict=True)
        )
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        codes[code] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    good = [g for row, g in zip(rows, got, strict=True) if not row["expected"]]
    flagged = sum(bool(g & set(CONTRACT_CODES)) for g in good)
    return {
        "questions": len(rows),
        "codes": codes,
        "macro_f1": sum(c["f1"] for c in codes.values()) / len(codes),
        "good": len(good),
        "good_flagged": flagged / len(good) if good else 0.0,
        "errors": [
            f"{row['text']!r} ({row['stage']}): expected {sorted(row['expected'])}, "
            f"got {sorted(g & set(CONTRACT_CODES))}"
            for row, g in zip(rows, got, strict=True)
            if row["expected"] & set(CONTRACT_CODES) != g & set(CONTRACT_CODES)
        ],
    }


def report() -> dict:
    """Every set's scores."""
    out = {"labelled": evaluate(load(LABELLED))}
    if FRESH.exists():
        dev, holdout = split_fresh(load(FRESH))
        out["fresh-dev"] = evaluate(dev)
        out["fresh-holdout"] = evaluate(holdout)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", choices=("labelled", "fresh-dev"))
    args = parser.parse_args(argv)
    scored = report()
    if args.json:
        print(json.dumps({k: {**v, "errors": len(v["errors"])} for k, v in scored.items()}))
        return 0
    for name, part in scored.items():
        print(f"== {name} ({part['questions']} questions) ==")
        print(f"{'code':<15}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}")
        for code, s in part["codes"].items():
            print(
                f"{code:<15}{s['precision']:>10.2f}{s['recall']:>8.2f}{s['f1']:>7.2f}"
                f"{s['support']:>9}"
            )
        print(f"macro-F1: {part['macro_f1']:.3f}")
        print(f"good questions given a code: {part['good_flagged']:.1%} of {part['good']}\n")
    if args.errors:
        print("\n".join(scored[args.errors]["errors"]) or "no errors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
