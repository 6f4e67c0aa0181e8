"""Run a callback once typing pauses, not at every keystroke."""

from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)


class Debouncer:
    """Call ``callback`` with the latest arguments once calls stop for ``delay`` seconds.

    In a running kernel (JupyterLab, Voilà) each call cancels the pending one and
    schedules a new one on the asyncio loop, so a burst of keystrokes gives one
    call. With no running loop (plain pytest, scripts) or ``delay <= 0`` the
    callback runs at once, which keeps widget tests synchronous.

    Parameters
    ----------
    callback : callable
        Called with the arguments of the last call of the burst.
    delay : float
        Quiet time in seconds before the callback runs.
    """

    def __init__(self, callback, delay: float = 0.3):
        self.callback = callback
        self.delay = delay
        self._handle = None

    @property
    def pending(self) -> bool:
        """Whether a call is scheduled and has not run yet."""
        return self._handle is not None

    def __call__(self, *args) -> None:
        self.cancel()
        if self.delay <= 0:
            self._run(*args)
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._run(*args)
            return
        self._handle = loop.call_later(self.delay, self._fire, *args)

    def cancel(self) -> None:
        """Drop the pending call, if any."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def flush(self, *args) -> None:
        """Run now instead of waiting (for example before saving)."""
        self.cancel()
        self._run(*args)

    def _fire(self, *args) -> None:
        self._handle = None
        # Raised from the event loop, an error would be lost with no context; the
        # view's callback reports problems to the user itself, so log it here.
        try:
            self._run(*args)
        except Exception:  # noqa: BLE001
            log.exception("debounced callback failed")

    def _run(self, *args) -> None:
        self.callback(*args)
