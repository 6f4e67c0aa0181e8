"""Collecting a class: read session files from a folder or uploads, never writing there."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..calibration import SCHEMA as REVIEW_SCHEMA
from ..calibration import content_hash
from ..errors import CloserError, SessionError
from ..plan import ClosingPlan
from ..session import MAX_BYTES, Session

"""Speaking-time window of a full close (the rehearsal step's ``full`` window)."""

CODE_LENGTH = 4
"""Hex digits of a participant code (P-3F9A); lengthened when two codes collide."""


# --- collecting ----------------------------------------------------------------
class Skipped(NamedTuple):
    """A file left out of the class, and why (a one-sentence message)."""

    filename: str
    reason: str


@dataclass
class Entry:
    """One valid session of the class.

    Attributes
    ----------
    filename : str
        The file's name (no folder).
    digest : str
        SHA-256 of the file's bytes (see :func:`closer_widgets.calibration.content_hash`).
    session : Session
        The session read from it.
    """

    filename: str
    digest: str
    session: Session
    _feedback: object = field(default=None, repr=False)

    @property
    def plan(self) -> ClosingPlan:
        """The participant's plan."""
        return self.session.plan

    @property
    def name(self) -> str:
        """The participant's name, or the file name's stem when they left it empty."""
        return self.plan.participant or Path(self.filename).stem

    @property
    def key(self) -> str:
        """What identifies this participant in the counsellor's view: the file's digest."""
        return self.digest

    def code_seed(self) -> tuple[str, str]:
        """The (name, digest) their anonymous code is made from (see :func:`participant_code`)."""
        return self.name, self.digest

    @property
    def feedback(self):
        """The analysis of the closing statement, computed once."""
        if self._feedback is None:
            from ..feedback import analyze

            plan = self.plan
            self._feedback = analyze(
                plan.statement, company=plan.company or None, role=plan.role or None
            )
        return self._feedback


def participant_code(name: str, digest: str, length: int = CODE_LENGTH) -> str:
    """A stable code for a participant, like ``P-3F9A``.

    Parameters
    ----------
    name : str
        The participant's name.
    digest : str
        The content hash of their session file.
    length : int
        Hex digits to keep.
    """
    return "P-" + hashlib.sha256(f"{name}\0{digest}".encode()).hexdigest()[:length].upper()


def file_code(filename: str) -> str:
    """A stable label for a skipped file, like ``F-0B12`` (its name may hold a name)."""
    return "F-" + hashlib.sha256(filename.encode()).hexdigest()[:CODE_LENGTH].upper()


@dataclass
class Collection:
    """The sessions of one class and the files that were left out.

    Attributes
    ----------
    entries : list of Entry
        Valid sessions, ordered by file name.
    skipped : list of Skipped
        Files that are not sessions, are broken, too new or duplicates.
    folder : Path or None
        The folder read, or None for uploads.
    """

    entries: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    folder: Path | None = None
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.entries)

    def _key(self) -> tuple:
        return tuple(e.digest for e in self.entries) + tuple(self.skipped)

    def codes(self) -> list[str]:
        """Participant codes, one per entry, unique within the class."""
        cached = self._cache.get("codes")
        if cached is not None and cached[0] == self._key():
            return list(cached[1])
        for length in range(CODE_LENGTH, 65, 2):
            codes = [participant_code(*e.code_seed(), length) for e in self.entries]
            if len(set(codes)) == len(codes):
                break  # at full length only identical name and content collide: impossible here
        self._cache["codes"] = (self._key(), codes)
        return list(codes)

    def labels(self, anonymise: bool = False) -> list[str]:
        """How each entry is shown: its name, or its code when anonymising."""
        return self.codes() if anonymise else [e.name for e in self.entries]

    def scrub(self, text: str) -> str:
        """``text`` with every participant and file name of the class replaced by a code."""
        cached = self._cache.get("replacements")
        if cached is None or cached[0] != self._key():
            replacements = {}
            for entry, code in zip(self.entries, self.codes(), strict=True):
                replacements[entry.filename] = code + ".json"
                replacements[entry.name] = code
                replacements[entry.plan.participant] = code
            for item in self.skipped:
                replacements[item.filename] = file_code(item.filename)
            # Longest first, so "Maya Lindqvist" goes before a bare "Maya" could.
            ordered = sorted(
                ((k, v) for k, v in replacements.items() if k), key=lambda kv: -len(kv[0])
            )
            cached = (self._key(), ordered)
            self._cache["replacements"] = cached
        for old, new in cached[1]:
            if old in text:
                text = text.replace(old, new)
        return text

    def skipped_rows(self, anonymise: bool = False) -> list[tuple[str, str]]:
        """The skipped files as (label, reason) pairs, scrubbed when anonymising."""
        if not anonymise:
            return [tuple(item) for item in self.skipped]
        return [(file_code(item.filename), self.scrub(item.reason)) for item in self.skipped]


def _read_folder(folder: Path):
    """(name, bytes or the reason it is skipped) for each entry directly in ``folder``.

    Hidden files (half-written saves) and plain subfolders (``reviews/``) are passed
    over; every other entry that is not a regular file is listed with its reason, so
    nothing a counsellor put there vanishes without a word.
    """
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith("."):
            continue
        try:
            mode = path.lstat().st_mode
        except OSError as exc:
            yield path.name, f"This entry cannot be read ({exc.strerror})."
            continue
        if stat.S_ISDIR(mode):
            if path.suffix.lower() == ".json":
                yield path.name, "This is a folder, not a session file."
            continue
        if stat.S_ISLNK(mode):
            # A link could point anywhere on the server (/etc/passwd): never followed.
            yield path.name, "This is a link, and links are not followed; copy the file in."
            continue
        if not stat.S_ISREG(mode):
            yield path.name, "This is not a regular file (a pipe or a device), so it is not read."
            continue
        if path.suffix.lower() != ".json":
            yield path.name, "This file is not a session file: only .json files are read."
            continue
        yield path.name, _read_regular(path)


def _read_regular(path: Path) -> bytes | str:
    """The first ``MAX_BYTES + 1`` bytes of a regular file, or why it cannot be read."""
    try:
        # Not through a link, and never blocking, even if the entry changed since it
        # was listed; bounded, so a huge file is refused without loading it all.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        return f"This file cannot be read ({exc.strerror}); check its permissions."
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return "This is not a regular file (a pipe or a device), so it is not read."
        try:
            return handle.read(MAX_BYTES + 1)
        except OSError as exc:
            return f"This file cannot be read ({exc.strerror}); check its permissions."


def _looks_like_review(raw: bytes) -> bool:
    try:
        return json.loads(raw).get("schema") == REVIEW_SCHEMA
    except (ValueError, AttributeError, RecursionError):  # not a review, however crafted
        return False


def collect(source) -> Collection:
    """Read a class's session files.

    Parameters
    ----------
    source : str, PathLike, or iterable of (str, bytes)
        A folder whose ``*.json`` files are read (subfolders such as
        ``reviews/`` and hidden files are ignored), or uploaded files as
        (file name, content) pairs, where a str content is the reason the file
        could not be read. A folder is only ever read, never written.

    Returns
    -------
    Collection
        Valid sessions, plus every other file with the reason it was skipped:
        not JSON, cut short, not a session, saved by a newer version, or the
        same content as a file read before it.

    Raises
    ------
    CloserError
        When the folder does not exist or is not a folder.
    """
    if isinstance(source, (str, os.PathLike)):
        folder = Path(source).expanduser()
        if not folder.exists():
            raise CloserError(f"The folder '{folder}' does not exist. Check the path.")
        if not folder.is_dir():
            raise CloserError(f"'{folder}' is a file, not a folder. Give the folder of sessions.")
        try:
            files = list(_read_folder(folder))
        except OSError as exc:
            raise CloserError(f"The folder '{folder}' cannot be read ({exc.strerror}).") from None
        collection = Collection(folder=folder.resolve())
    else:
        files = []
        for name, raw in source:
            name = Path(str(name)).name  # an upload's name is a label, never a path
            if not name.lower().endswith(".json"):
                files.append((name, "This file is not a session file: only .json files are read."))
            else:
                # A str is why the file never arrived (refused by the browser as too large).
                files.append((name, raw if isinstance(raw, str) else bytes(raw)))
        files.sort(key=lambda pair: pair[0])
        collection = Collection()
    seen: dict[str, str] = {}
    for name, raw in files:
        if isinstance(raw, str):
            collection.skipped.append(Skipped(name, raw))
            continue
        digest = content_hash(raw)
        if digest in seen:
            collection.skipped.append(
                Skipped(
                    name, f"This file has the same content as '{seen[digest]}', so it counts once."
                )
            )
            continue
        try:
            session = Session.loads(raw, "This file")
        except SessionError as exc:
            reason = str(exc)
            if _looks_like_review(raw):
                reason = (
                    "This file is a counsellor's review, not a session; keep reviews in reviews/."
                )
            collection.skipped.append(Skipped(name, reason))
            continue
        seen[digest] = name
        collection.entries.append(Entry(name, digest, session))
    return collection
