"""Recorder: only a take's numbers reach the kernel; anything else is dropped."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from closer_widgets.views import recorder as recorder_module
from closer_widgets.views.recorder import TAKE_FIELDS, Recorder

GOOD = {
    "kind": "take",
    "seconds": 65.2,
    "speaking_seconds": 58.0,
    "pauses": 3,
    "longest_pause": 2.1,
    "lead_silence": 0.8,
    "trail_silence": 1.2,
    "measuring_ms": 6.5,
}


@pytest.fixture
def received():
    recorder = Recorder()
    got = []
    recorder.on_take(got.append)
    return recorder, got


def test_a_measured_take_reaches_the_callbacks_as_numbers(received):
    recorder, got = received
    recorder._handle_custom_msg(dict(GOOD), [])
    (take,) = got
    assert set(take) == set(TAKE_FIELDS)
    assert take["pauses"] == 3 and take["seconds"] == 65.2
    assert recorder.takes == 1 and recorder.measuring_ms == "6.5"


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "audio"},
        {"seconds": math.inf},
        {"seconds": math.nan},
        {"pauses": -1},
        {"seconds": 99_999},
        {"longest_pause": "2"},
        {"lead_silence": True},
        {"trail_silence": None},
    ],
)
def test_a_message_that_is_not_a_take_of_numbers_is_dropped(received, change):
    recorder, got = received
    recorder._handle_custom_msg({**GOOD, **change}, [])
    assert got == [] and recorder.takes == 0


def test_a_message_carrying_buffers_is_dropped_so_no_audio_is_taken_in(received):
    recorder, got = received
    recorder._handle_custom_msg(dict(GOOD), [memoryview(b"\x1aE\xdf\xa3 webm")])
    assert got == []


def test_the_widget_has_no_trait_that_could_carry_audio():
    synced = Recorder().keys
    assert not any(name in synced for name in ("value", "data", "audio", "blob"))


def test_the_script_records_measures_and_sends_numbers_only():
    source = (Path(recorder_module.__file__).parent / "static" / "recorder.js").read_text()
    assert "MediaRecorder" in source and "decodeAudioData" in source
    # The one message to the kernel is sent without buffers.
    assert source.count("model.send(") == 1 and 'model.send({ kind: "take"' in source
