"""Time :func:`closer_widgets.feedback.analyze` against a plain word scan.

Usage::

    python benchmarks/bench_feedback.py [--runs N]

For a 300-word and a 5,000-word statement, prints the median time of ``analyze``
over many runs (cold and warm), the median time of ``re.findall(r"\\w+", text)``
(the floor: any analysis reads every word at least once), and their ratio; then the
same for 100,000 characters, the longest statement kept. Each sentence's verdict is
cached (typing changes one sentence at a time), so ``analyze`` is timed cold, with
the cache emptied before every run, and warm, as when one word changes. Figures
only; nothing is asserted. Targets: under 2 ms for 300 words, under 30 ms for 5,000.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from closer_widgets.feedback import analyze  # noqa: E402
from closer_widgets.feedback.analysis import _judge  # noqa: E402
from closer_widgets.feedback.features import prepare  # noqa: E402

PARAGRAPH = (
    "Thank you for taking the time to meet me today, I really appreciate it. "
    "I'm very keen on this role, especially the work on the supplier dashboards you described. "
    "In my last job I built the weekly reporting in SQL and cut the month-end close by two days. "
    "You mentioned some doubt about my retail experience, but I spent two years analysing "
    "store sales, so I know that data well. I guess I could maybe learn the pricing tools quickly. "
    "Is there anything about my background that would hold you back from moving me forward? "
    "Could you tell me what the next steps are and when you expect to decide? "
    "And may I have your email address so that I can follow up? "
)
WORD_RE = re.compile(r"\w+")


def statement(words: int) -> str:
    """A realistic closing statement, cut to about ``words`` words.

    Each copy of the paragraph gets its own opening word per sentence, so no two
    sentences are the same and the sentence cache cannot flatter a cold run.
    """
    sentences = [piece.strip() + "." for piece in PARAGRAPH.split(". ") if piece.strip()]
    out, copy = [], 0
    while sum(len(s.split()) for s in out) < words:
        out.extend(f"Point {copy}-{i}: {sentence}" for i, sentence in enumerate(sentences))
        copy += 1
    return " ".join(" ".join(out).split()[:words])


def median_seconds(func, runs: int, cold: bool = False) -> float:
    """Median time of ``func``; ``cold`` empties the sentence cache before each run."""
    func()  # warm caches (model load, word stems)
    times = []
    for _ in range(runs):
        if cold:
            _judge.cache_clear()
            prepare.cache_clear()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="runs per measurement")
    args = parser.parse_args(argv)
    print(f"{'text':<22}{'cold ms':>9}{'warm ms':>9}{'word scan ms':>14}{'ratio':>8}")
    longest = statement(20_000)[:100_000]  # the longest statement the dashboard keeps
    for label, text, runs in (
        ("300 words", statement(300), args.runs),
        ("5,000 words", statement(5_000), max(args.runs // 4, 10)),
        ("100,000 characters", longest, 5),
    ):
        cold = median_seconds(lambda text=text: analyze(text, company="Acme"), runs, cold=True)
        warm = median_seconds(lambda text=text: analyze(text, company="Acme"), runs)
        floor = median_seconds(lambda text=text: WORD_RE.findall(text), runs)
        print(
            f"{label:<22}{cold * 1e3:>9.3f}{warm * 1e3:>9.3f}{floor * 1e3:>14.3f}"
            f"{cold / floor:>8.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
