"""The `closer` command: usage errors exit 2 with one line, no traceback.

Commands run in a scratch working folder (tmp_path), never the repository's root,
so nothing they write can land in the repository.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from closer_widgets import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    """The working folder of every command, in-process or not: a scratch folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "closer_widgets.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=Path.cwd(),  # the workdir fixture's scratch folder
        timeout=120,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["serve", "--port", "not-a-number"],
        ["serve", "--colour"],
        ["serve", "--port", "70000"],
        ["serve", "--pool", "-1"],
        ["serve", "--pool", "many"],
        ["serve", "--pool", "5000"],
        ["serve", "--class"],
        ["serve", "--class", ""],
        ["serve", "--class-size", "12"],
        ["serve", "--class", "room", "--class-size", "0"],
        ["serve", "--class", "room", "--class-size", "many"],
        ["export", "x.json"],
        ["export", "x.json", "--format", "pdf"],
        ["feedback"],
        [],
    ],
)
def test_bad_usage_exits_2_with_one_line(args):
    result = run(*args)
    assert result.returncode == 2
    if args:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_every_contract_command():
    result = run("--help")
    assert result.returncode == 0
    for command in ("serve", "lab", "feedback", "export", "workshop"):
        assert command in result.stdout


def test_serve_builds_the_voila_command(monkeypatch):
    seen = {}

    def fake_exec(command, cwd):
        seen.update(command=command, cwd=cwd)
        return 0

    monkeypatch.setattr(cli, "_exec", fake_exec)
    assert cli.main(["serve", "--port", "9001", "--no-browser"]) == 0
    command = seen["command"]
    assert command[1:3] == ["-m", "closer_widgets.server"]  # Voilà, kernels bound to visitors
    assert "notebooks/dashboard.ipynb" in command
    assert "--Voila.ip=127.0.0.1" in command and "--port=9001" in command
    assert "--no-browser" in command
    assert seen["cwd"] == ROOT  # where voila.json is read from


def test_pool_sized_to_the_room(monkeypatch):
    seen = {}
    monkeypatch.setattr(cli, "_exec", lambda command, cwd: seen.setdefault("c", command) and 0)
    cli.main(["serve", "--pool", "30", "--no-browser", "--", "--VoilaKernelManager.fill_delay=5"])
    command = seen["c"]
    assert "--VoilaConfiguration.default_pool_size=30" in command
    # Refills are held back while the room loads, unless the host says otherwise:
    # Voilà refuses an option given twice, so only the host's value is passed.
    assert [part for part in command if "fill_delay" in part] == [
        "--VoilaKernelManager.fill_delay=5"
    ]
    seen.clear()
    cli.main(["serve", "--pool", "30", "--no-browser"])
    assert f"--VoilaKernelManager.fill_delay={cli.POOL_REFILL_DELAY}" in seen["c"]


def test_without_pool_voila_json_decides(monkeypatch):
    seen = {}
    monkeypatch.setattr(cli, "_exec", lambda command, cwd: seen.setdefault("c", command) and 0)
    cli.main(["serve", "--no-browser"])
    assert not any("default_pool_size" in part or "fill_delay" in part for part in seen["c"])


def test_default_port_is_8866(monkeypatch):
    seen = {}
    monkeypatch.setattr(cli, "_exec", lambda command, cwd: seen.setdefault("c", command) and 0)
    cli.main(["serve"])
    assert "--port=8866" in seen["c"] and "--no-browser" not in seen["c"]


def test_lab_opens_the_notebooks_folder(monkeypatch):
    seen = {}
    monkeypatch.setattr(cli, "_exec", lambda command, cwd: seen.setdefault("c", command) and 0)
    cli.main(["lab", "--no-browser"])
    assert f"--notebook-dir={ROOT / 'notebooks'}" in seen["c"]


def test_serve_is_the_server_process_so_stopping_it_stops_everything(tmp_path):
    """SIGTERM to `closer serve` must stop Voilà and its kernels: nothing is left behind."""
    import os
    import signal
    import socket
    import time

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "closer_widgets.cli",
            "serve",
            "--port",
            str(port),
            "--no-browser",
            "--",
            "--VoilaConfiguration.preheat_kernel=False",
        ],
        cwd=tmp_path,  # closer serve itself moves to the repository, where voila.json is
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)  # waiting for a port to open: there is nothing else to wait on
        else:
            pytest.fail("closer serve did not start listening")
        cmdline = open(f"/proc/{process.pid}/cmdline", "rb").read().split(b"\0")
        assert b"closer_widgets.server" in cmdline, "closer serve should exec Voilà, not wrap it"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    with pytest.raises(ProcessLookupError):
        os.kill(process.pid, 0)


@pytest.fixture
def no_class_env(monkeypatch):
    """The class variables as the test found them, whatever `closer serve` sets."""
    from closer_widgets.workshop.class_mode import ENV_NAMES

    for name in ENV_NAMES:
        monkeypatch.setenv(name, "")  # recorded, so whatever closer sets is undone
        monkeypatch.delenv(name)


def test_serve_class_creates_the_folder_and_tells_the_kernels(
    monkeypatch, tmp_path, capsys, no_class_env
):
    import hashlib
    import os

    from closer_widgets.workshop.class_mode import ENV_FOLDER, ENV_SIZE, ENV_TOKEN

    seen = {}
    monkeypatch.setattr(cli, "_exec", lambda command, cwd: seen.setdefault("c", command) and 0)
    assert cli.main(["serve", "--class", "room", "--class-size", "12", "--no-browser"]) == 0
    folder = tmp_path / "room"  # relative to where closer was run, not the repository
    assert (folder / "reviews").is_dir()
    assert os.environ[ENV_FOLDER] == str(folder.resolve()) and os.environ[ENV_SIZE] == "12"
    out = capsys.readouterr().out
    (link,) = [line.strip() for line in out.splitlines() if "#counsellor=" in line]
    assert link.startswith("http://127.0.0.1:8866/#counsellor=")
    token = link.split("=", 1)[1]
    assert len(token) >= 43 and token not in " ".join(seen["c"])
    assert os.environ[ENV_TOKEN] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in os.environ.values()  # only its hash reaches the kernels


def test_serve_without_class_clears_a_leftover_class(monkeypatch, tmp_path, capsys, no_class_env):
    import os

    from closer_widgets.workshop.class_mode import ENV_FOLDER, ENV_TOKEN

    monkeypatch.setenv(ENV_FOLDER, str(tmp_path))
    monkeypatch.setenv(ENV_TOKEN, "0" * 64)
    monkeypatch.setattr(cli, "_exec", lambda command, cwd: 0)
    assert cli.main(["serve", "--no-browser"]) == 0
    assert ENV_FOLDER not in os.environ and ENV_TOKEN not in os.environ
    assert "#counsellor=" not in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_serve_class_on_a_file_is_one_line(tmp_path):
    (tmp_path / "room").write_text("not a folder")
    result = run("serve", "--class", "room", "--no-browser")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"closer serve: '{Path('room')}' is a file; give a folder for the hand-ins."
    )


def test_missing_input_file_is_one_line(tmp_path):
    result = run("feedback", str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"closer feedback: '{tmp_path / 'missing.txt'}' does not exist."


STATEMENT = (
    "Thank you so much for your time today, Sam. I'm really excited about this Data Analyst "
    "role at Northwind Health. What are the next steps, and when do you expect to decide?"
)


def test_feedback_reads_a_file_and_prints_a_report(tmp_path):
    path = tmp_path / "close.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    before = path.read_bytes()
    result = run("feedback", str(path), "--company", "Northwind Health", "--role", "Data Analyst")
    assert result.returncode == 0, result.stderr
    assert "Thank them" in result.stdout and "target 60-90 s" in result.stdout
    assert path.read_bytes() == before
    short = run("feedback", str(path), "--length", "short")
    assert short.returncode == 0 and "target 30-45 s" in short.stdout


def test_feedback_json_from_stdin_is_the_contract_dict():
    import json

    result = run("feedback", "-", "--json", stdin=STATEMENT)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"elements", "evidence", "flags", "speaking_seconds", "suggestions"} <= set(data)
    assert data["elements"]["thanks"] is True and data["elements"]["next_steps"] is True
    assert data["elements"]["contact"] is False
    assert set(data["flags"]) >= {"pushy", "desperate", "hedging", "generic"}


def test_feedback_on_empty_input_is_a_prompt_not_an_error():
    result = run("feedback", "-", stdin="   ")
    assert result.returncode == 0
    assert result.stdout.strip()


def test_feedback_on_binary_file_exits_2(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\xff\xfe\xfa")
    result = run("feedback", str(path))
    assert result.returncode == 2
    assert result.stderr.strip() == f"closer feedback: '{path}' is not UTF-8 text."


def test_workshop_anonymise_flag_reaches_the_report(tmp_path, sample_session_path):
    import shutil

    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(sample_session_path, folder / "maya.json")
    out = tmp_path / "report.html"
    result = run("workshop", str(folder), "-o", str(out), "--anonymise")
    assert result.returncode == 0, result.stderr
    assert "Maya Lindqvist" not in out.read_text(encoding="utf-8")
    assert "maya" not in out.read_text(encoding="utf-8").lower()


def test_output_cut_short_by_a_closed_pipe_is_not_an_error(monkeypatch):
    # `closer feedback FILE | head -1`: the reader goes away; exit quietly with 0.
    from closer_widgets import cli

    def broken(args):
        raise BrokenPipeError

    redirected = []
    monkeypatch.setitem(cli.COMMANDS, "feedback", broken)
    monkeypatch.setattr(cli.os, "dup2", lambda source, target: redirected.append(target))
    monkeypatch.setattr(cli.sys.stdout, "fileno", lambda: 1, raising=False)
    assert cli.main(["feedback", "-"]) == 0
    assert redirected == [1]


def test_serve_uses_its_own_template_unless_the_host_names_one(monkeypatch):
    from closer_widgets import cli

    monkeypatch.setenv("JUPYTER_PATH", "/somewhere")
    assert cli._own_template([]) == ["--template=closer"]
    assert os.environ["JUPYTER_PATH"].split(os.pathsep) == [str(cli.TEMPLATES), "/somewhere"]
    assert (cli.TEMPLATES / "voila" / "templates" / "closer" / "index.html.j2").exists()
    assert cli._own_template(["--template=reveal"]) == []


def test_feedback_refuses_bytes_that_are_not_utf8_on_stdin_as_in_a_file(tmp_path):
    bad = b"\xff\xfe Thank you"
    (tmp_path / "bad.txt").write_bytes(bad)
    for args, stdin in ((["feedback", "-"], bad), (["feedback", str(tmp_path / "bad.txt")], None)):
        result = subprocess.run(
            [sys.executable, "-m", "closer_widgets.cli", *args],
            input=stdin,
            capture_output=True,
            timeout=120,
        )
        assert result.returncode == 2
        lines = result.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and "is not UTF-8 text" in lines[0], result.stderr


def test_feedback_reads_an_endless_source_only_as_far_as_it_analyses():
    # /dev/zero never ends: reading all of it first would fill the memory.
    result = run("feedback", "/dev/zero", "--json")
    assert result.returncode == 0, result.stderr
    assert "elements" in json.loads(result.stdout)  # before, it read until memory ran out
