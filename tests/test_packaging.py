"""Packaging: environment.yml agrees with pyproject.toml; the layout is complete."""

from __future__ import annotations

import re
from pathlib import Path

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
