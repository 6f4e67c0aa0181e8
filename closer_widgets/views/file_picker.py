"""Choosing files: a labelled file input that checks sizes before anything is sent.

An anywidget (a static ES module in ``static/``, no build step). It replaces
ipywidgets' ``FileUpload``, which shows a "(0)" counter on its button and sends a
file of any size, so that an oversized file dropped the page's connection.
Here the browser sends each file in its own message only when it is small enough;
the kernel checks the size again, since a message can be crafted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import anywidget
from traitlets import Bool, Int, Unicode

MAX_FILES = 500
"""Most files one choice may carry (a class of sessions is far fewer)."""

NAME_CHARS = 200
"""File names are cut to this length before they are shown in messages."""


@dataclass(frozen=True)
class PickedFile:
    """One chosen file as the kernel received it.

    Attributes
    ----------
    name : str
        The file's name as the browser gave it (no folder), cut to :data:`NAME_CHARS`.
    size : int
        Its size in bytes.
    content : bytes or None
        Its bytes; ``None`` when it was not sent (over the size limit, or the
        browser could not read it): see :attr:`problem`.
    problem : str
        ``""``, ``"too_large"`` or ``"unreadable"``.
    """

    name: str
    size: int
    content: bytes | None
    problem: str = ""


class FilePicker(anywidget.AnyWidget):
    """A button-like label around a file input; chosen files reach :meth:`on_pick`.

    Parameters
    ----------
    description : str
        The visible label ("Restore a session").
    accept : str
        File types offered by the browser's dialog (``".json"``).
    multiple : bool
        Whether several files may be chosen at once.
    max_bytes : int
        Largest file sent; larger ones arrive as a :class:`PickedFile` with no content.
    """

    _esm = Path(__file__).with_name("static") / "file_picker.js"
    description = Unicode("Choose a file", help="The visible label of the control.").tag(sync=True)
    tooltip = Unicode("", help="Shown when the pointer rests on the control.").tag(sync=True)
    accept = Unicode("", help="File types the browser's dialog offers, e.g. '.json'.").tag(
        sync=True
    )
    multiple = Bool(False, help="Whether several files may be chosen at once.").tag(sync=True)
    disabled = Bool(False, help="Whether the control is switched off.").tag(sync=True)
    max_bytes = Int(1_000_000, min=1, help="Largest file the browser sends, in bytes.").tag(
        sync=True
    )
    picks = Int(0, help="How many choices of files have arrived (work done, for tests).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._callbacks: list[Callable[[list[PickedFile]], None]] = []
        self._batches: dict[int, dict[int, PickedFile]] = {}
        self.on_msg(self._on_message)

    def on_pick(self, callback: Callable[[list[PickedFile]], None]) -> None:
        """Call ``callback`` with the list of :class:`PickedFile` of each choice."""
        self._callbacks.append(callback)

    def pick(self, files: list[PickedFile]) -> None:
        """Hand one choice of files to the callbacks (what the browser's messages end in)."""
        self.picks += 1
        for callback in self._callbacks:
            callback(list(files))

    def _on_message(self, _widget, content, buffers) -> None:
        # The browser is not trusted: every field is checked, and a message that does
        # not fit is dropped rather than allowed to raise in the kernel.
        try:
            batch, index, count = (int(content[key]) for key in ("batch", "index", "count"))
            name = str(content["name"])[:NAME_CHARS]
            kind = str(content["kind"])
            told_size = max(0, int(content.get("size") or 0))
        except (KeyError, TypeError, ValueError, OverflowError):
            return
        if not (0 <= index < count <= MAX_FILES):
            return
        data = bytes(buffers[0]) if kind == "file" and buffers else None
        problem = "" if data is not None else ("too_large" if kind == "too_large" else "unreadable")
        if data is not None and len(data) > self.max_bytes:
            data, problem = None, "too_large"
        size = len(data) if data is not None else told_size
        files = self._batches.setdefault(batch, {})
        files[index] = PickedFile(name, size, data, problem)
        if len(files) == count:
            del self._batches[batch]
            self.pick([files[i] for i in sorted(files)])


def read_document(document_class, picked: PickedFile):
    """The document (a Session, a Review) in a chosen file.

    Raises
    ------
    document_class.ERROR
        With one sentence naming the file, when it was not sent or cannot be used.
    """
    source = f"'{picked.name}'" if picked.name else "The file"
    if picked.content is None:
        raise document_class.refused(source, too_large=picked.problem == "too_large")
    return document_class.loads(picked.content, source)
