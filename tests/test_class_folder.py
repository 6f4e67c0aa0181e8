"""The class folder of a live workshop: real files, hand-ins in, reviews out, nothing else."""

from __future__ import annotations

import json
import os
import re

import pytest

from closer_widgets.calibration import Review
from closer_widgets.plan import ClosingPlan
from closer_widgets.session import MAX_BYTES, Session
from closer_widgets.workshop import class_folder as module
from closer_widgets.workshop import class_table, participant_code, table_html
from closer_widgets.workshop.class_folder import (
    ClassFolder,
    ClassFolderError,
    HandIn,
    clock_text,
    hand_in_id,
    is_key,
    new_key,
)

HOSTILE = '<img src=x onerror="window.__pwned=1">'


def tree(root):
    """Every path under ``root``, relative, as text."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


@pytest.fixture
def room(tmp_path):
    """tmp_path/class as the class folder, with tmp_path around it to watch for strays."""
    return ClassFolder.create(tmp_path / "class")


def session_of(name="Maya", company="Northwind Health") -> Session:
    return Session(ClosingPlan(participant=name, company=company))


# --- clock times ---------------------------------------------------------------------
def test_a_time_is_shown_on_the_visitors_clock_when_their_zone_is_known():
    import datetime as dt

    at = dt.datetime(2026, 12, 3, 9, 5, tzinfo=dt.timezone.utc)
    assert clock_text(at, "Asia/Kolkata") == "14:35"
    assert clock_text(at, "America/New_York") == "04:05"
    assert clock_text(None, "Asia/Kolkata") == ""


@pytest.mark.parametrize("zone", ["", "Nowhere/Land", "Europe", "../etc/passwd", "x" * 300])
def test_an_unknown_zone_falls_back_to_the_servers_clock(zone):
    import datetime as dt

    at = dt.datetime(2026, 12, 3, 9, 5, tzinfo=dt.timezone.utc)
    assert clock_text(at, zone) == at.strftime("%H:%M")


# --- ids ---------------------------------------------------------------------------
def test_keys_are_random_hex_and_ids_their_hash():
    key, other = new_key(), new_key()
    assert key != other and is_key(key) and re.fullmatch(r"[0-9a-f]{32}", key)
    assert hand_in_id(key) == hand_in_id(key) != hand_in_id(other)
    assert re.fullmatch(r"[0-9a-f]{16}", hand_in_id(key))
    assert hand_in_id(key) not in key  # the file name does not give the key away


@pytest.mark.parametrize(
    "bad", ["../x", "", "A" * 32, "0" * 31, "0" * 33, "../" + "0" * 29, None, 12, "0" * 31 + "\n"]
)
def test_a_malformed_key_opens_no_seat(room, bad):
    with pytest.raises(ClassFolderError):
        room.seat(bad)


# --- handing in --------------------------------------------------------------------
def test_a_hand_in_is_one_file_named_by_the_key_hash_never_by_the_name(room, tmp_path):
    key = new_key()
    seat = room.seat(key)
    receipt = seat.hand_in(session_of(name="../x"))
    assert tree(tmp_path) == ["class", f"class/{hand_in_id(key)}.json", "class/reviews"]
    data = json.loads((room.path / f"{seat.hand_in_id}.json").read_text(encoding="utf-8"))
    assert data["plan"]["participant"] == "../x" and data["saved_at"]
    assert re.fullmatch(r"\d\d:\d\d", receipt.time_text)
    assert seat.handed_in() == receipt


def test_handing_in_again_replaces_the_earlier_hand_in(room):
    seat = room.seat(new_key())
    first = seat.hand_in(session_of(company="Initech"))
    second = seat.hand_in(session_of(company="Globex"))
    files = sorted(p.name for p in room.path.glob("*.json"))
    assert files == [f"{seat.hand_in_id}.json"]
    assert Session.load(room.path / files[0]).plan.company == "Globex"
    assert first.digest != second.digest
    # Another browser is another participant.
    room.seat(new_key()).hand_in(session_of(name="Tomás"))
    assert len(list(room.path.glob("*.json"))) == 2


def test_a_session_over_the_size_cap_is_refused_with_a_message(room):
    seat = room.seat(new_key())
    raw = (
        Session(ClosingPlan())
        .dumps()
        .replace('"plan"', '"padding": "' + "x" * MAX_BYTES + '", "plan"')
    )
    with pytest.raises(ClassFolderError, match=r"larger than 1 MB, too large to be handed in"):
        seat.hand_in(raw)
    assert not list(room.path.glob("*.json"))


@pytest.mark.parametrize(
    "raw",
    [
        b"Dear Sam, thank you",
        b'{"schema": "interview-closer/review", "version": 1}',
        b'{"schema": "interview-closer/session", "version": 99, "plan": {}}',
        b'{"schema": "interview-closer/session", "version": 2, "plan": {"stage": "never"}}',
        b"\xff\xfe",
    ],
)
def test_an_invalid_session_is_refused_with_a_message_and_nothing_written(room, raw):
    with pytest.raises(ClassFolderError) as refused:
        room.seat(new_key()).hand_in(raw)
    message = str(refused.value)
    assert message.startswith("Your session cannot be handed in") and "Download" in message
    assert "\n" not in message
    assert not list(room.path.glob("*.json"))


def test_a_valid_session_as_text_is_handed_in(room):
    seat = room.seat(new_key())
    seat.hand_in(session_of().dumps())
    assert seat.handed_in() is not None


def test_a_full_class_refuses_a_new_participant_but_not_an_old_one(room, monkeypatch):
    monkeypatch.setattr(module, "MAX_HAND_INS", 2)
    first = room.seat(new_key())
    first.hand_in(session_of())
    room.seat(new_key()).hand_in(session_of())
    with pytest.raises(ClassFolderError, match="class folder is full"):
        room.seat(new_key()).hand_in(session_of())
    first.hand_in(session_of(company="Globex"))  # replacing is always possible
    assert len(list(room.path.glob("*.json"))) == 2


def test_a_disk_error_is_one_sentence_for_the_participant(room, monkeypatch):
    def refuse(path, data, backup=False):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "write_atomic", refuse)
    with pytest.raises(ClassFolderError, match=r"could not be saved on the server \(No space"):
        room.seat(new_key()).hand_in(session_of())


def test_a_link_planted_at_a_hand_in_is_never_written_through(room, tmp_path):
    seat = room.seat(new_key())
    target = tmp_path / "elsewhere.txt"
    target.write_text("untouched")
    (room.path / f"{seat.hand_in_id}.json").symlink_to(target)
    with pytest.raises(ClassFolderError, match="could not be saved on the server"):
        seat.hand_in(session_of())
    assert target.read_text() == "untouched"


# --- the folder itself ---------------------------------------------------------------
def test_create_makes_the_folder_and_refuses_a_file(tmp_path):
    folder = ClassFolder.create(tmp_path / "a" / "b")
    assert folder.path == (tmp_path / "a" / "b").resolve() and (folder.path / "reviews").is_dir()
    (tmp_path / "file").write_text("x")
    with pytest.raises(ClassFolderError, match="is a file"):
        ClassFolder.create(tmp_path / "file")
    with pytest.raises(ClassFolderError, match="does not exist"):
        ClassFolder(tmp_path / "missing")


def test_the_tag_names_the_folder_stably(tmp_path):
    one, again = ClassFolder.create(tmp_path / "one"), ClassFolder(tmp_path / "one")
    assert one.tag == again.tag != ClassFolder.create(tmp_path / "two").tag


# --- the counsellor's listing --------------------------------------------------------
def test_the_listing_reads_each_hand_in_once_and_is_the_same_object_when_nothing_changed(room):
    seats = [room.seat(new_key()) for _ in range(3)]
    for number, seat in enumerate(seats):
        seat.hand_in(session_of(name=f"P{number}"))
    collection = room.collection()
    assert [e.name for e in collection.entries] == ["P0", "P1", "P2"]
    assert all(isinstance(e, HandIn) for e in collection.entries)
    assert room.collection() is collection
    kept = {e.hand_in_id: e for e in collection.entries}
    seats[1].hand_in(session_of(name="P1", company="Globex"))
    changed = room.collection()
    assert changed is not collection and len(changed) == 3
    again = {e.hand_in_id: e for e in changed.entries}
    assert again[seats[0].hand_in_id] is kept[seats[0].hand_in_id]  # not read again
    assert again[seats[1].hand_in_id].plan.company == "Globex"


def test_other_files_are_listed_as_skipped_and_never_read_as_hand_ins(room, tmp_path):
    room.seat(new_key()).hand_in(session_of())
    (room.path / "notes.txt").write_text("hello")
    (room.path / "maya.json").write_text(session_of().dumps())  # a session, not a hand-in
    (room.path / ".0123456789abcdef.json.x1.tmp").write_text("half")  # a save in progress
    (room.path / "0123456789abcdef.json").write_text("{cut")  # broken
    outside = tmp_path / "secret.json"
    outside.write_text(session_of(name="Secret").dumps())
    (room.path / "fedcba9876543210.json").symlink_to(outside)
    Review(participant="x").save(room.path / "reviews" / "0000000000000000.review.json")
    collection = room.collection()
    assert [e.name for e in collection.entries] == ["Maya"]
    reasons = dict(collection.skipped)
    assert set(reasons) == {
        "notes.txt",
        "maya.json",
        "0123456789abcdef.json",
        "fedcba9876543210.json",
    }
    assert "not handed in from the dashboard" in reasons["maya.json"]
    assert "link" in reasons["fedcba9876543210.json"]
    assert "Secret" not in json.dumps(collection.skipped)


def test_a_nameless_participant_is_shown_by_a_short_id_and_codes_survive_a_new_hand_in(room):
    seat = room.seat(new_key())
    seat.hand_in(Session(ClosingPlan()))
    (entry,) = room.collection().entries
    assert entry.name == f"Participant {seat.hand_in_id[:4]}"
    code = room.collection().codes()
    seat.hand_in(Session(ClosingPlan(company="Globex")))
    assert room.collection().codes() == code
    assert code[0] == participant_code("hand-in", seat.hand_in_id)


def test_hostile_names_are_escaped_in_the_table(room):
    room.seat(new_key()).hand_in(session_of(name=HOSTILE, company=HOSTILE))
    html = str(table_html(class_table(room.collection()), row_class="closer-class-row"))
    assert "<img" not in html and "&lt;img" in html
    assert html.count('<tr class="closer-class-row">') == 1


# --- reviews ------------------------------------------------------------------------
def test_a_review_goes_beside_the_hand_in_and_only_its_own_seat_reads_it(room, tmp_path):
    mine, theirs = room.seat(new_key()), room.seat(new_key())
    mine.hand_in(session_of(name="Maya"))
    theirs.hand_in(session_of(name="Tomás"))
    room.collection()
    assert mine.review() is None and mine.review_stamp() is None
    path = room.write_review(mine.hand_in_id, Review(participant="Maya", comments="Good ask."))
    assert path == room.path / "reviews" / f"{mine.hand_in_id}.review.json"
    assert mine.review().comments == "Good ask." and mine.review_stamp() is not None
    assert theirs.review() is None
    assert room.read_review(mine.hand_in_id).comments == "Good ask."
    assert room.read_review(theirs.hand_in_id) is None
    assert tree(tmp_path).count(f"class/reviews/{mine.hand_in_id}.review.json") == 1


@pytest.mark.parametrize("bad", ["../x", "../../etc/passwd", "", "0" * 15, "Z" * 16, None])
def test_a_review_for_a_malformed_id_is_refused_and_nothing_is_written(room, tmp_path, bad):
    room.seat(new_key()).hand_in(session_of())
    room.collection()
    before = tree(tmp_path)
    with pytest.raises(ClassFolderError):
        room.write_review(bad, Review())
    assert room.read_review(bad) is None
    assert tree(tmp_path) == before


def test_a_review_is_only_written_for_a_hand_in_on_file(room):
    with pytest.raises(ClassFolderError, match="no hand-in with that id"):
        room.write_review("0123456789abcdef", Review())


def test_a_hub_layout_one_folder_per_user(tmp_path):
    """Each user's server mounts only DIR/<user>; the counsellor's mounts DIR."""
    root = ClassFolder.create(tmp_path / "class")
    alice = ClassFolder.create(root.path / "alice")
    seat = alice.seat(new_key())
    seat.hand_in(Session(ClosingPlan()))
    (entry,) = root.collection().entries
    assert entry.name == "alice" and entry.filename == f"alice/{seat.hand_in_id}.json"
    path = root.write_review(seat.hand_in_id, Review(comments="Seen."))
    assert path == alice.path / "reviews" / f"{seat.hand_in_id}.review.json"
    assert seat.review().comments == "Seen."
    # A reviews folder planted as a link in a user's folder is never written through.
    bob = ClassFolder.create(root.path / "bob")
    (bob.path / "reviews").rmdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (bob.path / "reviews").symlink_to(elsewhere)
    bob_seat = bob.seat(new_key())
    bob_seat.hand_in(Session(ClosingPlan()))
    root.collection()
    with pytest.raises(ClassFolderError, match="is a link"):
        root.write_review(bob_seat.hand_in_id, Review())
    assert os.listdir(elsewhere) == []
