"""The dashboard in a real Voilà server and headless Chromium."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_filter_the_bank_and_see_the_list_change(dashboard):
    page = dashboard
    page.click(".closer-goto-questions")
    bank = page.locator(".closer-question-bank")
    expect(bank).to_be_visible()
    cards = bank.locator(".closer-card")
    expect(cards.first).to_have_attribute("data-question-id", re.compile(r"^role-"))
    total = bank.locator(".closer-count").inner_text()

    # The bank opens on the profile's round (the first); widen it to every round.
    expect(bank.locator(".closer-count")).to_contain_text("first round")
    bank.get_by_label("Round").select_option(label="All rounds")
    expect(bank.locator(".closer-count")).not_to_contain_text("first round")
    total = bank.locator(".closer-count").inner_text()
    bank.get_by_label("Category").select_option(label="Closing ask")

    expect(cards.first).to_have_attribute("data-question-id", re.compile(r"^closing_ask-"))
    expect(bank.locator(".closer-count")).not_to_have_text(total)
    ids = [cards.nth(i).get_attribute("data-question-id") for i in range(cards.count())]
    assert ids and all(i.startswith("closing_ask-") for i in ids)

    asks = bank.locator(".closer-count").inner_text()
    bank.locator(".widget-text input").fill("offer")
    expect(bank.locator(".closer-count")).not_to_have_text(asks)
    assert int(bank.locator(".closer-count").inner_text().split()[0]) < int(asks.split()[0])


def test_profile_fields_and_no_code_visible(dashboard):
    page = dashboard
    page.fill(".closer-company input", "Northwind Health")
    page.fill(".closer-role input", "Data Analyst")
    page.fill(".closer-interviewer input", "Sam Patel")
    expect(page.locator(".closer-step-profile")).to_be_visible()
    assert page.locator(".jp-InputArea, .input_area, .jp-CodeMirrorEditor").count() == 0
    assert "Traceback" not in page.content()


def test_the_welcome_then_next_brings_focus_to_the_step(dashboard):
    page = dashboard
    welcome = page.locator(".closer-welcome")
    expect(welcome).to_be_visible()
    expect(welcome).to_contain_text("Nothing you type is kept on the server")
    page.locator(".closer-start").click()
    expect(welcome).to_be_hidden()
    expect(page.locator(".closer-step-profile h2").first).to_be_focused()
    page.set_viewport_size({"width": 1280, "height": 500})
    for step in ("interest", "strengths", "concerns", "questions"):
        # Next sits at the foot of a long step: the page must come back to the top.
        page.locator(".closer-next").scroll_into_view_if_needed()
        page.locator(".closer-next").click()
        title = page.locator(f".closer-step-{step} h2").first
        # Focus leaves "Next" for the new step's heading, and the heading is in view.
        expect(title).to_be_focused()
        top = title.evaluate("el => el.getBoundingClientRect().top")
        assert -1 <= top < 250, (step, top)
    page.locator(".closer-back").click()
    expect(page.locator(".closer-step-concerns h2").first).to_be_focused()
