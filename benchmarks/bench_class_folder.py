"""How fast the counsellor's live class view keeps up with a room handing in.

A class folder of 60 hand-ins, each statement with a sentence of its own, measured
against a baseline taken in the same run: ``json.load`` of the same 60 files. Stages:

- a look at the folder when nothing changed (what the view does every 2 s);
- the view's refresh when all 60 hand-ins arrive at once, from an empty class
  (read, validate, analyse every statement, table, HTML): the target, under 1 s;
- the refresh after one more hand-in arrives in a class of 60 (the usual case).

The analyzer's sentence caches are emptied before each cold refresh, so every
statement is analysed as if it were new. Prints the median of a few runs and the
ratio to the baseline.

Run: ``python benchmarks/bench_class_folder.py [--hand-ins 60] [--runs 5]``
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from closer_widgets.feedback import analysis, features
from closer_widgets.plan import ClosingPlan
from closer_widgets.session import Session
from closer_widgets.views.live_class import LiveClassView
from closer_widgets.workshop.class_folder import ClassFolder, new_key
from closer_widgets.workshop.demo import demo_class_folder

TARGET_SECONDS = 1.0

CITIES = ("Leeds", "Porto", "Lyon", "Gdansk", "Malmo", "Turin", "Cork", "Graz")


def median_time(function, runs: int, before=None) -> float:
    """Median wall time of ``runs`` calls of ``function`` (``before`` runs untimed first)."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def forget_analyses() -> None:
    """Empty the analyzer's sentence caches: every statement is analysed afresh."""
    analysis._judge.cache_clear()
    features.prepare.cache_clear()


def make_class(staging: Path, size: int) -> list[Path]:
    """``size`` hand-ins in ``staging``, each statement with a sentence no other has."""
    demo_class_folder(staging, n=size, seed=3)
    files = sorted(staging.glob("*.json"))
    for number, path in enumerate(files):
        session = Session.load(path)
        session.plan.statement += (
            f" Last year I looked after {number + 12} client accounts in "
            f"{CITIES[number % len(CITIES)]} and kept every one of them."
        )
        session.save(path)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hand-ins", type=int, default=60, help="hand-ins in the class")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="closer-bench-class-") as tmp:
        staging = Path(tmp) / "staging"
        files = make_class(staging, args.hand_ins)
        room = ClassFolder.create(Path(tmp) / "class")

        # Warm-up: imports, the model, pandas; a real server has paid for them already.
        LiveClassView(ClassFolder(staging))

        def baseline():
            for path in files:
                with open(path, encoding="utf-8") as handle:
                    json.load(handle)

        base = median_time(baseline, args.runs)

        # All at once, from an empty class: a fresh view each run, then the files land.
        state = {}

        def empty_class_then_hand_ins():
            for path in room.path.glob("*.json"):
                path.unlink()
            state["view"] = LiveClassView(room, poll_seconds=3600)
            for path in files:
                shutil.copy2(path, room.path / path.name)
            forget_analyses()

        def refresh_all():
            assert state["view"].refresh() and len(state["view"].collection) == len(files)

        cold = median_time(refresh_all, args.runs, before=empty_class_then_hand_ins)
        view = state["view"]
        rows = view._table.value.count('class="closer-class-row"')

        # Nothing changed: the listing alone, nothing sent to the browser.
        def idle_look():
            assert view.refresh() is False

        idle = median_time(idle_look, args.runs * 20)

        # One more participant hands in.
        def one_more_arrives():
            plan = ClosingPlan(participant="Late Arrival", company="Globex Logistics")
            plan.statement = f"Thank you for your time; my code is {new_key()}."
            room.seat(new_key()).hand_in(Session(plan))

        def refresh_one():
            assert view.refresh()

        one = median_time(refresh_one, args.runs, before=one_more_arrives)

    stages = [
        ("json.load of every hand-in (baseline)", base),
        ("look at the folder, nothing changed", idle),
        (f"refresh: {len(files)} hand-ins arrive at once", cold),
        (f"refresh: 1 more arrives in a class of {len(files)}", one),
    ]
    print(f"live class view, {len(files)} hand-ins ({rows} rows drawn), median of {args.runs} runs")
    print(f"{'stage':46} {'seconds':>8} {'x baseline':>11}")
    for label, seconds in stages:
        print(f"{label:46} {seconds:8.4f} {seconds / base:11.1f}")
    verdict = "OK" if cold < TARGET_SECONDS else "TOO SLOW"
    print(f"target: {len(files)} hand-ins refreshed in under {TARGET_SECONDS:g} s -> {verdict}")
    return 0 if cold < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
