"""`closer export`: writes beside the session, exits 2 with one line on bad input."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from closer_widgets.plan import ClosingPlan
from closer_widgets.session import Session

ROOT = Path(__file__).resolve().parent.parent


def closer(*args):
    return subprocess.run(
        [sys.executable, "-m", "closer_widgets.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def assert_one_line_error(result, *words):
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


@pytest.fixture
def session_file(tmp_path, sample_session_path):
    path = tmp_path / "maya.json"
    shutil.copy(sample_session_path, path)
    return path


@pytest.mark.parametrize("fmt, suffix", [("md", ".md"), ("html", ".html"), ("docx", ".docx")])
def test_export_writes_beside_the_session(session_file, fmt, suffix):
    before = session_file.read_bytes()
    result = closer("export", session_file, "--format", fmt)
    assert result.returncode == 0, result.stderr
    out = session_file.with_suffix(suffix)
    assert result.stdout.strip() == str(out)
    assert out.stat().st_size > 0
    assert session_file.read_bytes() == before


def test_export_calendar_to_a_chosen_file(tmp_path):
    decision = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    path = tmp_path / "s.json"
    Session(ClosingPlan(company="Acme", decision_date=decision)).save(path)
    out = tmp_path / "reminders.ics"
    result = closer("export", path, "--format", "ics", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert b"They expect to decide (Acme)" in out.read_bytes()  # the decision date too


def test_bad_session_file_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text("these are my notes, not a session", encoding="utf-8")
    before = bad.read_bytes()
    result = closer("export", bad, "--format", "md")
    assert_one_line_error(result, "notes.json", "not a saved session")
    assert bad.read_bytes() == before
    assert not bad.with_suffix(".md").exists()


def test_missing_session_file(tmp_path):
    assert_one_line_error(
        closer("export", tmp_path / "nope.json", "--format", "md"), "nope.json", "does not exist"
    )


def test_unknown_format_exits_2(session_file):
    result = closer("export", session_file, "--format", "pdf")
    assert_one_line_error(result, "pdf")


def test_output_onto_the_input_is_refused(session_file):
    before = session_file.read_bytes()
    result = closer("export", session_file, "--format", "md", "-o", session_file)
    assert_one_line_error(result, "maya.json")
    assert session_file.read_bytes() == before


def test_calendar_without_decision_date_has_the_reminders(tmp_path):
    import icalendar

    path = tmp_path / "s.json"
    Session(ClosingPlan(company="Acme")).save(path)
    before = path.read_bytes()
    result = closer("export", path, "--format", "ics")
    assert result.returncode == 0, result.stderr
    events = icalendar.Calendar.from_ical(path.with_suffix(".ics").read_bytes()).walk("VEVENT")
    assert len(events) == 3  # thank-you, keep going, check-in: no decision date to add
    assert path.read_bytes() == before


def test_calendar_with_a_past_decision_date_exits_2(tmp_path):
    path = tmp_path / "s.json"
    Session(ClosingPlan(company="Acme", decision_date="2020-01-03")).save(path)
    result = closer("export", path, "--format", "ics")
    assert_one_line_error(result, "already passed")
    assert not path.with_suffix(".ics").exists()


def test_exporting_the_shipped_sample_writes_in_the_working_folder(tmp_path, monkeypatch):
    from closer_widgets.content import DATA_DIR

    sample = DATA_DIR / "examples" / "sample_session.json"
    before = sorted(p.name for p in sample.parent.iterdir())
    monkeypatch.chdir(tmp_path)
    from closer_widgets.cli import main

    assert main(["export", str(sample), "--format", "md"]) == 0
    assert (tmp_path / "sample_session.md").is_file()
    assert sorted(p.name for p in sample.parent.iterdir()) == before  # data/ untouched
