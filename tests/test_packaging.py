"""Packaging: environment.yml agrees with pyproject.toml; the layout is complete."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
import tomllib
import yaml

ROOT = Path(__file__).resolve().parent.parent
_REQ = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def _split(requirement: str) -> tuple[str, str]:
    name, spec = _REQ.match(requirement).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def test_environment_yml_matches_pyproject_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_split(r) for r in project["dependencies"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "conda-forge" in env["channels"]
    conda = {}
    pip_entries = []
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            pip_entries += entry.get("pip", [])
        else:
            name, spec = _split(entry)
            conda[name] = spec
    assert conda.pop("python") == ">=3.10" == project["requires-python"]
    conda.pop("pip", None)
    assert conda == wanted, "environment.yml and pyproject.toml disagree on runtime dependencies"
    assert "-e ." in pip_entries, "environment.yml must install the package itself"


def test_every_runtime_dependency_has_a_lower_bound():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        assert ">=" in requirement, requirement


def test_design_card_layout_exists():
    for name in (
        "notebooks",
        "closer_widgets",
        "closer_widgets/views",
        "data",
        "tests",
        "benchmarks",
        "environment.yml",
        "pyproject.toml",
        "README.md",
        "Makefile",
        ".ci/run",
        "voila.json",
    ):
        assert (ROOT / name).exists(), name


def test_ci_runs_make_test_and_readme_opens_with_the_two_commands():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    head = readme[: readme.index("\n## ", readme.index("make test"))]
    assert "make serve" in head and "make test" in head


def test_core_modules_import_no_widgets():
    """The core is pure Python so the CLI and tests stay fast and light."""
    core = [p for p in (ROOT / "closer_widgets").glob("*.py")]
    assert core
    for path in core:
        source = path.read_text()
        assert "import ipywidgets" not in source and "from ipywidgets" not in source, path.name


@pytest.mark.timeout(600)
def test_the_wheel_works_installed_outside_the_clone(tmp_path):
    """A wheel built from the clone, installed in a fresh venv, runs with its own content."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("closer_widgets-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        packed = set(archive.namelist())
    templates = ROOT / "closer_widgets" / "templates"
    for page in [*templates.glob("*.j2"), *templates.glob("*.css")]:
        assert f"closer_widgets/templates/{page.name}" in packed, page.name
    # Voilà's own template for `closer serve`, the one without a CDN icon font.
    voila = "closer_widgets/share/jupyter/voila/templates/closer/"
    assert {voila + "conf.json", voila + "index.html.j2"} <= packed
    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=True)
    python = fresh / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The dependencies come from the test environment; the package only from the wheel
    # (the clone's editable install is a finder that a plain path entry does not load).
    site = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}

    def closer(*args, stdin=None):
        return subprocess.run(
            [str(fresh / "bin" / "closer"), *args],
            cwd=work,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )

    where = subprocess.check_output(
        [str(python), "-c", "import closer_widgets.content as c; print(c.DATA_DIR)"],
        cwd=work,
        env=env,
        text=True,
    ).strip()
    assert where.startswith(str(site)), where
    result = closer("feedback", "-", "--json", stdin="Thank you for your time today, Sam.")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["elements"]["thanks"] is True
    sample = Path(where) / "examples" / "sample_session.json"
    result = closer("export", str(sample), "--format", "md", "-o", "close.md")
    assert result.returncode == 0, result.stderr
    assert "Northwind" in (work / "close.md").read_text(encoding="utf-8")
    # The cue card is rendered from the templates inside the installed package.
    result = closer("export", str(sample), "--format", "html", "-o", "card.html")
    assert result.returncode == 0, result.stderr
    card = (work / "card.html").read_text(encoding="utf-8")
    assert "<title>Cue card: Data Analyst at Northwind Health</title>" in card
    assert "@media print" in card
    result = closer("workshop", str(sample.parent), "-o", "report.html")
    assert result.returncode == 0, result.stderr
    assert "<h1>Class report</h1>" in (work / "report.html").read_text(encoding="utf-8")
