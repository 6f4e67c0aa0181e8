"""Score the question checker on labelled questions.

Usage::

    python benchmarks/eval_questions.py            # tables for each set
    python benchmarks/eval_questions.py --json
    python benchmarks/eval_questions.py --errors fresh-dev

Sets:

``cv-<set>``
    Each labelled set in turn (``tests/data/questions_labelled.csv``, written with the
    rules; ``tests/data/corpus/questions/q*.csv``, written afresh by helpers who saw
    only the code definitions) scored by a question model trained on the others.
    The rules were tuned on q1's training rows, so ``cv-q1`` flatters them.
``q1-holdout``
    Every third row of q1: never trained or tuned on; the shipped model.

For each set: per-code precision, recall and F1 for the contract codes, their
macro-F1, and the share of good questions (no expected code) that get a code.
Targets: macro-F1 >= 0.92, at most 3% of good questions flagged.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from closer_widgets.feedback import Model  # noqa: E402
from closer_widgets.feedback import train as training  # noqa: E402
from closer_widgets.questions.check import check_question  # noqa: E402

CONTRACT_CODES = ("yes_no", "public_info", "pay_too_early", "vague")


def evaluate(rows: list[dict], model=None) -> dict:
    """Per-code scores, their macro-F1 and the false-alarm rate on good questions."""
    return _score(rows, _guesses(rows, model))


def _guesses(rows: list[dict], model=None) -> list[set]:
    return [
        {finding.code for finding in check_question(row["text"], row["stage"], model=model)}
        for row in rows
    ]


def _score(rows: list[dict], got: list[set]) -> dict:
    """Per-code scores of the codes ``got`` for ``rows`` against their labels."""
    codes = {}
    for code in CONTRACT_CODES:
        tp = sum(code in row["codes"] and code in g for row, g in zip(rows, got, strict=True))
        fp = sum(code not in row["codes"] and code in g for row, g in zip(rows, got, strict=True))
        fn = sum(code in row["codes"] and code not in g for row, g in zip(rows, got, strict=True))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        codes[code] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    good = [g for row, g in zip(rows, got, strict=True) if not row["codes"]]
    flagged = sum(bool(g & set(CONTRACT_CODES)) for g in good)
    return {
        "questions": len(rows),
        "codes": codes,
        "macro_f1": sum(c["f1"] for c in codes.values()) / len(codes),
        "good": len(good),
        "good_flagged": flagged / len(good) if good else 0.0,
        "errors": [
            f"{row['text']!r} ({row['stage']}): expected {sorted(row['codes'])}, "
            f"got {sorted(g & set(CONTRACT_CODES))}"
            for row, g in zip(rows, got, strict=True)
            if row["codes"] & set(CONTRACT_CODES) != g & set(CONTRACT_CODES)
        ],
    }


def cross_validate() -> dict:
    """Each training set in turn scored by a model trained on the others."""
    rows = training.load_questions()
    out, pooled_rows, pooled_got = {}, [], []
    for name in sorted({row["set"] for row in rows}):
        model = Model.from_dict(
            {
                **training.fit_questions([r for r in rows if r["set"] != name]),
                "source": {"digest": "cv"},
            }
        )
        part = [r for r in rows if r["set"] == name]
        got = _guesses(part, model)
        out[f"cv-{name}"] = _score(part, got)
        pooled_rows += part
        pooled_got += got
    # The whole labelled set, each question scored by a model that never saw its set.
    out["cv-all"] = _score(pooled_rows, pooled_got)
    return out


def report(cv: bool = True) -> dict:
    """Every set's scores."""
    out = cross_validate() if cv else {}
    holdout = training.load_questions(holdout=True)
    out["q1-holdout"] = evaluate(holdout)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    parser.add_argument("--errors", help="a cv-* set to list the errors of (never the holdout)")
    args = parser.parse_args(argv)
    scored = report(cv=not args.no_cv)
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
    if args.errors and args.errors != "q1-holdout":
        print("\n".join(scored[args.errors]["errors"]) or "no errors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
