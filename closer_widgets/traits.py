"""Reusable trait types that validate what a plan may hold.

Like ipywidgets' own ``Color`` or ``InstanceDict`` trait types, each type carries
its rule with it, so a model declares ``company = Clipped(200)`` instead of
branching on trait names in one validator.
"""

from __future__ import annotations

import datetime as dt
import re

from traitlets import TraitError, TraitType, Unicode

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
"""Dates outside these years are typing slips (a date picker allows the year 9999)."""


UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Characters no person types into a plan, and each a hazard where text goes:
control characters (NUL is refused by calendars, documents and terminals), the
bidirectional overrides and isolates that make "Maya\u202eFDP.exe" read as
"Mayaexe.PDF", and lone surrogates, which cannot be written as UTF-8 at all."""


def clean_text(value: str) -> str:
    """``value`` without :data:`UNSAFE_CHARACTERS` (tabs and line breaks are kept)."""
    return UNSAFE_CHARACTERS.sub("", value)


def clipped_text(value, limit: int, strip: bool = True) -> str:
    """``value`` cleaned (:func:`clean_text`), trimmed when ``strip``, cut to ``limit``.

    Raises
    ------
    traitlets.TraitError
        When ``value`` is not text.
    """
    if not isinstance(value, str):
        raise TraitError(f"expected text, got {type(value).__name__}")
    value = clean_text(value)
    return (value.strip() if strip else value)[:limit]


class Clipped(Unicode):
    """Text cut to at most ``limit`` characters, with surrounding blanks removed.

    Parameters
    ----------
    limit : int
        Longest text kept, in characters.
    strip : bool
        Whether to remove blanks at both ends (False keeps the text as typed,
        for long texts where a trailing space is still being typed).
    """

    info_text = "text"

    def __init__(self, limit: int, default_value: str = "", strip: bool = True, **kwargs):
        self.limit = limit
        self.strip = strip
        super().__init__(default_value, **kwargs)

    def validate(self, obj, value):
        return clipped_text(value, self.limit, self.strip)


def parse_iso_date(value) -> str:
    """``value`` (a date or ISO text, maybe blank) as ``YYYY-MM-DD`` or ``""``.

    Raises
    ------
    traitlets.TraitError
        When the text is not a date, or its year is not plausible.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        text = value.strip()[:10]
        if not text:
            return ""
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise TraitError(f"{text!r} is not a date like 2026-03-31") from None
    else:
        raise TraitError(f"expected a date, got {type(value).__name__}")
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise TraitError(f"{day.isoformat()} is not a plausible date: check the year")
    return day.isoformat()


class IsoDate(TraitType):
    """A calendar date kept as ISO text (``"2026-03-31"``), or ``""`` for none.

    Accepts a :class:`datetime.date` or ISO text, so a DatePicker's value and a
    saved session's text both fit.
    """

    default_value = ""
    info_text = "a date like 2026-03-31, or an empty string"

    def validate(self, obj, value):
        return parse_iso_date(value)


class _CappedList(TraitType):
    """A list of at most ``max_items`` items, each made clean by :meth:`clean_item`."""

    def __init__(self, max_items: int, **kwargs):
        self.max_items = max_items
        super().__init__(default_value=[], **kwargs)

    def make_dynamic_default(self):
        return []

    def validate(self, obj, value):
        if not isinstance(value, (list, tuple)):
            raise TraitError(f"expected a list, got {type(value).__name__}")
        return [self.clean_item(item) for item in value[: self.max_items]]

    def clean_item(self, item):
        raise NotImplementedError


class Records(_CappedList):
    """A list of flat records (dicts of text) with known keys, as JSON keeps them.

    Each record is rebuilt with exactly ``fields`` as keys, each text cleaned and cut
    to its limit; unknown keys are dropped, missing ones are ``""``; the list is cut
    to ``max_items``. Assign a new list to change one (traitlets does not see
    in-place edits).

    Parameters
    ----------
    fields : dict of str to int
        Each key and the longest text it may hold.
    max_items : int
        Most records kept.
    """

    info_text = "a list of objects"

    def __init__(self, fields: dict[str, int], max_items: int, **kwargs):
        self.fields = dict(fields)
        super().__init__(max_items, **kwargs)

    def clean_item(self, item):
        if not isinstance(item, dict):
            raise TraitError(f"items must be objects, got {type(item).__name__}")
        record = {}
        for key, limit in self.fields.items():
            text = item.get(key, "")
            if not isinstance(text, str):
                raise TraitError(f"'{key}' must be text, got {type(text).__name__}")
            record[key] = clipped_text(text, limit)
        return record


class Texts(_CappedList):
    """A list of short texts (ids, topics), each cleaned and cut to ``limit``."""

    info_text = "a list of texts"

    def __init__(self, limit: int, max_items: int, **kwargs):
        self.limit = limit
        super().__init__(max_items, **kwargs)

    def clean_item(self, item):
        return clipped_text(item, self.limit)
