"""Reading and writing the product's files safely: one place for both.

Writes are atomic (a temporary file in the same folder, flushed, then renamed
over the target), so a crash never leaves half a file. Reads of JSON documents
(sessions, reviews) are capped in size and turn every failure into one sentence
naming the file.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

from .errors import CloserError


class UnsafeTarget(CloserError):
    """A write was aimed at something that is not a plain file (a link, a device)."""


def refuse_unsafe_target(path: Path) -> None:
    """Refuse to write over anything at ``path`` but a regular file.

    A write renames a new file over its target, so it would replace a symbolic link
    instead of writing through it, or turn a device or a named pipe into a file.

    Raises
    ------
    UnsafeTarget
        With one sentence naming the path, when something other than a regular
        file (or nothing) is there.
    """
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        kind = (
            "a link"
            if stat.S_ISLNK(mode)
            else "a folder"
            if stat.S_ISDIR(mode)
            else "a device or pipe"
        )
        raise UnsafeTarget(f"'{path}' is {kind}, not a file: choose another name to write to.")


def write_atomic(path: str | os.PathLike, data: bytes | str, backup: bool = False) -> Path:
    """Write ``data`` to ``path`` in one step.

    Parameters
    ----------
    path : str or PathLike
        The file to write; its folder must exist.
    data : bytes or str
        The content; text is written as UTF-8.
    backup : bool
        Keep the previous version as ``<path>.bak``.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    refuse_unsafe_target(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private: keep the mode the file had, or the usual one.
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        if backup and path.exists():
            # Copy, not move: the old file stays in place until the new one lands.
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_capped(path: str | os.PathLike, error: type, kind: str, max_bytes: int) -> bytes:
    """The bytes of ``path``, at most ``max_bytes + 1`` of them.

    Raises
    ------
    error
        With a one-sentence message when the file is missing, a folder or unreadable;
        ``kind`` names what the file should be ("session", "review").
    """
    path = Path(path)
    source = f"'{path.name}'"
    try:
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise error(f"{source} does not exist. Check the path.") from None
    except IsADirectoryError:
        raise error(f"{source} is a folder, not a {kind} file.") from None
    except OSError as exc:
        raise error(f"{source} cannot be read ({exc.strerror}).") from None


def too_large_message(source: str, what: str, advice: str, max_bytes: int) -> str:
    """The sentence for a file over ``max_bytes`` (see :func:`parse_json`)."""
    return f"{source} is larger than {max_bytes / 1_000_000:g} MB, too large to be {what}. {advice}"


def parse_json(raw: bytes | str, source: str, error: type, what: str, advice: str, max_bytes: int):
    """The JSON value in ``raw``, refusing what is too large, not text or not JSON.

    Parameters
    ----------
    raw : bytes or str
        The file's content (an upload, or what :func:`read_capped` returned).
    source : str
        How to name the file in messages, e.g. ``"'notes.json'"``.
    error : type
        The exception class to raise (a ``ValueError`` subclass).
    what : str
        What the file should be, with its article: ``"a saved session"``.
    advice : str
        The sentence that tells the person what to do instead.
    max_bytes : int
        Largest size accepted.
    """
    if len(raw) > max_bytes:
        raise error(too_large_message(source, what, advice, max_bytes))
    if isinstance(raw, (bytes, bytearray, memoryview)):
        try:
            raw = bytes(raw).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise error(f"{source} is not {what} (it is not text). {advice}") from None
    try:
        data = json.loads(raw, parse_constant=_refuse_constant)
    except _NotFinite as exc:
        raise error(f"{source} is not {what} ({exc} is not a finite number). {advice}") from None
    except ValueError:
        raise error(
            f"{source} is not {what} (it is not JSON, or it is cut short). {advice}"
        ) from None
    except RecursionError:
        deep = True  # nested past what Python can read: far past MAX_DEPTH
    else:
        deep = too_deep(data, MAX_DEPTH)
    if deep:
        raise error(f"{source} is not {what} (it is nested too deeply). {advice}")
    return data


MAX_DEPTH = 16
"""Deepest nesting of lists and objects a file may have (a session needs 4)."""


class _NotFinite(ValueError):
    """NaN or Infinity in a file: not JSON, though Python's reader takes them."""


def _refuse_constant(name: str):
    raise _NotFinite(name)


def too_deep(data, limit: int) -> bool:
    """Whether lists and objects in ``data`` nest deeper than ``limit`` (no recursion)."""
    level = [data]
    for _ in range(limit + 1):
        level = [
            child
            for item in level
            if isinstance(item, (dict, list))
            for child in (item.values() if isinstance(item, dict) else item)
        ]
        if not level:
            return False
    return any(isinstance(item, (dict, list)) for item in level)
