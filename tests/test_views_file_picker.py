"""FilePicker: the files the browser's messages carry reach the callbacks; nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from closer_widgets.errors import SessionError
from closer_widgets.session import Session
from closer_widgets.views import file_picker
from closer_widgets.views.file_picker import MAX_FILES, FilePicker, PickedFile, read_document


def message(picker, buffers=(), **fields):
    """Deliver one message as the page's script sends it (the widget's comm message)."""
    content = {"batch": 1, "index": 0, "count": 1, "name": "a.json", "size": 2, "kind": "file"}
    content.update(fields)
    picker._handle_custom_msg(content, list(buffers))


@pytest.fixture
def received():
    picker = FilePicker(max_bytes=10)
    got = []
    picker.on_pick(got.append)
    return picker, got


def test_a_choice_arrives_whole_once_every_file_is_in(received):
    picker, got = received
    message(picker, [memoryview(b"{}")], count=2, index=1, name="b.json")
    assert got == []  # the first of two has not arrived yet
    message(picker, [b"[]"], count=2, index=0, name="a.json")
    assert got == [[PickedFile("a.json", 2, b"[]"), PickedFile("b.json", 2, b"{}")]]
    assert picker.picks == 1


def test_files_refused_by_the_browser_arrive_without_content(received):
    picker, got = received
    message(picker, kind="too_large", size=5_000_000, name="big.json")
    message(picker, batch=2, kind="unreadable", name="gone.json")
    assert got == [
        [PickedFile("big.json", 5_000_000, None, "too_large")],
        [PickedFile("gone.json", 2, None, "unreadable")],
    ]


def test_the_size_is_checked_again_in_the_kernel(received):
    picker, got = received
    message(picker, [b"x" * 11], size=1)  # a crafted message lying about its size
    assert got == [[PickedFile("a.json", 1, None, "too_large")]]


@pytest.mark.parametrize(
    "fields",
    [
        {"batch": "x"},
        {"count": MAX_FILES + 1},
        {"index": 3, "count": 2},
        {"index": -1},
        {"size": "huge"},
        {"name": None, "batch": None},
    ],
)
def test_a_message_that_does_not_fit_is_dropped(received, fields):
    picker, got = received
    message(picker, [b"{}"], **fields)
    assert got == [] and picker.picks == 0


def test_long_names_are_cut(received):
    picker, got = received
    message(picker, [b"{}"], name="n" * 1000)
    assert len(got[0][0].name) == 200


def test_read_document_explains_a_file_that_never_arrived(sample_session_path):
    raw = sample_session_path.read_bytes()
    assert read_document(Session, PickedFile("s.json", len(raw), raw)).plan.company
    with pytest.raises(SessionError, match="'big.json' is larger than 1 MB"):
        read_document(Session, PickedFile("big.json", 2_000_000, None, "too_large"))
    with pytest.raises(SessionError, match="could not be read by this browser"):
        read_document(Session, PickedFile("", 1, None, "unreadable"))


def test_the_script_is_a_static_module_in_the_package():
    source = (Path(file_picker.__file__).parent / "static" / "file_picker.js").read_text()
    assert "export default" in source and "max_bytes" in source
