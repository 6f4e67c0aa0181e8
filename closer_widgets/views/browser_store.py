"""Work that survives a reload: the session kept in the visitor's own browser.

An anywidget (a static ES module in ``static/``, no build step) puts the session
JSON in the browser's ``localStorage`` as the person works, and tells the kernel,
once, what it found there when the page opened. The server never stores anything.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
from traitlets import Int, Unicode

STORAGE_KEY = "interview-closer/session"
"""Where in the browser's storage the session is kept."""

HAND_IN_KEYS = "interview-closer/hand-in/"
"""The start of the keys under which a live workshop's hand-in key is kept, one per class."""


class BrowserStore(anywidget.AnyWidget):
    """A hidden widget that keeps one text in this browser's ``localStorage``."""

    _esm = Path(__file__).with_name("static") / "browser_store.js"
    key = Unicode(STORAGE_KEY, help="The storage key.").tag(sync=True)
    saved = Unicode("", help="Text to keep (kernel to browser).").tag(sync=True)
    found = Unicode("", help="What was kept when the page opened (browser to kernel).").tag(
        sync=True
    )
    forget = Int(0, help="Raised by one to erase what is kept (kernel to browser).").tag(sync=True)
    forget_also = Unicode(
        "", help="Keys starting with this are erased too when forgetting; empty: none."
    ).tag(sync=True)
    problem = Unicode("", help="Why the browser would not keep the text, if it would not.").tag(
        sync=True
    )
