"""FolderAccess: which folders the counsellor's page may use, in JupyterLab and in Voilà."""

from __future__ import annotations

import pytest

from closer_widgets.errors import CloserError
from closer_widgets.workshop.access import ENV_BASE, ENV_SERVED, FolderAccess


def test_jupyterlab_may_open_any_folder(tmp_path):
    access = FolderAccess.from_environment({})
    assert access.allowed and access.base is None
    assert access.resolve(str(tmp_path)) == tmp_path


def test_served_by_voila_without_a_base_reads_no_folder():
    access = FolderAccess.from_environment({ENV_SERVED: "/"})
    assert not access.allowed
    with pytest.raises(CloserError, match="upload the session files instead"):
        access.resolve("/etc")


def test_with_a_base_paths_stay_inside_it(tmp_path):
    base = tmp_path / "workshops"
    (base / "2026-12-03").mkdir(parents=True)
    (base / "escape").symlink_to("/etc")
    access = FolderAccess.from_environment({ENV_SERVED: "/", ENV_BASE: str(base)})
    assert access.resolve("2026-12-03") == (base / "2026-12-03").resolve()
    assert access.resolve(str(base / "2026-12-03")) == (base / "2026-12-03").resolve()
    for outside in ("..", "../..", "/etc", "escape", "2026-12-03/../../x"):
        with pytest.raises(CloserError, match="outside the workshop folder"):
            access.resolve(outside)
