"""Recording a take in headless Chromium, with a fake microphone fed a WAV made here."""

from __future__ import annotations

import random
import struct
import time
import wave

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WAIT = 60_000
RATE = 48_000

TAKE = [
    ("silence", 0.5),
    ("speech", 1.5),
    ("silence", 1.5),  # a pause
    ("speech", 1.5),
    ("silence", 2.0),  # the longest pause
    ("speech", 1.5),
    ("silence", 0.4),  # a breath between words: not a pause
    ("speech", 1.0),
    ("silence", 60.0),  # the end: the take is stopped well before the file loops
]
"""The sound the fake microphone plays: bursts of noise for speech, exact silences."""

PAUSES = 2
LONGEST = 2.0
SPEECH_ENDS = sum(seconds for _, seconds in TAKE[:-1])


def write_take(path) -> None:
    """A 16-bit mono WAV of :data:`TAKE` (noise stands in for a voice)."""
    noise = random.Random(7)
    frames = bytearray()
    for kind, seconds in TAKE:
        count = int(seconds * RATE)
        if kind == "speech":
            samples = [int(noise.uniform(-0.6, 0.6) * 32767) for _ in range(count)]
        else:
            samples = [0] * count
        frames += struct.pack(f"<{count}h", *samples)
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(bytes(frames))


@pytest.fixture(scope="module")
def microphone_browser(playwright, tmp_path_factory):
    """A Chromium whose microphone plays :data:`TAKE` (permission is per context)."""
    wav = tmp_path_factory.mktemp("microphone") / "take.wav"
    write_take(wav)
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}",
    ]
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
    yield browser
    browser.close()


def open_rehearse(browser, **context_options):
    """A new visitor's page in ``browser`` (a context of its own, so its own kernel)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    page = context.new_page()
    page.set_default_timeout(WAIT)
    return page


def test_a_take_is_measured_in_the_browser_and_joins_the_attempts(microphone_browser, voila_server):
    page = open_rehearse(microphone_browser, permissions=["microphone"])
    sent = []  # the size of every frame the page sends to its kernel
    page.on(
        "websocket",
        lambda ws: ws.on("framesent", lambda frame: sent.append(len(frame))),
    )
    try:
        page.goto(voila_server.url)
        page.wait_for_selector(".closer-app .closer-step-profile")
        page.click(".closer-goto-rehearse")
        # A short close: a take of a few seconds counts (a fifth of its 30 s low end).
        page.locator(".closer-rehearse-step").get_by_role("button", name="Short close").click()
        record = page.locator(".closer-recorder .closer-record")
        expect(record).to_be_enabled()
        before = len(sent)
        record.click()
        status = page.locator(".closer-record-status")
        expect(status).to_have_text("Recording. Say your close, then press Stop.")
        stop = page.locator(".closer-record-stop")
        expect(stop).to_be_focused()
        began = time.monotonic()
        # Past the end of the speech in the file, by the page's own clock.
        expect(page.locator(".closer-record-elapsed")).to_have_text("0:12", timeout=WAIT)
        stop.click()
        wall = time.monotonic() - began
        expect(status).to_contain_text("Take 1 recorded", timeout=WAIT)
        expect(status).to_contain_text(f"{PAUSES} pauses")
        # The take is in the plan: the kernel lists it among the attempts, and charts it.
        attempt = page.locator(".closer-attempt", has_text="recorded")
        expect(attempt).to_contain_text(f"{PAUSES} pauses of a second or more", timeout=WAIT)
        expect(attempt).to_contain_text(f"the longest {LONGEST:.1f} s")
        expect(page.locator(".closer-attempts-chart svg")).to_be_visible()
        measured = page.locator(".closer-take-title").first.inner_text()
        minutes, seconds = measured.split(": ")[1].split(":")
        length = int(minutes) * 60 + int(seconds)
        assert abs(length - wall) <= 0.1 * wall + 0.5, (length, wall)  # rounded to 1 s
        # Played back and offered for download, from the page itself.
        expect(page.locator(".closer-take audio")).to_have_count(1)
        link = page.locator(".closer-take-download")
        assert link.get_attribute("href").startswith("blob:")
        # Nothing the size of audio went to the kernel: only the numbers did.
        after = sent[before:]
        assert after and max(after) < 4_000, max(after, default=0)
    finally:
        page.context.close()


def test_a_blocked_microphone_is_explained_and_the_timer_remains(microphone_browser, voila_server):
    page = open_rehearse(microphone_browser)  # no microphone permission
    try:
        page.goto(voila_server.url)
        page.wait_for_selector(".closer-app .closer-step-profile")
        page.click(".closer-goto-rehearse")
        page.locator(".closer-recorder .closer-record").click()
        problem = page.locator(".closer-record-problem")
        expect(problem).to_be_visible()
        expect(problem).to_contain_text("microphone is blocked")
        expect(problem).to_contain_text("use the timer above")
        start = page.locator(".closer-rehearse-step").get_by_role("button", name="Start")
        expect(start).to_be_enabled()
    finally:
        page.context.close()
