"""How fast the questions step reacts: filter the bank, redraw the bank list, redraw my list.

Run from the repository root::

    python benchmarks/bench_questions.py

Everything runs in this process with ipywidgets' stand-in comm (no kernel, no
browser), so the figures are the Python side of one interaction. Each line
shows the median of many runs beside a baseline measured in the same run, and
the ratio between them. The target is a median under 50 ms per interaction.
"""

from __future__ import annotations

import itertools
import statistics
import time

import pandas as pd
from ipywidgets import HTML, VBox

from closer_widgets.plan import ClosingPlan
from closer_widgets.questions import BankFilter, load_bank
from closer_widgets.views.bank import QuestionBankView
from closer_widgets.views.my_questions import MyQuestionsView

TARGET_MS = 50.0
RUNS_FAST = 300
RUNS_WIDGETS = 40


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def medians_ms(action, baseline, runs: int) -> tuple[float, float]:
    """Median wall times of ``action()`` and ``baseline()`` in milliseconds.

    The two are run in turn, after one warm-up call each, so that a busy machine
    slows both alike and their ratio stays meaningful.
    """
    action()
    baseline()
    measured, base = [], []
    for _ in range(runs):
        measured.append(_timed(action))
        base.append(_timed(baseline))
    return statistics.median(measured), statistics.median(base)


def big_bank(size: int = 500) -> pd.DataFrame:
    """The shipped bank repeated, with fresh ids, up to ``size`` questions."""
    bank = load_bank()
    copies = []
    for number in range(-(-size // len(bank))):
        copy = bank.copy()
        copy["id"] = copy["id"] + f"-x{number}"
        copy["text"] = copy["text"] + f" ({number})"
        copies.append(copy)
    return pd.concat(copies, ignore_index=True).head(size)


def ten_questions(bank: pd.DataFrame) -> list[dict]:
    return [
        {"text": text, "source_id": "", "priority": "top" if i < 3 else "", "note": "seen in news"}
        for i, text in enumerate(bank["text"].head(10))
    ]


def report(name: str, action, baseline, baseline_name: str, runs: int) -> None:
    measured, baseline = medians_ms(action, baseline, runs)
    ratio = measured / baseline if baseline else float("inf")
    verdict = "ok" if measured < TARGET_MS else "OVER TARGET"
    print(
        f"{name:<44} {measured:8.2f} ms   baseline {baseline:7.2f} ms ({baseline_name})"
        f"   x{ratio:6.1f}   {verdict}"
    )


def plain_widgets() -> None:
    """Baseline for redraws: create and close a VBox of 20 HTML widgets."""
    box = VBox([HTML(f"<p>{i}</p>") for i in range(20)])
    for child in box.children:
        child.close()
    box.close()


def bench_bank(label: str, bank: pd.DataFrame) -> None:
    print(f"\n{label}: {len(bank)} questions")
    filters = BankFilter(category="team", stage="first", search="team")

    def plain_filter():
        return bank[(bank["category"] == "team") & bank["stage"].isin(["first", "any"])]

    report(
        "BankFilter.apply (category+stage+search)",
        lambda: filters.apply(bank),
        plain_filter,
        "pandas mask",
        RUNS_FAST,
    )

    plan = ClosingPlan(company="Northwind Health", role="Data Analyst")
    view = QuestionBankView(plan, bank=bank)
    categories = itertools.cycle(["role", "team", "culture", "growth"])

    def redraw_bank():
        view.filters.category = next(categories)  # each change redraws the list

    widgets = "VBox of 20 HTML"
    report(
        "QuestionBankView redraw on a filter change",
        redraw_bank,
        plain_widgets,
        widgets,
        RUNS_WIDGETS,
    )

    questions = ten_questions(bank)
    mine = MyQuestionsView(plan)
    orders = itertools.cycle([list(reversed(questions)), questions])

    def reorder():
        plan.questions = next(orders)  # rows are reused: only values change

    def new_rows():
        plan.questions = []
        plan.questions = questions  # ten rows built from nothing

    def construct():
        MyQuestionsView(ClosingPlan(questions=questions))

    report("MyQuestionsView, 10 questions: reorder", reorder, plain_widgets, widgets, RUNS_WIDGETS)
    report(
        "MyQuestionsView, 10 questions: new rows", new_rows, plain_widgets, widgets, RUNS_WIDGETS
    )
    report(
        "MyQuestionsView, 10 questions: construct", construct, plain_widgets, widgets, RUNS_WIDGETS
    )
    mine.close()
    view.close()


def main() -> None:
    print(f"Median of many runs; target under {TARGET_MS:g} ms per interaction.")
    bench_bank("Shipped bank", load_bank())
    bench_bank("Generated bank", big_bank(500))


if __name__ == "__main__":
    main()
