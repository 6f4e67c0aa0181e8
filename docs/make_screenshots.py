"""Take the README's screenshots from the real dashboard (``make screenshots``).

Starts ``closer serve`` on a free port, restores the sample session from the
welcome in headless Chromium, and saves each step named in :data:`SHOTS` as a PNG
in ``docs/screenshots/``, so the pictures never drift from the product.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SAMPLE = ROOT / "data" / "examples" / "sample_session.json"
CHROMIUM = os.environ.get("CLOSER_CHROMIUM", "/usr/bin/chromium")
WAIT_MS = 90_000

SHOTS = [
    # (file name, step id, viewport width, viewport height)
    ("profile.png", "profile", 1280, 900),
    ("statement.png", "statement", 1280, 1100),
    ("questions.png", "questions", 1280, 1100),
    ("phone.png", "interest", 390, 844),
]
"""Every picture the README shows: the step and the screen size it is taken at."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_listening(url: str, server: subprocess.Popen, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"closer serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # any HTTP answer means the server is up
        except OSError:
            time.sleep(0.2)  # the port is not open yet: there is no page to wait on
    raise SystemExit("closer serve did not start in time")


def take(url: str) -> list[Path]:
    """Save every picture of :data:`SHOTS` from the dashboard at ``url``."""
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for name, step, width, height in SHOTS:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.set_default_timeout(WAIT_MS)
                page.goto(url)
                page.locator(".closer-welcome-restore input[type=file]").set_input_files(
                    str(SAMPLE)
                )
                page.locator(".closer-welcome").wait_for(state="hidden")
                # The sample is ready on every step: wait until the page says so.
                page.locator(".closer-goto-follow_up.is-done").wait_for()
                page.click(f".closer-goto-{step}")
                heading = page.locator(f".closer-step-{step} h2").first
                heading.wait_for()
                if step == "statement":
                    page.locator(".closer-feedback .closer-element.is-met").first.wait_for()
                page.evaluate("document.activeElement && document.activeElement.blur()")
                path = OUT / name
                page.screenshot(path=str(path), full_page=False)
                written.append(path)
                page.close()
        finally:
            browser.close()
    return written


def main() -> int:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "closer_widgets.cli", "serve", "--port", str(port), "--no-browser"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_listening(url, server)
        for path in take(url):
            print(f"wrote {path.relative_to(ROOT)}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
