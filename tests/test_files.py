"""Atomic writes and capped JSON reads."""

import os
import stat

import pytest

from closer_widgets import files
from closer_widgets.errors import SessionError
from closer_widgets.files import UnsafeTarget, write_atomic


def test_write_atomic_text_bytes_and_backup(tmp_path):
    path = tmp_path / "a.txt"
    files.write_atomic(path, "first")
    files.write_atomic(path, b"second", backup=True)
    assert path.read_text() == "second"
    assert (tmp_path / "a.txt.bak").read_text() == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "a.txt.bak"]


def test_write_atomic_keeps_the_mode_and_is_not_private_when_new(tmp_path):
    path = tmp_path / "new.txt"
    files.write_atomic(path, "x")
    assert stat.S_IMODE(path.stat().st_mode) & 0o044  # readable beyond the owner (usual umask)
    path.chmod(0o600)
    files.write_atomic(path, "y")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "keep.txt"
    path.write_text("old")
    monkeypatch.setattr(files.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("full")))
    with pytest.raises(OSError):
        files.write_atomic(path, "new")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["keep.txt"]


def test_parse_json_messages():
    args = ("'f.json'", SessionError, "a saved session", "Choose another.", 10)
    assert files.parse_json(b'{"a": 1}', *args) == {"a": 1}
    with pytest.raises(
        SessionError, match=r"'f.json' is larger than .* MB, too large to be a saved"
    ):
        files.parse_json(b"x" * 11, *args)
    with pytest.raises(SessionError, match=r"not a saved session \(it is not text\)"):
        files.parse_json(b"\xff\xfe", *args)
    with pytest.raises(SessionError, match=r"cut short\)\. Choose another\.$"):
        files.parse_json('{"a"', *args)


def test_read_capped(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b"y" * 100)
    assert len(files.read_capped(path, SessionError, "session", 10)) == 11
    with pytest.raises(SessionError, match="is a folder, not a session file"):
        files.read_capped(tmp_path, SessionError, "session", 10)


def test_a_link_is_refused_and_left_pointing_where_it_did(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("mine")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(UnsafeTarget, match="is a link, not a file"):
        write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "mine"


def test_a_pipe_a_folder_and_a_device_are_refused(tmp_path):
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    for target, kind in ((pipe, "a device or pipe"), (tmp_path, "a folder")):
        with pytest.raises(UnsafeTarget, match=kind):
            write_atomic(target, "x")
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    with pytest.raises(UnsafeTarget, match="a device or pipe"):
        write_atomic("/dev/null", "x")  # refused before anything is written
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_a_regular_file_or_a_new_name_is_written(tmp_path):
    old = tmp_path / "old.md"
    old.write_text("before")
    write_atomic(old, "after")
    write_atomic(tmp_path / "new.md", "fresh")
    assert old.read_text() == "after" and (tmp_path / "new.md").read_text() == "fresh"
