"""Autosave for self-study: the plan is written to disk soon after every change.

In JupyterLab a learner works over days; closing the tab or restarting the
kernel must not cost them their statement. :func:`restore_or_new` picks up the
last autosave when a notebook starts, and :class:`Autosaver` keeps that file
current. Saves are atomic and keep the previous version as ``<file>.bak``.

The Voilà dashboard does not use this module: its visitors' work stays in
their browser (download and restore), never on the server's disk.
"""

from __future__ import annotations

import asyncio
import atexit
import datetime as dt
import logging
import os
from pathlib import Path
from typing import NamedTuple

from traitlets import Bool, Float, HasTraits, Int, Unicode, validate

from .errors import SessionError
from .plan import ClosingPlan
from .session import Session

log = logging.getLogger(__name__)

DEFAULT_NAME = "my_session.session.json"
"""File name of the autosave; ``notebooks/*.session.json`` is git-ignored."""

MAX_WAIT_FACTOR = 10
"""While changes keep coming, save at least every ``delay * MAX_WAIT_FACTOR`` seconds."""


def default_path() -> Path:
    """:data:`DEFAULT_NAME` in the working folder.

    A notebook's kernel works in the notebook's own folder, so the self-study
    notebooks share ``notebooks/my_session.session.json``; a script keeps its
    autosave beside where it runs. Nothing is written inside the installed package.
    """
    return Path.cwd() / DEFAULT_NAME


def backup_path(path: str | os.PathLike) -> Path:
    """Where :meth:`Session.save` keeps the previous version of ``path``."""
    path = Path(path)
    return path.with_name(path.name + ".bak")


class Restored(NamedTuple):
    """What :func:`restore_or_new` found: a plan, and a sentence for the learner."""

    plan: ClosingPlan
    notice: str
    """Empty for a brand-new session; otherwise what happened, to show once."""


def _saved_when(session: Session) -> str:
    try:
        stamp = dt.datetime.fromisoformat(session.saved_at)
    except ValueError:
        return ""
    return f" (saved {stamp:%Y-%m-%d %H:%M} UTC)"


def _move_aside(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    number = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.broken-{stamp}-{number}")
        number += 1
    os.replace(path, aside)
    return aside


def restore_or_new(path: str | os.PathLike | None = None) -> Restored:
    """The plan saved at ``path``, or a new one when there is none or it is broken.

    A file that cannot be read is never deleted or overwritten: it is renamed
    ``<name>.broken-<timestamp>``, and the previous version (``.bak``) is
    restored when it can be read.

    Parameters
    ----------
    path : str or PathLike, optional
        The autosave file; :func:`default_path` by default.

    Returns
    -------
    Restored
        ``(plan, notice)``: unpack it, and show the notice when it is not empty.
    """
    path = Path(path) if path is not None else default_path()
    if not path.exists():
        return Restored(ClosingPlan(), "")
    if path.is_dir():
        return Restored(
            ClosingPlan(),
            f"'{path}' is a folder, so nothing was restored; choose a file name for the autosave.",
        )
    try:
        session = Session.load(path)
    except SessionError as exc:
        log.warning("autosave %s cannot be read: %s", path, exc)
    else:
        return Restored(
            session.plan,
            f"Welcome back: your work was restored from '{path.name}'{_saved_when(session)}.",
        )
    try:
        aside = _move_aside(path)
    except OSError as exc:
        return Restored(
            ClosingPlan(),
            f"Your autosave '{path.name}' could not be read, nor moved aside ({exc.strerror}); "
            "a new session was started. Copy that file elsewhere if you want to keep it.",
        )
    problem = f"Your autosave '{path.name}' could not be read, so it was kept as '{aside.name}'"
    backup = backup_path(path)
    if backup.is_file():
        try:
            previous = Session.load(backup)
        except SessionError as exc:
            log.warning("autosave backup %s cannot be read either: %s", backup, exc)
        else:
            return Restored(
                previous.plan,
                f"{problem}; the version before it was restored{_saved_when(previous)}.",
            )
    return Restored(ClosingPlan(), f"{problem} and a new session was started.")


class Autosaver(HasTraits):
    """Save a plan to a session file shortly after each change (debounced).

    Inside a running kernel, saving waits until the plan has been still for
    ``delay`` seconds (and never longer than ``delay * MAX_WAIT_FACTOR`` while
    edits keep coming), using the event loop's timer: no thread. Without a
    running event loop (a script, plain pytest) each change is saved at once.

    Parameters
    ----------
    plan : ClosingPlan
        The plan to watch; every trait tagged ``persist`` is saved.
    path : str or PathLike, optional
        The session file; :func:`default_path` by default.
    delay : float
        Seconds of quiet before saving.

    Examples
    --------
    >>> plan, notice = restore_or_new()            # doctest: +SKIP
    >>> saver = Autosaver(plan)                    # doctest: +SKIP
    """

    delay = Float(1.0, help="Seconds without changes before the plan is saved.")
    pending = Bool(False, help="True while a change waits to be saved.")
    saves = Int(0, help="How many times the file has been written.")
    saved_at = Unicode("", help="When the file was last written (ISO 8601, UTC).")
    error = Unicode("", help="Why the last save failed, as a sentence; empty when it worked.")

    def __init__(
        self, plan: ClosingPlan, path: str | os.PathLike | None = None, delay: float = 1.0, **kwargs
    ):
        super().__init__(delay=delay, **kwargs)
        self.plan = plan
        self.path = Path(path) if path is not None else default_path()
        self._handle = None
        self._first_change = None
        self._names = list(plan.trait_names(persist=True))
        plan.observe(self._on_change, names=self._names)
        # A kernel shut down within `delay` of the last keystroke still saves it.
        atexit.register(self._save_if_pending)

    @validate("delay")
    def _non_negative(self, proposal):
        return max(0.0, proposal["value"])

    def _on_change(self, change):
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.flush()
            return
        now = loop.time()
        if self._handle is None:
            self._first_change = now
        else:
            self._handle.cancel()
        self.pending = True
        if now - self._first_change >= self.delay * MAX_WAIT_FACTOR:
            self.flush()
        else:
            self._handle = loop.call_later(self.delay, self.flush)

    def flush(self) -> bool:
        """Save now, cancelling any save still waiting.

        Returns
        -------
        bool
            True when the file was written; otherwise :attr:`error` says why.
        """
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self.pending = False
        session = Session(self.plan)
        try:
            session.save(self.path, backup=True)
        except OSError as exc:
            log.warning("autosave to %s failed: %s", self.path, exc)
            self.error = (
                f"Your work could not be autosaved to '{self.path}' ({exc.strerror or exc}). "
                "It is still here; check that the folder can be written to."
            )
            return False
        self.error = ""
        self.saved_at = session.saved_at
        self.saves += 1
        return True

    def _save_if_pending(self):
        if self.pending:
            self.flush()

    def close(self) -> None:
        """Save what is waiting and stop watching the plan."""
        self._save_if_pending()
        self.plan.unobserve(self._on_change, names=self._names)
        atexit.unregister(self._save_if_pending)

    def __enter__(self) -> Autosaver:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


_SELF_STUDY: dict = {}


def self_study_plan(path: str | os.PathLike | None = None) -> ClosingPlan:
    """The self-study plan, shared by every notebook and saved as you type.

    The first call in a kernel restores the autosave file (or starts a new plan)
    and starts an :class:`Autosaver`; later calls return the same plan, so the
    notebooks build one plan together. ``$CLOSER_SESSION`` names another file.

    Parameters
    ----------
    path : str or PathLike, optional
        The autosave file; ``$CLOSER_SESSION`` or :func:`default_path` by default.
    """
    path = Path(path or os.environ.get("CLOSER_SESSION") or default_path())
    key = str(path.resolve())
    if key not in _SELF_STUDY:
        plan, notice = restore_or_new(path)
        if notice:
            print(notice)
        _SELF_STUDY[key] = Autosaver(plan, path)
    return _SELF_STUDY[key].plan
