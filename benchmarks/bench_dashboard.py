"""Dashboard hosting figures: time to interactive, kernel memory, a workshop burst.

Each figure is printed beside a baseline measured in the same run: an empty
one-widget Voilà notebook served with the same settings. Run with `make bench`
(or directly); it prints figures and ratios and asserts nothing.

    python benchmarks/bench_dashboard.py [--runs 7] [--burst 30] [--parts tti,rss,burst]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, VoilaServer  # noqa: E402  (shared with the tests)

DASHBOARD = "notebooks/dashboard.ipynb"
EMPTY_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "only",
            "metadata": {},
            "outputs": [],
            "source": "import ipywidgets as w\nb = w.Button(description='Hi')\n"
            "b.add_class('bench-ready')\nb",
        }
    ],
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


class Server(VoilaServer):
    """A Voilà server on one notebook, with the kernel processes it started."""

    def __init__(self, notebook: str, *extra: str):
        super().__init__(*extra, notebook=notebook)

    def kernel_pids(self) -> list[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return [int(p) for p in out.split()]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


async def time_to_interactive(browser, url: str, selector: str) -> float:
    """Seconds from navigation start until ``selector`` is on screen."""
    context = await browser.new_context()
    page = await context.new_page()
    start = time.perf_counter()
    await page.goto(url, wait_until="commit", timeout=180_000)
    await page.wait_for_selector(selector, state="visible", timeout=180_000)
    elapsed = time.perf_counter() - start
    await context.close()
    return elapsed


async def open_every_step(browser, url: str) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(url)
    await page.wait_for_selector(".closer-app", timeout=120_000)
    classes = await page.locator(".closer-nav button").evaluate_all(
        "els => els.map(e => e.className)"
    )
    for cls in classes:
        step = cls.split("closer-goto-")[1].split()[0]
        await page.click(f".closer-goto-{step}")
        await page.wait_for_selector(f".closer-step-{step}", state="visible")
    return context


def pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def measure_tti(browser, empty: Path, runs: int) -> dict:
    """Time to interactive, alternating the two servers so any drift hits both."""
    same = ["--VoilaConfiguration.default_pool_size=2"]
    dash, base = Server(DASHBOARD, *same), Server(str(empty), *same)
    try:
        await time_to_interactive(browser, dash.url, ".closer-app")  # warm caches
        await time_to_interactive(browser, base.url, ".bench-ready")
        tti_dash, tti_base = [], []
        for _ in range(runs):
            tti_dash.append(await time_to_interactive(browser, dash.url, ".closer-app"))
            tti_base.append(await time_to_interactive(browser, base.url, ".bench-ready"))
    finally:
        dash.stop()
        base.stop()
    dashboard, baseline = statistics.median(tti_dash), statistics.median(tti_base)
    return {
        "tti_dashboard_s": dashboard,
        "tti_empty_s": baseline,
        "tti_ratio": dashboard / baseline,
    }


async def measure_rss(browser, empty: Path) -> dict:
    """Kernel memory of one visitor; no pool, so each server holds only its visitors' kernels."""
    nopool = ["--VoilaConfiguration.preheat_kernel=False"]
    dash, base = Server(DASHBOARD, *nopool), Server(str(empty), *nopool)
    contexts = []
    try:
        ctx = await browser.new_context()
        contexts.append(ctx)
        page = await ctx.new_page()
        await page.goto(base.url)
        await page.wait_for_selector(".bench-ready", timeout=120_000)
        base_rss = max(rss_mb(p) for p in base.kernel_pids())
        ctx = await browser.new_context()
        contexts.append(ctx)
        page = await ctx.new_page()
        await page.goto(dash.url)
        await page.wait_for_selector(".closer-app", timeout=120_000)
        first = max(rss_mb(p) for p in dash.kernel_pids())
        await page.close()
        contexts.append(await open_every_step(browser, dash.url))
        every = max(rss_mb(p) for p in dash.kernel_pids())
    finally:
        for ctx in contexts:
            await ctx.close()
        dash.stop()
        base.stop()
    return {
        "rss_empty_mb": base_rss,
        "rss_dashboard_first_step_mb": first,
        "rss_dashboard_all_steps_mb": every,
        "rss_ratio_first_step": first / base_rss,
        "rss_ratio_all_steps": every / base_rss,
    }


async def measure_burst(browser, visitors: int, extra: tuple = ()) -> dict:
    """Visitors arriving within 10 s; all stay until the last is interactive, then leave.

    Served with voila.json as it is (a pool of pre-started kernels; culling after
    two idle minutes), once the pool is full, as when a workshop starts.
    """
    server = Server(DASHBOARD, *extra)
    pool = json.loads((ROOT / "voila.json").read_text())["VoilaConfiguration"]["default_pool_size"]
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and len(server.kernel_pids()) < pool:
        await asyncio.sleep(1)  # polling the process table: the pool fills on its own clock
    gap = 10.0 / visitors
    contexts = []

    async def visitor(i):
        await asyncio.sleep(i * gap)
        context = await browser.new_context()
        contexts.append(context)
        page = await context.new_page()
        start = time.perf_counter()
        try:
            await page.goto(server.url, wait_until="commit", timeout=300_000)
            await page.wait_for_selector(".closer-app", state="visible", timeout=300_000)
        except Exception as exc:  # noqa: BLE001 - a failed visitor is a figure, not a crash
            print(f"visitor {i}: {type(exc).__name__}: {str(exc)[:200]}", file=sys.stderr)
            return None
        return time.perf_counter() - start

    try:
        idle = sum(rss_mb(p) for p in server.kernel_pids())
        times = await asyncio.gather(*(visitor(i) for i in range(visitors)))
        ok = [t for t in times if t is not None]
        peak = sum(rss_mb(p) for p in server.kernel_pids())
        peak_kernels = len(server.kernel_pids())
        for context in contexts:
            await context.close()
        deadline = time.monotonic() + 240  # cull_idle_timeout 120 s + cull_interval 30 s + slack
        while time.monotonic() < deadline and len(server.kernel_pids()) > pool:
            await asyncio.sleep(2)  # the culler runs on its own clock: poll it
        after = sum(rss_mb(p) for p in server.kernel_pids())
    finally:
        server.stop()
    return {
        "burst_visitors": visitors,
        "burst_interactive": len(ok),
        "burst_failed": visitors - len(ok),
        "burst_tti_median_s": statistics.median(ok) if ok else None,
        "burst_tti_p95_s": pct(ok, 0.95) if ok else None,
        "burst_kernels_peak": peak_kernels,
        "burst_kernel_rss_idle_mb": idle,
        "burst_kernel_rss_peak_mb": peak,
        "burst_kernel_rss_after_cull_mb": after,
    }


async def main(args) -> dict:
    from playwright.async_api import async_playwright

    empty = Path(tempfile.mkdtemp(prefix="closer-bench-")) / "empty.ipynb"
    empty.write_text(json.dumps(EMPTY_NOTEBOOK))
    results = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        if "tti" in args.parts:
            results.update(await measure_tti(browser, empty, args.runs))
        if "rss" in args.parts:
            results.update(await measure_rss(browser, empty))
        if "burst" in args.parts:
            results.update(await measure_burst(browser, args.burst, tuple(args.voila)))
        await browser.close()
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--burst", type=int, default=30)
    parser.add_argument(
        "--voila", action="append", default=[], help="extra Voilà option for the burst server"
    )
    parser.add_argument(
        "--parts", default="tti,rss,burst", help="comma-separated: tti, rss, burst (default all)"
    )
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    os.chdir(ROOT)
    figures = asyncio.run(main(options))
    if options.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:36s} {value:.3f}" if isinstance(value, float) else f"{key:36s} {value}")
