"""What the kernel asks of the page itself: focus a heading, warn before leaving.

An anywidget (a static ES module in ``static/``, no build step), since ipywidgets
can neither move the focus to a heading nor hook the browser's leave-page warning.
It also tells the kernel the fragment of the page's address, once: the
counsellor's link of a live workshop carries its token there.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
from traitlets import Bool, Int, Unicode


class PageControl(anywidget.AnyWidget):
    """A hidden widget: :meth:`focus` a heading; warn on leaving while :attr:`unsaved`."""

    _esm = Path(__file__).with_name("static") / "page_control.js"
    focus_selector = Unicode(
        "", help="CSS selector of the element to bring into view and focus."
    ).tag(sync=True)
    focus_request = Int(0, help="Raised by one for each request to focus.").tag(sync=True)
    unsaved = Bool(
        False,
        help="Whether there are changes not yet downloaded; while true the browser asks "
        "before the page is left. The page sets it false when the session is downloaded.",
    ).tag(sync=True)

    location_hash = Unicode(
        "",
        help="The fragment of the page's address ('#...'), as the browser reports it once "
        "on opening. A counsellor's link (#counsellor=...) is then taken out of the address "
        "bar, so it never shows on a projector.",
    ).tag(sync=True)

    time_zone = Unicode(
        "",
        help="The browser's time zone, an IANA name such as 'Europe/London', reported once "
        "on opening; empty if the browser would not say. Times are shown on this clock.",
    ).tag(sync=True)

    def focus(self, selector: str) -> None:
        """Scroll the first element matching ``selector`` to the top and focus it."""
        self.focus_selector = selector
        self.focus_request += 1
