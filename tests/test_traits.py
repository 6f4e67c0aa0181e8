"""The reusable trait types: each carries its own rule."""

import datetime as dt

import pytest
from traitlets import HasTraits, TraitError

from closer_widgets.traits import Clipped, IsoDate, Records, Texts, clean_text


class Model(HasTraits):
    name = Clipped(5)
    body = Clipped(5, strip=False)
    day = IsoDate()
    items = Records({"a": 3, "b": 2}, max_items=2)
    tags = Texts(4, max_items=2)


def test_clipped_cuts_and_trims_unless_told_not_to():
    model = Model(name="  abcdefgh ", body=" abcdefgh")
    assert (model.name, model.body) == ("abcde", " abcd")
    with pytest.raises(TraitError, match="expected text"):
        model.name = 3


@pytest.mark.parametrize(
    ("value", "stored"),
    [("", ""), (" 2026-03-31 ", "2026-03-31"), (dt.date(2026, 3, 31), "2026-03-31")],
)
def test_iso_date_accepts_dates_and_iso_text(value, stored):
    assert Model(day=value).day == stored


@pytest.mark.parametrize(
    ("value", "message"),
    [("31/03/2026", "not a date"), ("9999-01-01", "plausible"), (3, "expected a date")],
)
def test_iso_date_refuses_what_is_not_a_plausible_date(value, message):
    with pytest.raises(TraitError, match=message):
        Model(day=value)


def test_records_keep_known_keys_cut_to_their_limits():
    model = Model(items=[{"a": " abcd ", "z": "dropped"}, {"b": "xyz"}, {"a": "cut"}])
    assert model.items == [{"a": "abc", "b": ""}, {"a": "", "b": "xy"}]
    with pytest.raises(TraitError, match="must be objects"):
        model.items = ["text"]
    with pytest.raises(TraitError, match="'a' must be text"):
        model.items = [{"a": None}]


def test_texts_are_cleaned_cut_and_counted():
    assert Model(tags=[" abcdef", "b", "c"]).tags == ["abcd", "b"]
    with pytest.raises(TraitError):
        Model(tags="not a list")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Maya\u202eFDP.exe", "MayaFDP.exe"),  # a right-to-left override
        ("Maya\u2066Lindqvist\u2069", "MayaLindqvist"),  # bidi isolates
        ("Northwind\x00 Health", "Northwind Health"),
        ("lone \ud800 half", "lone  half"),
        ("tab\tand\nline", "tab\tand\nline"),  # what people do type stays
        ("Zoë 👋 日本", "Zoë 👋 日本"),
    ],
)
def test_text_is_cleaned_of_characters_nobody_types(typed, kept):
    assert clean_text(typed) == kept
    # Every trait type cleans what it keeps.
    model = Model(body=typed, items=[{"a": typed}], tags=[typed])
    for stored in (model.body, model.items[0]["a"], model.tags[0]):
        assert stored and stored in kept
