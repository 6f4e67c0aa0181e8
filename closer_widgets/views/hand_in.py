"""Hand in to your counsellor: the Save step's part in a live workshop.

Shown only when the server runs a workshop (``closer serve --class DIR``). The
participant's secret key (:func:`closer_widgets.workshop.class_folder.new_key`) is
made on their first hand-in and kept in their kernel and, so that a reload hands in
to the same place, in their own browser's storage; the files are named by its hash.
Handing in again, in the same visit or after a reload, replaces the earlier
hand-in. The counsellor's review of it is looked for every
:data:`REVIEW_POLL_SECONDS` and, once there, shown in the comparison view below.
"""

from __future__ import annotations

import logging

from ipywidgets import HTML, Button, Layout, Text, VBox
from markupsafe import Markup
from traitlets import Instance, Unicode, observe

from ..calibration import Review, ReviewError
from ..plan import ClosingPlan
from ..poll import Poller
from ..session import Session
from ..workshop.class_folder import (
    ClassFolder,
    ClassFolderError,
    Receipt,
    clock_text,
    is_key,
    new_key,
)
from .browser_store import HAND_IN_KEYS, BrowserStore
from .common import LABEL_STYLE, WIDE, bind, heading, paragraph, show_problem

log = logging.getLogger(__name__)

REVIEW_POLL_SECONDS = 3.0
"""Seconds between two looks for the counsellor's review, once handed in."""

STORE_KEY = HAND_IN_KEYS + "{tag}"
"""Where the browser keeps the participant's key: one per class folder."""


class HandInView(VBox):
    """A button that hands the session in, and the counsellor's review when it comes.

    Parameters
    ----------
    plan : ClosingPlan
        The participant's plan: what is handed in.
    folder : ClassFolder
        The workshop's class folder; the view only ever uses its own seat in it.
    calibration : CalibrationView, optional
        Where the counsellor's review is shown once it arrives.
    poll_seconds : float
        Seconds between two looks for the review, in a running kernel.
    """

    handed_in = Unicode(
        "", help="Time of this participant's latest hand-in ('14:05'); empty before the first."
    )
    error = Unicode("", help="Why the last hand-in failed, one sentence; empty if it worked.")
    review = Instance(Review, allow_none=True, help="The counsellor's review, once written.")
    time_zone = Unicode(
        "", help="The participant's time zone (IANA name) times are shown in; '' for the server's."
    )

    def __init__(
        self,
        plan: ClosingPlan,
        folder: ClassFolder,
        calibration=None,
        poll_seconds: float = REVIEW_POLL_SECONDS,
        **kwargs,
    ):
        self.plan = plan
        self.calibration = calibration
        self._folder = folder
        self._seat = None
        self._receipt: Receipt | None = None
        self._receipt_message = ""
        self._review_stamp = None
        self._name = Text(
            description="Your name for your counsellor",
            placeholder="So your counsellor knows whose close it is",
            style=LABEL_STYLE,
            layout=WIDE,
        )
        self._name.add_class("closer-hand-in-name")
        bind(plan, "participant", self._name)
        self.button = Button(
            description="Hand in to your counsellor",
            tooltip="Send your session to your counsellor; handing in again replaces it",
            layout=Layout(width="auto"),
        )
        self.button.add_class("closer-hand-in")
        self.button.add_class("closer-primary")
        self.button.on_click(lambda _: self.hand_in())
        self._error = HTML(layout=Layout(display="none"))
        self._error.add_class("closer-error")
        self._status = HTML(layout=Layout(display="none"))
        self._status.add_class("closer-notice")
        self._status.add_class("closer-hand-in-status")
        self._review_note = HTML(layout=Layout(display="none"))
        self._review_note.add_class("closer-notice")
        self._review_note.add_class("closer-review-ready")
        self.store = BrowserStore(key=STORE_KEY.format(tag=folder.tag))
        self.store.observe(self._on_found, names="found")
        self._poller = Poller(self.check_review, poll_seconds)
        super().__init__(
            [
                heading("Hand in to your counsellor"),
                paragraph(
                    "Your counsellor is running this workshop live. Hand in your session "
                    "and it appears in their class view. Changed something? Hand in again: "
                    "it replaces what you handed in before. Only your counsellor sees it."
                ),
                self._name,
                self.button,
                self._error,
                self._status,
                self._review_note,
                self.store,
            ],
            **kwargs,
        )
        self.add_class("closer-hand-in-view")

    @property
    def hand_in_id(self) -> str:
        """The id this participant's hand-in is filed under; empty before there is one."""
        return self._seat.hand_in_id if self._seat is not None else ""

    # --- handing in --------------------------------------------------------------
    def hand_in(self) -> bool:
        """Hand the plan in as it is now; whether it worked (else see :attr:`error`)."""
        if self._seat is None:
            key = new_key()
            self._seat = self._folder.seat(key)
            self.store.saved = key  # a reload hands in to the same place
        try:
            receipt = self._seat.hand_in(Session(self.plan))
        except ClassFolderError as exc:
            self.error = str(exc)
            return False
        self.error = ""
        self._handed_in(
            receipt, "Handed in at {}. Changed something? Hand in again: it replaces this one."
        )
        return True

    def forget(self) -> None:
        """Forget this browser's hand-in key: the next hand-in from here starts a new file.

        For a shared computer: the next person at it must not replace, or see the review
        of, the hand-in of the one before. What was handed in stays with the counsellor.
        """
        self._poller.stop()
        self.store.saved = ""
        self.store.forget += 1
        self._seat = None
        self._receipt = None
        self._review_stamp = None
        self.review = None
        self.handed_in = ""
        for note in (self._status, self._review_note):
            note.value = ""
            note.layout.display = "none"

    def _on_found(self, change) -> None:
        # The key this browser kept from an earlier visit: hand in to the same place.
        key = change["new"]
        if self._seat is not None or not is_key(key):
            return
        self._seat = self._folder.seat(key)
        receipt = self._seat.handed_in()
        if receipt is not None:
            self._handed_in(
                receipt,
                "You handed in at {} from this browser. Hand in again to replace it "
                "with what is on screen now.",
            )

    def _handed_in(self, receipt: Receipt, message: str) -> None:
        self._receipt = receipt
        self._receipt_message = message
        self._show_receipt()
        self._status.layout.display = None
        self._note_review()  # a review written before may now be for an earlier hand-in
        self.check_review()
        self._poller.start()

    @observe("time_zone")
    def _show_receipt(self, change=None) -> None:
        # The browser may name its time zone after the receipt is on show: redraw it.
        if self._receipt is None:
            return
        self.handed_in = clock_text(self._receipt.at, self.time_zone)
        self._status.value = Markup('<p role="status">{}</p>').format(
            self._receipt_message.format(self.handed_in)
        )

    @observe("error")
    def _on_error(self, change) -> None:
        show_problem(self._error, change["new"])

    # --- the review coming back --------------------------------------------------
    def check_review(self) -> None:
        """Look for the counsellor's review of this participant's hand-in (only theirs)."""
        if self._seat is None:
            return
        stamp = self._seat.review_stamp()
        if stamp is None or stamp == self._review_stamp:
            return
        try:
            review = self._seat.review()
        except ReviewError as exc:
            log.warning("review of %s unreadable: %s", self._seat.hand_in_id, exc)
            return  # looked for again at the next poll
        self._review_stamp = stamp
        self.review = review

    @observe("review")
    def _on_review(self, change) -> None:
        review = change["new"]
        if self.calibration is not None and review is not None:
            self.calibration.review = review
        self._note_review()

    def _note_review(self) -> None:
        review = self.review
        if review is None:
            return
        text = (
            "Your counsellor's review is ready. It is shown below, under Compare with your "
            "counsellor, beside your own self-check."
        )
        if self._receipt is not None and review.session_hash != self._receipt.digest:
            text += " It was written for what you handed in earlier."
        self._review_note.value = Markup('<p role="status"><b>{}</b></p>').format(text)
        self._review_note.layout.display = None
