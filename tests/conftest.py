"""Shared fixtures: a plan, real files, and a real Voilà server with headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Notebook kernels (nbval) inherit this: self-study autosaves go to a scratch file,
# never to notebooks/my_session.session.json in the working tree.
os.environ.setdefault(
    "CLOSER_SESSION", str(Path(tempfile.mkdtemp(prefix="closer-tests-")) / "nbval.session.json")
)

APP_READY = ".closer-app"
"""Selector that appears once the dashboard's widgets are drawn."""


def pytest_collection_modifyitems(session, config, items):
    """Run browser tests after the others.

    Fast tests fail fast; and Playwright's sync API leaves an asyncio loop marked
    as running in this thread, which would make debounced widget code schedule
    work instead of running it in the plain widget tests.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture
def plan():
    from closer_widgets.plan import ClosingPlan

    return ClosingPlan(company="Northwind Health", role="Data Analyst", interviewer="Sam Patel")


@pytest.fixture
def sample_session_path():
    return ROOT / "data" / "examples" / "sample_session.json"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class VoilaServer:
    """A Voilà server in a subprocess, run from the repository root (so voila.json applies).

    By default it is `closer serve` (the dashboard), with ``serve_args`` such as
    ``("--pool", "30")``; give ``notebook`` to serve another notebook with plain ``voila``.
    """

    def __init__(self, *voila_args: str, notebook: str | None = None, serve_args=()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = open(ROOT / ".pytest-voila.log", "a", encoding="utf-8")  # noqa: SIM115
        self._log_start = self.log.tell()
        if notebook is None:
            command = ["-m", "closer_widgets.cli", "serve", "--port", str(self.port)]
            command += ["--no-browser", *serve_args, "--", *voila_args]
        else:
            command = ["-m", "voila", notebook, "--no-browser", f"--port={self.port}"]
            command += ["--Voila.ip=127.0.0.1", "--Voila.port_retries=0", *voila_args]
        self.process = subprocess.Popen(
            [sys.executable, *command],
            cwd=ROOT,
            env=dict(os.environ, PYTHONUNBUFFERED="1"),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_listening()

    def _wait_until_listening(self, timeout: float = 90.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"voila exited with {self.process.returncode}; see .pytest-voila.log"
                )
            try:
                with urllib.request.urlopen(self.url + "voila/api/shutdown", timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # any HTTP answer means the server is listening
            except OSError:
                time.sleep(0.2)  # polling a port that is not open yet: no selector to wait on
        raise RuntimeError("voila did not start listening in time")

    def output(self) -> str:
        """What the servers logged since this one started (its own start-up lines among them)."""
        with open(self.log.name, encoding="utf-8", errors="replace") as log:
            log.seek(self._log_start)
            return log.read()

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(scope="session")
def voila_server():
    """One dashboard server for every browser test (each page gets its own kernel)."""
    server = VoilaServer("--VoilaConfiguration.default_pool_size=2")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright():
    """The one Playwright of the run (a second sync Playwright cannot start beside it)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def leave_anyway(dialog) -> None:
    """Answer the leave-page warning with "Leave", so a test may reload after typing.

    Other dialogs are left to the test (one that expects none fails on any).
    """
    if dialog.type == "beforeunload":
        dialog.accept()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.on("dialog", leave_anyway)
    yield page
    context.close()


@pytest.fixture
def dashboard(page, voila_server):
    """A fresh visitor's dashboard page, ready for input."""
    page.goto(voila_server.url)
    page.wait_for_selector(APP_READY)
    return page
