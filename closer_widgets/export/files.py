"""Writing an export to disk, for ``closer export``: the one place an export touches a file."""

from __future__ import annotations

import os
from pathlib import Path

from ..content import DATA_DIR
from ..errors import CloserError
from ..files import write_atomic
from .registry import FORMATS, export_bytes


# --- files --------------------------------------------------------------------
def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)  # hard links and other aliases
    except OSError:
        return False


def _beside(source: Path, suffix: str) -> Path:
    """Where an export goes by default: beside its session, unless the session is one
    shipped with the package (the sample), whose folder is not the person's to fill."""
    try:
        source.resolve().relative_to(DATA_DIR.resolve())
    except ValueError:
        return source.with_suffix(suffix)
    return Path.cwd() / source.with_suffix(suffix).name


def export_session(
    session_path: str | os.PathLike, fmt: str, output: str | os.PathLike | None = None
) -> Path:
    """Write the session at ``session_path`` in format ``fmt``; return where.

    Parameters
    ----------
    session_path : str or PathLike
        A session file; it is only read.
    fmt : str
        ``md``, ``html``, ``docx`` or ``ics``.
    output : str or PathLike, optional
        Where to write; by default beside the session with the format's suffix (in
        the working folder for the sample shipped with the package).

    Raises
    ------
    CloserError
        For a bad session file (a SessionError), an unknown format, an output
        that is the input itself or cannot be written, or nothing to export.
    """
    from ..session import Session

    if fmt not in FORMATS:
        raise CloserError(f"'{fmt}' is not an export format. Choose one of: {', '.join(FORMATS)}.")
    source = Path(session_path)
    session = Session.load(source)
    target = Path(output) if output is not None else _beside(source, FORMATS[fmt].suffix)
    if _same_file(target, source):
        raise CloserError(
            f"'{target.name}' is the session file itself; choose another output with -o."
        )
    if target.is_dir():
        raise CloserError(f"'{target}' is a folder; give a file name with -o.")
    if not target.parent.is_dir():
        raise CloserError(
            f"The folder of '{target}' does not exist. Create it or choose another -o."
        )
    data = export_bytes(session.plan, fmt)
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise CloserError(f"'{target}' cannot be written ({exc.strerror}).") from None
    return target
