"""The Save step's hand-in, driven without a browser: real class folder, real files."""

from __future__ import annotations

import pytest

from closer_widgets.calibration import Review
from closer_widgets.plan import ClosingPlan
from closer_widgets.session import Session
from closer_widgets.views.calibration import CalibrationView
from closer_widgets.views.hand_in import STORE_KEY, HandInView
from closer_widgets.workshop import class_folder as folder_module
from closer_widgets.workshop.class_folder import ClassFolder, ClassFolderError, is_key, new_key

HOSTILE = "<script>window.__pwned = 1</script>"


@pytest.fixture
def room(tmp_path):
    return ClassFolder.create(tmp_path / "class")


@pytest.fixture
def plan():
    return ClosingPlan(participant="Maya", company="Northwind Health")


def hand_ins(room):
    return sorted(room.path.glob("*.json"))


def test_the_button_carries_the_contract_class(room, plan):
    view = HandInView(plan, room)
    assert "closer-hand-in" in view.button._dom_classes
    assert view.button.description == "Hand in to your counsellor"
    assert view.store.key == STORE_KEY.format(tag=room.tag)
    assert hand_ins(room) == []  # nothing is written until the button is pressed


def test_a_click_hands_in_and_a_second_replaces_the_first(room, plan):
    view = HandInView(plan, room)
    view.button.click()
    assert view.error == "" and view.handed_in
    assert is_key(view.store.saved)  # kept in the browser for a reload
    (path,) = hand_ins(room)
    assert path.stem == view.hand_in_id
    assert "Handed in at" in view._status.value
    plan.company = "Globex"
    view.button.click()
    (again,) = hand_ins(room)
    assert again == path and Session.load(path).plan.company == "Globex"


def test_after_a_reload_the_kept_key_hands_in_to_the_same_place(room, plan):
    first = HandInView(plan, room)
    first.hand_in()
    kept = first.store.saved
    reloaded = HandInView(ClosingPlan(participant="Maya", company="Initech"), room)
    reloaded.store.set_state({"found": kept})  # what the browser reports on opening
    assert reloaded.handed_in == first.handed_in
    assert "You handed in at" in reloaded._status.value
    reloaded.hand_in()
    (path,) = hand_ins(room)
    assert Session.load(path).plan.company == "Initech"


def test_the_hand_in_time_is_on_the_participants_clock(room, plan):
    from zoneinfo import ZoneInfo

    view = HandInView(plan, room)
    view.hand_in()
    written = view._receipt.at
    assert view.handed_in == written.strftime("%H:%M")  # before the browser says: the server's
    view.time_zone = "Asia/Kolkata"
    in_kolkata = written.astimezone(ZoneInfo("Asia/Kolkata")).strftime("%H:%M")
    assert view.handed_in == in_kolkata and f"Handed in at {in_kolkata}" in view._status.value


def test_forgetting_the_key_makes_the_next_hand_in_a_new_one(room, plan):
    # A shared computer: the next person must not replace the last one's hand-in.
    view = HandInView(plan, room)
    view.hand_in()
    first_id = view.hand_in_id
    room.collection()
    room.write_review(first_id, Review(comments="For Maya"))
    view.check_review()
    assert view.review is not None
    view.forget()
    assert view.store.saved == "" and view.store.forget == 1
    assert view.hand_in_id == "" and view.handed_in == "" and view.review is None
    assert view._status.layout.display == "none" and view._review_note.layout.display == "none"
    view.hand_in()
    assert view.hand_in_id != first_id and len(hand_ins(room)) == 2
    view.check_review()
    assert view.review is None  # Maya's review stays Maya's


@pytest.mark.parametrize("found", ["", "../x", "not a key", "0" * 31])
def test_a_kept_value_that_is_not_a_key_is_ignored(room, plan, found):
    view = HandInView(plan, room)
    view.store.set_state({"found": found})
    assert view.hand_in_id == "" and view.handed_in == ""
    view.hand_in()
    assert is_key(view.store.saved) and view.store.saved != found


def test_a_refused_hand_in_is_told_to_the_participant(room, plan, monkeypatch):
    monkeypatch.setattr(folder_module, "MAX_HAND_INS", 0)
    view = HandInView(plan, room)
    assert view.hand_in() is False
    assert "class folder is full" in view.error
    assert "class folder is full" in view._error.value and view._error.layout.display is None
    assert "closer-error" in view._error._dom_classes
    assert hand_ins(room) == []


def test_an_invalid_session_is_refused_with_a_message(room, plan, monkeypatch):
    monkeypatch.setattr(Session, "dumps", lambda self: "not a session")
    view = HandInView(plan, room)
    assert view.hand_in() is False
    assert view.error.startswith("Your session cannot be handed in")
    assert hand_ins(room) == []


def test_the_name_box_is_the_plans_and_text_is_escaped(room, plan):
    view = HandInView(plan, room)
    view._name.value = HOSTILE
    assert plan.participant == HOSTILE
    assert view.hand_in()
    assert HOSTILE not in view._status.value
    view.error = str(ClassFolderError(HOSTILE))
    assert "<script>" not in view._error.value and "&lt;script&gt;" in view._error.value


def test_the_review_comes_back_to_its_own_participant_only(room, plan):
    mine_calibration = CalibrationView(plan)
    mine = HandInView(plan, room, calibration=mine_calibration)
    theirs = HandInView(ClosingPlan(participant="Tomás"), room, calibration=CalibrationView(plan))
    mine.hand_in()
    theirs.hand_in()
    mine.check_review()
    assert mine.review is None and mine._review_note.layout.display == "none"
    room.collection()
    entry = room.hand_in(mine.hand_in_id)
    review = Review(participant="Maya", session_hash=entry.digest, comments=HOSTILE, rating=4)
    room.write_review(mine.hand_in_id, review)
    mine.check_review()
    theirs.check_review()
    assert mine.review.comments == HOSTILE and theirs.review is None
    assert mine_calibration.review == mine.review
    assert "review is ready" in mine._review_note.value
    assert "earlier" not in mine._review_note.value
    assert HOSTILE not in mine_calibration._table.value  # escaped where it is shown
    assert theirs._review_note.layout.display == "none"
    # Handed in again since: the review is marked as being for the earlier hand-in.
    plan.company = "Globex"
    mine.hand_in()
    assert "written for what you handed in earlier" in mine._review_note.value


def test_a_new_review_replaces_the_one_on_show(room, plan):
    view = HandInView(plan, room)
    view.hand_in()
    room.collection()
    room.write_review(view.hand_in_id, Review(comments="First"))
    view.check_review()
    room.write_review(view.hand_in_id, Review(comments="Second, longer"))
    view.check_review()
    assert view.review.comments == "Second, longer"


def test_no_review_is_looked_for_before_a_hand_in(room, plan):
    other = room.seat(new_key())
    other.hand_in(Session(plan))
    room.collection()
    room.write_review(other.hand_in_id, Review(comments="Not yours"))
    view = HandInView(plan, room)
    view.check_review()
    assert view.review is None
