"""Save and restore in a real Voilà server and headless Chromium."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from closer_widgets.export import to_cue_card_html
from closer_widgets.plan import ClosingPlan

WAIT = 60_000
"""Milliseconds to wait for the kernel: opening a step is slow on a busy machine."""

pytestmark = pytest.mark.browser


def restore(page, files):
    """Choose ``files`` in the Restore control's file dialog, opened by a click on it."""
    with page.expect_file_chooser() as chooser:
        page.click(".closer-upload")
    chooser.value.set_files(files)


COMPANY = "Blue Heron Analytics & Sons"


@pytest.fixture
def fresh_page(browser, voila_server):
    """A second visitor: a new browser context, so a new kernel and an empty plan."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(voila_server.url)
    page.wait_for_selector(".closer-app")
    yield page
    context.close()


def test_download_then_restore_in_a_new_visit(dashboard, fresh_page, tmp_path):
    page = dashboard
    page.fill(".closer-company input", COMPANY)
    page.click(".closer-goto-save")
    link = page.locator(".closer-download a")
    expect(link).to_have_attribute(
        "download", "blue-heron-analytics-sons.session.json", timeout=WAIT
    )
    with page.expect_download() as info:
        link.click()
    saved = tmp_path / "session.json"
    info.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8"))["plan"]["company"] == COMPANY

    other = fresh_page
    expect(other.locator(".closer-company input")).to_have_value("", timeout=WAIT)
    other.click(".closer-goto-save")
    restore(other, str(saved))
    expect(other.locator(".closer-notice", has_text="Restored your session")).to_be_visible(
        timeout=WAIT
    )
    other.click(".closer-goto-profile")
    expect(other.locator(".closer-company input")).to_have_value(COMPANY, timeout=WAIT)
    expect(other.locator(".closer-restore-error")).to_be_hidden(timeout=WAIT)


def test_a_bad_file_shows_a_clear_message_and_keeps_the_work(dashboard):
    page = dashboard
    page.fill(".closer-company input", COMPANY)
    page.click(".closer-goto-save")
    restore(
        page,
        {
            "name": "my-notes.json",
            "mimeType": "application/json",
            "buffer": b"Dear Sam, thank you for your time today",
        },
    )
    # Reported right under the control that took the file, not at the top of the page.
    error = page.locator(".closer-restore-error")
    expect(error).to_contain_text("'my-notes.json' is not a saved session", timeout=WAIT)
    assert "Traceback" not in error.inner_text()
    page.click(".closer-goto-profile")
    expect(page.locator(".closer-company input")).to_have_value(COMPANY, timeout=WAIT)


def test_export_links_are_offered(dashboard):
    page = dashboard
    page.click(".closer-goto-save")
    # The Word file is made only on request, from the keyboard as well: Enter on
    # the button, and the link is the next stop for Tab.
    button = page.locator(".closer-export-docx button")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".closer-export-docx a")).to_be_visible(timeout=WAIT)
    expect(button).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(".closer-export-docx a")).to_be_focused()
    for fmt in ("md", "html", "docx"):
        link = page.locator(f".closer-export-{fmt} a")
        expect(link).to_be_visible(timeout=WAIT)
        assert link.get_attribute("href").startswith("data:")
        assert link.get_attribute("download")
    # No decision date yet: the calendar still holds the reminders that can be made, and
    # says beside its link what is missing.
    ics = page.locator(".closer-export-ics")
    expect(ics).to_contain_text("No decision date yet", timeout=WAIT)
    expect(ics.locator("a")).to_have_attribute("href", re.compile(r"^data:text/calendar;"))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_cue_card_prints_on_one_page(browser, paper):
    words = "considerable " * 60
    plan = ClosingPlan(
        company="Northwind Health",
        role="Data Analyst",
        interviewer="Sam Patel",
        interview_date="2026-12-03",
        decision_date="2026-12-11",
        statement=" ".join(f"Sentence {n} says something rather long indeed." for n in range(30)),
        ask_text=words,
        questions=[{"text": words, "priority": "top"}] * 5,
    )
    context = browser.new_context()
    page = context.new_page()
    page.set_content(to_cue_card_html(plan))
    page.emulate_media(media="print")
    pdf = page.pdf(format=paper)
    context.close()
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages == 1


def test_saving_is_a_button_and_the_exports_are_links(dashboard):
    page = dashboard
    page.click(".closer-goto-save")
    save = page.locator(".closer-download a")
    expect(save).to_be_visible(timeout=WAIT)
    style = "a => { const s = getComputedStyle(a); return [s.color, s.backgroundColor]; }"
    # The primary action of the step: white on the brand blue, like Next and Start.
    assert save.evaluate(style) == ["rgb(255, 255, 255)", "rgb(29, 78, 216)"]
    # The exports, like the follow-up step's calendar link: blue and underlined.
    notes = page.locator(".closer-export-md a")
    expect(notes).to_be_visible(timeout=WAIT)
    assert notes.evaluate("a => getComputedStyle(a).color") == "rgb(29, 78, 216)"
    assert "underline" in notes.evaluate("a => getComputedStyle(a).textDecorationLine")


KEPT = "interview-closer/session"
"""The browser storage key of the work kept in this browser."""


def kept_includes(page, text: str) -> None:
    """Wait until the work kept in this browser holds ``text`` (kept after a pause)."""
    page.wait_for_function(
        "text => (localStorage.getItem('interview-closer/session') || '').includes(text)",
        arg=text,
        timeout=WAIT,
    )


def test_work_survives_a_reload_and_can_be_forgotten(dashboard, browser, voila_server):
    page = dashboard
    page.locator(".closer-start").click()
    page.fill(".closer-company input", COMPANY)
    page.fill(".closer-role input", "Site Supervisor")
    page.click(".closer-goto-interest")
    page.get_by_label("What draws you 1", exact=True).fill("the new rail depot")
    page.click(".closer-goto-statement")
    statement = "Thank you for your time today. I would love to run the depot build."
    page.locator(".closer-statement textarea").fill(statement)
    page.click(".closer-goto-questions")
    page.locator(".closer-new-question textarea").fill("Who would I report to on site?")
    page.get_by_role("button", name="Add my own question").click()
    kept_includes(page, "Who would I report to on site?")
    kept_includes(page, "the new rail depot")

    # A second visitor, in another browser, is never offered the first one's work.
    other = browser.new_context().new_page()
    try:
        other.goto(voila_server.url)
        other.wait_for_selector(".closer-app .closer-step-profile", timeout=WAIT)
        expect(other.locator(".closer-welcome")).to_be_visible(timeout=WAIT)
        expect(other.locator(".closer-restore-offer")).to_be_hidden()
        assert other.evaluate(f"localStorage.getItem('{KEPT}')") is None
    finally:
        other.context.close()

    page.reload()
    offer = page.locator(".closer-restore-offer")
    expect(offer).to_be_visible(timeout=WAIT)
    expect(offer).to_contain_text("Site Supervisor")
    expect(page.locator(".closer-restore-accept")).to_be_focused()
    page.locator(".closer-restore-accept").click()
    expect(offer).to_be_hidden()
    # Every step holds what was typed before the reload.
    expect(page.locator(".closer-company input")).to_have_value(COMPANY, timeout=WAIT)
    expect(page.locator(".closer-role input")).to_have_value("Site Supervisor")
    page.click(".closer-goto-interest")
    expect(page.get_by_label("What draws you 1", exact=True)).to_have_value(
        "the new rail depot", timeout=WAIT
    )
    page.click(".closer-goto-statement")
    expect(page.locator(".closer-statement textarea")).to_have_value(statement, timeout=WAIT)
    page.click(".closer-goto-questions")
    expect(page.locator(".closer-my-question .closer-q-input textarea")).to_have_value(
        "Who would I report to on site?", timeout=WAIT
    )
    # On a shared computer: erase this browser's copy, and a reload offers nothing.
    page.locator(".closer-forget").click()
    page.wait_for_function(f"() => localStorage.getItem('{KEPT}') === null", timeout=WAIT)
    page.reload()
    page.wait_for_selector(".closer-app .closer-step-profile", timeout=WAIT)
    expect(page.locator(".closer-company input")).to_have_value("", timeout=WAIT)
    expect(page.locator(".closer-restore-offer")).to_be_hidden()


def test_leaving_with_work_not_downloaded_asks_first(dashboard, tmp_path):
    page = dashboard
    asked = []
    page.on("dialog", lambda dialog: asked.append(dialog.type))  # answered by the fixture
    page.fill(".closer-company input", COMPANY)
    kept_includes(page, "Blue Heron")
    page.reload()
    page.wait_for_selector(".closer-app .closer-step-profile", timeout=WAIT)
    assert asked == ["beforeunload"]
    # Once the session is downloaded, leaving asks nothing.
    page.locator(".closer-restore-accept").click()
    expect(page.locator(".closer-company input")).to_have_value(COMPANY, timeout=WAIT)
    page.click(".closer-goto-save")
    with page.expect_download() as info:
        page.locator(".closer-download a").click(timeout=WAIT)
    info.value.save_as(tmp_path / "kept.session.json")
    page.reload()
    page.wait_for_selector(".closer-app .closer-step-profile", timeout=WAIT)
    assert asked == ["beforeunload"]


def test_a_session_is_restored_from_the_welcome(dashboard, sample_session_path):
    page = dashboard
    page.locator(".closer-welcome-restore input[type=file]").set_input_files(
        str(sample_session_path)
    )
    expect(page.locator(".closer-welcome")).to_be_hidden(timeout=WAIT)
    expect(page.locator(".closer-company input")).to_have_value("Northwind Health", timeout=WAIT)
    expect(page.locator(".closer-step-profile h2").first).to_be_focused()


def test_a_file_too_large_is_refused_in_the_browser(page, voila_server, tmp_path):
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * 3_000_000)
    sent = []
    # Listening from before the page opens, so the kernel's websocket is seen.
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(len(frame))))
    page.goto(voila_server.url)
    page.wait_for_selector(".closer-welcome-restore input[type=file]", timeout=WAIT)
    page.locator(".closer-welcome-restore input[type=file]").set_input_files(str(huge))
    error = page.locator(".closer-welcome-error")
    expect(error).to_contain_text("larger than 1 MB", timeout=WAIT)
    assert sent, "the kernel's websocket was not seen"
    assert max(sent) < 100_000  # the file itself never crossed to the kernel
