"""Accessibility in the browser: axe-core on every step, and the keyboard alone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


OWN_SIDEWAYS_SCROLL = """() => [...document.querySelectorAll('.closer-app *')]
  .filter(el => {
    const style = getComputedStyle(el);
    const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
    return scrolls && el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1;
  })
  .map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'))"""
"""Elements on show with a horizontal scrollbar of their own."""


EMPTY_STRIPS = """() => [...document.querySelectorAll(
    '.closer-app .closer-notice, .closer-app .closer-error, .closer-app .closer-card')]
  .filter(el => el.offsetParent !== null && el.innerText.trim() === '')
  .map(el => 'empty ' + [...el.classList].join('.'))"""
"""Notice, error and card boxes on show that hold no text."""


def step_ids(page):
    classes = page.locator(".closer-nav button").evaluate_all("els => els.map(e => e.className)")
    return [c.split("closer-goto-")[1].split()[0] for c in classes]


def test_every_step_passes_axe(dashboard):
    page = dashboard
    axe = Axe()
    problems = {}
    steps = step_ids(page)
    assert "profile" in steps and "questions" in steps
    for step in steps:
        page.click(f".closer-goto-{step}")
        expect(page.locator(f".closer-step-{step}")).to_be_visible()
        violations = axe.run(page).response["violations"]
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in violations
            if v["impact"] in BLOCKING
        ]
        # A notice or error box with nothing in it is an empty coloured strip.
        empty = page.evaluate(EMPTY_STRIPS)
        if blocking or empty:
            problems[step] = blocking + empty
    assert not problems, problems


def test_profile_can_be_completed_with_the_keyboard_alone(dashboard):
    page = dashboard
    company = page.locator(".closer-company input")
    # Start from the page itself and Tab until the company field has focus.
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if company.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the company field is not reachable with Tab")
    page.keyboard.type("Northwind Health")
    page.keyboard.press("Tab")
    page.keyboard.type("Data Analyst")
    page.keyboard.press("Tab")
    page.keyboard.type("Sam Patel")
    expect(page.locator(".closer-role input")).to_have_value("Data Analyst")
    expect(page.locator(".closer-interviewer input")).to_have_value("Sam Patel")
    # The round is a <select>: reachable by Tab and changed with the arrow keys.
    stage = page.locator(".closer-step-profile select")
    for _ in range(10):
        page.keyboard.press("Tab")
        if stage.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the round selector is not reachable with Tab")
    page.keyboard.press("ArrowDown")
    expect(stage).to_have_value("Later round")
    # Next is a real button: Enter on it moves on.
    page.locator(".closer-app button:has-text('Next')").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".closer-progress")).to_contain_text("Step 2")


def test_every_step_on_a_phone_passes_axe_and_never_scrolls_sideways(browser, voila_server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(voila_server.url)
        page.wait_for_selector(".closer-app .closer-step-profile")
        axe = Axe()
        problems = {}
        for step in step_ids(page):
            page.click(f".closer-goto-{step}")
            expect(page.locator(f".closer-step-{step}")).to_be_visible()
            width, shown = page.evaluate(
                "() => [document.scrollingElement.scrollWidth, "
                "document.scrollingElement.clientWidth]"
            )
            # No box of its own that scrolls sideways either (a card, a table, a field).
            scrolling = page.evaluate(OWN_SIDEWAYS_SCROLL)
            blocking = [
                f"{v['id']} ({v['impact']})"
                for v in axe.run(page).response["violations"]
                if v["impact"] in BLOCKING
            ]
            if width > shown or blocking or scrolling:
                problems[step] = (width, shown, blocking, scrolling)
        assert not problems, problems
        # The statement box keeps most of the screen rather than a sliver beside its label.
        page.click(".closer-goto-statement")
        box = page.locator(".closer-statement textarea").bounding_box()
        assert box["width"] >= 250, box
    finally:
        context.close()
