"""The rehearsal step in a real dashboard: time an attempt and save it."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_time_and_save_an_attempt(dashboard):
    from playwright.sync_api import expect

    page = dashboard
    page.click(".closer-goto-rehearse")
    step = page.locator(".closer-step-rehearse")
    expect(step).to_be_visible()

    # The short close (30-45 s): an attempt needs 6 seconds to count.
    step.locator(".closer-rehearse-length").get_by_role("button", name=re.compile("Short")).click()
    start = step.locator(".closer-timer-start")
    stop = step.locator(".closer-timer-stop")
    display = step.locator(".closer-timer-display")
    save = step.locator(".closer-save-attempt")
    expect(stop).to_be_disabled()

    # A false start: stopped after a second or so, it is refused beside Save.
    start.click()
    # Stop is enabled by the kernel once the timer runs: wait for it, not for time.
    expect(stop).to_be_enabled()
    # The hidden Play widget ticks in the browser and the display follows.
    expect(display).to_have_text(re.compile(r"^(?!0:00$)\d+:\d\d$"))
    stop.click()
    expect(save).to_be_visible()
    step.get_by_role("checkbox", name="Thank them").check()
    step.get_by_role("button", name="4", exact=True).click()
    if display.inner_text() < "0:06":
        save.click()
        expect(step.locator(".closer-problem")).to_contain_text("not counted as a rehearsal")
        expect(step.locator(".closer-attempts .closer-attempt")).to_have_count(0)

        # A real try: the clock runs past the shortest attempt before it is stopped.
        start.click()
        expect(stop).to_be_enabled()
        expect(display).to_have_text(re.compile(r"^0:(0[6-9]|[1-5]\d)$"), timeout=30_000)
        stop.click()
    save.click()

    attempt = step.locator(".closer-attempts .closer-attempt")
    expect(attempt).to_have_count(1)
    expect(attempt).to_contain_text("Attempt 1")
    expect(attempt).to_contain_text("1 of 7 parts said")
    expect(attempt).to_contain_text("confidence 4/5")
    page.screenshot(path="/tmp/p4_rehearse.png", full_page=True)


def test_follow_up_step_offers_the_calendar(dashboard):
    from playwright.sync_api import expect

    page = dashboard
    page.click(".closer-goto-follow_up")
    step = page.locator(".closer-step-follow_up")
    link = step.locator(".closer-download-ics a[download='follow-up.ics']")
    expect(link).to_have_attribute("href", re.compile(r"^data:text/calendar;base64,"))
    page.screenshot(path="/tmp/p4_follow.png", full_page=True)
