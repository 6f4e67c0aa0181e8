"""The browser store: a static ES module, and the traits it syncs."""

from pathlib import Path

import closer_widgets.views.browser_store as module
from closer_widgets.views.browser_store import STORAGE_KEY, BrowserStore


def test_the_module_is_a_static_file_shipped_beside_the_widget():
    path = Path(module.__file__).with_name("static") / "browser_store.js"
    source = path.read_text(encoding="utf-8")
    assert str(BrowserStore._esm) == source  # no build step: the file itself is loaded
    assert "export default" in source and "localStorage" in source
    assert "fetch(" not in source and "XMLHttpRequest" not in source  # nothing leaves it


def test_traits_sync_the_text_both_ways():
    store = BrowserStore()
    state = store.get_state()
    assert state["key"] == STORAGE_KEY and state["saved"] == "" and state["found"] == ""
    store.set_state({"found": "kept text"})
    assert store.found == "kept text"
