"""The counsellor notebook served by Voilà, in headless Chromium."""

from __future__ import annotations

import re
from html import escape

import pytest
from conftest import VoilaServer
from playwright.sync_api import expect

from closer_widgets.workshop import DEMO_NAMES

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/workshop/counsellor.ipynb"
CLASS_SIZE = 8  # the notebook's demo_class(n=8)


@pytest.fixture(scope="module")
def counsellor_server():
    # One page, one kernel: no pool of pre-started kernels on a shared machine.
    server = VoilaServer("--VoilaConfiguration.preheat_kernel=False", notebook=NOTEBOOK)
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
