"""Run a callback every few seconds on the kernel's own event loop."""

from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)


class Poller:
    """Call ``callback`` every ``interval`` seconds while started.

    The calls are scheduled on the running asyncio loop (a kernel's, in JupyterLab
    and Voilà), in the thread that owns the widgets: no thread ever touches them.
    With no running loop (plain pytest, scripts) :meth:`start` schedules nothing and
    the owner calls ``callback`` itself, which keeps widget tests synchronous, as
    :class:`closer_widgets.debounce.Debouncer` does.

    Parameters
    ----------
    callback : callable
        Called with no arguments; an error is logged and polling goes on.
    interval : float
        Seconds between the end of one call and the start of the next.
    """

    def __init__(self, callback, interval: float):
        self.callback = callback
        self.interval = interval
        self._handle = None
        self._loop = None

    @property
    def running(self) -> bool:
        """Whether a next call is scheduled."""
        return self._handle is not None

    def start(self) -> bool:
        """Start polling on the running loop; False (and nothing scheduled) without one."""
        if self._handle is not None:
            return True
        try:
            self._loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        self._schedule()
        return True

    def stop(self) -> None:
        """Stop polling."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _schedule(self) -> None:
        self._handle = self._loop.call_later(self.interval, self._tick)

    def _tick(self) -> None:
        try:
            self.callback()
        except Exception:  # noqa: BLE001 - a failed poll must not end polling
            log.exception("polled callback failed")
        if self._handle is not None:
            self._schedule()
