"""Import hygiene: a dashboard visitor's kernel stays light.

pandas with numpy (about 52 MB) and python-docx (about 13 MB) are for scripts,
counsellors and a Word file asked for, scikit-learn and scipy for training the
feedback models; opening every step of the dashboard, and running the statement
and question models, must load none of them. Each check runs in a fresh
interpreter, since this one has imported them already for other tests.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

HEAVY = ("pandas", "numpy", "docx", "sklearn", "scipy")


def run_fresh(script: str) -> subprocess.CompletedProcess:
    """Run ``script`` in a new Python process; it prints nothing when all is well."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_every_dashboard_step_opens_without_pandas_numpy_or_docx():
    result = run_fresh(
        f"""
        import sys

        from closer_widgets.views.dashboard import STEPS, Dashboard
        from closer_widgets.views.save import SaveView

        HEAVY = {HEAVY!r}
        app = Dashboard()
        app.plan.company = "Acme"
        app.plan.statement = "Thank you for your time. I want this job."
        for step, _, _ in STEPS:
            app._goto[step].click()  # as the visitor does: the step is built and shown
            assert app.step == step
            loaded = [name for name in HEAVY if name in sys.modules]
            assert not loaded, f"opening {{step}} imported {{loaded}}"

        # The save step is active: build its links now, as its debounced refresh would.
        (stack,) = app.container("save").children
        save = next(view for view in stack.children if isinstance(view, SaveView))
        assert save.active
        save.refresh()
        assert "<a " in save._exports["md"].value
        loaded = [name for name in HEAVY if name in sys.modules]
        assert not loaded, f"the save step imported {{loaded}}"
        assert "closer_widgets.workshop" not in sys.modules

        # The learned models run in pure Python.
        from closer_widgets.questions.check import check_question
        from closer_widgets.feedback import analyze

        assert analyze("Thank you. I really want this job. What happens next?").elements["thanks"]
        assert check_question("Is the team big?", "first")
        loaded = [name for name in HEAVY if name in sys.modules]
        assert not loaded, f"the models imported {{loaded}}"
        """
    )
    assert result.returncode == 0, result.stderr


def test_a_live_workshops_participant_hands_in_without_pandas(tmp_path):
    """In a live workshop every visitor's kernel hands in: that stays light too."""
    result = run_fresh(
        f"""
        import sys

        from closer_widgets.views.dashboard import Dashboard
        from closer_widgets.workshop.class_folder import ClassFolder
        from closer_widgets.workshop.class_mode import ClassMode

        HEAVY = {HEAVY!r}
        app = Dashboard(class_mode=ClassMode(ClassFolder.create({str(tmp_path)!r})))
        app._goto["save"].click()
        (stack,) = app.container("save").children
        hand_in = stack.children[0]
        assert hand_in.hand_in() and hand_in.handed_in
        hand_in.check_review()
        loaded = [name for name in HEAVY if name in sys.modules]
        assert not loaded, f"handing in imported {{loaded}}"
        """
    )
    assert result.returncode == 0, result.stderr


def test_pandas_loaders_still_give_dataframes_for_scripts():
    # The contract's load_bank, and the loaders notebooks use, import pandas when called.
    result = run_fresh(
        """
        import sys

        from closer_widgets.questions import load_bank

        assert "pandas" not in sys.modules, "pandas imported with the module"
        bank = load_bank()
        assert type(bank).__name__ == "DataFrame"
        assert list(bank.columns[:7]) == [
            "id", "text", "category", "boldness", "stage", "why", "avoid_if"
        ]
        """
    )
    assert result.returncode == 0, result.stderr
