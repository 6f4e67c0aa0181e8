"""The question browser: filter the bank, read why each question works, add it."""

from __future__ import annotations

from html import escape

from ipywidgets import HTML, Button, Dropdown, HBox, Layout, Text, VBox
from traitlets import link

from ..content import as_records, question_records
from ..plan import ClosingPlan
from ..questions import (
    BOLDNESS_TITLES,
    CATEGORY_TITLES,
    BankFilter,
    add_from_bank,
    personalise,
)
from .common import LABEL_STYLE, heading, paragraph

PAGE_SIZE = 20
"""Questions shown at once; 'Show more' adds another page (keeps the page light)."""

CATEGORY_OPTIONS = [("All categories", "")] + [(t, c) for c, t in CATEGORY_TITLES.items()]
BOLDNESS_OPTIONS = [("Any boldness", 0)] + [(t.capitalize(), b) for b, t in BOLDNESS_TITLES.items()]
STAGE_OPTIONS = [
    ("Any round", ""),
    ("First round", "first"),
    ("Later round", "later"),
    ("Final round", "final"),
]


def question_card(row, company: str, role: str) -> str:
    """HTML for one bank question (a record); every value is escaped here."""
    text = personalise(row.text, company, role)
    tags = "".join(
        f'<span class="closer-tag">{escape(tag)}</span>'
        for tag in (
            CATEGORY_TITLES[row.category],
            BOLDNESS_TITLES[int(row.boldness)],
            f"{row.stage} round" if row.stage != "any" else "any round",
        )
    )
    return (
        f'<div class="closer-card" data-question-id="{escape(row.id)}">'
        f'<p class="closer-q-text">{escape(text)}</p><p>{tags}</p>'
        f'<p class="closer-why"><b>Why it works:</b> {escape(row.why)}</p>'
        f'<p class="closer-avoid"><b>Avoid if:</b> {escape(row.avoid_if)}</p></div>'
    )


class QuestionBankView(VBox):
    """Browse the question bank and add questions to ``plan.questions``.

    Parameters
    ----------
    plan : ClosingPlan
        Gives company and role for the placeholders; receives added questions.
    bank : sequence of records or pandas.DataFrame, optional
        Another bank (tests, benchmarks); the shipped one by default. Kept as
        records, so the view never needs pandas.
    """

    def __init__(self, plan: ClosingPlan, bank=None, **kwargs):
        self.plan = plan
        self.filters = BankFilter()
        self._bank = question_records() if bank is None else as_records(bank)
        self._shown = PAGE_SIZE
        self._category = Dropdown(
            description="Category", options=CATEGORY_OPTIONS, style=LABEL_STYLE
        )
        self._boldness = Dropdown(
            description="Boldness", options=BOLDNESS_OPTIONS, style=LABEL_STYLE
        )
        self._stage = Dropdown(description="Round", options=STAGE_OPTIONS, style=LABEL_STYLE)
        self._search = Text(
            description="Search", placeholder="words in the question", style=LABEL_STYLE
        )
        for name, widget in (
            ("category", self._category),
            ("boldness", self._boldness),
            ("stage", self._stage),
            ("search", self._search),
        ):
            link((self.filters, name), (widget, "value"))
        self._count = HTML()
        self._count.add_class("closer-count")
        self._list = VBox()
        self._list.add_class("closer-bank-list")
        self._more = Button(description="Show more", tooltip="Show more questions")
        self._more.on_click(self._show_more)
        self.filters.observe(self._on_filter, names=["category", "boldness", "stage", "search"])
        plan.observe(self._on_profile, names=["company", "role"])
        super().__init__(
            [
                heading("Question bank"),
                paragraph(
                    "Filter the bank, read why each question works and when to skip it, "
                    "then add the ones that fit your interview."
                ),
                HBox(
                    [self._category, self._boldness, self._stage],
                    layout=Layout(flex_flow="row wrap"),
                ),
                self._search,
                self._count,
                self._list,
                self._more,
            ],
            **kwargs,
        )
        self.add_class("closer-question-bank")
        self._render()

    @property
    def matches(self) -> tuple:
        """The bank records the current filters let through."""
        return self.filters.apply(self._bank)

    def _on_filter(self, change):
        self._shown = PAGE_SIZE
        self._render()

    def _on_profile(self, change):
        self._render()

    def _show_more(self, button):
        self._shown += PAGE_SIZE
        self._render()

    def _render(self):
        matches = self.matches
        visible = matches[: self._shown]
        total = len(self._bank)
        self._count.value = (
            f'<p role="status">{len(matches)} of {total} questions match.</p>'
            if len(matches)
            else '<p role="status">No question matches these filters. Clear the search or '
            "choose another category.</p>"
        )
        rows = []
        for row in visible:
            card = HTML(question_card(row, self.plan.company, self.plan.role))
            add = Button(description="Add to my list", tooltip="Add this question to my list")
            add.question_id = row.id
            add.on_click(self._add)
            rows.append(VBox([card, add]))
        self._list.children = rows
        self._more.layout.display = None if len(matches) > len(visible) else "none"

    def _add(self, button):
        if add_from_bank(self.plan, button.question_id, self._bank):
            button.description = "Added"
        else:
            button.description = "Already in my list"
        button.disabled = True
