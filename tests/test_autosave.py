"""Autosave: debounced, atomic, keeps a .bak, and never destroys a broken file."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from closer_widgets import autosave
from closer_widgets.autosave import Autosaver, backup_path, default_path, restore_or_new
from closer_widgets.plan import ClosingPlan
from closer_widgets.session import Session

ROOT = Path(__file__).resolve().parent.parent


class FakeLoop:
    """Stands in for the kernel's event loop: timers run only when the test says so."""

    def __init__(self):
        self.now = 0.0
        self.timers = []

    def time(self):
        return self.now

    def call_later(self, delay, callback):
        timer = FakeTimer(self.now + delay, callback)
        self.timers.append(timer)
        return timer

    def run_due(self, advance):
        self.now += advance
        for timer in list(self.timers):
            if not timer.cancelled and timer.when <= self.now:
                timer.cancelled = True
                timer.callback()


class FakeTimer:
    def __init__(self, when, callback):
        self.when, self.callback, self.cancelled = when, callback, False

    def cancel(self):
        self.cancelled = True


@pytest.fixture
def loop(monkeypatch):
    fake = FakeLoop()
    monkeypatch.setattr(autosave.asyncio, "get_running_loop", lambda: fake)
    return fake


def saved_company(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))["plan"]["company"]


def test_without_an_event_loop_each_change_is_saved_at_once(tmp_path):
    path = tmp_path / "me.session.json"
    plan = ClosingPlan()
    saver = Autosaver(plan, path)
    plan.company = "Initech"
    assert Session.load(path).plan.company == "Initech"
    assert saver.saves == 1 and saver.saved_at and not saver.pending
    saver.close()


def test_changes_are_debounced_in_a_kernel(tmp_path, loop):
    path = tmp_path / "me.session.json"
    plan = ClosingPlan()
    saver = Autosaver(plan, path, delay=1.0)
    for text in ("I", "In", "Ini", "Initech"):
        plan.company = text
        loop.run_due(0.5)  # typing faster than the delay
    assert not path.exists() and saver.pending
    loop.run_due(1.0)
    assert saved_company(path) == "Initech"
    assert saver.saves == 1 and not saver.pending
    saver.close()


def test_a_long_burst_of_edits_is_still_saved(tmp_path, loop):
    path = tmp_path / "me.session.json"
    plan = ClosingPlan()
    saver = Autosaver(plan, path, delay=1.0)
    for n in range(25):
        plan.statement = "word " * n
        loop.run_due(0.5)
    assert saver.saves >= 1  # never more than delay * MAX_WAIT_FACTOR without a save
    assert Session.load(path).plan.statement
    saver.close()


def test_only_persisted_traits_are_watched(tmp_path, loop):
    plan = ClosingPlan()
    saver = Autosaver(plan, tmp_path / "me.session.json")
    assert set(saver._names) == set(plan.trait_names(persist=True))
    assert {"company", "statement", "questions", "decision_date"} <= set(saver._names)
    saver.close()


def test_flush_saves_now_and_close_stops_watching(tmp_path, loop):
    path = tmp_path / "me.session.json"
    plan = ClosingPlan()
    saver = Autosaver(plan, path)
    plan.role = "QA Lead"
    assert saver.flush() is True
    assert Session.load(path).plan.role == "QA Lead"
    loop.run_due(5)
    assert saver.saves == 1  # the pending timer was cancelled by flush
    plan.role = "QA Manager"
    saver.close()  # saves what was waiting
    assert Session.load(path).plan.role == "QA Manager"
    plan.role = "Something else"
    loop.run_due(5)
    assert Session.load(path).plan.role == "QA Manager"


def test_with_a_real_event_loop(tmp_path):
    path = tmp_path / "me.session.json"

    async def edit_then_wait():
        plan = ClosingPlan()
        saver = Autosaver(plan, path, delay=0.05)
        saved = asyncio.Event()
        saver.observe(lambda change: saved.set(), names="saves")
        plan.company, plan.role = "Initech", "QA Lead"
        assert not path.exists()
        await asyncio.wait_for(saved.wait(), timeout=10)
        saver.close()
        return saver.saves

    assert asyncio.run(edit_then_wait()) == 1
    assert Session.load(path).plan.role == "QA Lead"


def test_previous_version_is_kept_as_bak(tmp_path):
    path = tmp_path / "me.session.json"
    plan = ClosingPlan()
    saver = Autosaver(plan, path)
    plan.company = "First Co"
    plan.company = "Second Co"
    assert saved_company(path) == "Second Co"
    assert saved_company(backup_path(path)) == "First Co"
    saver.close()


def test_a_crash_mid_save_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "me.session.json"
    plan = ClosingPlan(company="Safe Co")
    saver = Autosaver(plan, path)
    saver.flush()
    before = path.read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("closer_widgets.files.os.replace", crash)
    plan.company = "Lost Co"
    assert saver.error.startswith("Your work could not be autosaved")
    assert "No space left on device" in saver.error
    assert path.read_bytes() == before
    leftovers = {p.name for p in tmp_path.iterdir()} - {path.name, backup_path(path).name}
    assert leftovers == set()  # the temporary file was removed
    monkeypatch.undo()
    assert saver.flush() and saver.error == ""
    assert saved_company(path) == "Lost Co"
    saver.close()


# --- restore ------------------------------------------------------------------
def test_restore_a_new_session_when_there_is_no_file(tmp_path):
    plan, notice = restore_or_new(tmp_path / "none.session.json")
    assert plan.to_dict() == ClosingPlan().to_dict()
    assert notice == ""


def test_restore_an_existing_autosave(tmp_path):
    path = tmp_path / "me.session.json"
    Session(ClosingPlan(company="Initech", statement="Thank you.")).save(path)
    plan, notice = restore_or_new(path)
    assert (plan.company, plan.statement) == ("Initech", "Thank you.")
    assert "restored" in notice and "me.session.json" in notice


@pytest.mark.parametrize(
    "content", ["{not json", '{"schema": "something-else", "version": 1}', "\x00\x01\x02"]
)
def test_a_broken_autosave_is_kept_aside(tmp_path, content):
    path = tmp_path / "me.session.json"
    path.write_text(content, encoding="utf-8")
    plan, notice = restore_or_new(path)
    assert plan.to_dict() == ClosingPlan().to_dict()
    assert not path.exists()
    (aside,) = tmp_path.glob("me.session.json.broken-*")
    assert aside.read_text(encoding="utf-8") == content
    assert aside.name in notice and "new session" in notice


def test_a_broken_autosave_falls_back_to_the_bak(tmp_path):
    path = tmp_path / "me.session.json"
    plan = ClosingPlan()
    with Autosaver(plan, path):
        plan.company = "Good Co"
        plan.company = "Good Co Two"
    path.write_text('{"schema": "interview-closer/session", "version": 1, "pl', encoding="utf-8")
    restored, notice = restore_or_new(path)
    assert restored.company == "Good Co"
    assert "version before it was restored" in notice
    assert len(list(tmp_path.glob("me.session.json.broken-*"))) == 1


def test_two_broken_files_in_the_same_second_both_survive(tmp_path):
    path = tmp_path / "me.session.json"
    for content in ("first broken", "second broken"):
        path.write_text(content, encoding="utf-8")
        restore_or_new(path)
    kept = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.broken-*"))
    assert kept == ["first broken", "second broken"]


def test_a_folder_is_not_moved(tmp_path):
    plan, notice = restore_or_new(tmp_path)
    assert tmp_path.is_dir() and "is a folder" in notice


def test_default_path_is_beside_the_notebooks_and_git_ignored(monkeypatch):
    monkeypatch.chdir(ROOT / "notebooks")  # where a notebook's kernel works
    path = default_path()
    assert path == ROOT / "notebooks" / "my_session.session.json"
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "notebooks/*.session.json" in ignored
    assert "notebooks/*.session.json.bak" in ignored


def test_self_study_plan_is_shared_and_saved(tmp_path, monkeypatch):
    from closer_widgets import autosave
    from closer_widgets.session import Session

    path = tmp_path / "mine.session.json"
    monkeypatch.setenv("CLOSER_SESSION", str(path))
    monkeypatch.setattr(autosave, "_SELF_STUDY", {})
    plan = autosave.self_study_plan()
    assert autosave.self_study_plan() is plan
    plan.company = "Shared Co"  # no running loop here, so it saves at once
    assert Session.load(path).plan.company == "Shared Co"
    monkeypatch.setattr(autosave, "_SELF_STUDY", {})
    assert autosave.self_study_plan().company == "Shared Co"  # a new kernel restores it
