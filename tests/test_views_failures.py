"""A failing widget callback: the traceback to the server's log, one sentence shown."""

from __future__ import annotations

import logging

from ipywidgets import Button
from ipywidgets.widgets import widget as widget_module

from closer_widgets.views.failures import SORRY, report_callback_errors


class Shell:
    """Stands in for the kernel's IPython: ipywidgets calls its showtraceback."""

    def showtraceback(self, *args, **kwargs):  # what IPython would send to the browser
        raise AssertionError("the traceback must not reach the page")


def test_a_failing_click_is_logged_in_full_and_told_in_one_sentence(monkeypatch, caplog):
    shell = Shell()
    monkeypatch.setattr(widget_module, "get_ipython", lambda: shell)
    shown = []
    assert report_callback_errors(shown.append, shell=shell)
    button = Button(description="Prepare")

    def broken(_):
        raise RuntimeError("/srv/app/closer_widgets/secret.py line 12")

    button.on_click(broken)
    with caplog.at_level(logging.ERROR, logger="closer_widgets.views"):
        button.click()
    assert shown == [SORRY] and "\n" not in SORRY
    (record,) = [r for r in caplog.records if r.name == "closer_widgets.views"]
    assert record.exc_info[0] is RuntimeError  # the detail is in the server's log


def test_outside_ipython_nothing_is_replaced():
    assert report_callback_errors(print) is False
