"""CounsellorView and CalibrationView, driven without a browser."""

from __future__ import annotations

import base64
import json
import re
from html import escape

import pytest

from closer_widgets.calibration import Review, content_hash
from closer_widgets.plan import ClosingPlan
from closer_widgets.session import Session
from closer_widgets.views.calibration import CalibrationView
from closer_widgets.views.file_picker import PickedFile
from closer_widgets.views.workshop import CounsellorView
from closer_widgets.workshop import DEMO_NAMES, collect, demo_class

N = 4
NAMES = DEMO_NAMES[:N]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return demo_class(tmp_path_factory.mktemp("class"), n=N, seed=1)


@pytest.fixture(scope="module")
def loaded(folder):
    """One view for the read-only checks (drawing the charts takes a moment)."""
    return CounsellorView(folder)


def shown_text(view: CounsellorView) -> str:
    """Everything the view shows as text: HTML widgets and dropdown labels."""
    parts = [view._table.value, view._charts.value, view._skipped.value, view._status.value]
    parts += [label for label, _ in view._who.options]
    return "\n".join(parts)


# --- CounsellorView ------------------------------------------------------------
def test_loading_a_folder_fills_table_charts_and_skipped(loaded):
    view = loaded
    assert view.mode == "folder" and view.error == ""
    assert len(view.table) == N
    assert view._table.value.count("<tr") == N + 1  # header and one row each
    for name in NAMES:
        assert escape(name) in view._table.value
    assert view._charts.value.count("<svg") == 4
    assert "unfinished.json" in view._skipped.value
    assert view.status == f"{N} sessions loaded, 2 files skipped."
    assert len(view._who.options) == N and view._who.value == view.collection.entries[0].digest


def test_anonymise_removes_every_name_and_brings_them_back(loaded):
    view = loaded
    view._anonymise.value = True  # as the checkbox is ticked
    assert view.anonymise
    text = shown_text(view).lower()
    for name in NAMES:
        assert escape(name).lower() not in text and name.split()[0].lower() not in text
    for path in view.collection.folder.glob("*.json"):
        assert path.stem.lower() not in text
    assert re.search(r"P-[0-9A-F]{4}", view._table.value)
    view._anonymise.value = False
    assert escape(NAMES[0]) in view._table.value


def test_a_missing_folder_is_reported_and_the_class_stays(loaded, tmp_path):
    view = loaded
    before = view.collection
    view._folder.value = str(tmp_path / "no-such-folder")
    view._load.click()
    assert "does not exist" in view.error and "no-such-folder" in view.error
    assert "closer-error" in view._error._dom_classes and 'role="alert"' in view._error.value
    assert view.collection is before and len(view.table) == N
    view._folder.value = "  "
    view._load.click()
    assert "Type the path" in view.error


def test_save_a_review_into_the_reviews_folder(folder):
    view = CounsellorView(folder)
    entry = view.collection.entries[1]
    view._who.value = entry.digest
    view._said["interest"].value = True
    view._said["ask"].value = True
    view._mistakes.value = ("pushy",)
    view._rating.value = 3
    view._comments.value = "Lovely recap. <b>Slow down</b>."
    view._save.click()
    assert view.error == ""
    saved = Review.load(view.review_path)
    assert view.review_path.startswith(str(folder / "reviews"))
    assert saved.participant == entry.plan.participant
    assert saved.session_hash == content_hash((folder / entry.filename).read_bytes())
    assert saved.elements["interest"] and saved.elements["ask"] and not saved.elements["thanks"]
    assert (saved.mistakes, saved.rating) == (["pushy"], 3)
    assert saved.comments == "Lovely recap. <b>Slow down</b>."
    # The reviews folder is not part of the class.
    again = collect(folder)
    assert len(again) == N and not any("review" in name for name, _ in again.skipped)
    # Coming back to the participant later shows the saved review.
    fresh = CounsellorView(folder)
    fresh._who.value = entry.digest
    assert fresh._rating.value == 3 and fresh._said["ask"].value


def test_unsaved_ratings_survive_switching_participant(loaded):
    view = loaded
    first, second = (e.digest for e in view.collection.entries[:2])
    view._who.value = first
    view._comments.value = "draft for the first"
    view._said["thanks"].value = True
    view._who.value = second
    assert view._comments.value != "draft for the first"
    view._who.value = first
    assert view._comments.value == "draft for the first" and view._said["thanks"].value


def test_reviews_never_go_into_the_sessions_folder(folder):
    view = CounsellorView(folder)
    view._reviews_folder.value = str(folder)
    view._save.click()
    assert "sessions folder" in view.error
    assert not list(folder.glob("review-*.json"))


def test_upload_mode_offers_the_review_as_a_download(sample_session_path):
    view = CounsellorView()
    assert view.mode == "none" and "No session loaded" in view._table.value
    view._save.click()
    assert "no participant" in view.error.lower()
    raw = sample_session_path.read_bytes()
    view._upload.pick(
        [PickedFile("maya.json", len(raw), raw), PickedFile("notes.txt", 5, b"hello")]
    )
    assert view.mode == "upload" and len(view.table) == 1
    assert "notes.txt" in view._skipped.value
    assert view._reviews_folder.layout.display == "none"
    view._rating.value = 5
    view._save.click()
    link = view._saved.value
    assert view.error == "" and view.review_path == ""
    match = re.search(
        r'download="(review-P-[0-9A-F]{8}\.json)" href="data:application/json;base64,([^"]+)"', link
    )
    assert match, link
    review = Review.loads(base64.b64decode(match.group(2)))
    assert review.rating == 5 and review.session_hash == content_hash(raw)


def test_user_text_is_escaped_everywhere(sample_session_path):
    session = Session.load(sample_session_path)
    session.plan.participant = "<script>alert('p')</script>"
    session.plan.company = "<img src=x onerror=alert(1)>"
    view = CounsellorView()
    raw = session.dumps().encode()
    view._upload.pick([PickedFile("<b>evil</b>.json", len(raw), raw)])
    view._rating.value = 1
    view._save.click()
    for html in (view._table.value, view._charts.value, view._skipped.value, view._saved.value):
        assert "<script>" not in html and "<img src=x" not in html and "<b>evil" not in html
    assert "&lt;script&gt;" in view._table.value


def test_a_folder_of_broken_files_says_so(tmp_path):
    (tmp_path / "bad.json").write_text("[1, 2", encoding="utf-8")
    view = CounsellorView(tmp_path)
    assert view.error == "" and len(view.table) == 0
    assert "No valid session" in view._table.value and "bad.json" in view._skipped.value
    assert view._who.options == () and view._charts.value == ""


# --- CalibrationView -----------------------------------------------------------
@pytest.fixture
def participant_plan():
    plan = ClosingPlan(participant="Maya Lindqvist")
    plan.rehearsals = [
        {"seconds": 70, "said": ["interest", "skills"], "mistakes": ["pushy"], "confidence": 4}
    ]
    return plan


def review_bytes(**fields) -> bytes:
    review = Review(
        participant="Maya Lindqvist",
        elements={"interest": True, "thanks": True},
        rating=2,
        comments="<img src=x onerror=alert(1)> keep the recap",
        **fields,
    )
    return review.dumps().encode()


def test_a_session_too_large_to_send_is_listed_as_skipped(sample_session_path):
    view = CounsellorView()
    raw = sample_session_path.read_bytes()
    view._upload.pick(
        [
            PickedFile("maya.json", len(raw), raw),
            PickedFile("huge.json", 9_000_000, None, "too_large"),
        ]
    )
    assert len(view.collection.entries) == 1
    (skipped,) = view.collection.skipped
    assert skipped.filename == "huge.json" and "larger than 1 MB" in skipped.reason


def choose_review(view, name, raw):
    """A review file chosen in the calibration view's picker, as the browser sends it."""
    view._upload.pick([PickedFile(name, len(raw), raw)])


def test_calibration_shows_both_views_and_marks_differences(participant_plan):
    view = CalibrationView(participant_plan)
    choose_review(view, "review.json", review_bytes())
    assert view.error == "" and view.review is not None
    differing = [row for row in view.rows if row.differs]
    assert {(r.kind, r.id) for r in differing} == {
        ("element", "skills"),
        ("element", "thanks"),
        ("mistake", "pushy"),
        ("rating", "overall"),
    }
    html = view._table.value
    assert html.count('class="is-different"') == len(differing)
    assert html.count("Differs: ") == len(differing)  # not shown by colour alone
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert view._note.value == ""


def test_calibration_follows_new_rehearsals(participant_plan):
    view = CalibrationView(participant_plan)
    choose_review(view, "review.json", review_bytes())
    participant_plan.rehearsals = [
        *participant_plan.rehearsals,
        {"seconds": 65, "said": ["interest", "thanks"], "mistakes": [], "confidence": 2},
    ]
    assert not any(row.differs for row in view.rows)
    assert "agree on every line" in view._table.value


def test_a_bad_review_file_is_explained_and_the_last_one_kept(participant_plan):
    view = CalibrationView(participant_plan)
    choose_review(view, "review.json", review_bytes())
    rows = view.rows
    choose_review(view, "holiday.json", json.dumps({"a": 1}).encode())
    assert "'holiday.json' is not a counsellor's review" in view.error
    assert 'role="alert"' in view._error.value
    assert view.rows == rows


def test_a_review_for_someone_else_is_flagged(participant_plan):
    participant_plan.participant = "Tomás Herrera"
    view = CalibrationView(participant_plan)
    choose_review(view, "review.json", review_bytes())
    assert "written for Maya Lindqvist" in view._note.value


def test_errors_can_go_to_the_dashboard_error_area(participant_plan):
    shown = []
    view = CalibrationView(participant_plan, on_error=shown.append)
    choose_review(view, "notes.json", b"{oops")
    assert shown and "'notes.json' is not a counsellor's review" in shown[-1]
    assert view._error.value == "" and "closer-error" not in view._error._dom_classes
    choose_review(view, "review.json", review_bytes())
    assert shown[-1] == "" and view.review is not None


def test_hiding_the_reviews_folder_hides_nothing_else(sample_session_path):
    """Upload mode hides the reviews folder box; the boxes sharing the wide layout stay."""
    view = CounsellorView()
    raw = sample_session_path.read_bytes()
    view._upload.pick([PickedFile("a.json", len(raw), raw)])
    assert view._reviews_folder.layout.display == "none"
    assert view._who.layout.display is None and view._mistakes.layout.display is None
    assert view._folder.layout.display is None


def test_served_by_voila_the_page_reads_and_writes_no_typed_folder(tmp_path):
    from closer_widgets.workshop.access import FolderAccess

    view = CounsellorView(access=FolderAccess(allowed=False))
    assert view._folder not in _all_children(view) and view._upload in _all_children(view)
    view._folder.value = str(tmp_path)
    view._on_load(None)
    assert "upload the session files instead" in view.error and view.mode == "none"


def _all_children(widget) -> list:
    found = []
    for child in getattr(widget, "children", ()):
        found += [child, *_all_children(child)]
    return found


def test_served_by_voila_a_host_folder_is_read_and_its_reviews_downloaded(
    tmp_path, sample_session_path
):
    from closer_widgets.workshop.access import FolderAccess

    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "maya.json").write_bytes(sample_session_path.read_bytes())
    view = CounsellorView(folder, access=FolderAccess(allowed=False))  # the notebook's code
    assert view.mode == "folder" and len(view.table) == 1
    assert view._reviews_folder.layout.display == "none"
    view._reviews_folder.value = str(tmp_path / "chosen-by-a-visitor")
    view._rating.value = 4
    view._save.click()
    assert 'download="review-' in view._saved.value and view.review_path == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class"]  # nothing written
    assert sorted(p.name for p in folder.iterdir()) == ["maya.json"]
