"""Compare yourself with your counsellor: your last self-check beside their review."""

from __future__ import annotations

from ipywidgets import HTML, Layout, VBox
from markupsafe import escape
from traitlets import Instance, List, Unicode, observe

from ..calibration import MAX_BYTES as REVIEW_MAX_BYTES
from ..calibration import Review, ReviewError, calibration
from ..plan import ClosingPlan
from .common import heading, paragraph, show_problem, stylesheet
from .file_picker import FilePicker, read_document


def calibration_html(rows, review: Review) -> str:
    """The side-by-side table and the counsellor's comments; all text escaped here."""
    body = []
    for row in rows:
        mark = "Differs: " if row.differs else ""
        body.append(
            f'<tr class="{"is-different" if row.differs else "is-same"}" '
            f'data-item="{escape(row.kind)}-{escape(row.id)}">'
            f"<th scope='row'>{escape(row.label)}</th><td>{escape(row.self_view)}</td>"
            f"<td>{escape(row.counsellor_view)}</td><td>{escape(mark + row.note)}</td></tr>"
        )
    differences = sum(row.differs for row in rows)
    summary = (
        f"<p>{differences} of {len(rows)} lines differ; they are marked and highlighted.</p>"
        if differences
        else "<p>You and your counsellor agree on every line.</p>"
    )
    comments = (
        f"<h4>Your counsellor's comments</h4><blockquote>{escape(review.comments)}</blockquote>"
        if review.comments.strip()
        else ""
    )
    return (
        summary
        + "<table><thead><tr><th scope='col'>Part of the close</th>"
        + "<th scope='col'>Your last self-check</th><th scope='col'>Your counsellor</th>"
        + "<th scope='col'>What it means</th></tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table>"
        + comments
    )


class CalibrationView(VBox):
    """Load a counsellor's review file and see it beside your own self-check.

    Parameters
    ----------
    plan : ClosingPlan
        The participant's plan; its last rehearsal attempt is the self-check.
    on_error : callable, optional
        Called with each problem message (and with ``""`` once it is solved); the
        dashboard passes its ``show_error`` so the page keeps one error area. By
        default the view shows problems in an area of its own.
    """

    review = Instance(Review, allow_none=True, help="The counsellor's review, once loaded.")
    rows = List(help="The comparison rows (closer_widgets.calibration.CalibrationRow).")
    error = Unicode("", help="The last problem with a review file, one sentence; empty if none.")

    def __init__(self, plan: ClosingPlan, on_error=None, **kwargs):
        self.plan = plan
        self._on_error_callback = on_error
        self._upload = FilePicker(
            description="Load a review",
            accept=".json",
            max_bytes=REVIEW_MAX_BYTES,
            tooltip="Choose the review file your counsellor gave you",
        )
        self._upload.add_class("closer-review-upload")
        self._upload.on_pick(self._on_upload)
        self._error = HTML(layout=Layout(display="none"))
        if on_error is None:
            self._error.add_class("closer-error")
        self._note = HTML(layout=Layout(display="none"))  # no empty strip until there is a note
        self._note.add_class("closer-notice")
        self._table = HTML("<p>No review loaded yet.</p>")
        self._table.add_class("closer-calibration")
        plan.observe(self._on_plan, names=["rehearsals", "participant"])
        super().__init__(
            [
                stylesheet(),
                heading("Compare with your counsellor"),
                paragraph(
                    "If a counsellor watched you practise, load the review file they gave you. "
                    "Your last self-check sits beside their view: the lines where you differ "
                    "are the ones worth talking about."
                ),
                self._upload,
                self._error,
                self._note,
                self._table,
            ],
            **kwargs,
        )

    def _on_upload(self, files) -> None:
        try:
            review = read_document(Review, files[-1])
        except ReviewError as exc:
            self.error = str(exc)  # the review on show, if any, stays
            return
        self.error = ""
        self.review = review

    def _on_plan(self, change):
        self._refresh()

    @observe("review")
    def _on_review(self, change):
        self._refresh()

    @observe("error")
    def _on_error(self, change):
        if self._on_error_callback is not None:
            self._on_error_callback(change["new"])
            return
        show_problem(self._error, change["new"])

    def _refresh(self) -> None:
        review = self.review
        if review is None:
            return
        self.rows = calibration(self.plan, review)
        self._table.value = calibration_html(self.rows, review)
        mine, theirs = self.plan.participant.strip(), review.participant.strip()
        notes = []
        if mine and theirs and mine.casefold() != theirs.casefold():
            notes.append(f"This review was written for {theirs}; check that it is yours.")
        if not self.plan.rehearsals:
            notes.append("Rehearse once and tick the self-check to compare yourself with it.")
        self._note.value = "".join(f"<p>{escape(note)}</p>" for note in notes)
        self._note.layout.display = None if notes else "none"
