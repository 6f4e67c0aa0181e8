"""Small pieces every view shares: the stylesheet and widget factories."""

from __future__ import annotations

import base64
import datetime as dt
from html import escape

from ipywidgets import HTML, Layout, VBox
from traitlets import Bool, Int, TraitError, observe

LABEL_STYLE = {"description_width": "initial"}
"""Show whole labels: ipywidgets truncates them at 90px by default."""

WIDE = Layout(width="min(36rem, 100%)")

STYLE_CSS = """
<style>
.closer-app { max-width: 60rem; font-size: 15px; }
.closer-app .widget-label { color: #1f2933; }
.closer-nav button:focus-visible, .closer-app button:focus-visible,
.closer-app input:focus-visible, .closer-app select:focus-visible,
.closer-app textarea:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.closer-nav .is-current { font-weight: 700; background: #1d4ed8; color: #fff; }
.closer-progress { color: #334155; }
.closer-app a { color: #1d4ed8; text-decoration: underline; font-weight: 600; }
.closer-app a:hover { color: #1e3a8a; }
.closer-welcome { background: #f8fafc; padding: 0.6rem 1rem; }
/* On a phone a label above its box leaves the box the whole width. */
@media (max-width: 600px) {
  .closer-app .widget-inline-hbox.widget-textarea,
  .closer-app .widget-inline-hbox.widget-text { flex-direction: column; align-items: stretch; }
  .closer-app .widget-textarea > .widget-label,
  .closer-app .widget-text > .widget-label { width: auto; max-width: none; }
  .closer-app .widget-textarea textarea, .closer-app .widget-text input { width: 100%; }
}
.closer-readiness ul { list-style: none; padding-left: 0.5rem; margin: 0.3rem 0; }
.closer-readiness .is-done { color: #14532d; }
.closer-readiness .is-todo { color: #374151; }
.closer-readiness summary { cursor: pointer; color: #1e3a8a; }
.closer-error { color: #8a1c1c; background: #fdecec; border-left: 4px solid #b91c1c;
  padding: 0.4rem 0.8rem; }
.closer-notice { color: #1e3a8a; background: #eef2ff; padding: 0.3rem 0.6rem; }
.closer-card { border: 1px solid #cbd5e1; border-radius: 6px; padding: 0.4rem 0.7rem;
  margin: 0.2rem 0; background: #fff; }
.closer-card p { margin: 0.2rem 0; }
.closer-q-text { font-weight: 600; color: #111827; }
.closer-tag { display: inline-block; font-size: 12px; border-radius: 10px; padding: 0 0.5rem;
  margin-right: 0.3rem; background: #e2e8f0; color: #1f2933; }
.closer-why { color: #14532d; }
.closer-avoid { color: #7c2d12; }
.closer-count { color: #334155; }
</style>
"""


def upload_bytes(item, max_bytes: int) -> bytes | memoryview:
    """The content of one FileUpload entry, copied only when it is small enough to use.

    Loaders refuse anything over their cap by its length alone, so a huge upload is
    passed on as a view instead of being copied into memory again.
    """
    content = item["content"]
    if isinstance(content, bytes):
        return content
    view = memoryview(content)
    return view if view.nbytes > max_bytes else view.tobytes()


def stylesheet() -> HTML:
    """An HTML widget carrying the product's CSS (add it once per page)."""
    return HTML(STYLE_CSS)


def heading(text: str, level: int = 2) -> HTML:
    """A heading widget; ``text`` is escaped."""
    return HTML(f"<h{level}>{escape(text)}</h{level}>")


def paragraph(text: str) -> HTML:
    """A paragraph widget; ``text`` is escaped."""
    return HTML(f"<p>{escape(text)}</p>")


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


def download_link(filename: str, data: bytes, mime: str, text: str, style: str = "") -> str:
    """An ``<a download>`` carrying ``data`` as a base64 ``data:`` URL (all escaped).

    The file is built in the kernel and handed to the browser whole, so nothing is
    written on the server. The one builder of every download link on the page.
    """
    encoded = base64.b64encode(data).decode("ascii")
    styled = f' style="{escape(style)}"' if style else ""
    return (
        f'<a download="{escape(filename)}" href="data:{escape(mime)};base64,{encoded}"{styled}>'
        f"{escape(text)}</a>"
    )


def alert_html(message: str) -> str:
    """A problem as an escaped ``role="alert"`` paragraph; ``""`` when there is none."""
    return f'<p role="alert">{escape(message)}</p>' if message else ""


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
