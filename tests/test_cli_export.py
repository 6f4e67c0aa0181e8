"""`closer export`: writes in the working folder, exits 2 with one line on bad input.

Every command runs in a scratch working folder (``workdir``), never the repository's
root, and the sessions it reads sit in another folder: so a test sees where an
export lands, and nothing is ever written into the repository.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from closer_widgets.plan import ClosingPlan
from closer_widgets.session import Session


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    """The working folder of every command: a scratch folder, not the repository."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def closer(*args):
    return subprocess.run(
        [sys.executable, "-m", "closer_widgets.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=Path.cwd(),  # the workdir fixture's scratch folder
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
def sessions(tmp_path):
    """A folder of sessions apart from the working folder (a class folder, a shared drive)."""
    folder = tmp_path / "sessions"
    folder.mkdir()
    return folder


@pytest.fixture
def session_file(sessions, sample_session_path):
    path = sessions / "maya.json"
    shutil.copy(sample_session_path, path)
    return path


@pytest.mark.parametrize("fmt, suffix", [("md", ".md"), ("html", ".html"), ("docx", ".docx")])
def test_export_writes_in_the_working_folder_and_prints_where(session_file, workdir, fmt, suffix):
    before = sorted(p.name for p in session_file.parent.iterdir())
    data = session_file.read_bytes()
    result = closer("export", session_file, "--format", fmt)
    assert result.returncode == 0, result.stderr
    out = workdir / f"maya{suffix}"
    assert result.stdout.strip() == str(out)
    assert out.stat().st_size > 0
    # Nothing is added beside the session, and the session itself is only read.
    assert sorted(p.name for p in session_file.parent.iterdir()) == before
    assert session_file.read_bytes() == data


def test_a_relative_session_path_exports_under_its_own_name(session_file, workdir):
    result = closer("export", "../sessions/maya.json", "--format", "md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(workdir / "maya.md")
    assert (workdir / "maya.md").is_file()


def test_a_session_in_the_working_folder_is_exported_beside_it(session_file, workdir):
    shutil.copy(session_file, workdir / "mine.session.json")
    result = closer("export", "mine.session.json", "--format", "md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(workdir / "mine.session.md")


def test_a_session_named_like_its_export_is_not_overwritten(session_file, workdir):
    # `closer export notes.md --format md` in the session's own folder would write onto it.
    own = workdir / "notes.md"
    shutil.copy(session_file, own)
    before = own.read_bytes()
    result = closer("export", "notes.md", "--format", "md")
    assert_one_line_error(result, "notes.md", "-o")
    assert own.read_bytes() == before


def test_export_calendar_to_a_chosen_file(sessions, tmp_path):
    decision = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    path = sessions / "s.json"
    Session(ClosingPlan(company="Acme", decision_date=decision)).save(path)
    out = tmp_path / "reminders.ics"
    result = closer("export", path, "--format", "ics", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert b"They expect to decide (Acme)" in out.read_bytes()  # the decision date too


def test_bad_session_file_exits_2_with_one_line(sessions, workdir):
    bad = sessions / "notes.json"
    bad.write_text("these are my notes, not a session", encoding="utf-8")
    before = bad.read_bytes()
    result = closer("export", bad, "--format", "md")
    assert_one_line_error(result, "notes.json", "not a saved session")
    assert bad.read_bytes() == before
    assert not bad.with_suffix(".md").exists()
    assert list(workdir.iterdir()) == []


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


def test_calendar_without_decision_date_has_the_reminders(sessions, workdir):
    import icalendar

    path = sessions / "s.json"
    Session(ClosingPlan(company="Acme")).save(path)
    before = path.read_bytes()
    result = closer("export", path, "--format", "ics")
    assert result.returncode == 0, result.stderr
    events = icalendar.Calendar.from_ical((workdir / "s.ics").read_bytes()).walk("VEVENT")
    assert len(events) == 3  # thank-you, keep going, check-in: no decision date to add
    assert path.read_bytes() == before


def test_calendar_with_a_past_decision_date_exits_2(sessions, workdir):
    path = sessions / "s.json"
    Session(ClosingPlan(company="Acme", decision_date="2020-01-03")).save(path)
    result = closer("export", path, "--format", "ics")
    assert_one_line_error(result, "already passed")
    assert list(workdir.iterdir()) == []
    assert not path.with_suffix(".ics").exists()


def test_exporting_the_sample_writes_in_the_working_folder_not_into_data(
    workdir, sample_session_path
):
    # `closer export data/examples/sample_session.json --format md`, run from a scratch folder.
    examples = sample_session_path.parent
    before = sorted(p.name for p in examples.iterdir())
    result = closer("export", sample_session_path, "--format", "md")
    assert result.returncode == 0, result.stderr
    out = workdir / "sample_session.md"
    assert result.stdout.strip() == str(out)
    assert "Northwind Health" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in examples.iterdir()) == before  # data/examples/ untouched
    assert not (examples / "sample_session.md").exists()


def test_exporting_the_packaged_sample_in_process_writes_in_the_working_folder(workdir):
    from closer_widgets.cli import main
    from closer_widgets.content import DATA_DIR

    sample = DATA_DIR / "examples" / "sample_session.json"
    before = sorted(p.name for p in sample.parent.iterdir())
    assert main(["export", str(sample), "--format", "md"]) == 0
    assert (workdir / "sample_session.md").is_file()
    assert sorted(p.name for p in sample.parent.iterdir()) == before  # data/ untouched


def test_export_refuses_to_replace_a_link_or_a_pipe(workdir, session_file):
    real = workdir / "mine.md"
    real.write_text("keep me")
    (workdir / "link.md").symlink_to(real)
    result = closer("export", session_file, "--format", "md", "-o", "link.md")
    assert_one_line_error(result, "'link.md' is a link, not a file")
    assert (workdir / "link.md").is_symlink() and real.read_text() == "keep me"
    os.mkfifo(workdir / "pipe.md")
    result = closer("export", session_file, "--format", "md", "-o", "pipe.md")
    assert_one_line_error(result, "'pipe.md' is a device or pipe")


def test_export_to_standard_output_writes_no_file(workdir, session_file):
    result = closer("export", session_file, "--format", "md", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Closing plan: Data Analyst at Northwind Health")
    assert list(workdir.iterdir()) == []
