"""Counsellor reviews: the file format, and the comparison with the participant's self-check."""

from __future__ import annotations

import json

import pytest

from closer_widgets.calibration import (
    SCHEMA,
    Review,
    ReviewError,
    calibration,
    content_hash,
)
from closer_widgets.content import ELEMENT_IDS
from closer_widgets.errors import SessionError
from closer_widgets.plan import ClosingPlan


@pytest.fixture
def review():
    return Review(
        participant="Maya Lindqvist",
        session_hash=content_hash(b"a session"),
        elements={"interest": True, "thanks": True},
        mistakes=["reading-from-notes"],
        rating=2,
        comments="Slow down at the recap.\nLook up from the notes.",
    )


def test_round_trip_through_a_file(tmp_path, review):
    path = review.save(tmp_path / "r.json")
    loaded = Review.load(path)
    assert loaded == review  # saved_at is stamped on both by save()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA and data["version"] == 1
    assert set(data["elements"]) == set(ELEMENT_IDS)
    assert data["elements"]["interest"] is True and data["elements"]["skills"] is False
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left


def test_save_replaces_an_older_review_but_never_another_file(
    tmp_path, review, sample_session_path
):
    path = review.save(tmp_path / "r.json")
    review.rating = 4
    review.save(path)
    assert Review.load(path).rating == 4
    session = tmp_path / "session.json"
    session.write_bytes(sample_session_path.read_bytes())
    with pytest.raises(ReviewError, match="already exists and is not a review"):
        review.save(session)
    assert session.read_bytes() == sample_session_path.read_bytes()


def test_content_hash_is_sha256_hex():
    assert content_hash(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", "not JSON"),
        ('{"schema": "interview-closer/session", "version": 1}', "wrong schema"),
        ('{"schema": "interview-closer/review", "version": 7}', "newer Interview Closer"),
        ('{"schema": "interview-closer/review", "version": "1"}', "no valid version"),
        ('{"schema": "interview-closer/review", "version": 1, "rating": 9}', "from 1 to 5"),
        ('{"schema": "interview-closer/review", "version": 1, "rating": true}', "from 1 to 5"),
        (
            '{"schema": "interview-closer/review", "version": 1, "elements": {"charm": true}}',
            "unknown element 'charm'",
        ),
        (
            '{"schema": "interview-closer/review", "version": 1, "elements": {"ask": "yes"}}',
            "yes/no",
        ),
        ('{"schema": "interview-closer/review", "version": 1, "mistakes": "pushy"}', "list of ids"),
        ('{"schema": "interview-closer/review", "version": 1, "comments": 3}', "not text"),
    ],
)
def test_bad_files_get_one_clear_sentence(tmp_path, text, words):
    path = tmp_path / "from-counsellor.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReviewError) as info:
        Review.load(path)
    message = str(info.value)
    assert isinstance(info.value, SessionError)
    assert words in message and "'from-counsellor.json'" in message and "\n" not in message


def test_missing_and_oversized_files(tmp_path):
    with pytest.raises(ReviewError, match="does not exist"):
        Review.load(tmp_path / "nope.json")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 300_000)
    with pytest.raises(ReviewError, match="too large"):
        Review.load(big)


def test_a_rating_out_of_range_is_refused_in_code_too():
    with pytest.raises(ReviewError):
        Review(rating=6)


def test_unknown_mistake_ids_are_kept_for_newer_content(tmp_path):
    data = Review(mistakes=["a-mistake-from-a-newer-list"]).to_dict()
    assert Review.from_dict(data).mistakes == ["a-mistake-from-a-newer-list"]


# --- calibration ---------------------------------------------------------------
def plan_with_check(said, mistakes, confidence) -> ClosingPlan:
    plan = ClosingPlan(participant="Maya Lindqvist")
    plan.rehearsals = [
        {"seconds": 80, "said": ["ask"], "mistakes": [], "confidence": 1},
        {"seconds": 70, "said": said, "mistakes": mistakes, "confidence": confidence},
    ]
    return plan


def test_calibration_compares_the_last_self_check(review):
    plan = plan_with_check(["interest", "skills"], ["pushy"], 4)
    rows = {(row.kind, row.id): row for row in calibration(plan, review)}
    assert [key for key in rows if key[0] == "element"] == [("element", e) for e in ELEMENT_IDS]
    interest = rows[("element", "interest")]
    assert (interest.self_view, interest.counsellor_view, interest.differs) == ("yes", "yes", False)
    skills = rows[("element", "skills")]
    assert (skills.self_view, skills.counsellor_view, skills.differs) == ("yes", "no", True)
    assert "did not hear" in skills.note
    thanks = rows[("element", "thanks")]
    assert thanks.differs and "did not tick" in thanks.note
    assert not rows[("element", "ask")].differs  # the first attempt's 'ask' does not count
    pushy = rows[("mistake", "pushy")]
    assert (pushy.self_view, pushy.counsellor_view, pushy.differs) == ("yes", "no", True)
    notes = rows[("mistake", "reading-from-notes")]
    assert notes.label == "Reading the close from notes" and notes.differs
    rating = rows[("rating", "overall")]
    assert (rating.self_view, rating.counsellor_view, rating.differs) == ("4", "2", True)
    assert "higher" in rating.note
    assert list(rows)[-1] == ("rating", "overall")


def test_agreement_flags_nothing(review):
    plan = plan_with_check(["interest", "thanks"], ["reading-from-notes"], 2)
    rows = calibration(plan, review)
    assert not any(row.differs for row in rows)
    assert all(row.note == "" for row in rows)


def test_without_a_self_check_nothing_is_flagged(review):
    rows = calibration(ClosingPlan(), review)
    assert not any(row.differs for row in rows)
    assert {row.self_view for row in rows} == {"not checked"}
    assert rows[-1].counsellor_view == "2"
    assert rows[0].to_dict()["kind"] == "element"


def test_an_unrated_review_does_not_flag_the_rating():
    plan = plan_with_check(["interest"], [], 3)
    row = calibration(plan, Review())[-1]
    assert (row.self_view, row.counsellor_view, row.differs) == ("3", "not rated", False)


RECORDED = {
    "seconds": 75.0,
    "source": "recording",
    "speaking_seconds": 60.0,
    "pauses": 2,
    "longest_pause": 1.5,
    "lead_silence": 1.0,
    "trail_silence": 1.0,
}


def test_a_recorded_take_is_no_self_check(review):
    # A take ticks no parts and gives no rating: the last timed attempt stays the self-check.
    plan = plan_with_check(["interest", "thanks"], ["reading-from-notes"], 2)
    plan.rehearsals = [*plan.rehearsals, RECORDED]
    rows = calibration(plan, review)
    assert not any(row.differs for row in rows)
    assert rows[-1].self_view == "2"
    # With recorded takes only, nothing was self-checked, so nothing is flagged.
    plan.rehearsals = [RECORDED]
    rows = calibration(plan, review)
    assert {row.self_view for row in rows} == {"not checked"}
    assert not any(row.differs for row in rows)


def test_a_crafted_review_is_cleaned_or_refused_in_one_sentence():
    data = json.loads(Review(participant="Maya", rating=3).dumps())
    data["participant"] = "Maya\u202eFDP.exe"
    data["comments"] = "Good\x00 close.\ud800"
    review = Review.loads(json.dumps(data).encode())
    assert review.participant == "MayaFDP.exe" and review.comments == "Good close."
    for raw in (b"[" * 400_000, json.dumps({**data, "rating": float("nan")}).encode()):
        with pytest.raises(ReviewError, match=r"^'r.json' ") as caught:
            Review.loads(raw, "'r.json'")
        assert "\n" not in str(caught.value)
