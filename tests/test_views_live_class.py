"""The counsellor's live class view, driven without a browser, on a real class folder."""

from __future__ import annotations

import json
import re

import pytest

from closer_widgets.calibration import Review
from closer_widgets.plan import ClosingPlan
from closer_widgets.session import Session
from closer_widgets.views.live_class import REFUSED, LiveClassView, class_page, counsellor_page
from closer_widgets.workshop.class_folder import ClassFolder, new_key
from closer_widgets.workshop.class_mode import ENV_FOLDER, ClassMode, token_digest

HOSTILE = '<img src=x onerror="window.__pwned=1">'
TOKEN = "the-counsellors-token"


@pytest.fixture
def room(tmp_path):
    return ClassFolder.create(tmp_path / "class")


def hand_in(room, name, company="Northwind Health", key=None):
    key = key or new_key()
    room.seat(key).hand_in(Session(ClosingPlan(participant=name, company=company)))
    return key


def rows(view):
    return view._table.value.count('<tr class="closer-class-row">')


def test_rows_fill_as_hand_ins_arrive_and_nothing_is_sent_when_nothing_changed(room):
    view = LiveClassView(room, expected=25)
    assert "closer-class-view" in view._dom_classes
    assert rows(view) == 0 and "0 of 25 handed in" in view._count.value
    assert "No one has handed in yet" in view._table.value
    keys = [hand_in(room, name) for name in ("Maya", "Tomás", "Aisha")]
    assert view.refresh() is True
    assert rows(view) == 3 and view.handed_in == 3
    assert "3 of 25 handed in" in view._count.value
    before = view._table.value
    assert view.refresh() is False and view._table.value is before
    # Handing in again replaces the row; it does not add one.
    hand_in(room, "Maya", company="Globex", key=keys[0])
    assert view.refresh() is True
    assert rows(view) == 3 and "Globex" in view._table.value
    assert re.search(r"<td>\d\d:\d\d</td>", view._table.value)  # the time of each hand-in


def test_times_follow_the_counsellors_clock_once_the_browser_names_it(room):
    from zoneinfo import ZoneInfo

    hand_in(room, "Maya")
    view = LiveClassView(room)
    (entry,) = view.collection.entries
    on_server = entry.handed_in.strftime("%H:%M")
    assert list(view.table["handed_in"]) == [on_server]
    view.time_zone = "Asia/Kolkata"  # +05:30: never the same minutes as a whole-hour zone
    in_kolkata = entry.handed_in.astimezone(ZoneInfo("Asia/Kolkata")).strftime("%H:%M")
    assert list(view.table["handed_in"]) == [in_kolkata] and in_kolkata in view._table.value


def test_the_expected_count_can_be_typed(room):
    hand_in(room, "Maya")
    view = LiveClassView(room)
    assert "1 handed in" in view._count.value and " of " not in view._count.value
    view._expected.value = 12
    assert view.expected == 12 and "1 of 12 handed in" in view._count.value


def test_names_are_escaped_and_anonymise_hides_them_everywhere(room):
    hand_in(room, HOSTILE, company=HOSTILE)
    hand_in(room, "Maya Lindqvist")
    view = LiveClassView(room)
    assert "<img" not in view._table.value and "&lt;img" in view._table.value
    view._anonymise.value = True
    state = json.dumps([view._table.value, view._who.options, view._skipped.value])
    for name in (HOSTILE, "Maya Lindqvist", "img src"):
        assert name not in state
    assert re.search(r"P-[0-9A-F]{4}", view._table.value)


def test_a_review_goes_back_beside_the_hand_in_and_the_form_stays_on_its_participant(room):
    maya = hand_in(room, "Maya")
    hand_in(room, "Tomás")
    view = LiveClassView(room)
    seat = room.seat(maya)
    view._who.value = seat.hand_in_id
    view._comments.value = "Lead with the ask."
    view._rating.value = 4
    # A hand-in arriving meanwhile keeps the form on Maya, with what was typed.
    hand_in(room, "Aisha")
    view.refresh()
    assert view._who.value == seat.hand_in_id and view._comments.value == "Lead with the ask."
    view._save.click()
    assert view.error == "" and "Saved." in view._saved.value
    review = seat.review()
    assert review.comments == "Lead with the ask." and review.rating == 4
    assert review.session_hash == room.hand_in(seat.hand_in_id).digest
    assert sorted(p.name for p in (room.path / "reviews").iterdir()) == [
        f"{seat.hand_in_id}.review.json"
    ]
    # Coming back to Maya later shows the review on file.
    view._who.value = next(v for _, v in view._who.options if v != seat.hand_in_id)
    view._who.value = seat.hand_in_id
    assert view._comments.value == "Lead with the ask."


def test_charts_are_drawn_only_when_asked_and_never_with_names_once_anonymised(room):
    hand_in(room, "Maya Lindqvist")
    view = LiveClassView(room)
    assert view._charts.value == ""
    view.draw_charts()
    assert "<svg" in view._charts.value and "Maya Lindqvist" in view._charts.value
    hand_in(room, "Tomás")
    view.refresh()
    assert "draw them again" in view._charts_note.value
    view._anonymise.value = True
    assert view._charts.value == ""


def test_the_counsellor_page_needs_the_right_token(room):
    hand_in(room, "Maya Lindqvist")
    mode = ClassMode(room, 25, token_digest(TOKEN))
    for token in (None, "", "wrong", TOKEN.upper()):
        page = counsellor_page(mode, token)
        shown = json.dumps([getattr(w, "value", "") for w in page])
        assert REFUSED in shown and "Maya" not in shown, token
        assert not any(isinstance(w, LiveClassView) for w in page)
    (view,) = counsellor_page(mode, TOKEN)
    assert isinstance(view, LiveClassView) and rows(view) == 1 and view.expected == 25


def test_a_notebook_opens_the_hubs_class_folder_or_a_demo(room, monkeypatch):
    hand_in(room, "Maya")
    monkeypatch.setenv(ENV_FOLDER, str(room.path))
    assert rows(class_page()) == 1
    monkeypatch.delenv(ENV_FOLDER)
    demo = class_page()
    assert rows(demo) == 6 and demo.class_folder.path != room.path


def test_reviews_of_a_folder_left_behind_are_read(room):
    key = hand_in(room, "Maya")
    room.collection()
    room.write_review(room.seat(key).hand_in_id, Review(comments="Kept from before"))
    view = LiveClassView(room)
    assert view._comments.value == "Kept from before"
