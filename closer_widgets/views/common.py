"""Small pieces every view shares: the stylesheet and widget factories."""

from __future__ import annotations

import base64
import datetime as dt
import functools
from pathlib import Path

from ipywidgets import HTML, Layout, VBox
from markupsafe import Markup, escape
from traitlets import Bool, Int, TraitError, observe

LABEL_STYLE = {"description_width": "initial"}
"""Show whole labels: ipywidgets truncates them at 90px by default."""

WIDE = Layout(width="min(36rem, 100%)")

STYLESHEET = Path(__file__).with_name("static") / "closer.css"
"""The product's one stylesheet (tokens, type scale, cards, buttons, phone layout)."""


@functools.cache
def _stylesheet_text() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


_shared_sheet: HTML | None = None


def stylesheet() -> HTML:
    """The HTML widget carrying the product's stylesheet: one per kernel, shown anywhere.

    Every step view carries it, so a view shown alone in a notebook looks as it does
    in the dashboard; being one widget, its text crosses to the browser once.
    """
    global _shared_sheet
    if _shared_sheet is None or _shared_sheet.comm is None:  # never made, or closed
        _shared_sheet = HTML(f"<style>{_stylesheet_text()}</style>")
        _shared_sheet.add_class("closer-stylesheet")
    return _shared_sheet


def heading(text: str, level: int = 2) -> HTML:
    """A heading widget; ``text`` is escaped."""
    return HTML(Markup("<h{0}>{1}</h{0}>").format(int(level), text))


def paragraph(text: str) -> HTML:
    """A paragraph widget; ``text`` is escaped."""
    return HTML(Markup("<p>{}</p>").format(text))


class StepView(VBox):
    """A step's view that draws itself from the models only while it is on show.

    The dashboard sets :attr:`active` as steps are opened and left. A change that
    arrives while the step is hidden only marks it stale; it is drawn once, from the
    latest state, when the step is shown again. Subclasses implement :meth:`render`
    and call :meth:`request_render` from their observers.
    """

    active = Bool(True, help="Whether the step is on show; a hidden step defers drawing.")
    renders = Int(0, help="How many times the view has drawn itself (work done, for tests).")

    def __init__(self, *args, **kwargs):
        self._render_pending = False
        super().__init__(*args, **kwargs)
        self.children = (stylesheet(), *self.children)
        self.add_class("closer-step")

    def request_render(self, change=None) -> None:
        """Draw now when on show, else once the step is shown again."""
        if self.active:
            self._render_pending = False
            self.renders += 1
            self.render()
        else:
            self._render_pending = True

    def render(self) -> None:
        """Draw the view from the current state of its models."""
        raise NotImplementedError

    @observe("active")
    def _on_active(self, change) -> None:
        if change["new"] and self._render_pending:
            self.request_render()


def bind(model, name: str, widget, to_widget=None, to_model=None) -> None:
    """Keep ``widget.value`` and ``model.<name>`` the same, both ways.

    Unlike ``link``, what the model keeps is written back to the box when it differs
    from what was typed (text cut to its limit, a refused date), so the page never
    shows a value the model does not hold. Blanks at the ends, which the model trims,
    are left alone, so a space can still be typed between two words.

    Parameters
    ----------
    model : HasTraits
        The model (a plan).
    name : str
        The model's trait.
    widget : ipywidgets.ValueWidget
        The control.
    to_widget, to_model : callable, optional
        Conversions of the value each way (a date and its ISO text, for example).
    """
    to_widget = to_widget or (lambda value: value)
    to_model = to_model or (lambda value: value)
    widget.value = to_widget(getattr(model, name))

    def shown_to_model(change):
        try:
            setattr(model, name, to_model(change["new"]))
        except TraitError:
            pass  # refused: the stored value is put back below
        stored = to_widget(getattr(model, name))
        typed = change["new"]
        if stored != typed and not (isinstance(typed, str) and stored == typed.strip()):
            widget.value = stored

    def model_to_shown(change):
        stored = to_widget(change["new"])
        current = widget.value
        if stored != current and not (isinstance(current, str) and stored == current.strip()):
            widget.value = stored

    widget.observe(shown_to_model, names="value")
    model.observe(model_to_shown, names=name)


def download_link(filename: str, data: bytes, mime: str, text: str, primary: bool = False) -> str:
    """An ``<a download>`` carrying ``data`` as a base64 ``data:`` URL (all escaped).

    The file is built in the kernel and handed to the browser whole, so nothing is
    written on the server. The one builder of every download link on the page;
    ``primary`` draws it as the place's main button (the session download).
    """
    encoded = base64.b64encode(data).decode("ascii")
    styled = ' class="closer-primary"' if primary else ""
    return (
        f'<a download="{escape(filename)}" href="data:{escape(mime)};base64,{encoded}"{styled}>'
        f"{escape(text)}</a>"
    )


def alert_html(message: str) -> str:
    """A problem as an escaped ``role="alert"`` paragraph; ``""`` when there is none."""
    return Markup('<p role="alert">{}</p>').format(message) if message else ""


def show_problem(area, message: str) -> None:
    """Put ``message`` in the error area ``area`` (an HTML widget), or hide the area.

    The one error-area helper: an empty area is hidden (its inner wrapper defeats a
    CSS ``:empty`` rule), so no empty red strip is ever shown.
    """
    area.value = alert_html(message)
    area.layout.display = None if message else "none"


def date_from_iso(value: str) -> dt.date | None:
    """A plan's ISO date as a DatePicker value (None when blank)."""
    return dt.date.fromisoformat(value) if value else None


def iso_from_date(value) -> str:
    """A DatePicker value as a plan's ISO date (blank when none)."""
    return value.isoformat() if value else ""
