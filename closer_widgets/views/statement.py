"""The statement step: a composed draft, the candidate's own text, and live feedback.

Per keystroke the textarea's value goes to ``plan.statement``; one debounced
:func:`~closer_widgets.feedback.analyze` call follows a burst of typing, and its
result is rendered once by the :class:`FeedbackPanel` (STYLE.md section 3).
"""

from __future__ import annotations

import logging
from html import escape

from ipywidgets import HTML, Button, HBox, Layout, Textarea, ToggleButtons, VBox

from ..compose import LENGTHS, compose
from ..errors import CloserError
from ..feedback import analyze
from ..plan import STATEMENT_TEXT, ClosingPlan
from .common import LABEL_STYLE, heading, paragraph
from .debounce import Debouncer
from .feedback_panel import FeedbackPanel

log = logging.getLogger(__name__)

LENGTH_OPTIONS = [("Short (30\u201345 s)", "short"), ("Full (60\u201390 s)", "full")]

#: Plan traits the composed draft is built from.
DRAFT_SOURCES = [
    "participant",
    "company",
    "role",
    "interviewer",
    "attractions",
    "strengths",
    "concerns",
    "interview_read",
    "ask_level",
    "ask_text",
    "want_next_steps",
    "want_contact",
]

CUT_NOTICE = (
    f"Your statement was longer than {STATEMENT_TEXT:,} characters, so only the first "
    f"{STATEMENT_TEXT:,} are kept. A close is said in about a minute: shorten it to the "
    "points that matter most."
)
FEEDBACK_PROBLEM = (
    "Feedback could not be worked out for this text. Your statement is kept: keep "
    "editing and the feedback will try again."
)


class StatementView(VBox):
    """Compose, edit and check the closing statement.

    Parameters
    ----------
    plan : ClosingPlan
        Source of the draft; ``plan.statement`` holds the edited text.
    debounce : float
        Seconds of quiet typing before the feedback is worked out; 0 analyses at
        every change (tests).

    Attributes
    ----------
    feedback : Feedback or None
        The last analysis shown in the panel (None for blank text).
    draft : Draft or None
        The last composed draft.
    panel : FeedbackPanel
        The live feedback.
    """

    def __init__(self, plan: ClosingPlan, debounce: float = 0.3, **kwargs):
        self.plan = plan
        self.feedback = None
        self.draft = None
        self._previous = None
        self._length = ToggleButtons(
            description="Draft length",
            options=LENGTH_OPTIONS,
            tooltips=["About 70 to 105 words", "About 140 to 210 words"],
            style=LABEL_STYLE,
        )
        self._length.add_class("closer-draft-length")
        self._preview = HTML()
        self._preview.add_class("closer-draft-preview")
        self._use = Button(
            description="Use this draft",
            icon="arrow-down",
            tooltip="Copy the draft into your statement below, to edit it",
        )
        self._use.add_class("closer-use-draft")
        self._undo = Button(
            description="Bring back my text",
            icon="undo",
            tooltip="Put back the statement you had before using the draft",
            layout=Layout(display="none"),
        )
        self._text = Textarea(
            description="Your closing statement",
            placeholder="Say it the way you would in the room: thanks, why you want it, "
            "your strengths, a doubt answered, your ask, next steps, contact.",
            continuous_update=True,
            rows=8,
            style=LABEL_STYLE,
            layout=Layout(width="auto", max_width="60rem"),
        )
        self._text.add_class("closer-statement")
        self._cut = HTML()
        self.panel = FeedbackPanel(target=LENGTHS[self._length.value])
        self._debouncer = Debouncer(self._analyze, debounce)

        self._text.value = plan.statement
        self._text.observe(self._on_text, names="value")
        plan.observe(self._on_statement, names="statement")
        plan.observe(self._on_context, names=["company", "role"])
        plan.observe(self._on_sources, names=DRAFT_SOURCES)
        self._length.observe(self._on_length, names="value")
        self._use.on_click(self._on_use)
        self._undo.on_click(self._on_undo)

        super().__init__(
            [
                heading("Your closing statement"),
                paragraph(
                    "Start from the draft built from your earlier steps, then make it sound "
                    "like you. The feedback below checks the seven parts, the tone and the "
                    "time it takes to say, as you type."
                ),
                self._length,
                self._preview,
                HBox([self._use, self._undo], layout=Layout(flex_flow="row wrap")),
                self._text,
                self._cut,
                self.panel,
            ],
            **kwargs,
        )
        self.add_class("closer-statement-step")
        self._compose()
        self._debouncer.flush()

    # --- public helpers ----------------------------------------------------------
    @property
    def textarea(self) -> Textarea:
        """The editable statement."""
        return self._text

    @property
    def length(self) -> ToggleButtons:
        """The short/full toggle of the draft."""
        return self._length

    @property
    def use_button(self) -> Button:
        """The "Use this draft" button."""
        return self._use

    @property
    def undo_button(self) -> Button:
        """The button that brings back the text replaced by the draft."""
        return self._undo

    @property
    def preview(self) -> HTML:
        """The composed draft, as shown."""
        return self._preview

    @property
    def notice(self) -> HTML:
        """Where a cut statement is reported."""
        return self._cut

    # --- the edited statement ----------------------------------------------------------
    def _on_text(self, change) -> None:
        value = change["new"]
        self.plan.statement = value
        if self.plan.statement != value:
            # The plan keeps at most STATEMENT_TEXT characters: show what is kept.
            self._cut.value = f'<p class="closer-notice" role="status">{escape(CUT_NOTICE)}</p>'
            self._text.value = self.plan.statement
        elif len(value) < STATEMENT_TEXT:
            self._cut.value = ""

    def _on_statement(self, change) -> None:
        if self._text.value != change["new"]:
            self._text.value = change["new"]  # loaded session, draft or undo
        self._debouncer()

    def _on_context(self, change) -> None:
        # Company and role decide whether interest counts as specific.
        if self.plan.statement.strip():
            self._debouncer()

    def _analyze(self) -> None:
        text = self.plan.statement
        if not text.strip():
            self.feedback = None
            self.panel.update(None, text)
            return
        try:
            fb = analyze(text, company=self.plan.company or None, role=self.plan.role or None)
        except Exception:  # noqa: BLE001 - the page must keep working; details go to the log
            log.exception("analyze failed")
            self.panel.show_problem(FEEDBACK_PROBLEM)
            return
        self.feedback = fb
        self.panel.update(fb, text)

    # --- the draft -----------------------------------------------------------------------
    def _on_sources(self, change) -> None:
        self._compose()

    def _on_length(self, change) -> None:
        self.panel.set_target(*LENGTHS[change["new"]])
        self._compose()

    def _compose(self) -> None:
        try:
            self.draft = compose(self.plan, self._length.value)
        except CloserError as exc:  # a hand-edited templates.csv with a mistake
            self.draft = None
            self._preview.value = f'<p class="closer-error" role="alert">{escape(str(exc))}</p>'
            self._use.disabled = True
            return
        self._use.disabled = False
        notes = "".join(f"<li>{escape(note)}</li>" for note in self.draft.notes)
        self._preview.value = (
            '<div class="closer-card"><p><b>Draft</b> '
            f'<span class="closer-count">(about {self.draft.seconds:.0f} seconds, '
            f"{self.draft.words} words)</span></p>"
            f"<p>{escape(self.draft.text)}</p>"
            + (
                f'<p><b>To make it better:</b></p><ul class="closer-notes">{notes}</ul>'
                if notes
                else ""
            )
            + "</div>"
        )

    def _on_use(self, button=None) -> None:
        if self.draft is None:
            return
        previous = self.plan.statement
        self.plan.statement = self.draft.text
        # Replacing the candidate's own words must be reversible.
        if previous.strip() and previous != self.draft.text:
            self._previous = previous
            self._undo.layout.display = None
        else:
            self._undo.layout.display = "none"

    def _on_undo(self, button=None) -> None:
        if self._previous is not None:
            self.plan.statement = self._previous
            self._previous = None
        self._undo.layout.display = "none"
