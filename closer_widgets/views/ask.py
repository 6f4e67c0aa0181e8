"""The closing-ask advisor: say how it went, tick what you noticed, see which ask fits."""

from __future__ import annotations

from ipywidgets import HTML, Button, Checkbox, Dropdown, HBox, Layout, RadioButtons, Textarea, VBox
from markupsafe import escape
from traitlets import Any, Unicode, dlink, link

from .. import ask as advisor
from ..ask import LEVELS, load_signals
from ..coaching import Coaching
from ..errors import ContentError
from ..plan import ClosingPlan
from ..questions import personalise
from .common import LABEL_STYLE, WIDE, StepView, alert_html, bind, heading, paragraph

READ_OPTIONS = [("It went well", "well"), ("I am not sure", "unsure"), ("It felt rough", "rough")]
LEVEL_OPTIONS = [
    ("Not chosen yet", ""),
    ("Mild ask", "mild"),
    ("Advance check", "advance"),
    ("Bold ask", "bold"),
]
GROUPS = (
    ("bold", "Good signs"),
    ("advance", "Warning signs"),
    ("mild", "Reasons for caution"),
)
HIDDEN = "none"
"""``layout.display`` of a part with nothing to show (an error area without an error)."""


def _pointers_html(advice) -> str:
    """Every ticked signal under the ask it points to, with why, in file order per group."""
    parts = []
    for toward in reversed(LEVELS):  # bolder first, as the checkbox groups are laid out
        pointers = [p for p in advice.pointers if p.toward == toward]
        if not pointers:
            continue
        items = "".join(
            f'<li class="closer-pointer-{escape(p.signal.id)}"><b>{escape(p.signal.label)}</b> '
            f"({escape(p.strength)}): {escape(p.signal.explain)}</li>"
            for p in pointers
        )
        parts.append(
            f'<p class="closer-toward-{escape(toward)}"><b>{escape(pointers[0].heading)}:</b></p>'
            f"<ul>{items}</ul>"
        )
    return f'<div class="closer-pointers">{"".join(parts)}</div>' if parts else ""


def advice_html(advice) -> str:
    """The advice panel: level, reason, every ticked sign and why, notes; all text escaped.

    Before the candidate has said how it went (``advice.level == ""``) the panel
    holds only the line saying what to do first and the signs ticked so far.
    """
    level = escape(advice.level)
    if not advice.given:
        return (
            f'<div class="closer-advice-level closer-level-none" data-level="" '
            f'aria-live="polite"><p class="closer-advice-first">{escape(advice.reason)}</p>'
            f"</div>{_pointers_html(advice)}"
        )
    notes = "".join(f'<p class="closer-ask-note">{escape(note)}</p>' for note in advice.notes)
    weighing = (
        '<p class="closer-weighing"><b>How the signs are weighed:</b> '
        f"{escape(advice.weighing)}</p>"
        if advice.weighing
        else ""
    )
    return (
        f'<div class="closer-advice-level closer-level-{level}" data-level="{level}" '
        f'aria-live="polite"><h3>Suggested: {escape(advice.title)}</h3>'
        f'<p class="closer-advice-reason">{escape(advice.reason)}</p></div>'
        f"{_pointers_html(advice)}{notes}{weighing}"
        f'<p class="closer-rule"><b>The rule:</b> {escape(advisor.RULE)}</p>'
    )


def _show(widget, visible: bool) -> None:
    widget.layout.display = None if visible else HIDDEN


class AskAdvisorView(StepView):
    """Choose the closing ask that matches how the interview went (A14, A12, A15, A16).

    Nothing is suggested until the candidate has said how the interview felt:
    the choice starts empty on a fresh plan.

    Parameters
    ----------
    plan : ClosingPlan
        Signals, interview read, chosen ask level and ask text are read from and
        written to it.
    """

    advice = Any(
        None,
        allow_none=True,
        help="The advice on show (an advisor.Advice; level '' until the candidate has said "
        "how it went); None when the advisor's content files could not be read.",
    )
    problem = Unicode(
        "", help="Why the advisor cannot advise (a broken content file), in words; '' if none."
    )

    def __init__(self, plan: ClosingPlan, **kwargs):
        self.plan = plan
        self._syncing = False
        self._examples_key = None
        self._signals_error = HTML()
        self._signals_error.add_class("closer-error")
        self._advice_error = HTML(layout=Layout(display=HIDDEN))
        self._advice_error.add_class("closer-error")
        try:
            self._signals = load_signals()
            signals_problem = ""
        except ContentError as exc:
            self._signals = ()
            signals_problem = str(exc)
        self._read = RadioButtons(
            description="How did the interview feel?",
            options=READ_OPTIONS,
            index=None,
            style=LABEL_STYLE,
        )
        self._read.add_class("closer-ask-read")
        # A fresh plan holds "" (not answered yet): nothing is preselected.
        if plan.interview_read:
            self._read.value = plan.interview_read
        self._read.observe(self._on_read, names="value")
        plan.observe(self._on_plan_read, names="interview_read")
        self._boxes = {}
        groups = []
        for points, title in GROUPS:
            boxes = []
            for signal in self._signals:
                if signal.points != points:
                    continue
                box = Checkbox(
                    description=signal.label,
                    value=signal.id in plan.signals,
                    indent=False,
                    style=LABEL_STYLE,
                    layout=Layout(width="auto"),
                )
                box.add_class(f"closer-signal-{signal.id}")
                box.observe(self._on_box, names="value")
                self._boxes[signal.id] = box
                boxes.append(box)
            if boxes:
                groups.append(VBox([HTML(f"<h4>{escape(title)}</h4>"), *boxes]))
        self._advice = HTML()
        self._advice.add_class("closer-advice")
        self._examples = VBox()
        self._examples.add_class("closer-ask-examples")
        self._examples_part = VBox([heading("Example asks at this level", 3), self._examples])
        self._status = HTML()
        self._status.add_class("closer-status")
        self._level = Dropdown(description="Kind of ask", options=LEVEL_OPTIONS, style=LABEL_STYLE)
        link((plan, "ask_level"), (self._level, "value"))
        self._own = Textarea(
            description="Your ask",
            placeholder="Write the closing ask in your own words, or use one of the examples.",
            style=LABEL_STYLE,
            layout=WIDE,
            rows=2,
        )
        self._own.add_class("closer-ask-text")
        bind(plan, "ask_text", self._own)  # the box shows what the plan keeps
        self._coaches = HTML()
        self._after = HTML()
        plan.observe(self._on_signals, names="signals")
        # The advice is the plan's coaching model's: worked out once, shown here.
        self.coaching = Coaching.of(plan)
        self.coaching.want("advice")
        dlink((self.coaching, "advice"), (self, "advice"))
        self.coaching.observe(self._on_advice_problem, names="advice_problem")
        plan.observe(self.request_render, names=["company", "role"])  # named in the examples
        self.observe(self.request_render, names="advice")
        super().__init__(
            [
                heading("Your closing ask"),
                paragraph(
                    "The closing ask invites the interviewer to tell you where you stand. How "
                    "bold it should be depends on how the interview went, so say how it felt "
                    "and tick what you noticed."
                ),
                self._read,
                # Each error area sits beside what it is about and is hidden when empty.
                self._signals_error,
                HBox(groups, layout=Layout(flex_flow="row wrap", gap="1.5rem")),
                self._advice_error,
                self._advice,
                self._examples_part,
                self._status,
                self._level,
                self._own,
                self._coaches,
                self._after,
            ],
            **kwargs,
        )
        self.add_class("closer-ask")
        self._signals_error.value = alert_html(signals_problem)
        _show(self._signals_error, bool(signals_problem))
        self.problem = signals_problem
        self._on_advice_problem()
        self.request_render()

    # --- events -----------------------------------------------------------------------
    def _on_read(self, change) -> None:
        if not self._syncing and change["new"] is not None:
            self.plan.interview_read = change["new"]

    def _on_plan_read(self, change) -> None:
        self._syncing = True
        try:
            if change["new"] in dict(READ_OPTIONS).values():
                self._read.value = change["new"]
            else:
                self._read.index = None  # the plan went back to "not answered"
        finally:
            self._syncing = False

    def _on_box(self, change) -> None:
        if self._syncing:
            return
        known = {s.id for s in self._signals}
        # Keep ids this signals file does not know (from an older file) rather than drop them.
        kept = [s for s in self.plan.signals if s not in known]
        self.plan.signals = [s.id for s in self._signals if self._boxes[s.id].value] + kept

    def _on_signals(self, change) -> None:
        self._syncing = True
        try:
            for signal_id, box in self._boxes.items():
                box.value = signal_id in change["new"]
        finally:
            self._syncing = False

    def _use(self, text: str) -> None:
        self.plan.ask_level = self.advice.level
        self.plan.ask_text = text
        self._status.value = (
            '<p role="status" class="closer-notice">This is now your closing ask: edit the '
            "words below until they sound like you.</p>"
        )

    # --- advice -------------------------------------------------------------------------
    def _on_advice_problem(self, change=None) -> None:
        problem = self.coaching.advice_problem
        if self._signals:  # a broken signals file is already said beside the checkboxes
            self.problem = problem
        shown = bool(problem) and bool(self._signals)
        self._advice_error.value = alert_html(problem) if shown else ""
        _show(self._advice_error, shown)

    # --- rendering ----------------------------------------------------------------------
    def render(self) -> None:
        """Draw the advice the coaching model holds, its examples and notes."""
        advice = self.advice
        given = advice is not None and advice.given
        self._advice.value = advice_html(advice) if advice is not None else ""
        _show(self._advice, advice is not None)
        self._coaches.value = (
            f'<p class="closer-coaches"><b>Coaches disagree:</b> '
            f"{escape(advice.coaches_disagree)}</p>"
            if given
            else ""
        )
        self._after.value = (
            f'<p class="closer-after"><b>After the ask:</b> {escape(advice.after_the_ask)}</p>'
            if given
            else ""
        )
        _show(self._coaches, given)
        _show(self._after, given)
        texts = (
            tuple(personalise(t, self.plan.company, self.plan.role) for t in advice.examples)
            if given
            else ()
        )
        _show(self._examples_part, bool(texts))
        if texts == self._examples_key:
            return  # same examples: keep the buttons (and keyboard focus) where they are
        self._examples_key = texts
        rows = []
        for text in texts:
            use = Button(description="Use this ask", tooltip="Make this your closing ask")
            use.on_click(lambda _, t=text: self._use(t))
            card = HTML(
                f'<p class="closer-q-text">{escape(text)}</p>', layout=Layout(flex="1 1 20rem")
            )
            rows.append(HBox([card, use], layout=Layout(align_items="center")))
        for old in self._examples.children:
            for child in old.children:
                child.close()
            old.close()
        self._examples.children = rows
