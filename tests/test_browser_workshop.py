"""The counsellor notebook served by Voilà, in headless Chromium."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html import escape

import pytest
from conftest import ROOT, VoilaServer, free_port
from playwright.sync_api import expect

from closer_widgets.workshop import DEMO_NAMES

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/workshop/counsellor.ipynb"
CLASS_SIZE = 8  # the notebook's demo_class(n=8)


class CounsellorServer(VoilaServer):
    """Voilà on the counsellor notebook alone (the dashboard server serves only the dashboard)."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = open(ROOT / ".pytest-voila.log", "a", encoding="utf-8")  # noqa: SIM115
        # Kernels import this checkout's package, whatever an older install left behind.
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONPATH=path)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "voila",
                NOTEBOOK,
                "--no-browser",
                "--port",
                str(self.port),
                "--Voila.ip=127.0.0.1",
                "--Voila.port_retries=0",
                # One page, one kernel: no pool of pre-started kernels on a shared machine.
                "--VoilaConfiguration.preheat_kernel=False",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_listening()


@pytest.fixture(scope="module")
def counsellor_server():
    server = CounsellorServer()
    yield server
    server.stop()


def test_class_table_shows_rows_and_anonymise_hides_names(page, counsellor_server):
    page.goto(counsellor_server.url)
    table = page.locator(".closer-workshop-table")
    expect(table.locator("tbody tr")).to_have_count(CLASS_SIZE)
    expect(table).to_contain_text(DEMO_NAMES[0])
    expect(page.locator(".closer-workshop-skipped")).to_contain_text("unfinished.json")
    participant = page.locator(".closer-review select").first
    expect(participant.locator("option").first).to_contain_text(DEMO_NAMES[2])  # Aisha, by file

    checkbox = page.locator(".closer-anonymise input[type=checkbox]")
    checkbox.focus()
    page.keyboard.press("Space")  # works from the keyboard, not only by mouse

    expect(checkbox).to_be_checked()
    expect(table).not_to_contain_text(DEMO_NAMES[0])
    expect(table.locator("tbody tr").first).to_contain_text(re.compile(r"P-[0-9A-F]{4}"))
    # The participant list is rebuilt last, so once it shows codes the whole view is redrawn.
    expect(participant.locator("option").first).to_have_text(re.compile(r"^P-[0-9A-F]{4}"))
    html = page.locator(".closer-workshop").inner_html()
    for name in DEMO_NAMES[:CLASS_SIZE]:
        assert name not in html and escape(name) not in html, name
    assert "maya-lindqvist" not in html  # file names of skipped copies too
    assert "Traceback" not in page.content()
