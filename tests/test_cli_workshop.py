"""`closer workshop DIR -o report.html --csv table.csv`, run as a real process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from closer_widgets.workshop import demo_class

ROOT = Path(__file__).resolve().parent.parent


def closer(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "closer_widgets.cli", "workshop", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_writes_the_report_and_the_csv(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    demo_class(folder, n=5, seed=2)
    report, table = tmp_path / "out" / "report.html", tmp_path / "out" / "table.csv"
    report.parent.mkdir()
    result = closer(str(folder), "-o", str(report), "--csv", str(table))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"5 sessions, 2 skipped -> {report}, table -> {table}"
    assert result.stderr == ""
    assert report.read_text(encoding="utf-8").lower().startswith("<!doctype html>")
    rows = pd.read_csv(table)
    assert len(rows) == 5 and {"participant", "interest", "speaking_seconds"} <= set(rows.columns)


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_bad_folder_exits_2_with_one_line(tmp_path, kind):
    target = tmp_path / "class-of-2026"
    if kind == "file":
        target.write_text("not a folder", encoding="utf-8")
    out = tmp_path / "report.html"
    result = closer(str(target), "-o", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("closer workshop: ") and "class-of-2026" in lines[0]
    assert result.stdout == "" and not out.exists()


def test_a_crafted_file_is_skipped_and_the_rest_of_the_class_reported(
    tmp_path, sample_session_path
):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "maya.json").write_bytes(sample_session_path.read_bytes())
    (folder / "deep.json").write_text("[" * 400_000)
    (folder / "surrogate.json").write_text(
        sample_session_path.read_text().replace("Maya Lindqvist", "\\ud800")
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "closer_widgets.cli",
            "workshop",
            str(folder),
            "-o",
            str(tmp_path / "r.html"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "deep.json" in report and "nested too deeply" in report


def test_the_report_can_go_to_standard_output(tmp_path, sample_session_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "maya.json").write_bytes(sample_session_path.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "closer_widgets.cli", "workshop", str(folder), "-o", "-"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!doctype html>") and "Maya Lindqvist" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class"]  # no file written
