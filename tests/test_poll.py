"""Poller: calls on the running loop, none without one, errors logged and polling on."""

from __future__ import annotations

import asyncio

from closer_widgets.poll import Poller


def test_without_a_running_loop_nothing_is_scheduled():
    calls = []
    poller = Poller(lambda: calls.append(1), 0.01)
    assert poller.start() is False and not poller.running and calls == []


def test_on_a_running_loop_it_calls_until_stopped_and_survives_errors(caplog):
    calls = []
    done = None

    def callback():
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("boom")
        if len(calls) == 4:
            poller.stop()
            done.set()

    poller = Poller(callback, 0.001)

    async def main():
        nonlocal done
        done = asyncio.Event()
        assert poller.start() is True
        assert poller.start() is True  # starting twice schedules once
        await done.wait()

    asyncio.run(main())
    assert not poller.running
    assert len(calls) == 4
    assert "polled callback failed" in caplog.text
