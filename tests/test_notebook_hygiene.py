"""Notebooks are committed clean: no unchecked outputs, no saved widget state."""

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").rglob("*.ipynb"))
NOTEBOOKS = [p for p in NOTEBOOKS if ".ipynb_checkpoints" not in p.parts]


def test_expected_notebooks_exist():
    names = {p.name for p in NOTEBOOKS}
    assert {"00_start_here.ipynb", "dashboard.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert "widgets" not in nb.metadata, "saved widget state"
    for cell in nb.cells:
        if cell.cell_type == "code" and "NBVAL_CHECK_OUTPUT" not in cell.source:
            assert not cell.outputs, f"unchecked output kept in: {cell.source[:60]!r}"


def test_dashboard_notebook_is_thin():
    nb = nbformat.read(next(p for p in NOTEBOOKS if p.name == "dashboard.ipynb"), as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert len(code) == 1 and "Dashboard()" in code[0]


@pytest.mark.timeout(300)
def test_running_the_rehearse_notebook_never_saves_the_example_as_the_learners(
    tmp_path, monkeypatch
):
    from nbclient import NotebookClient

    from closer_widgets.session import Session

    own = tmp_path / "mine.session.json"
    monkeypatch.setenv("CLOSER_SESSION", str(own))  # the kernel inherits it
    path = next(p for p in NOTEBOOKS if p.name == "03_rehearse.ipynb")
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=240, resources={"metadata": {"path": str(tmp_path)}}).execute()
    saved = Session.load(own).plan if own.exists() else None
    assert saved is None or saved.statement == ""


def _notebook(name):
    return nbformat.read(next(p for p in NOTEBOOKS if p.name == name), as_version=4)


def test_question_list_shows_the_bank_on_the_notebooks_own_plan():
    cells = _notebook("02_question_list.ipynb").cells
    sources = [cell.source for cell in cells]
    plan = next(i for i, s in enumerate(sources) if "plan = self_study_plan()" in s)
    (bank,) = [i for i, s in enumerate(sources) if "QuestionBankView(" in s]
    assert cells[bank].cell_type == "code" and bank > plan
    assert sources[bank].rstrip().endswith("QuestionBankView(plan)")  # shown, on that plan
    assert "plan =" not in sources[bank]
    teaching = cells[bank - 1]
    assert teaching.cell_type == "markdown" and "bank" in teaching.source.lower()


# Voilà strips code cells from the page (voila.json: strip_sources), so the prose of a
# notebook served by Voilà must not send the visitor to a cell or a line of code.
VOILA_PAGES = [p for p in NOTEBOOKS if p.name == "dashboard.ipynb" or "workshop" in p.parts]
POINTS_AT_CODE = re.compile(r"\bcells?\b|`[A-Za-z_]\w*\s*=(?!=)", re.IGNORECASE)


@pytest.mark.parametrize("path", VOILA_PAGES, ids=lambda p: p.name)
def test_pages_served_by_voila_never_point_at_hidden_code(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = POINTS_AT_CODE.search(cell.source)
            assert found is None, f"{path.name}: {found.group(0)!r} in {cell.source[:60]!r}"
