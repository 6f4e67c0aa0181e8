"""When a widget callback fails: the detail to the server's log, one sentence to the page.

ipywidgets hands an exception raised in a callback (a click, say) to IPython's
``showtraceback``, which sends the whole traceback, with the server's paths and
source lines, to the visitor's browser and writes nothing to the server's log.
In the dashboard's kernel that method is replaced: the traceback goes to the
process's own standard error (the server's log: the terminal, or journald under
systemd), and the page shows one sentence that says the work is safe.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

SORRY = (
    "Something went wrong with that action. Your work is kept: try again, or download "
    "your session from the Save step."
)
"""What the visitor reads when a callback fails."""

log = logging.getLogger("closer_widgets.views")


def _server_log() -> logging.Logger:
    # The kernel's sys.stderr is sent to the browser; sys.__stderr__ is the process's
    # own, which the server (Voilà, systemd) collects.
    if not any(getattr(h, "closer_server_log", False) for h in log.handlers):
        handler = logging.StreamHandler(sys.__stderr__)
        handler.closer_server_log = True
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        log.addHandler(handler)
    return log


def report_callback_errors(show: Callable[[str], None], shell=None) -> bool:
    """Route callback errors of ``shell`` (this kernel's IPython) to the log and ``show``.

    Parameters
    ----------
    show : callable
        Called with :data:`SORRY` each time a callback fails.
    shell : IPython shell, optional
        The running one by default; nothing is done outside IPython.

    Returns
    -------
    bool
        Whether errors are now reported this way.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython comes with ipywidgets
            return False
        shell = get_ipython()
    if shell is None:
        return False

    def showtraceback(*args, **kwargs) -> None:
        _server_log().error("error in a widget callback", exc_info=sys.exc_info())
        show(SORRY)

    shell.showtraceback = showtraceback
    return True
