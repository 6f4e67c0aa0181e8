"""Notebooks are committed clean: no unchecked outputs, no saved widget state."""

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
