"""The statement step in a real Voilà server and headless Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

THANKS_MET = ".closer-feedback .closer-element-thanks.is-met"


def open_statement(page):
    page.click(".closer-goto-statement")
    page.wait_for_selector(".closer-step-statement .closer-statement textarea")
    return page.locator(".closer-statement textarea")


def test_typing_a_statement_updates_the_feedback(dashboard):
    page = dashboard
    textarea = open_statement(page)
    expect(page.locator(".closer-feedback .closer-element-thanks.is-missing")).to_be_visible()
    textarea.click()
    page.keyboard.type("Thank you for your time today. What are the next steps?")
    page.wait_for_selector(THANKS_MET)
    expect(page.locator(".closer-feedback .closer-element-next_steps.is-met")).to_be_visible()
    expect(page.locator(".closer-feedback .closer-element-contact.is-missing")).to_be_visible()
    expect(page.locator(".closer-feedback mark").first).to_have_text(re.compile(r"^Thank you"))
    assert "Traceback" not in page.content()


def test_script_typed_in_stays_text(dashboard):
    page = dashboard
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    textarea = open_statement(page)
    textarea.fill("<script>alert(1)</script><img src=x onerror=alert(2)> thank you")
    textarea.press("End")  # a keypress, as a person typing would make
    page.wait_for_selector(THANKS_MET)
    highlight = page.locator(".closer-feedback .closer-highlight")
    expect(highlight).to_contain_text("<script>alert(1)</script>")
    expect(highlight).to_contain_text("<img src=x onerror=alert(2)>")
    assert page.locator(".closer-feedback script, .closer-feedback img").count() == 0
    assert dialogs == []


def test_use_this_draft_fills_the_statement(dashboard):
    page = dashboard
    page.fill(".closer-interviewer input", "Sam Patel")
    open_statement(page)
    expect(page.locator(".closer-draft-preview")).to_contain_text("Sam")
    page.click(".closer-use-draft")
    expect(page.locator(".closer-statement textarea")).to_have_value(re.compile(r"\bSam\b"))
    page.wait_for_selector(THANKS_MET)
    expect(page.locator(".closer-feedback .closer-element-ask.is-met")).to_be_visible()


def test_statement_step_has_no_serious_accessibility_violations(dashboard):
    from axe_playwright_python.sync_playwright import Axe

    page = dashboard
    textarea = open_statement(page)
    textarea.fill("Thank you. I expect an offer by Friday, so when do I start?")
    textarea.press("End")
    page.wait_for_selector(THANKS_MET)
    page.wait_for_selector(".closer-feedback .closer-flags")
    results = Axe().run(page, context=".closer-step-statement")
    assert results.response["passes"], "axe checked nothing"
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in results.response["violations"]
        if violation.get("impact") in ("serious", "critical")
    ]
    assert serious == []
