"""Dashboard hosting figures: time to interactive, kernel memory, a workshop burst.

Each figure is printed beside a baseline measured in the same run: an empty
one-widget Voilà notebook served with the same settings. Run with `make bench`
(or directly); it prints figures and ratios and asserts nothing.

    python benchmarks/bench_dashboard.py [--runs 7] [--parts tti,rss,burst]
        [--burst 30] [--pool 30] [--real 3] [--browsers 3] [--skip-cull] [--voila OPT]

The burst sends ``--real`` Chromium pages and protocol-level visitors for the rest
(protocol_visitor.py explains why); ``--real 30`` makes every visitor a browser.
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

sys.path.insert(0, str(ROOT / "benchmarks"))
import protocol_visitor  # noqa: E402

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

    def __init__(self, notebook: str | None, *extra: str, serve_args=()):
        log = ROOT / ".pytest-voila.log"
        self._log_start = log.stat().st_size if log.exists() else 0
        super().__init__(*extra, notebook=notebook, serve_args=serve_args)

    def pool_filled(self) -> bool:
        """Whether Voilà has logged that its kernel pool is full (kernels started and run)."""
        with open(ROOT / ".pytest-voila.log", "rb") as log:
            log.seek(self._log_start)
            return b"is filled with" in log.read()

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


async def open_page(browser, url: str, selector: str, *, timeout=180, init=None, opened=None):
    """A new visitor (browser context) at ``url``, once ``selector`` is on screen.

    Returns the context, the page and the seconds from navigation start. ``init``
    is a script run before the page's own; ``opened`` (a list) gets the context at
    once, so that the caller can close it even when the page never comes alive.
    """
    context = await browser.new_context()
    if opened is not None:
        opened.append(context)
    if init:
        await context.add_init_script(init)
    page = await context.new_page()
    start = time.perf_counter()
    await page.goto(url, wait_until="commit", timeout=timeout * 1000)
    await page.wait_for_selector(selector, state="visible", timeout=timeout * 1000)
    return context, page, time.perf_counter() - start


async def time_to_interactive(browser, url: str, selector: str) -> float:
    """Seconds from navigation start until ``selector`` is on screen."""
    context, _, elapsed = await open_page(browser, url, selector)
    await context.close()
    return elapsed


async def open_every_step(browser, url: str):
    """A visitor who opens every step of the dashboard; returns their context."""
    context, page, _ = await open_page(browser, url, ".closer-app")
    classes = await page.locator(".closer-nav button").evaluate_all(
        "els => els.map(e => e.className)"
    )
    for cls in classes:
        step = cls.split("closer-goto-")[1].split()[0]
        await page.click(f".closer-goto-{step}")
        await page.wait_for_selector(f".closer-step-{step}", state="visible")
    return context


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


async def wait_for_quiet_pool(server: Server, pool: int, timeout: float) -> bool:
    """Wait until ``pool`` kernels are up and have run the notebook (their CPU is quiet).

    Voilà logs "filled" once the kernels have started, before they have run the
    notebook; a burst sent then would land on kernels still importing.
    """
    deadline = time.monotonic() + timeout
    before = cpu_seconds(server.kernel_pids())
    while time.monotonic() < deadline:
        await asyncio.sleep(2)  # sampling CPU time: there is no event to wait on
        pids = server.kernel_pids()
        now = cpu_seconds(pids)
        if len(pids) >= pool and server.pool_filled() and now - before < 0.05 * len(pids):
            return True
        before = now
    return False


STILL_PAGE = """
const still = new CSSStyleSheet();
still.replaceSync("* { animation: none !important; transition: none !important; }");
document.adoptedStyleSheets = [...document.adoptedStyleSheets, still];
"""
"""Stops the loading spinner's animation: a load generator's cost, not the server's."""


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
        await open_page(browser, base.url, ".bench-ready", opened=contexts)
        base_rss = max(rss_mb(p) for p in base.kernel_pids())
        _, page, _ = await open_page(browser, dash.url, ".closer-app", opened=contexts)
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


async def page_assets(browser, url: str) -> list[str]:
    """The server's files a real page loads (scripts, styles, fonts), in load order."""
    context, page, _ = await open_page(browser, url, ".closer-app")
    names = await page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    await context.close()
    return [name for name in names if name.startswith(url) and "/api/" not in name]


async def measure_burst(
    browsers,
    visitors: int,
    pool: int,
    real: int,
    extra: tuple = (),
    wait_for_cull: bool = True,
    still: bool = True,
) -> dict:
    """Visitors arriving within 10 s; all stay until the last is interactive, then leave.

    Served as a host runs a workshop, ``closer serve --pool`` (voila.json, a pool the
    size of the room, refills held back a minute), once the pool is full, as when
    a workshop starts. ``real`` of the visitors, spread over the burst, are headless
    Chromium pages (over ``browsers``, one Chromium each as participants bring
    their own); the others are protocol-level visitors (protocol_visitor.py),
    which ask the server for everything a page does but render nothing, since
    rendering is paid by the participants' devices, not by the server.
    """
    server = Server(None, *extra, serve_args=("--pool", str(pool)))  # as a host runs it
    gap = 10.0 / visitors
    every = max(1, visitors // real) if real else visitors + 1
    contexts = []
    everyone_done = asyncio.Event()  # visitors stay until the last is interactive
    reported = set()

    def report(i):
        reported.add(i)  # once per visitor, even if a connection drops while staying
        if len(reported) == visitors:
            everyone_done.set()

    async def browser_visitor(i):
        browser = browsers[i % len(browsers)]
        init = STILL_PAGE if still else None
        _, _, elapsed = await open_page(
            browser, server.url, ".closer-app", timeout=300, init=init, opened=contexts
        )
        return elapsed

    async def visitor(i):
        await asyncio.sleep(i * gap)
        kind = "browser" if i % every == 0 and i // every < real else "protocol"
        try:
            if kind == "browser":
                elapsed = await browser_visitor(i)
                report(i)
                return kind, elapsed
            return kind, await protocol_visitor.visit(
                server.url, assets, "closer-app", stay=everyone_done, reached=lambda _: report(i)
            )
        except Exception as exc:  # noqa: BLE001 - a failed visitor is a figure, not a crash
            print(f"{kind} visitor {i}: {type(exc).__name__}: {str(exc)[:200]}", file=sys.stderr)
            report(i)
            return kind, None

    try:
        assets = await page_assets(browsers[0], server.url)
        ready = await wait_for_quiet_pool(server, pool, timeout=60 + 10 * pool)
        pooled = len(server.kernel_pids()) if ready else 0
        idle = sum(rss_mb(p) for p in server.kernel_pids())
        cpu_before = cpu_seconds([server.process.pid]), cpu_seconds(server.kernel_pids())
        results = await asyncio.gather(*(visitor(i) for i in range(visitors)))
        cpu_server = cpu_seconds([server.process.pid]) - cpu_before[0]
        cpu_kernels = cpu_seconds(server.kernel_pids()) - cpu_before[1]
        peak = sum(rss_mb(p) for p in server.kernel_pids())
        visitors_kernels = set(server.kernel_pids())
        peak_kernels = len(visitors_kernels)
        for context in contexts:
            await context.close()
        # The culler (120 s idle + 30 s interval) and the refills run on their own
        # clocks: poll until every kernel of the burst is gone and the pool is quiet.
        deadline = time.monotonic() + (300 if wait_for_cull else 0)
        while time.monotonic() < deadline and visitors_kernels & set(server.kernel_pids()):
            await asyncio.sleep(2)
        culled = not visitors_kernels & set(server.kernel_pids())
        if wait_for_cull:
            await wait_for_quiet_pool(server, pool, timeout=120)
        after = sum(rss_mb(p) for p in server.kernel_pids())
        kernels_after = len(server.kernel_pids())
    finally:
        server.stop()
    ok = [t for _, t in results if t is not None]
    in_browser = [t for kind, t in results if kind == "browser" and t is not None]
    return {
        "burst_visitors": visitors,
        "burst_browser_visitors": sum(kind == "browser" for kind, _ in results),
        "burst_pool_ready": pooled,
        "burst_interactive": len(ok),
        "burst_failed": visitors - len(ok),
        "burst_tti_median_s": statistics.median(ok) if ok else None,
        "burst_tti_p95_s": pct(ok, 0.95) if ok else None,
        "burst_tti_browser_median_s": statistics.median(in_browser) if in_browser else None,
        "burst_tti_browser_max_s": max(in_browser) if in_browser else None,
        "burst_kernels_peak": peak_kernels,
        "burst_all_visitor_kernels_culled": culled,
        "burst_kernels_after_cull": kernels_after,
        "burst_cpu_server_s": cpu_server,
        "burst_cpu_kernels_s": cpu_kernels,
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
        await browser.close()
        if "burst" in args.parts:
            browsers = [
                await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for _ in range(args.browsers)
            ]
            results.update(
                await measure_burst(
                    browsers,
                    args.burst,
                    args.pool,
                    args.real,
                    tuple(args.voila),
                    not args.skip_cull,
                )
            )
            for each in browsers:
                await each.close()
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--burst", type=int, default=30)
    parser.add_argument("--pool", type=int, default=30, help="kernel pool for the burst")
    parser.add_argument(
        "--real", type=int, default=3, help="burst visitors that are Chromium pages (default 3)"
    )
    parser.add_argument("--browsers", type=int, default=3, help="Chromium processes for the burst")
    parser.add_argument(
        "--voila", action="append", default=[], help="extra Voilà option for the burst server"
    )
    parser.add_argument(
        "--parts", default="tti,rss,burst", help="comma-separated: tti, rss, burst (default all)"
    )
    parser.add_argument(
        "--skip-cull", action="store_true", help="do not wait for the culler after the burst"
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
