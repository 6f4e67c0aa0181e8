"""The statement step's time verdict: the target and the missing parts decide it."""

import pytest

from closer_widgets.statement import TIME_VERDICTS, time_verdict, verdict_wording


@pytest.mark.parametrize(
    ("seconds", "missing", "verdict"),
    [
        # The pair: a 58 s close and an 18 s close with 1 of 7 parts used to
        # get the same "a little short: there is room for one more point".
        (58, 0, "a_little_short"),
        (18, 6, "missing_parts"),
        (40, 0, "well_short"),
        (63, 0, "within"),
        (95, 0, "long"),
        (95, 2, "long"),  # too long is too long, parts or not
    ],
)
def test_the_verdict_for_a_full_close(seconds, missing, verdict):
    said = time_verdict(seconds, 60, 90, missing)
    template = verdict_wording()[verdict]
    assert said.split(":")[0] == template.split(":")[0]


def test_the_missing_parts_are_counted_in_words():
    assert "the 1 missing part " in time_verdict(10, 30, 45, 1)
    assert "the 6 missing parts " in time_verdict(10, 30, 45, 6)


def test_every_verdict_has_its_wording():
    assert set(verdict_wording()) == set(TIME_VERDICTS.columns[0].choices)
