"""The question browser: filter the bank, read why each question works, add it."""

from __future__ import annotations

from ipywidgets import HTML, Button, Dropdown, HBox, Layout, Text, VBox
from markupsafe import escape
from traitlets import dlink, link

from ..content import as_records, question_records
from ..plan import MAX_ITEMS, ClosingPlan
from ..questions import (
    BOLDNESS_TITLES,
    CATEGORY_TITLES,
    BankFilter,
    add_from_bank,
    added_ids,
    personalise,
)
from .common import LABEL_STYLE, StepView, heading, paragraph

PAGE_SIZE = 20
"""Questions shown at once; 'Show more' adds another page (keeps the page light)."""

CATEGORY_OPTIONS = [("All categories", "")] + [(t, c) for c, t in CATEGORY_TITLES.items()]
BOLDNESS_OPTIONS = [("Any boldness", 0)] + [(t.capitalize(), b) for b, t in BOLDNESS_TITLES.items()]
STAGE_OPTIONS = [
    ("All rounds", ""),
    ("First round", "first"),
    ("Later round", "later"),
    ("Final round", "final"),
]
ADD_LABEL = "Add to my list"
ADDED_LABEL = "Added"
FULL_NOTICE = f"Your list already holds {MAX_ITEMS} questions: remove one to add another."


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


class BankCard(VBox):
    """One bank question on show and its add button.

    Attributes
    ----------
    question_id : str
        Id of the question in the bank.
    text : str
        The question as shown, personalised with the company and role.
    add : ipywidgets.Button
        Reads "Added" (and is disabled) while the question is in the list.
    """

    def __init__(self, row, company: str, role: str, on_add, **kwargs):
        self.question_id = row.id
        self.text = personalise(row.text, company, role)
        self.add = Button(description=ADD_LABEL, tooltip="Add this question to my list")
        self.add.on_click(lambda _button: on_add(self))
        super().__init__([HTML(question_card(row, company, role)), self.add], **kwargs)

    def show_added(self, added: bool) -> None:
        """Label the button for whether the question is in the list."""
        self.add.description = ADDED_LABEL if added else ADD_LABEL
        self.add.tooltip = (
            "This question is in your list" if added else "Add this question to my list"
        )
        self.add.disabled = added


class QuestionBankView(StepView):
    """Browse the question bank and add questions to ``plan.questions``.

    The round filter starts at, and follows, the profile's round (``plan.stage``)
    until the person picks a round here (see :class:`~closer_widgets.questions.BankFilter`).
    Questions show, and are searched, personalised with the company and role; a
    question already in the list, added from here or typed by hand, reads "Added".

    Parameters
    ----------
    plan : ClosingPlan
        Gives company, role and round; receives added questions.
    bank : sequence of records or pandas.DataFrame, optional
        Another bank (tests, benchmarks); the shipped one by default. Kept as
        records, so the view never needs pandas.
    """

    def __init__(self, plan: ClosingPlan, bank=None, **kwargs):
        self.plan = plan
        self.filters = BankFilter()
        for name in ("company", "role"):
            dlink((plan, name), (self.filters, name))
        dlink((plan, "stage"), (self.filters, "profile_stage"))
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
        self._status = HTML()
        self._status.add_class("closer-status")
        self._list = VBox()
        self._list.add_class("closer-bank-list")
        self._more = Button(description="Show more", tooltip="Show more questions")
        self._more.on_click(self._show_more)
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
                self._status,
                self._list,
                self._more,
            ],
            **kwargs,
        )
        self.add_class("closer-question-bank")
        self.filters.observe(self._on_filter, names=["category", "boldness", "stage", "search"])
        self.filters.observe(self.request_render, names=["company", "role"])
        plan.observe(self._on_questions, names="questions")
        self.request_render()

    @property
    def matches(self) -> tuple:
        """The bank records the current filters let through."""
        return self.filters.apply(self._bank)

    @property
    def cards(self) -> tuple[BankCard, ...]:
        """The questions on show, in order."""
        return tuple(self._list.children)

    @property
    def added(self) -> frozenset[str]:
        """Ids of the questions on show that are already in ``plan.questions``."""
        shown = {card.question_id for card in self.cards}
        rows = [row for row in self._bank if row.id in shown]
        return added_ids(self.plan.questions, rows, self.plan.company, self.plan.role)

    def _on_filter(self, change):
        self._shown = PAGE_SIZE  # a new filter starts at the first page again
        self.request_render()

    def _on_questions(self, change):
        # Only the buttons change with the list: no need to rebuild the cards.
        if self.active:
            self._show_added()
        else:
            self.request_render()  # marks the view stale; drawn in full when shown

    def _show_more(self, button):
        self._shown += PAGE_SIZE
        self.request_render()

    def render(self):
        matches = self.matches
        visible = matches[: self._shown]
        total = len(self._bank)
        if matches:
            count = f"{len(matches)} of {total} questions match."
            if self.filters.stage and not self.filters.stage_chosen:
                count += (
                    f" Showing questions for a {self.filters.stage} round, as on your "
                    "profile; choose All rounds to see every question."
                )
        else:
            count = (
                "No question matches these filters. Clear the search or choose another category."
            )
        self._count.value = f'<p role="status">{escape(count)}</p>'
        self._status.value = ""
        company, role = self.plan.company, self.plan.role
        self._list.children = [BankCard(row, company, role, self._add) for row in visible]
        self._show_added()
        self._more.layout.display = None if len(matches) > len(visible) else "none"

    def _show_added(self):
        added = self.added
        for card in self.cards:
            card.show_added(card.question_id in added)

    def _add(self, card: BankCard):
        added = add_from_bank(self.plan, card.question_id, self._bank)
        # A refusal of a question not in the list can only mean the list is full.
        full = not added and card.question_id not in self.added
        self._status.value = f'<p role="status">{escape(FULL_NOTICE)}</p>' if full else ""
        self._show_added()
