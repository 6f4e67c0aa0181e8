"""Running the self-study notebooks in order leaves no example text in the learner's autosave.

The notebooks show worked examples (a statement, questions, dates) and the
package ships examples of its own (the sample session, each element's coaching
examples). None of them may end up in ``my_session.session.json``: that file is
the learner's own work, restored by every notebook and by the dashboard's Save step.

Each notebook runs top to bottom in a fresh kernel, 00 to 04 in order, as a
learner runs them one after another, so each restores what the one before it
saved. ``$CLOSER_SESSION`` (honoured by :func:`closer_widgets.autosave.self_study_plan`)
points the autosave at a scratch folder, and the kernels work in another scratch
folder: nothing is written into ``notebooks/``.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SELF_STUDY = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
EXAMPLES = ROOT / "data" / "examples"

WAIT_FOR_AUTOSAVE = """\
# Added by the test: let a debounced autosave still waiting reach the file.
import asyncio

await asyncio.sleep(2.5)
"""
"""Appended to each notebook. The autosave is written a second after the last change
(closer_widgets.autosave.Autosaver), and a kernel shut down sooner saves it on exit;
waiting in the kernel's own loop makes the file final without relying on that exit."""

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _strings(value) -> list[str]:
    """Every string inside a JSON value (dict keys left out)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _literals(source: str) -> list[str]:
    """The plain string literals of a code cell (implicit concatenations joined)."""
    tree = ast.parse(source)
    in_fstrings = {
        id(node) for f in ast.walk(tree) if isinstance(f, ast.JoinedStr) for node in ast.walk(f)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in in_fstrings
    ]


def _example_texts() -> dict[str, str]:
    """Each example text, mapped to where it comes from."""
    from closer_widgets.content import element_records

    found: dict[str, str] = {}
    for path in SELF_STUDY:
        for cell in nbformat.read(path, as_version=4).cells:
            # The worked examples are the cells whose printed output is checked.
            if cell.cell_type == "code" and "NBVAL_CHECK_OUTPUT" in cell.source:
                for text in _literals(cell.source):
                    found.setdefault(text, f"{path.name} (worked example)")
    for path in sorted(EXAMPLES.glob("*.json")):
        plan = json.loads(path.read_text(encoding="utf-8"))["plan"]
        for text in _strings(plan):
            found.setdefault(text, f"data/examples/{path.name}")
    for row in element_records():
        for text in (row.example_1, row.example_2):
            # {company} and {role} are filled in when shown: look for the words around them.
            for part in PLACEHOLDER.split(text):
                found.setdefault(part.strip(" ,.'"), f"data/elements.csv ({row.id})")
    return found


def _needles(examples: dict[str, str]) -> dict[str, str]:
    """What to look for: each distinctive example, and each sentence of a long one.

    Short or generic values ("full", "first", ids, print labels) are left out, as is
    anything a brand-new plan holds anyway (its defaults are no leak).
    """
    from closer_widgets.plan import ClosingPlan

    defaults = set(_strings(ClosingPlan().to_dict()))
    needles = {}
    for text, source in examples.items():
        text = text.strip()
        if text in defaults:
            continue
        if len(text) >= 20 or DATE.fullmatch(text) or (" " in text and len(text) >= 8):
            needles[text] = source
        if len(text) > 60:
            for sentence in SENTENCE_END.split(text):
                if len(sentence) >= 20:
                    needles.setdefault(sentence, source)
    return needles


def _run(path: Path, workdir: Path) -> None:
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(WAIT_FOR_AUTOSAVE))
    NotebookClient(
        nb,
        timeout=240,
        resources={"metadata": {"path": str(workdir)}},
    ).execute()


def test_the_needles_cover_every_kind_of_example():
    needles = _needles(_example_texts())
    sample = json.loads((EXAMPLES / "sample_session.json").read_text(encoding="utf-8"))["plan"]
    assert sample["statement"] in needles  # the sample session
    assert "Maya Lindqvist" in needles
    sources = set(needles.values())
    for name in ("01_closing_statement", "02_question_list", "03_rehearse", "04_follow_up"):
        assert any(name in source for source in sources), name  # each notebook's example
    assert any("data/elements.csv" in source for source in sources)
    assert "2027-03-12" in needles  # the follow-up example's decision date


@pytest.mark.timeout(900)
def test_running_every_notebook_in_order_leaves_no_example_in_the_autosave(tmp_path, monkeypatch):
    assert [p.name[:2] for p in SELF_STUDY] == ["00", "01", "02", "03", "04"]
    autosave_dir = tmp_path / "autosave"
    autosave_dir.mkdir()
    autosave = autosave_dir / "my_session.session.json"
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.setenv("CLOSER_SESSION", str(autosave))  # each kernel inherits it
    in_notebooks = sorted(p.name for p in NOTEBOOKS.iterdir())

    for path in SELF_STUDY:
        _run(path, workdir)

    # Only the redirected autosave (and its .bak) was written; notebooks/ is untouched.
    assert list(workdir.iterdir()) == []
    assert sorted(p.name for p in NOTEBOOKS.iterdir()) == in_notebooks
    files = sorted(autosave_dir.iterdir())
    assert {p.name for p in files} <= {autosave.name, autosave.name + ".bak"}
    needles = _needles(_example_texts())
    for file in files:
        saved = "\n".join(_strings(json.loads(file.read_text(encoding="utf-8"))["plan"]))
        leaked = {text: source for text, source in needles.items() if text in saved}
        assert not leaked, f"{file.name} holds example text: {leaked}"
