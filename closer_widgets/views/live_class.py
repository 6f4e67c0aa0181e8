"""The counsellor's live class view: the table fills as participants hand in.

The counsellor's view of a workshop (:class:`~closer_widgets.views.workshop.CounsellorView`),
reading a class folder instead of a folder typed in or files uploaded. The kernel
looks at the folder every :data:`POLL_SECONDS` on its own event loop; when no file
changed it finds out from the listing alone and sends nothing to the browser. A
review saved here goes back to the participant's page through the same folder.

``closer serve --class DIR`` opens it from the dashboard's address with the
counsellor's token (:func:`counsellor_page`); on a hub the counsellor opens
``notebooks/workshop/live_class.ipynb`` in their own server (:func:`class_page`).
"""

from __future__ import annotations

import os

from ipywidgets import HTML, BoundedIntText, Button, HBox, Layout, VBox
from markupsafe import Markup
from traitlets import Int, Unicode, link, observe

from ..poll import Poller
from ..workshop.class_folder import ClassFolder, ClassFolderError, HandIn, clock_text
from ..workshop.class_mode import ENV_FOLDER, MAX_CLASS_SIZE, ClassMode
from ..workshop.table import table_html
from .common import LABEL_STYLE, paragraph, stylesheet
from .workshop import CounsellorView

POLL_SECONDS = 2.0
"""Seconds between two looks at the class folder."""

REFUSED = "This page needs the link printed when the workshop started."
"""All a page opened with a missing or wrong token shows."""


class LiveClassView(CounsellorView):
    """The class of a live workshop, updated as hand-ins arrive, with reviews going back.

    Parameters
    ----------
    folder : ClassFolder
        The workshop's class folder.
    expected : int
        How many participants are expected (0: not said; the counsellor can type it).
    poll_seconds : float
        Seconds between two looks at the folder, in a running kernel.
    """

    expected = Int(0, help="How many participants are expected; 0 when not said.")
    handed_in = Int(0, help="How many participants have handed in.")
    time_zone = Unicode(
        "", help="The counsellor's time zone (IANA name) times are shown in; '' for the server's."
    )

    def __init__(
        self, folder: ClassFolder, expected: int = 0, poll_seconds: float = POLL_SECONDS, **kwargs
    ):
        self.class_folder = folder
        self._count = HTML()
        self._count.add_class("closer-class-count")
        self._expected = BoundedIntText(
            value=min(max(expected, 0), MAX_CLASS_SIZE),
            min=0,
            max=MAX_CLASS_SIZE,
            description="Participants expected",
            tooltip="How many people are in the room (0 if you would rather not say)",
            style=LABEL_STYLE,
            layout=Layout(width="16rem"),
        )
        self._expected.add_class("closer-class-size")
        self._draw = Button(
            description="Draw the charts",
            tooltip="Draw the charts for the class as it is now (takes a second or two)",
        )
        self._draw.add_class("closer-class-draw")
        self._draw.on_click(lambda _: self.draw_charts())
        self._charts_note = HTML()
        self._drawn = None  # (anonymise, collection) the charts on show were drawn for
        super().__init__(**kwargs)
        self.expected = self._expected.value
        link((self, "expected"), (self._expected, "value"))
        children = list(self.children)
        children.insert(children.index(self._charts), VBox([self._draw, self._charts_note]))
        self.children = children
        self._reviews_folder.layout.display = "none"  # reviews go beside the hand-ins
        self.add_class("closer-class-view")
        self._poller = Poller(self.refresh, poll_seconds)
        self.refresh()
        self._on_count()
        self._poller.start()

    def _source_controls(self) -> list:
        return [
            paragraph(
                "Participants hand in from the Save step of their page. Each hand-in shows "
                "here within seconds, with no need to reload; handing in again replaces "
                "the earlier one. A review you save below goes back to that participant's "
                "page. Tick Anonymise before you put this page on a projector."
            ),
            HBox([self._count, self._expected], layout=Layout(flex_flow="row wrap")),
        ]

    # --- the folder --------------------------------------------------------------
    def refresh(self) -> bool:
        """Look at the class folder; redraw only when a hand-in arrived or changed.

        Returns
        -------
        bool
            Whether anything changed on the page.
        """
        try:
            collection = self.class_folder.collection()
        except ClassFolderError as exc:
            if self.error != str(exc):
                self.error = str(exc)
            return False
        if collection is self.collection and self.mode == "class":
            return False
        self._show(collection, "class")
        return True

    def stop(self) -> None:
        """Stop looking at the folder."""
        self._poller.stop()

    # --- what is shown -----------------------------------------------------------
    def _class_table(self):
        table = super()._class_table()
        times = [clock_text(entry.handed_in, self.time_zone) for entry in self.collection.entries]
        table.insert(1, "handed_in", times)
        return table

    def _table_html(self) -> str:
        return table_html(self.table, row_class="closer-class-row")

    def _loaded_text(self, skipped: int) -> str:
        self.handed_in = len(self.collection)
        extra = f" {skipped} other files in the folder are not shown." if skipped else ""
        return f"Watching the class folder.{extra}"

    @observe("time_zone")
    def _on_time_zone(self, change) -> None:
        # The browser names its time zone once the page is open: redraw the times.
        if self.collection is not None and self.mode == "class":
            self._render()

    @observe("handed_in", "expected")
    def _on_count(self, change=None):
        count = self.handed_in
        text = f"{count} of {self.expected} handed in" if self.expected else f"{count} handed in"
        self._count.value = Markup('<p aria-live="polite"><b>{}</b></p>').format(text)

    def _render_charts(self) -> None:
        # Drawing takes a second or two: only when asked, never on each hand-in.
        if self._drawn is None:
            self._charts.value = ""
            self._charts_note.value = ""
        elif self._drawn[0] != self.anonymise:
            # Drawn with names, or with codes: never shown the other way round.
            self._drawn = None
            self._charts.value = ""
            self._charts_note.value = ""
        elif self._drawn[1] is not self.collection:
            self._charts_note.value = (
                "<p>These charts show the class as it was when they were drawn; "
                "draw them again to include the latest hand-ins.</p>"
            )

    def draw_charts(self) -> None:
        """Draw the charts for the class as it is now."""
        super()._render_charts()
        self._drawn = (self.anonymise, self.collection)
        self._charts_note.value = ""

    # --- reviews -------------------------------------------------------------------
    def _saved_review(self, entry):
        if not isinstance(entry, HandIn):
            return None
        return self.class_folder.read_review(entry.key)

    def _store_review(self, entry, review, label: str) -> bool:
        try:
            self.class_folder.write_review(entry.key, review)
        except ClassFolderError as exc:
            self.error = str(exc)
            return False
        self._saved.value = Markup(
            "<p>Saved. {} sees it on the Save step of their page within seconds.</p>"
        ).format(label)
        self.status = f"Review of {label} saved."
        return True


def counsellor_page(mode: ClassMode, token: str | None) -> list:
    """What a page opened with the counsellor's link shows: the live view, or only a refusal.

    Parameters
    ----------
    mode : ClassMode
        The workshop the server runs.
    token : str or None
        The token the page's link carried.
    """
    if not mode.accepts(token):
        refusal = HTML(Markup('<p role="alert">{}</p>').format(REFUSED))
        refusal.add_class("closer-class-refused")
        return [stylesheet(), refusal]
    return [LiveClassView(mode.folder, expected=mode.size)]


def class_page(folder=None, expected: int = 0) -> LiveClassView:
    """The live class view for a notebook: ``folder``, else the hub's class folder, else a demo.

    Parameters
    ----------
    folder : str or PathLike, optional
        The class folder. By default the one named by ``CLOSER_CLASS_DIR`` (set for
        the counsellor's server on a hub), and without it a made-up class to try.
    expected : int
        How many participants are expected.
    """
    if folder is None:
        folder = os.environ.get(ENV_FOLDER) or None
    if folder is None:
        from ..workshop.demo import demo_class_folder

        folder = demo_class_folder()
    return LiveClassView(ClassFolder(folder), expected=expected)
