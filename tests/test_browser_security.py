"""Injection and isolation in the browser: user text never runs, visitors never mix."""

from urllib.parse import urlsplit

import pytest
from conftest import APP_READY
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    "javascript:window.__pwned='link'",
    "<a href=\"javascript:window.__pwned='a'\">click</a>",
]


def step_ids(page):
    classes = page.locator(".closer-nav button").evaluate_all("els => els.map(e => e.className)")
    return [c.split("closer-goto-")[1].split()[0] for c in classes]


def test_markup_typed_into_every_field_is_shown_as_text(dashboard):
    page = dashboard
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    filled = 0
    for step in step_ids(page):
        page.click(f".closer-goto-{step}")
        container = page.locator(f".closer-step-{step}")
        expect(container).to_be_visible()
        fields = container.locator("input[type=text]:visible, textarea:visible")
        for i in range(fields.count()):
            field = fields.nth(i)
            if not field.is_editable():
                continue
            payload = PAYLOADS[filled % len(PAYLOADS)]
            field.fill(payload)
            field.press("Tab")
            filled += 1
    assert filled >= 5, "expected text fields across the steps"
    # Walk every step again so each renders what was typed, then look for side effects.
    for step in step_ids(page):
        page.click(f".closer-goto-{step}")
        expect(page.locator(f".closer-step-{step}")).to_be_visible()
        links = page.locator(f".closer-step-{step} a[href^='javascript:' i]")
        assert links.count() == 0, f"a javascript: link was rendered in {step}"
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator(".closer-app script").count() == 0
    assert page.locator(".closer-app img[onerror]").count() == 0


def test_two_visitors_never_see_each_other(browser, voila_server):
    first = browser.new_context().new_page()
    second = browser.new_context().new_page()
    try:
        for page in (first, second):
            page.set_default_timeout(60_000)
            page.goto(voila_server.url)
            page.wait_for_selector(APP_READY)
        first.fill(".closer-company input", "Alpha Analytics")
        first.locator(".closer-company input").press("Tab")
        expect(second.locator(".closer-company input")).to_have_value("")
        second.fill(".closer-company input", "Beta Builders")
        second.locator(".closer-company input").press("Tab")
        second.reload()
        second.wait_for_selector(APP_READY)
        expect(second.locator(".closer-company input")).to_have_value("")  # a new kernel
        expect(first.locator(".closer-company input")).to_have_value("Alpha Analytics")
        first.click(".closer-goto-questions")
        first.locator(".closer-question-bank select").first.select_option(label="Closing ask")
        expect(first.locator(".closer-question-bank .closer-card").first).to_be_visible()
        second.click(".closer-goto-questions")
        # The second visitor's bank is unfiltered: its first card is not a closing ask.
        expect(second.locator(".closer-question-bank .closer-card").first).not_to_have_attribute(
            "data-question-id", "closing_ask-01"
        )
    finally:
        first.context.close()
        second.context.close()


def test_the_page_asks_nothing_of_any_other_host(page, voila_server):
    """No CDN, font or tracker: the visitor's browser talks to this server alone."""
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(voila_server.url)
    page.wait_for_selector(".closer-app .closer-step-profile")
    for step in step_ids(page):
        page.click(f".closer-goto-{step}")
        expect(page.locator(f".closer-step-{step}")).to_be_visible()
    here = urlsplit(voila_server.url).netloc
    elsewhere = sorted(
        {url for url in asked if urlsplit(url).scheme in ("http", "https", "ws", "wss")}
        - {url for url in asked if urlsplit(url).netloc == here}
    )
    assert asked and not elsewhere, elsewhere
