"""The save step: download the session, restore it later, take exports along.

Dashboard visitors each have a private kernel and the server keeps nothing on
disk, so their work leaves with them as a download and comes back as an upload.
Every link is a ``data:`` URL built in memory from the plan. The Word file is
built only when the visitor asks for it (:data:`ON_REQUEST`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ipywidgets import HTML, Button, Layout, VBox
from markupsafe import escape
from traitlets import Bool, Dict, Unicode, observe

from ..debounce import Debouncer
from ..errors import CloserError, SessionError
from ..export import FORMATS, download_name, export_bytes, missing_for
from ..plan import ClosingPlan
from ..session import Session
from .common import download_link, heading, paragraph, show_problem
from .restore import restore_plan, session_picker

log = logging.getLogger(__name__)

SESSION_FILENAME = "interview-closer-session.json"
"""Name offered for the downloaded session."""

REFRESH_DELAY = 0.5
"""Seconds of quiet before the links are rebuilt after a change."""

ON_REQUEST = {"docx": "Prepare the Word document"}
"""Exports built only on a click, with the label of the button that asks for them.

python-docx adds about 13 MB to the visitor's kernel and loads a template, and most
visitors never want the Word file, so it is not built with the other links.
"""

_UPDATING = '<p role="status">Updating with your latest changes…</p>'


class SaveView(VBox):
    """Download and restore the session, and download the plan as notes or a cue card.

    Parameters
    ----------
    plan : ClosingPlan
        The visitor's plan: saved as it is, replaced on restore.
    on_error : callable, optional
        Called with a one-sentence message when a restore fails, and with
        ``""`` when one succeeds (the dashboard shows it in ``.closer-error``).
        By default the message is shown in this view.
    delay : float
        Seconds of quiet before the links are rebuilt after the plan changes.
        While they are out of date, no link is shown, so a click always gets
        the plan as it is.
    """

    notice = Unicode(
        "", help="Confirmation of the last restore (a problem goes to error_area, or on_error)."
    )
    active = Bool(
        True, help="Whether the step is on show; hidden, it only notes that its links are stale."
    )
    missing = Dict(
        help="What each export lacks, in words, by format id (only formats that lack "
        "something): shown beside its link, e.g. the .ics without a decision date."
    )

    def __init__(
        self,
        plan: ClosingPlan,
        on_error: Callable[[str], None] | None = None,
        delay: float = REFRESH_DELAY,
        **kwargs,
    ):
        self.plan = plan
        self._on_error = on_error
        self._rebuild = Debouncer(self.refresh, delay)
        self._restoring = False
        self._stale = False
        self._download = HTML()
        self._download.add_class("closer-download")
        self._upload = session_picker()
        self._upload.add_class("closer-upload")
        self._status = HTML()
        self._status.add_class("closer-notice")
        self._status.layout.display = "none"
        # A wrong file is reported right under the control that took it.
        self.error_area = HTML(layout=Layout(display="none"))
        self.error_area.add_class("closer-error")
        self.error_area.add_class("closer-restore-error")
        # Links built with the step (fmt -> HTML), and those built on request:
        # a container holding the button, then the link (or the problem) once asked.
        self._exports = {}
        self._on_request = {}
        self._prepared = {}
        for fmt in FORMATS:
            if fmt in ON_REQUEST:
                widget = self._request_box(fmt)
                self._on_request[fmt] = widget
            else:
                widget = HTML()
                self._exports[fmt] = widget
            widget.add_class(f"closer-export-{fmt}")
        self._upload.on_pick(self._on_upload)
        plan.observe(self._on_plan_change, names=list(plan.trait_names(persist=True)))
        super().__init__(
            [
                heading("Save your work"),
                paragraph(
                    "Nothing you type here is kept on this server. Download your session "
                    "to keep it, and restore it here next time to carry on where you left off."
                ),
                self._download,
                heading("Restore", level=3),
                paragraph(
                    "Choose a session file you downloaded before; it replaces what is on screen."
                ),
                self._upload,
                self.error_area,
                self._status,
                heading("Take it with you", level=3),
                paragraph(
                    "Print the cue card to glance at before the close, keep the notes, "
                    "and add the follow-up dates to your calendar."
                ),
                *(self._exports[f] if f in self._exports else self._on_request[f] for f in FORMATS),
            ],
            **kwargs,
        )
        self._first_refresh()

    # --- links ------------------------------------------------------------------
    def _request_box(self, fmt: str) -> VBox:
        button = Button(
            description=ON_REQUEST[fmt],
            tooltip=f"Make the {FORMATS[fmt].label} from your plan as it is now",
            layout=Layout(width="auto"),
        )
        button.on_click(lambda _: self.prepare(fmt))
        # Button and result stay in place: a keyboard user's focus stays on the
        # button, and the link (or the problem) is the next stop after it.
        self._prepared[fmt] = HTML()
        return VBox([button, self._prepared[fmt]])

    def _first_refresh(self) -> None:
        # The session link is cheap, the exports less so. In a kernel, show the
        # step now and fill the exports just after.
        self._download.value = self._session_html()
        for widget in self._exports.values():
            widget.value = "<p>Preparing…</p>"
        self._rebuild()

    def refresh(self) -> None:
        """Rebuild the download links from the plan as it is now."""
        self._rebuild.cancel()
        self._download.value = self._session_html()
        self.missing = {fmt: note for fmt in FORMATS if (note := missing_for(self.plan, fmt))}
        for fmt, widget in self._exports.items():
            widget.value = self._export_html(fmt)[1]
        self._stale = False

    def prepare(self, fmt: str = "docx") -> None:
        """Build an on-request export (a key of :data:`ON_REQUEST`) and offer its link.

        The link appears just after the button; when the export fails, its problem
        is shown there instead and the button can be pressed again. The next change
        to the plan takes the link away, so an out-of-date file is never offered.
        """
        button, link = self._on_request[fmt].children
        # Not disabled meanwhile: a disabled button drops the keyboard focus.
        button.description = "Preparing…"
        try:
            _, link.value = self._export_html(fmt)
        finally:
            button.description = ON_REQUEST[fmt]

    def _withdraw_prepared(self) -> None:
        """Take away the on-request links (the plan has changed since they were made)."""
        for link in self._prepared.values():
            link.value = ""

    def _session_html(self) -> str:
        session = Session(self.plan).dumps().encode("utf-8")
        name = download_name(self.plan, "session")
        link = download_link(name, session, "application/json", "Download my session", primary=True)
        return f"<p>{link} (a small .json file)</p>"

    def _export_html(self, fmt: str) -> tuple[bool, str]:
        """Whether the export could be made, and its link or the problem, as HTML."""
        spec = FORMATS[fmt]
        try:
            data = export_bytes(self.plan, fmt)
        except CloserError as exc:
            return False, f"<p>{escape(spec.label)}: {escape(str(exc))}</p>"
        except Exception:  # one broken export must not take the others, or the page, down
            log.exception("export %s failed", fmt)
            return False, (
                f"<p>{escape(spec.label)}: this file could not be made. "
                "Download your session to keep your work, and try again later.</p>"
            )
        name = download_name(self.plan, fmt)
        link = f"<p>{download_link(name, data, spec.mime, spec.label)}</p>"
        note = self.missing.get(fmt, "")
        # Beside the link: what the file lacks, so the visitor knows before opening it.
        return True, link + (f'<p class="closer-export-note">{escape(note)}</p>' if note else "")

    def _on_plan_change(self, change):
        if self._restoring:
            return  # a restore changes every trait at once; it refreshes once at the end
        self._withdraw_prepared()
        if not self._stale:
            # Hide the links at once: a click must never fetch an older plan.
            self._stale = True
            self._download.value = _UPDATING
            for widget in self._exports.values():
                widget.value = ""
        if self.active:
            self._rebuild()

    @observe("active")
    def _on_active(self, change):
        # Building the exports is not free: do it only for a visitor who is
        # looking at this step, not on every pause in typing.
        if change["new"] and self._stale:
            self._rebuild()

    # --- restore ----------------------------------------------------------------
    def _on_upload(self, files) -> None:
        try:
            self._restoring = True
            try:
                notice = restore_plan(self.plan, files[0])
            finally:
                self._restoring = False
        except SessionError as exc:
            self._report(str(exc))
            return
        self._withdraw_prepared()
        self.refresh()
        self._report("")
        self.notice = notice

    def _report(self, message: str) -> None:
        self.notice = ""
        if self._on_error is not None:
            self._on_error(message)
        else:
            show_problem(self.error_area, message)

    @observe("notice")
    def _show_notice(self, change):
        text = change["new"]
        self._status.value = f'<p role="status">{escape(text)}</p>' if text else ""
        self._status.layout.display = None if text else "none"
