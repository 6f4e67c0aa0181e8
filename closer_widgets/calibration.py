"""A counsellor's review of one participant's close, and how it compares with theirs.

The review uses the rubric the participant already knows from the rehearsal
self-check: which of the seven elements they said, which common mistakes showed,
and an overall 1-5 rating. :func:`calibration` lines the two up so a participant
can see where their view of themselves and the counsellor's view part ways.

A review file names the participant and the hash of the session file it was
written for, so a counsellor's notes never get attached to the wrong attempt.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .content import ELEMENT_IDS, element_records, mistake_records
from .documents import VersionedDocument
from .errors import SessionError
from .files import write_atomic
from .traits import clean_text

SCHEMA = "interview-closer/review"
"""Value of the ``schema`` field of every review file."""

VERSION = 1
"""Version written by this release."""

MAX_BYTES = 200_000
"""Largest review file accepted: a real one is about a kilobyte."""

COMMENTS_TEXT = 5_000
"""Longest comment kept, in characters."""

RATINGS = (0, 1, 2, 3, 4, 5)
"""Overall ratings: 1 (shaky) to 5 (ready); 0 means not rated."""

_CHOOSE = "Choose a review file saved from the counsellor's workshop view."


class ReviewError(SessionError):
    """A review file cannot be read, is of the wrong kind, or holds bad values."""


def content_hash(raw: bytes) -> str:
    """The SHA-256 of a file's bytes, as hex: how a review names its session."""
    return hashlib.sha256(raw).hexdigest()


@dataclass
class Review(VersionedDocument):
    """What a counsellor saw in one participant's close.

    Parameters
    ----------
    participant : str
        The participant's name (or workshop code), as in their session.
    session_hash : str
        :func:`content_hash` of the session file reviewed.
    elements : dict of str to bool
        For each of the seven element ids, whether the counsellor heard it.
    mistakes : list of str
        Ids from ``data/mistakes.csv`` the counsellor observed.
    rating : int
        Overall rating 1-5, on the participant's confidence scale; 0 if not given.
    comments : str
        Free text for the participant.
    saved_at : str
        When the file was last written (ISO 8601, UTC), empty if never.
    """

    SCHEMA = SCHEMA
    VERSION = VERSION
    NOUN = "review"
    DESCRIPTION = "a counsellor's review"
    ERROR = ReviewError
    MAX_BYTES = MAX_BYTES
    CHOOSE = _CHOOSE

    participant: str = ""
    session_hash: str = ""
    elements: dict = field(default_factory=lambda: dict.fromkeys(ELEMENT_IDS, False))
    mistakes: list = field(default_factory=list)
    rating: int = 0
    comments: str = ""
    saved_at: str = ""

    def __post_init__(self):
        # Constructed in code or from a file, a review always holds all seven ids.
        self.elements = {key: bool(self.elements.get(key, False)) for key in ELEMENT_IDS}
        self.mistakes = list(dict.fromkeys(self.mistakes))
        if self.rating not in RATINGS:
            raise ReviewError(
                f"The rating must be a whole number from 1 to 5, not {self.rating!r}."
            )
        self.comments = self.comments[:COMMENTS_TEXT]

    # --- the file (see closer_widgets.documents) -------------------------------------
    def body(self) -> dict:
        """The review's fields, as the file holds them."""
        return {
            "participant": self.participant,
            "session_hash": self.session_hash,
            "elements": dict(self.elements),
            "mistakes": list(self.mistakes),
            "rating": self.rating,
            "comments": self.comments,
        }

    @classmethod
    def from_body(cls, data: dict, source: str) -> Review:
        """A review from a checked dict (see :meth:`VersionedDocument.from_dict`).

        Raises
        ------
        ReviewError
            When a field holds a value of the wrong kind.
        """
        text = {}
        for key in ("participant", "session_hash", "comments"):
            value = data.get(key, "")
            if not isinstance(value, str):
                raise ReviewError(f"{source} has a '{key}' that is not text. {_CHOOSE}")
            text[key] = clean_text(value)  # as a plan's text: no NUL, bidi override, surrogate
        elements = data.get("elements", {})
        if not isinstance(elements, dict) or not all(
            isinstance(v, bool) for v in elements.values()
        ):
            raise ReviewError(f"{source} has 'elements' that are not yes/no values. {_CHOOSE}")
        unknown = sorted(set(elements) - set(ELEMENT_IDS))
        if unknown:
            raise ReviewError(f"{source} rates an unknown element '{unknown[0]}'. {_CHOOSE}")
        mistakes = data.get("mistakes", [])
        if not isinstance(mistakes, list) or not all(isinstance(m, str) for m in mistakes):
            raise ReviewError(f"{source} has 'mistakes' that are not a list of ids. {_CHOOSE}")
        rating = data.get("rating", 0)
        if isinstance(rating, bool) or rating not in RATINGS:
            raise ReviewError(f"{source} has a rating that is not a number from 1 to 5. {_CHOOSE}")
        return cls(
            participant=text["participant"][:200],
            session_hash=text["session_hash"][:64],
            elements=elements,
            mistakes=[clean_text(m)[:200] for m in mistakes[:100]],
            rating=rating,
            comments=text["comments"],
            saved_at=data["saved_at"],
        )

    def save(self, path: str | os.PathLike) -> Path:
        """Write the review atomically (temporary file, then one rename).

        Raises
        ------
        ReviewError
            When ``path`` holds something other than a review (it is never
            overwritten) or the folder cannot be written.
        """
        path = Path(path)
        if path.exists():
            # Overwrite an older review of ours, never a session or a stranger's file.
            try:
                Review.load(path)
            except ReviewError:
                raise ReviewError(
                    f"'{path.name}' already exists and is not a review; choose another folder."
                ) from None
        try:
            return write_atomic(path, self.dumps())
        except OSError as exc:
            raise ReviewError(
                f"Cannot write in '{path.parent}' ({exc.strerror}); choose another folder."
            ) from None


# --- calibration ---------------------------------------------------------------
NOT_CHECKED = "not checked"


@dataclass(frozen=True)
class CalibrationRow:
    """One line of the side-by-side comparison.

    Attributes
    ----------
    kind : str
        ``element``, ``mistake`` or ``rating``.
    id : str
        Element id, mistake id, or ``overall``.
    label : str
        What the line is about, for people.
    self_view : str
        What the participant's last self-check said (``yes``/``no``, a rating,
        or ``not checked``).
    counsellor_view : str
        What the counsellor recorded.
    differs : bool
        True when both gave an answer and the answers disagree.
    note : str
        A short reading of the difference, empty when they agree.
    """

    kind: str
    id: str
    label: str
    self_view: str
    counsellor_view: str
    differs: bool
    note: str = ""

    def to_dict(self) -> dict:
        """The row as a JSON-ready dict."""
        return dict(self.__dict__)


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def calibration(plan, review: Review) -> list[CalibrationRow]:
    """Compare the participant's last self-check with the counsellor's review.

    Parameters
    ----------
    plan : ClosingPlan
        The participant's plan; its last timed attempt is the self-check (a recorded
        take ticks no parts and gives no rating, so it is no self-check).
    review : Review
        The counsellor's review.

    Returns
    -------
    list of CalibrationRow
        The seven elements in order, then every mistake either side noted, then
        the overall rating. With no timed attempt yet, the participant's side reads
        ``not checked`` and nothing is flagged.
    """
    checks = [a for a in plan.rehearsals if a.get("source") != "recording"]
    last = checks[-1] if checks else None
    titles = {row.id: row.title for row in element_records()}
    mistake_titles = {row.id: row.title for row in mistake_records()}
    rows = []
    for element in ELEMENT_IDS:
        heard = review.elements.get(element, False)
        if last is None:
            rows.append(
                CalibrationRow(
                    "element", element, titles[element], NOT_CHECKED, _yes_no(heard), False
                )
            )
            continue
        said = element in last["said"]
        note = ""
        if said and not heard:
            note = "You ticked it; your counsellor did not hear it clearly."
        elif heard and not said:
            note = "Your counsellor heard it, though you did not tick it."
        rows.append(
            CalibrationRow(
                "element",
                element,
                titles[element],
                _yes_no(said),
                _yes_no(heard),
                said != heard,
                note,
            )
        )
    own = list(last["mistakes"]) if last is not None else []
    for mistake in dict.fromkeys([*own, *review.mistakes]):
        self_saw = mistake in own
        they_saw = mistake in review.mistakes
        note = ""
        if they_saw and not self_saw and last is not None:
            note = "Your counsellor noticed this; you did not mark it."
        elif self_saw and not they_saw:
            note = "You marked this; your counsellor did not see it."
        rows.append(
            CalibrationRow(
                "mistake",
                mistake,
                mistake_titles.get(mistake, mistake),
                NOT_CHECKED if last is None else _yes_no(self_saw),
                _yes_no(they_saw),
                last is not None and self_saw != they_saw,
                note,
            )
        )
    own_rating = last["confidence"] if last is not None else 0
    given = own_rating > 0 and review.rating > 0
    note = ""
    if given and own_rating > review.rating:
        note = "You rated yourself higher than your counsellor did."
    elif given and own_rating < review.rating:
        note = "Your counsellor rated you higher than you rated yourself."
    rows.append(
        CalibrationRow(
            "rating",
            "overall",
            "Overall rating (1-5)",
            str(own_rating) if own_rating else NOT_CHECKED,
            str(review.rating) if review.rating else "not rated",
            given and own_rating != review.rating,
            note,
        )
    )
    return rows
