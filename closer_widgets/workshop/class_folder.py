"""The class folder of a live workshop: hand-ins in, reviews back out, all on disk.

``closer serve --class DIR`` makes DIR the class folder. Participants hand their
session in from the dashboard's Save step; the counsellor's live view reads the
hand-ins and writes a review beside each; a participant's page reads its own
review back. What each side may touch is decided here, not in the views:

- A participant is a :class:`Seat`, opened with a secret *key* that only their
  browser and their kernel hold (:func:`new_key`). A seat writes one file, its own
  hand-in, and reads two: that hand-in and the review of it. It cannot list the
  folder, and it has no way to name any other file.
- A hand-in is stored under a *hand-in id*, a hash of the key (:func:`hand_in_id`).
  The file names the counsellor's side sees do not let anyone hand in, or read a
  review, as that participant: that takes the key.
- Every path is built from a hex id checked against a strict pattern, never from
  text a person typed: the participant's name, the session's content and the
  browser's messages never reach a path.
- A hand-in is capped in size (:data:`closer_widgets.session.MAX_BYTES`) and read
  back as a :class:`~closer_widgets.session.Session` before it is written, then
  written atomically, so the counsellor never reads half a file. Handing in again
  replaces the earlier hand-in in one rename.
- The counsellor's side, :class:`ClassFolder`, lists the hand-ins. Asked again when
  nothing changed, it compares the folder's listing (names, times, sizes) and hands
  back the very same :class:`~closer_widgets.workshop.collect.Collection`; a file
  that changed is the only one read again.

Layout::

    DIR/<hand-in id>.json                       a participant's latest hand-in
    DIR/reviews/<hand-in id>.review.json        the counsellor's review of it
    DIR/<user>/<hand-in id>.json                the same one folder down, for hubs,
    DIR/<user>/reviews/<hand-in id>.review.json where each user's server mounts only
                                                its own DIR/<user> as its class folder

Links are never followed when listing, and a ``reviews`` folder that is a link is
refused, so a file planted in a hub user's own folder cannot send the counsellor's
writes elsewhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..calibration import Review, ReviewError, content_hash
from ..errors import CloserError, SessionError
from ..files import read_capped, too_large_message, write_atomic
from ..session import MAX_BYTES, Session
from .collect import Collection, Entry, Skipped

log = logging.getLogger(__name__)

KEY_PATTERN = re.compile(r"[0-9a-f]{32}")
"""A participant's secret key: :func:`secrets.token_hex` of 16 bytes."""

ID_PATTERN = re.compile(r"[0-9a-f]{16}")
"""A hand-in id, the stem of a hand-in's file name (see :func:`hand_in_id`)."""

REVIEWS = "reviews"
"""The subfolder that holds the counsellor's reviews."""

REVIEW_SUFFIX = ".review.json"
"""How a review's file name ends, after the hand-in id."""

MAX_HAND_INS = 500
"""Most hand-ins one folder takes: a participant beyond it is told the class is full."""

MAX_FILES = 2_000
"""Most files the counsellor's side looks at in one folder; the rest are left out."""

_ADVICE = "Download your session below to keep it, and tell your counsellor."


class ClassFolderError(CloserError):
    """The class folder cannot be used, or a hand-in or review cannot be written there."""


# --- ids -------------------------------------------------------------------------
def new_key() -> str:
    """A new secret participant key (32 hex digits), for one browser."""
    return secrets.token_hex(16)


def is_key(text) -> bool:
    """Whether ``text`` is a well-formed participant key."""
    return isinstance(text, str) and KEY_PATTERN.fullmatch(text) is not None


def hand_in_id(key: str) -> str:
    """The hand-in id of a participant key: 16 hex digits of its SHA-256.

    Raises
    ------
    ClassFolderError
        When ``key`` is not a key made by :func:`new_key`.
    """
    if not is_key(key):
        raise ClassFolderError("That is not a participant key.")
    return hashlib.sha256(f"interview-closer/hand-in\0{key}".encode("ascii")).hexdigest()[:16]


def _checked_id(text) -> str:
    if not isinstance(text, str) or ID_PATTERN.fullmatch(text) is None:
        raise ClassFolderError("That is not the id of a hand-in.")
    return text


def _stamp(path: Path) -> tuple[int, int] | None:
    """(modification time in ns, size) of a regular file, None when there is none."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size) if path.is_file() else None


def _local_time(mtime_ns: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(mtime_ns / 1e9).astimezone()


def clock_text(at: dt.datetime | None, zone: str = "") -> str:
    """``at`` as a clock time like ``14:05``, on the clock of ``zone`` if it is one.

    Parameters
    ----------
    at : datetime.datetime or None
        An aware time; None gives "".
    zone : str
        An IANA time zone name, as the visitor's browser reports it. The server's own
        clock is used when it is empty or not a zone this machine knows.
    """
    if at is None:
        return ""
    if zone:
        try:
            at = at.astimezone(ZoneInfo(zone))
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass  # not a zone this machine knows ("Europe" is a folder): the server's clock
    return at.strftime("%H:%M")


# --- what a hand-in is -------------------------------------------------------------
@dataclass
class HandIn(Entry):
    """One participant's latest hand-in, as the counsellor's side reads it.

    Attributes
    ----------
    hand_in_id : str
        The id its file is named by.
    folder : Path
        The folder holding it: the class folder, or a user's folder one level down.
    handed_in : datetime.datetime
        When it was written (the file's time, in the server's time zone).
    """

    hand_in_id: str = ""
    folder: Path | None = None
    handed_in: dt.datetime | None = None

    @property
    def key(self) -> str:
        """What identifies the participant across hand-ins: the hand-in id."""
        return self.hand_in_id

    @property
    def name(self) -> str:
        """The participant's name, else their user folder's, else a short id."""
        if self.plan.participant:
            return self.plan.participant
        if "/" in self.filename:  # DIR/<user>/<id>.json: the hub's user name
            return self.filename.split("/", 1)[0]
        return f"Participant {self.hand_in_id[:4]}"

    def code_seed(self) -> tuple[str, str]:
        """The participant's anonymous code stays the same when they hand in again."""
        return "hand-in", self.hand_in_id


@dataclass(frozen=True)
class Receipt:
    """What a participant is told after handing in.

    Attributes
    ----------
    at : datetime.datetime
        When the hand-in was written (server time zone).
    digest : str
        :func:`closer_widgets.calibration.content_hash` of the file written: a review
        naming another digest was written for an earlier hand-in.
    """

    at: dt.datetime
    digest: str

    @property
    def time_text(self) -> str:
        """``14:05``, on the server's clock (:func:`clock_text` for the visitor's)."""
        return clock_text(self.at)


# --- a participant's side ----------------------------------------------------------
class Seat:
    """One participant's place in the class folder: their hand-in and its review.

    Made by :meth:`ClassFolder.seat` from the participant's key. It offers no way to
    list the folder or to name another participant's file.
    """

    def __init__(self, folder: Path, key: str):
        self._id = hand_in_id(key)
        self._folder = folder
        self._path = folder / f"{self._id}.json"
        self._review_path = folder / REVIEWS / f"{self._id}{REVIEW_SUFFIX}"

    @property
    def hand_in_id(self) -> str:
        """The id the hand-in is filed under."""
        return self._id

    def hand_in(self, session) -> Receipt:
        """Hand the session in, replacing this participant's earlier hand-in.

        Parameters
        ----------
        session : Session, bytes or str
            The session, or the text of one (it is checked all the same).

        Raises
        ------
        ClassFolderError
            With one sentence for the participant when the session is too large, is
            not a valid session, the class is full, or the file cannot be written.
        """
        if isinstance(session, Session):
            raw = session.dumps().encode("utf-8")
        elif isinstance(session, str):
            raw = session.encode("utf-8")
        else:
            raw = bytes(session)
        if len(raw) > MAX_BYTES:
            raise ClassFolderError(
                too_large_message("Your session", "handed in", _ADVICE, MAX_BYTES)
            )
        try:
            Session.loads(raw, "Your session")
        except SessionError as exc:
            log.warning("hand-in %s refused: %s", self._id, exc)
            raise ClassFolderError(
                f"Your session cannot be handed in: it is not a valid session. {_ADVICE}"
            ) from None
        if _stamp(self._path) is None and _count_hand_ins(self._folder) >= MAX_HAND_INS:
            raise ClassFolderError(f"The class folder is full ({MAX_HAND_INS} hand-ins). {_ADVICE}")
        try:
            write_atomic(self._path, raw)
            stamp = _stamp(self._path)
        except OSError as exc:
            log.error("hand-in %s not written: %s", self._id, exc)
            raise ClassFolderError(
                f"Your hand-in could not be saved on the server ({exc.strerror}). {_ADVICE}"
            ) from None
        except CloserError as exc:  # something other than a file is in the way (a link)
            log.error("hand-in %s not written: %s", self._id, exc)
            raise ClassFolderError(
                f"Your hand-in could not be saved on the server. {_ADVICE}"
            ) from None
        at = _local_time(stamp[0]) if stamp else dt.datetime.now().astimezone()
        return Receipt(at, content_hash(raw))

    def handed_in(self) -> Receipt | None:
        """The receipt of this participant's hand-in on file, None before the first."""
        stamp = _stamp(self._path)
        if stamp is None:
            return None
        try:
            raw = read_capped(self._path, ClassFolderError, "session", MAX_BYTES)
        except ClassFolderError:
            return None
        return Receipt(_local_time(stamp[0]), content_hash(raw))

    def review_stamp(self) -> tuple[int, int] | None:
        """(time, size) of the review of this hand-in: a cheap check for a new one."""
        return _stamp(self._review_path)

    def review(self) -> Review | None:
        """The counsellor's review of this hand-in, None while there is none.

        Raises
        ------
        ReviewError
            When the review file cannot be read (a half-written one never shows:
            reviews are written atomically).
        """
        if self.review_stamp() is None:
            return None
        return Review.load(self._review_path)


def _count_hand_ins(folder: Path) -> int:
    try:
        with os.scandir(folder) as entries:
            return sum(
                1
                for entry in entries
                if entry.name.endswith(".json") and ID_PATTERN.fullmatch(entry.name[:-5])
            )
    except OSError:
        return 0


# --- the counsellor's side ---------------------------------------------------------
_NOT_HANDED_IN = (
    "This file was not handed in from the dashboard, so it is not shown here; "
    "'closer workshop' reads any session file."
)
_LINK = "This is a link, and links are not followed in the class folder."


class ClassFolder:
    """The folder of one live workshop.

    Parameters
    ----------
    path : str or PathLike
        An existing folder (see :meth:`create` to make one).

    Raises
    ------
    ClassFolderError
        When ``path`` does not exist or is not a folder.
    """

    def __init__(self, path):
        path = Path(path).expanduser()
        if not path.is_dir():
            what = "is not a folder" if path.exists() else "does not exist"
            raise ClassFolderError(f"The class folder '{path}' {what}.")
        self.path = path.resolve()
        self._listing: tuple | None = None
        self._collection = Collection(folder=self.path)
        self._read: dict[str, tuple[tuple[int, int], object]] = {}

    @classmethod
    def create(cls, path) -> ClassFolder:
        """The class folder at ``path``, made (with its ``reviews/``) when missing.

        Raises
        ------
        ClassFolderError
            When ``path`` is a file or cannot be created.
        """
        path = Path(path).expanduser()
        if path.exists() and not path.is_dir():
            raise ClassFolderError(f"'{path}' is a file; give a folder for the hand-ins.")
        try:
            (path / REVIEWS).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ClassFolderError(
                f"Cannot create the class folder '{path}' ({exc.strerror})."
            ) from None
        return cls(path)

    @property
    def tag(self) -> str:
        """A short name of this folder, the same on every start: scopes a browser's key."""
        return hashlib.sha256(str(self.path).encode("utf-8")).hexdigest()[:12]

    def seat(self, key: str) -> Seat:
        """A participant's seat, from their secret key.

        Raises
        ------
        ClassFolderError
            When ``key`` is not a participant key.
        """
        return Seat(self.path, key)

    # --- listing ---------------------------------------------------------------------
    def _scan(self) -> dict[str, tuple[Path, tuple[int, int] | None]]:
        """Relative name -> (path, (mtime, size)) of every file to consider.

        Files directly in the folder, and in each folder one level down (but not in
        ``reviews/``); hidden files (half-written saves) are left out, links are
        listed with no stamp so they are reported and never read.
        """
        found: dict[str, tuple[Path, tuple[int, int] | None]] = {}

        def files_in(folder: Path, prefix: str, subfolders: bool) -> None:
            count = 0
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith(".") or count >= MAX_FILES:
                        continue
                    if entry.is_symlink():
                        found[prefix + entry.name] = (Path(entry.path), None)
                        count += 1
                    elif entry.is_dir(follow_symlinks=False):
                        if subfolders and entry.name != REVIEWS:
                            try:
                                files_in(Path(entry.path), f"{entry.name}/", False)
                            except OSError:
                                continue  # a user's folder we may not read: not ours
                    elif entry.is_file(follow_symlinks=False):
                        info = entry.stat(follow_symlinks=False)
                        found[prefix + entry.name] = (
                            Path(entry.path),
                            (info.st_mtime_ns, info.st_size),
                        )
                        count += 1

        try:
            files_in(self.path, "", True)
        except OSError as exc:
            raise ClassFolderError(
                f"The class folder '{self.path}' cannot be read ({exc.strerror})."
            ) from None
        return found

    def collection(self) -> Collection:
        """The hand-ins as they are now, one entry (a :class:`HandIn`) per participant.

        Returns the same object as the previous call when no file changed, so a
        caller can tell a change with ``is``. Other files are listed as skipped, with
        the reason.

        Raises
        ------
        ClassFolderError
            When the folder cannot be read.
        """
        scanned = self._scan()
        listing = tuple(sorted((name, stamp) for name, (_, stamp) in scanned.items()))
        if listing == self._listing:
            return self._collection
        read: dict[str, tuple[tuple[int, int], object]] = {}
        entries, skipped = [], []
        for name, (path, stamp) in sorted(scanned.items()):
            if stamp is None:
                skipped.append(Skipped(name, _LINK))
                continue
            cached = self._read.get(name)
            item = cached[1] if cached is not None and cached[0] == stamp else None
            if item is None:
                item = self._read_one(name, path, stamp)
            read[name] = (stamp, item)
            (entries if isinstance(item, HandIn) else skipped).append(item)
        entries.sort(key=lambda e: (e.name.casefold(), e.hand_in_id))
        self._read = read
        self._listing = listing
        self._collection = Collection(entries=entries, skipped=skipped, folder=self.path)
        return self._collection

    def _read_one(self, name: str, path: Path, stamp: tuple[int, int]):
        stem = path.name[: -len(".json")] if path.name.endswith(".json") else ""
        if ID_PATTERN.fullmatch(stem) is None:
            return Skipped(name, _NOT_HANDED_IN)
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            return Skipped(name, f"This file cannot be read ({exc.strerror}).")
        try:
            session = Session.loads(raw, "This hand-in")
        except SessionError as exc:
            return Skipped(name, str(exc))
        return HandIn(
            filename=name,
            digest=content_hash(raw),
            session=session,
            hand_in_id=stem,
            folder=path.parent,
            handed_in=_local_time(stamp[0]),
        )

    def hand_in(self, hand_in_id: str) -> HandIn:
        """The hand-in filed under ``hand_in_id``, from the last listing.

        Raises
        ------
        ClassFolderError
            When the id is malformed or no such hand-in was listed.
        """
        hand_in_id = _checked_id(hand_in_id)
        for entry in self._collection.entries:
            if entry.hand_in_id == hand_in_id:
                return entry
        raise ClassFolderError("There is no hand-in with that id in the class folder.")

    # --- reviews -----------------------------------------------------------------------
    def _reviews(self, entry: HandIn) -> Path:
        folder = entry.folder / REVIEWS
        if folder.is_symlink():
            raise ClassFolderError(
                f"'{folder}' is a link, not a folder; reviews are not written through links."
            )
        return folder

    def write_review(self, hand_in_id: str, review: Review) -> Path:
        """Write the counsellor's review of a hand-in beside it, atomically.

        Raises
        ------
        ClassFolderError
            When there is no such hand-in or the review cannot be written.
        """
        entry = self.hand_in(hand_in_id)
        folder = self._reviews(entry)
        try:
            folder.mkdir(exist_ok=True)
            return review.save(folder / f"{entry.hand_in_id}{REVIEW_SUFFIX}")
        except OSError as exc:
            raise ClassFolderError(
                f"Cannot write the review in '{folder}' ({exc.strerror})."
            ) from None
        except CloserError as exc:  # not a review, or a link in the way
            raise ClassFolderError(str(exc)) from None

    def read_review(self, hand_in_id: str) -> Review | None:
        """The review written for a hand-in, None when there is none or it is unreadable."""
        try:
            entry = self.hand_in(hand_in_id)
            path = self._reviews(entry) / f"{entry.hand_in_id}{REVIEW_SUFFIX}"
        except ClassFolderError:
            return None
        if _stamp(path) is None:
            return None
        try:
            return Review.load(path)
        except ReviewError:
            return None
