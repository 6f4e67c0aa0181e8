"""The closing-ask advisor: tick what you noticed, see which ask fits, choose your words."""

from __future__ import annotations

from html import escape

from ipywidgets import HTML, Button, Checkbox, Dropdown, HBox, Layout, RadioButtons, Textarea, VBox
from traitlets import link

from ..advisor import RULE, advise, load_signals
from ..errors import ContentError
from ..plan import ClosingPlan
from ..questions import personalise
from .common import LABEL_STYLE, WIDE, heading, paragraph

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


def advice_html(advice) -> str:
    """The advice panel: level, reason, the deciding signals and the rule; all text escaped."""
    deciding = "".join(
        f'<li class="closer-deciding-{escape(s.id)}"><b>{escape(s.label)}:</b> '
        f"{escape(s.explain)}</li>"
        for s in advice.deciding
    )
    deciding_html = (
        f'<p>What decided it:</p><ul class="closer-deciding">{deciding}</ul>' if deciding else ""
    )
    return (
        f'<div class="closer-advice-level closer-level-{escape(advice.level)}" '
        f'data-level="{escape(advice.level)}" aria-live="polite">'
        f"<h3>Suggested: {escape(advice.title)}</h3>"
        f'<p class="closer-advice-reason">{escape(advice.reason)}</p></div>'
        f"{deciding_html}"
        f'<p class="closer-rule"><b>The rule:</b> {escape(RULE)}</p>'
    )


class AskAdvisorView(VBox):
    """Choose the closing ask that matches how the interview went (A14, A15, A16).

    Parameters
    ----------
    plan : ClosingPlan
        Signals, interview read, chosen ask level and ask text are read from and
        written to it.

    Attributes
    ----------
    advice : Advice or None
        The advice on show (None only when the signals file could not be read).
    """

    def __init__(self, plan: ClosingPlan, **kwargs):
        self.plan = plan
        self.advice = None
        self._syncing = False
        self._examples_key = None
        self._error = HTML()
        self._error.add_class("closer-error")
        try:
            self._signals = load_signals()
        except ContentError as exc:
            self._signals = ()
            self._error.value = f'<p role="alert">{escape(str(exc))}</p>'
        self._read = RadioButtons(
            description="How did the interview feel?", options=READ_OPTIONS, style=LABEL_STYLE
        )
        self._read.add_class("closer-ask-read")
        link((plan, "interview_read"), (self._read, "value"))
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
        link((plan, "ask_text"), (self._own, "value"))
        self._coaches = HTML()
        self._after = HTML()
        plan.observe(self._on_signals, names="signals")
        plan.observe(
            self._update,
            names=["interview_read", "signals", "concerns", "stage", "company", "role"],
        )
        super().__init__(
            [
                heading("Your closing ask"),
                paragraph(
                    "The closing ask invites the interviewer to tell you where you stand. How "
                    "bold it should be depends on how the interview went, so tick what you "
                    "noticed and say how it felt."
                ),
                self._error,
                self._read,
                HBox(groups, layout=Layout(flex_flow="row wrap", gap="1.5rem")),
                self._advice,
                heading("Example asks at this level", 3),
                self._examples,
                self._status,
                self._level,
                self._own,
                self._coaches,
                self._after,
            ],
            **kwargs,
        )
        self.add_class("closer-ask")
        self._update()

    # --- events -----------------------------------------------------------------------
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

    # --- rendering ----------------------------------------------------------------------
    def _update(self, change=None) -> None:
        if not self._signals:
            return
        plan = self.plan
        self.advice = advise(
            plan.signals, plan.interview_read, concerns=plan.concerns, stage=plan.stage
        )
        self._advice.value = advice_html(self.advice)
        self._coaches.value = (
            f'<p class="closer-coaches"><b>Coaches disagree:</b> '
            f"{escape(self.advice.coaches_disagree)}</p>"
        )
        self._after.value = (
            f'<p class="closer-after"><b>After the ask:</b> {escape(self.advice.after_the_ask)}</p>'
        )
        texts = tuple(personalise(t, plan.company, plan.role) for t in self.advice.examples)
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
