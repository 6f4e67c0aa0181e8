"""Recording a take in the browser, with only its measured delivery sent to the kernel.

An anywidget (a static ES module in ``static/``, no build step) that records with the
browser's MediaRecorder, plays each take back, offers it as a download, and measures
it with the Web Audio API. The audio never crosses to the kernel or the server: the
widget has no trait or message that could carry it, only the numbers of
:data:`TAKE_FIELDS`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import anywidget
from traitlets import Int, Unicode

TAKE_FIELDS = (
    "seconds",
    "speaking_seconds",
    "pauses",
    "longest_pause",
    "lead_silence",
    "trail_silence",
)
"""What the browser measures of a take, in seconds (``pauses`` is a count)."""

LONGEST_TAKE = 1800.0
"""A take longer than half an hour is not a close: such a message is dropped."""


class Recorder(anywidget.AnyWidget):
    """Record, play back and measure takes; each measured take reaches :meth:`on_take`.

    ``problem`` holds the browser's last reason it could not record (the microphone
    blocked or missing, no recording in this browser), already shown beside the
    control; the timer stays the way to rehearse then.
    """

    _esm = Path(__file__).with_name("static") / "recorder.js"
    problem = Unicode(
        "", help="Why the browser could not record, in one sentence; '' when it can."
    ).tag(sync=True)
    takes = Int(0, help="How many measured takes have arrived from the browser.")
    measuring_ms = Unicode(
        "", help="How long the browser took to measure the last take, in ms (benchmarks)."
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._callbacks: list[Callable[[dict], None]] = []
        self.on_msg(self._on_message)

    def on_take(self, callback: Callable[[dict], None]) -> None:
        """Call ``callback`` with each take's numbers (a dict of :data:`TAKE_FIELDS`)."""
        self._callbacks.append(callback)

    def take(self, numbers: dict) -> None:
        """Hand one measured take to the callbacks (what the browser's message ends in)."""
        self.takes += 1
        for callback in self._callbacks:
            callback(dict(numbers))

    def _on_message(self, _widget, content, buffers) -> None:
        # Only numbers are accepted; a message with anything else, or with buffers
        # (which could hold audio), is dropped.
        if buffers or not isinstance(content, dict) or content.get("kind") != "take":
            return
        numbers = {}
        for field in TAKE_FIELDS:
            value = content.get(field)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return
            if not math.isfinite(value) or not 0 <= value <= LONGEST_TAKE:
                return
            numbers[field] = float(value)
        numbers["pauses"] = int(numbers["pauses"])
        spent = content.get("measuring_ms")
        if isinstance(spent, (int, float)) and math.isfinite(spent):
            self.measuring_ms = f"{spent:.1f}"
        self.take(numbers)
