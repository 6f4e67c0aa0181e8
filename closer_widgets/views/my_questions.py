"""The candidate's own question list: write, check, order and prioritise questions."""

from __future__ import annotations

from ipywidgets import (
    HTML,
    BoundedIntText,
    Button,
    ButtonStyle,
    Dropdown,
    HBox,
    Layout,
    Textarea,
    VBox,
)
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle
from markupsafe import escape

from ..coaching import Coaching
from ..plan import ClosingPlan
from ..questions.my_list import add_custom, edit_text, move, remove, set_note, set_priority
from .common import LABEL_STYLE, WIDE, StepView, bind, heading, paragraph

PRIORITY_OPTIONS = [("None", ""), ("Top", "top"), ("Backup", "backup")]

FINDING_TITLES = {
    "yes_no": "Yes/no question",
    "public_info": "Answered on their website",
    "pay_too_early": "Too early for pay",
    "about_me": "About you, not the work",
    "vague": "Too broad",
    "too_long": "Too long to say",
    "duplicate": "Repeats another question",
    "no_time": "No time left",
}


class RowStyles:
    """Layouts and styles that every row shares.

    Each ipywidgets layout or style is a widget of its own; sharing them cuts the
    widgets a row creates by more than half, so rows appear faster.
    """

    def __init__(self):
        self.text = TextStyle(description_width="initial")
        self.label = DescriptionStyle(description_width="initial")
        self.html = HTMLStyle()
        self.button = ButtonStyle()
        self.auto = Layout()
        self.priority = Layout(width="12rem")
        self.bar = Layout(flex_flow="row wrap")

    def close(self) -> None:
        for widget in vars(self).values():
            widget.close()


def findings_html(findings) -> str:
    """The checker's findings for one question; every reason is escaped here."""
    if not findings:
        return '<p class="closer-finding-ok">No problems spotted.</p>'
    items = "".join(
        f'<li class="closer-finding closer-finding-{escape(f.code)}">'
        f"<b>{escape(FINDING_TITLES.get(f.code, f.code))}:</b> {escape(f.reason)}"
        + (f" Try instead: \u201c{escape(f.rewrite)}\u201d" if f.rewrite else "")
        + "</li>"
        for f in findings
    )
    return f'<ul class="closer-findings-list">{items}</ul>'


class QuestionRow(VBox):
    """The widgets of one question on the list (wired to the list by :class:`MyQuestionsView`).

    Attributes
    ----------
    index : int
        Position on the list this row shows (rows are reused by position).
    codes : tuple of str
        Codes of the findings shown, for tests and summaries.
    """

    def __init__(self, index: int, styles: RowStyles | None = None, **kwargs):
        styles = styles or RowStyles()
        self.index = index
        self.codes = ()
        number = index + 1
        self.text = Textarea(
            description=f"Question {number}",
            rows=2,
            style=styles.text,
            layout=WIDE,
            continuous_update=False,
        )
        self.text.add_class("closer-q-input")
        self.findings = HTML(style=styles.html, layout=styles.auto)
        self.findings.add_class("closer-findings")
        self.priority = Dropdown(
            description="Priority",
            options=PRIORITY_OPTIONS,
            style=styles.label,
            layout=styles.priority,
        )
        self.up, self.down, self.remove = (
            Button(description=label, tooltip=tip, style=styles.button, layout=styles.auto)
            for label, tip in (
                ("Move up", f"Move question {number} up"),
                ("Move down", f"Move question {number} down"),
                ("Remove", f"Remove question {number} from my list"),
            )
        )
        self.note = Textarea(
            description="Research note",
            rows=2,
            placeholder="what you read or heard that prompted this question",
            style=styles.text,
            layout=WIDE,
            continuous_update=False,
        )
        bar = HBox([self.priority, self.up, self.down, self.remove], layout=styles.bar)
        super().__init__([self.text, self.findings, bar, self.note], layout=styles.auto, **kwargs)
        self.add_class("closer-my-question")
        self.add_class("closer-card")

    def show(self, item: dict, findings, first: bool, last: bool) -> None:
        """Display ``item`` and its findings (callers hold notifications off)."""
        self.text.value = item["text"]
        self.note.value = item["note"]
        self.priority.value = item["priority"] if item["priority"] in ("top", "backup") else ""
        self.codes = tuple(f.code for f in findings)
        self.findings.value = findings_html(findings)
        self.up.disabled = first
        self.down.disabled = last

    def close_all(self) -> None:
        """Close this row and its children (frees their comms in the kernel)."""
        for widget in (self.text, self.findings, self.priority, self.up, self.down, self.remove):
            widget.close()
        for child in self.children:
            child.close()
        self.note.close()
        self.close()


class MyQuestionsView(StepView):
    """Write your own questions, see what the checker thinks, order and prioritise them.

    The findings and the time budget are the plan's
    :class:`~closer_widgets.coaching.Coaching` model's; this view renders them.

    Parameters
    ----------
    plan : ClosingPlan
        The list lives in ``plan.questions``; the view follows changes made
        elsewhere (the question bank adds to it too).
    """

    def __init__(self, plan: ClosingPlan, **kwargs):
        self.plan = plan
        self.coaching = Coaching.of(plan)
        self.coaching.want("question_findings", "budget")
        self._syncing = False
        self._styles = RowStyles()
        self._new = Textarea(
            description="Your question",
            rows=2,
            placeholder="e.g. What would a great first three months look like in this role?",
            style=LABEL_STYLE,
            layout=WIDE,
        )
        self._new.add_class("closer-new-question")
        self._add = Button(
            description="Add my own question",
            tooltip="Add the question you typed to your list",
            layout=Layout(width="max-content"),  # the default width cuts the label short
        )
        self._add.on_click(self._on_add)
        self._status = HTML()
        self._status.add_class("closer-status")
        self._minutes = BoundedIntText(
            description="Minutes for questions",
            min=0,
            max=60,
            style=LABEL_STYLE,
            layout=Layout(width="16rem"),
        )
        bind(plan, "question_minutes", self._minutes)
        self._budget = HTML()
        self._budget.add_class("closer-budget")
        self._list = VBox()
        self._list.add_class("closer-my-question-list")
        self.rows: list[QuestionRow] = []
        plan.observe(self.request_render, names="questions")
        self.coaching.observe(self.request_render, names=["question_findings", "budget"])
        super().__init__(
            [
                heading("My questions"),
                paragraph(
                    "Write the questions you want to ask, or add them from the bank below. Each "
                    "one is checked as you go. Mark up to three as top (asked whatever happens) "
                    "and some as backups, then set the minutes you expect to have."
                ),
                HBox([self._new, self._add], layout=Layout(flex_flow="row wrap")),
                self._status,
                self._minutes,
                self._budget,
                self._list,
            ],
            **kwargs,
        )
        self.add_class("closer-my-questions")
        self.request_render()

    # --- rendering ----------------------------------------------------------------
    def _row(self, index: int) -> QuestionRow:
        row = QuestionRow(index, self._styles)
        row.text.observe(lambda change: self._on_text(row, change), names="value")
        row.note.observe(lambda change: self._on_note(row, change), names="value")
        row.priority.observe(lambda change: self._on_priority(row, change), names="value")
        row.up.on_click(lambda _: self._on_move(row, -1))
        row.down.on_click(lambda _: self._on_move(row, +1))
        row.remove.on_click(lambda _: self._on_remove(row))
        return row

    def render(self) -> None:
        """Draw the list, the findings on each question and the time budget."""
        # Rows are reused by position and only their values change, so a move or an
        # edit sends a few value updates to the page instead of new widgets.
        items = self.plan.questions
        self._syncing = True
        try:
            while len(self.rows) < len(items):
                self.rows.append(self._row(len(self.rows)))
            while len(self.rows) > len(items):
                self.rows.pop().close_all()
            # Between a change and the coaching model's next pass the findings may
            # describe the previous list: show none rather than another row's.
            findings = self.coaching.question_findings
            if len(findings) != len(items):
                findings = [()] * len(items)
            for index, (row, item) in enumerate(zip(self.rows, items, strict=True)):
                row.show(item, findings[index], index == 0, index == len(items) - 1)
            if tuple(self._list.children) != tuple(self.rows):
                self._list.children = tuple(self.rows)
        finally:
            self._syncing = False
        budget = self.coaching.budget
        self._budget.value = f'<p class="closer-count">{escape(budget.summary())}</p>'

    def _say(self, message: str) -> None:
        self._status.value = (
            f'<p role="status" class="closer-notice">{escape(message)}</p>' if message else ""
        )

    # --- events -----------------------------------------------------------------------
    def _on_add(self, button) -> None:
        added, notice = add_custom(self.plan, self._new.value)
        if added:
            self._new.value = ""
            message = f"Added as question {len(self.plan.questions)}."
            self._say(f"{message} {notice}" if notice else message)
        else:
            self._say(notice)

    def _stale(self, row: QuestionRow) -> bool:
        # An event can arrive from the page for a row the list no longer has
        # (another view shortened it meanwhile): ignore it rather than fail.
        return self._syncing or row.index >= len(self.plan.questions)

    def _on_text(self, row: QuestionRow, change) -> None:
        if self._stale(row):
            return
        notice = edit_text(self.plan, row.index, change["new"])
        self._say(notice)
        if notice:
            self.render()  # show the text actually kept (old one, or trimmed)

    def _on_note(self, row: QuestionRow, change) -> None:
        if self._stale(row):
            return
        notice = set_note(self.plan, row.index, change["new"])
        self._say(notice)
        if notice:
            self.render()

    def _on_priority(self, row: QuestionRow, change) -> None:
        if self._stale(row):
            return
        notice = set_priority(self.plan, row.index, change["new"])
        self._say(notice)
        if notice:
            self.render()  # put the refused choice back

    def _on_move(self, row: QuestionRow, delta: int) -> None:
        if not self._stale(row) and move(self.plan, row.index, delta):
            where = row.index + delta + 1
            self._say(f"Moved to position {where}.")

    def _on_remove(self, row: QuestionRow) -> None:
        if self._stale(row):
            return
        removed = remove(self.plan, row.index)
        self._say(f'Removed "{removed["text"][:60]}".')
