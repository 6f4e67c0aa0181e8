"""The interest step: what draws the candidate to this job, tied to their own experience.

It also holds :class:`PairListView`, the editor of rows of two texts that the
interest, strengths and concerns steps share, with the coaching shown beside each
row (:mod:`closer_widgets.talking_points`).
"""

from __future__ import annotations

from ipywidgets import HTML, Button, HBox, Layout, Textarea, VBox
from markupsafe import escape
from traitlets import List

from ..coaching import Coaching
from ..content import element_records, fill_placeholders
from ..plan import ITEM_FIELDS, MAX_ITEMS, ClosingPlan
from ..talking_points import ROW_INPUTS, ROW_TRAITS
from .common import LABEL_STYLE, StepView, heading, paragraph

FIELD_LAYOUT = {"width": "min(24rem, 100%)"}


def coaching_html(element_id: str, company: str = "", role: str = "") -> str:
    """The element's prompt and two examples as HTML, with company and role filled in."""
    row = next(row for row in element_records() if row.id == element_id)
    prompt, first, second = (
        escape(fill_placeholders(text, company, role))
        for text in (row.prompt, row.example_1, row.example_2)
    )
    return (
        f'<div class="closer-card"><p><b>Ask yourself:</b> {prompt}</p>'
        f"<p><b>For example:</b></p><ul><li>{first}</li><li>{second}</li></ul></div>"
    )


def row_notes_html(notes) -> str:
    """The coaching beside one row as HTML: a bold title, then the message (escaped here).

    The title says in words what the note is about, so the note is not told by its
    colour alone. Empty when the row needs nothing.
    """
    if not notes:
        return ""
    items = "".join(
        f'<p class="closer-row-note closer-notice is-{escape(note.severity)} '
        f'closer-row-note-{escape(note.id)}"><b>{escape(note.title)}:</b> '
        f"{escape(note.message)}</p>"
        for note in notes
    )
    return f'<div class="closer-row-notes" role="status">{items}</div>'


class _Row:
    """The widgets of one row: two labelled texts, a remove button and a note."""

    def __init__(self, labels, placeholders, noun: str):
        # Boxes of two lines with their labels above: people write whole sentences here.
        self.first, self.second = (
            Textarea(placeholder=text, rows=2, style=LABEL_STYLE, layout=FIELD_LAYOUT)
            for text in placeholders
        )
        self.remove = Button(description="Remove", layout=Layout(width="auto"))
        self.note = HTML()
        self.labels = labels
        self.noun = noun
        self.box = VBox(
            [
                HBox([self.first, self.second, self.remove], layout=Layout(flex_flow="row wrap")),
                self.note,
            ]
        )
        self.box.add_class("closer-pair-row")
        self.box.add_class("closer-card")

    def number(self, index: int) -> None:
        # Numbered labels keep every input's name unique for screen readers.
        self.first.description = f"{self.labels[0]} {index}"
        self.second.description = f"{self.labels[1]} {index}"
        # The visible word stays short; the tooltip says which row it removes.
        self.remove.tooltip = f"Remove {self.noun} {index} from the list"


class PairListView(StepView):
    """Editable rows of two texts bound to one list trait of a :class:`ClosingPlan`.

    The rows are the source of truth while the candidate types; the plan gets a
    new list on every change (its list traits must be replaced, not mutated).
    Rows left blank are not saved. When the plan changes from outside (a loaded
    session), the rows are rebuilt from it.

    Beside each row it shows the row's coaching, worked out by
    :func:`closer_widgets.talking_points.coach_rows` once, in the plan's
    :class:`~closer_widgets.coaching.Coaching` model (``row_notes``). A note made
    for an earlier version of a row is not shown. While the
    step is hidden it draws nothing (see :class:`~.common.StepView`).

    Parameters
    ----------
    plan : ClosingPlan
        The plan to bind to.
    trait : str
        ``attractions``, ``strengths`` or ``concerns``.
    element : str
        Element id whose prompt and examples are shown.
    labels : tuple of str
        Labels of the two texts of a row (numbered per row).
    placeholders : tuple of str
        Example values shown in empty texts.
    noun : str
        What a row is, for the remove buttons ("strength 2").
    title, intro : str
        Heading and first paragraph of the step.
    max_rows : int
        Most rows allowed.
    """

    shown_notes = List(
        help="The coaching shown beside each row, top to bottom: one tuple of "
        "RowNote (closer_widgets.talking_points) per row, empty when the row is fine."
    )

    def __init__(
        self,
        plan: ClosingPlan,
        *,
        trait: str,
        element: str,
        labels,
        placeholders,
        noun: str,
        title: str,
        intro: str,
        max_rows: int = MAX_ITEMS,
        **kwargs,
    ):
        self.plan = plan
        self.trait = trait
        self.element = element
        self.max_rows = max_rows
        self._keys = tuple(ITEM_FIELDS[trait])[:2]
        self._labels, self._placeholders, self._noun = labels, placeholders, noun
        self._rows: list[_Row] = []
        self._syncing = False
        self._coaching = HTML()
        self._list = VBox()
        self._list.add_class(f"closer-{trait}-rows")
        self._add = Button(description="Add another", tooltip=f"Add another {noun}")
        self._add.on_click(self._on_add)
        self._count = HTML()
        super().__init__(
            [heading(title), paragraph(intro), self._coaching, self._list, self._add, self._count],
            **kwargs,
        )
        self.add_class(f"closer-{trait}")
        plan.observe(self._on_plan, names=[trait])
        # The prompt names the company and role, and so do the notes.
        plan.observe(self.request_render, names=sorted(ROW_INPUTS - set(ROW_TRAITS)))
        # The one derived-state model works the notes out once for every step.
        self._model = Coaching.of(plan)
        self._model.want("row_notes")
        self._model.observe(self.request_render, names="row_notes")
        self._load(getattr(plan, trait))
        self.request_render()

    # --- public helpers for tests and other views ------------------------------
    @property
    def rows(self) -> list:
        """The (first, second) text widgets of each row, top to bottom."""
        return [(row.first, row.second) for row in self._rows]

    @property
    def add_button(self) -> Button:
        """The "Add another" button."""
        return self._add

    def remove_button(self, index: int) -> Button:
        """The remove button of row ``index`` (0-based)."""
        return self._rows[index].remove

    def note(self, index: int) -> HTML:
        """The note under row ``index`` (empty when there is nothing to say)."""
        return self._rows[index].note

    # --- drawing -------------------------------------------------------------------
    def _notes(self) -> tuple:
        return tuple(self._model.row_notes.get(self.trait, ()))

    def render(self) -> None:
        """Follow the plan's list, then draw the prompt and the notes beside each row."""
        if self._stored(getattr(self.plan, self.trait)) != self._items():
            self._load(getattr(self.plan, self.trait))
        self._coaching.value = coaching_html(self.element, self.plan.company, self.plan.role)
        by_row: dict[int, list] = {}
        for note in self._notes():
            by_row.setdefault(note.row, []).append(note)
        shown, index = [], 0
        for row in self._rows:
            item = self._item(row)
            notes = ()
            if item is not None:
                source = tuple(item[key] for key in self._keys)
                notes = tuple(n for n in by_row.get(index, ()) if n.source == source)
                index += 1
            row.note.value = row_notes_html(notes)
            shown.append(notes)
        self.shown_notes = shown

    # --- binding ---------------------------------------------------------------------
    def _item(self, row: _Row) -> dict | None:
        """A row as the plan stores it (cleaned), or None for a blank row."""
        values = (row.first.value, row.second.value)
        if not any(value.strip() for value in values):
            return None
        return {
            key: value.strip()[: ITEM_FIELDS[self.trait][key]]
            for key, value in zip(self._keys, values, strict=True)
        }

    def _items(self) -> list:
        """The rows as the plan will store them: cleaned, blank rows left out."""
        return [item for item in map(self._item, self._rows) if item is not None]

    def _stored(self, items) -> list:
        return [{key: item.get(key, "") for key in self._keys} for item in items]

    def _push(self, change=None) -> None:
        if self._syncing:
            return
        items = self._items()
        if self._stored(getattr(self.plan, self.trait)) != items:
            self._syncing = True
            try:
                setattr(self.plan, self.trait, items)
            finally:
                self._syncing = False
        # Also when the plan did not change (a trailing space): a note made for what
        # the row said before must not stay beside what it says now.
        self.request_render()

    def _on_plan(self, change) -> None:
        if not self._syncing:
            self.request_render()

    def _load(self, items) -> None:
        """Rebuild the rows from the plan (always at least one row to type into)."""
        self._syncing = True
        try:
            values = [tuple(item.get(key, "") for key in self._keys) for item in items]
            values = values[: self.max_rows] or [("", "")]
            self._rows = [self._new_row() for _ in values]
            for row, (first, second) in zip(self._rows, values, strict=True):
                row.first.value, row.second.value = first, second
        finally:
            self._syncing = False
        self._relayout()

    def _new_row(self) -> _Row:
        row = _Row(self._labels, self._placeholders, self._noun)
        row.first.observe(self._push, names="value")
        row.second.observe(self._push, names="value")
        row.remove.on_click(lambda _, r=row: self._on_remove(r))
        return row

    def _relayout(self) -> None:
        for index, row in enumerate(self._rows, start=1):
            row.number(index)
        self._list.children = [row.box for row in self._rows]
        full = len(self._rows) >= self.max_rows
        self._add.disabled = full
        self._count.value = (
            f'<p class="closer-count" role="status">That is the most this step takes '
            f"({self.max_rows}): pick the strongest.</p>"
            if full
            else ""
        )

    def _on_add(self, button=None) -> None:
        if len(self._rows) >= self.max_rows:
            return
        row = self._new_row()
        self._rows.append(row)
        self._relayout()
        self.request_render()
        if hasattr(row.first, "focus"):
            row.first.focus()  # keyboard users land in the new row

    def _on_remove(self, row: _Row) -> None:
        if row not in self._rows:
            return
        self._rows.remove(row)
        if not self._rows:
            self._rows.append(self._new_row())
        self._relayout()
        self._push()


class InterestView(PairListView):
    """What draws the candidate to the role, each linked to their own experience (A1, A2).

    Beside each row: an aspect with no link to the candidate, or one that could be
    said of any employer (wording in ``data/talking_points.csv``).
    """

    def __init__(self, plan: ClosingPlan, **kwargs):
        super().__init__(
            plan,
            trait="attractions",
            element="interest",
            labels=("What draws you", "How it links to you"),
            placeholders=(
                "e.g. the weekly customer testing",
                "e.g. I ran customer tests for our last launch",
            ),
            noun="attraction",
            title="Why you want this job",
            intro=(
                "Name the things about this role or the way the company works that draw "
                "you, and tie each one to something you have done or want to do. Specific "
                "beats flattering: praise that could fit any company is soon forgotten."
            ),
            **kwargs,
        )
