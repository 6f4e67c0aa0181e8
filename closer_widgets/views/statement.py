"""The statement step: a composed draft, the candidate's own text, and live feedback.

Per keystroke the textarea's value goes to ``plan.statement``. The draft and the
feedback are not worked out here: the plan's :class:`~closer_widgets.coaching.Coaching`
model works them out once per burst of typing, and this view renders what it holds
(STYLE.md section 3), only while the step is on show.
"""

from __future__ import annotations

from ipywidgets import HTML, Button, HBox, Layout, Textarea, ToggleButtons, dlink, link
from markupsafe import escape

from ..coaching import FEEDBACK_PROBLEM, Coaching
from ..plan import LENGTH_TITLES, LENGTHS, STATEMENT_TEXT, ClosingPlan, words_for
from .common import LABEL_STYLE, StepView, heading, paragraph
from .feedback_panel import FeedbackPanel

LENGTH_OPTIONS = [(LENGTH_TITLES[length], length) for length in LENGTHS]

CUT_NOTICE = (
    f"Your statement was longer than {STATEMENT_TEXT:,} characters, so only the first "
    f"{STATEMENT_TEXT:,} are kept. A close is said in about a minute: shorten it to the "
    "points that matter most."
)

__all__ = ["CUT_NOTICE", "FEEDBACK_PROBLEM", "LENGTH_OPTIONS", "StatementView"]


class StatementView(StepView):
    """Compose, edit and check the closing statement.

    Parameters
    ----------
    plan : ClosingPlan
        Source of the draft; ``plan.statement`` holds the edited text.
    debounce : float, optional
        Seconds of quiet typing before the coaching model works out the feedback; 0
        works it out at every change (tests). The plan's model keeps its own when
        not given.

    Attributes
    ----------
    coaching : Coaching
        The plan's derived state, shared with every other view of the plan.
    panel : FeedbackPanel
        The live feedback.
    """

    def __init__(self, plan: ClosingPlan, debounce: float | None = None, **kwargs):
        self.plan = plan
        self.coaching = Coaching.of(plan, debounce)
        self.coaching.want("draft", "feedback")
        self._previous = None
        self._length = ToggleButtons(
            description="Length of your close",
            options=LENGTH_OPTIONS,
            tooltips=[
                f"About {words_for(low)} to {words_for(high)} words"
                for low, high in LENGTHS.values()
            ],
            style=LABEL_STYLE,
        )
        self._length.add_class("closer-draft-length")
        self._preview = HTML()
        self._preview.add_class("closer-draft-preview")
        self._use = Button(
            description="Use this draft",
            tooltip="Copy the draft into your statement below, to edit it",
        )
        self._use.add_class("closer-use-draft")
        self._undo = Button(
            description="Bring back my text",
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
        self.panel = FeedbackPanel(target=LENGTHS[plan.length])

        # The one length target is the plan's: the toggle shows and sets it.
        link((plan, "length"), (self._length, "value"))
        dlink((plan, "length"), (self.panel, "target"), transform=lambda length: LENGTHS[length])
        self._text.value = plan.statement
        self._text.observe(self._on_text, names="value")
        plan.observe(self._on_statement, names="statement")
        self.coaching.observe(
            self.request_render, names=["feedback", "feedback_problem", "draft", "draft_problem"]
        )
        self._use.on_click(self._on_use)
        self._undo.on_click(self._on_undo)

        super().__init__(
            [
                heading("Your closing statement"),
                paragraph(
                    "Choose how long your close should be, start from the draft built from "
                    "your earlier steps, then make it sound like you. The feedback below "
                    "checks the seven parts, the tone and the time it takes to say, as you "
                    "type. The same length target is used when you rehearse."
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
        self.request_render()

    # --- public helpers ----------------------------------------------------------
    @property
    def textarea(self) -> Textarea:
        """The editable statement."""
        return self._text

    @property
    def feedback(self):
        """The analysis of the statement on show (None for blank text)."""
        return self.coaching.feedback

    @property
    def draft(self):
        """The draft composed from the plan (None when the templates are broken)."""
        return self.coaching.draft

    @property
    def length(self) -> ToggleButtons:
        """The short/full toggle: the plan's one length target."""
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

    # --- drawing what the coaching model holds ----------------------------------------
    def render(self) -> None:
        """Draw the draft and the feedback the coaching model holds."""
        self._render_draft()
        coaching = self.coaching
        if coaching.feedback_problem:
            self.panel.show_problem(coaching.feedback_problem)
        else:
            self.panel.update(coaching.feedback, self.plan.statement)

    def _render_draft(self) -> None:
        draft = self.coaching.draft
        if draft is None:
            problem = self.coaching.draft_problem
            self._preview.value = f'<p class="closer-error" role="alert">{escape(problem)}</p>'
            self._use.disabled = True
            return
        self._use.disabled = False
        notes = "".join(f"<li>{escape(note)}</li>" for note in draft.notes)
        self._preview.value = (
            '<div class="closer-card"><p><b>Draft</b> '
            f'<span class="closer-count">(about {draft.seconds:.0f} seconds, '
            f"{draft.words} words)</span></p>"
            f"<p>{escape(draft.text)}</p>"
            + (
                f'<p><b>To make it better:</b></p><ul class="closer-notes">{notes}</ul>'
                if notes
                else ""
            )
            + "</div>"
        )

    def _on_use(self, button=None) -> None:
        self.coaching.refresh()  # the draft of what was typed last, not of a second ago
        draft = self.coaching.draft
        if draft is None:
            return
        previous = self.plan.statement
        self.plan.statement = draft.text
        # Replacing the candidate's own words must be reversible.
        if previous.strip() and previous != draft.text:
            self._previous = previous
            self._undo.layout.display = None
        else:
            self._undo.layout.display = "none"

    def _on_undo(self, button=None) -> None:
        if self._previous is not None:
            self.plan.statement = self._previous
            self._previous = None
        self._undo.layout.display = "none"
