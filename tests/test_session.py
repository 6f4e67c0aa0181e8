"""Session files: round trip, atomic save, and every kind of bad file."""

from __future__ import annotations

import json
import os

import pytest

from closer_widgets.errors import SessionError
from closer_widgets.plan import ClosingPlan
from closer_widgets.session import MAX_BYTES, SCHEMA, VERSION, Session


def test_sample_session_loads(sample_session_path):
    loaded = Session.load(sample_session_path)
    assert loaded.plan.company == "Northwind Health"
    assert len(loaded.plan.strengths) == 3
    assert loaded.plan.statement


def test_round_trip(tmp_path, plan):
    plan.topics = ["dashboards", "team rituals"]
    path = Session(plan).save(tmp_path / "s.json")
    data = json.loads(path.read_text())
    assert data["schema"] == SCHEMA and data["version"] == VERSION and data["saved_at"]
    assert Session.load(path).plan.to_dict() == plan.to_dict()
    assert Session.from_dict(Session(plan).to_dict()).plan.to_dict() == plan.to_dict()


def test_save_keeps_a_backup(tmp_path, plan):
    path = tmp_path / "s.json"
    Session(plan).save(path, backup=True)
    plan.company = "Second"
    Session(plan).save(path, backup=True)
    assert Session.load(path).plan.company == "Second"
    assert Session.load(tmp_path / "s.json.bak").plan.company == "Northwind Health"


def test_a_crash_mid_save_leaves_the_old_file(tmp_path, plan, monkeypatch):
    path = Session(plan).save(tmp_path / "s.json")
    before = path.read_bytes()

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr("closer_widgets.files.os.replace", crash)
    plan.company = "Changed"
    with pytest.raises(OSError):
        Session(plan).save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def write(tmp_path, content: bytes | str, name="bad.json"):
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


GOOD = {"schema": SCHEMA, "version": 1, "plan": {"company": "Acme"}}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("hello", "not JSON"),
        ('{"schema": "interview-closer/session", "version": 1, "plan": {"comp', "cut short"),
        (json.dumps({"schema": "other", "version": 1}), "wrong schema"),
        (json.dumps([1, 2]), "wrong schema"),
        (json.dumps({**GOOD, "version": 99}), "newer Interview Closer"),
        (json.dumps({**GOOD, "version": "one"}), "no valid version"),
        (json.dumps({**GOOD, "plan": "x"}), "no plan"),
        (json.dumps({**GOOD, "plan": {"strengths": "lots"}}), "field 'strengths': expected a list"),
        (
            json.dumps({**GOOD, "plan": {"stage": "semi"}}),
            "field 'stage': it must be one of 'first', 'later', 'final'",
        ),
        (b"\xff\xfe\x00garbage", "not text"),
    ],
)
def test_bad_files_raise_a_clear_message(tmp_path, content, expected):
    path = write(tmp_path, content)
    with pytest.raises(SessionError) as info:
        Session.load(path)
    message = str(info.value)
    assert expected in message
    assert "'bad.json'" in message
    assert "\n" not in message


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    path = write(tmp_path, b" " * (MAX_BYTES + 10))
    with pytest.raises(SessionError, match="larger than 1 MB"):
        Session.load(path)


def test_missing_path_and_folder(tmp_path):
    with pytest.raises(SessionError, match="does not exist"):
        Session.load(tmp_path / "nope.json")
    with pytest.raises(SessionError, match="is a folder"):
        Session.load(tmp_path)


def test_older_versions_are_migrated(monkeypatch):
    monkeypatch.setattr(Session, "VERSION", 2)
    monkeypatch.setattr(
        Session,
        "MIGRATIONS",
        {1: lambda d: {**d, "version": 2, "plan": {**d["plan"], "role": "migrated"}}},
    )
    loaded = Session.from_dict(dict(GOOD))
    assert loaded.plan.role == "migrated" and loaded.plan.company == "Acme"


def test_session_error_is_a_value_error():
    assert issubclass(SessionError, ValueError)


def test_load_never_modifies_the_file(tmp_path):
    path = write(tmp_path, json.dumps(GOOD))
    stat = os.stat(path)
    Session.load(path)
    assert os.stat(path).st_mtime_ns == stat.st_mtime_ns
    assert ClosingPlan.from_dict(GOOD["plan"]).company == "Acme"
