"""How long the workshop report takes for a large class (500 session files).

Prints the median of a few runs for each stage beside a baseline measured in the
same run (plain ``json.load`` of the same files), and the ratio. Target: the whole
report (collect + class table + charts + HTML) in under 2 s.

Run: ``python benchmarks/bench_workshop.py [--files 500] [--runs 3]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from closer_widgets.feedback import analyze
from closer_widgets.workshop import charts, class_table, collect, demo_class, write_report

TARGET_SECONDS = 2.0


def timed(function, runs: int) -> tuple[float, object]:
    """Median wall time of ``runs`` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500, help="session files to generate")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="closer-bench-") as tmp:
        folder = Path(tmp) / "class"
        folder.mkdir()
        demo_class(folder, n=args.files, seed=0, problems=False)
        files = sorted(folder.glob("*.json"))
        out = Path(tmp) / "report.html"

        # Warm-up: imports, the model and matplotlib's font cache are one-off costs.
        write_report(folder, out)

        def baseline():
            return [json.loads(p.read_text(encoding="utf-8")) for p in files]

        base, _ = timed(baseline, args.runs)
        t_collect, collection = timed(lambda: collect(folder), args.runs)
        statements = [(e.plan.statement, e.plan.company, e.plan.role) for e in collection.entries]
        t_analyze, _ = timed(lambda: [analyze(*s) for s in statements], args.runs)
        # A fresh collection each run, so the table pays for analysis as a first call would.
        t_table, table = timed(lambda: class_table(collect(folder)), args.runs)
        t_table -= t_collect
        t_charts, _ = timed(lambda: charts(table), args.runs)
        t_total, summary = timed(lambda: write_report(folder, out), args.runs)

    rows = [
        ("json.load of every file (baseline)", base),
        ("collect (read + validate sessions)", t_collect),
        ("class_table (analyze + table)", t_table),
        ("  of which analyze() on statements", t_analyze),
        ("charts (4 SVG pictures)", t_charts),
        ("write_report (all of it, end to end)", t_total),
    ]
    print(f"closer workshop on {len(files)} session files, median of {args.runs} runs")
    print(f"{'stage':40} {'seconds':>8} {'x baseline':>11}")
    for label, seconds in rows:
        print(f"{label:40} {seconds:8.3f} {seconds / base:11.1f}")
    print(summary)
    stages = {
        "reading sessions": t_collect,
        "analyze()": t_analyze,
        "building the table": max(0.0, t_table - t_analyze),
        "charts": t_charts,
    }
    total = sum(stages.values())
    print("share of the stages: " + ", ".join(f"{k} {v / total:.0%}" for k, v in stages.items()))
    print(
        f"machine load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    verdict = "within" if t_total <= TARGET_SECONDS else "OVER"
    print(f"target {TARGET_SECONDS:.1f} s: {verdict} ({t_total:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
