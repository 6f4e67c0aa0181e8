"""The closing-ask advisor: the signals file, the rule over combinations, and the advice text."""

from __future__ import annotations

import itertools
import json

import pytest

from closer_widgets.advisor import (
    AFTER_THE_ASK,
    BOLD_MARGIN,
    LEVEL_BOLDNESS,
    LEVELS,
    RULE,
    Signal,
    advise,
    examples_for,
    load_signals,
)
from closer_widgets.errors import ContentError
from closer_widgets.questions import load_bank

REQUIRED = {
    "ran_over": "bold",
    "start_dates": "bold",
    "met_team": "bold",
    "sold_company": "bold",
    "engaged": "bold",
    "next_round_mentioned": "bold",
    "short_answers": "advance",
    "concern_raised": "advance",
    "clock_watching": "advance",
    "early_process": "mild",
}
KEY_SIGNALS = (
    "ran_over",
    "start_dates",
    "met_team",
    "concern_raised",
    "short_answers",
    "early_process",
)
READS = ("well", "unsure", "rough")
RANK = {level: rank for rank, level in enumerate(LEVELS)}


@pytest.fixture(scope="module")
def bank():
    return load_bank()


@pytest.fixture(scope="module")
def signals():
    return {signal.id: signal for signal in load_signals()}


def test_signals_file_has_the_required_signals(signals):
    for signal_id, points in REQUIRED.items():
        assert signals[signal_id].points == points, signal_id
    for signal in signals.values():
        assert signal.label and signal.explain.endswith(".")
        assert signal.weight > 0
        assert "A14" in signal.advice or "A4" in signal.advice


def test_a_broken_signals_file_names_file_row_and_column(tmp_path):
    path = tmp_path / "signals.csv"
    path.write_text(
        "id,label,points,weight,advice,explain\n"
        "ran_over,It ran over,bold,2,A14,Extra time is a good sign.\n"
        "odd,Something odd,sideways,1,A14,Not a direction.\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=r"signals\.csv, row 3, column 'points'"):
        load_signals(path)
    path.write_text("id,label,points,weight,explain\nx,X,bold,1,Y.\n", encoding="utf-8")
    with pytest.raises(ContentError, match="column 'advice'"):
        load_signals(path)


def test_a_custom_signals_file_loads(tmp_path):
    path = tmp_path / "signals.csv"
    path.write_text(
        "id,label,points,weight,advice,explain\nsmiled,They smiled,bold,4,A14,A warm sign.\n",
        encoding="utf-8",
    )
    (signal,) = load_signals(path)
    assert signal == Signal("smiled", "They smiled", "bold", 4.0, "A14", "A warm sign.")


def expected_level(ticked, read, signals):
    """The rule as the view states it, written out independently of the code."""
    if read == "rough":
        return "mild"
    if any(signals[s].points == "advance" for s in ticked) or read == "unsure":
        return "advance"
    good = sum(signals[s].weight for s in ticked if signals[s].points == "bold")
    other = sum(signals[s].weight for s in ticked if signals[s].points != "bold")
    return "bold" if good - other >= BOLD_MARGIN else "mild"


def subsets(items):
    for size in range(len(items) + 1):
        yield from itertools.combinations(items, size)


def test_every_combination_of_key_signals_and_reads(signals):
    seen = set()
    for ticked in subsets(KEY_SIGNALS):
        for read in READS:
            advice = advise(ticked, read)
            assert advice.level == expected_level(ticked, read, signals), (ticked, read)
            seen.add(advice.level)
            if advice.level == "bold":
                assert read == "well"
                assert not {"concern_raised", "short_answers"} & set(ticked)
    assert seen == set(LEVELS)


def test_adding_a_bold_signal_never_makes_the_ask_less_bold(signals):
    bold_ids = [s for s, signal in signals.items() if signal.points == "bold"]
    for ticked in subsets(KEY_SIGNALS):
        for read in READS:
            before = RANK[advise(ticked, read).level]
            for extra in bold_ids:
                if extra not in ticked:
                    after = RANK[advise((*ticked, extra), read).level]
                    assert after >= before, (ticked, read, extra)


@pytest.mark.parametrize("warning", ["concern_raised", "short_answers", "clock_watching"])
def test_a_strong_warning_sign_turns_bold_into_the_advance_check(warning):
    good = ["ran_over", "start_dates", "met_team", "sold_company", "next_round_mentioned"]
    assert advise(good, "well").level == "bold"
    advice = advise([*good, warning], "well")
    assert advice.level == "advance"
    assert [s.id for s in advice.deciding] == [warning]


def test_rough_means_mild_whatever_the_signs():
    advice = advise(["ran_over", "start_dates", "met_team", "concern_raised"], "rough")
    assert advice.level == "mild"
    assert "rough" in advice.reason


def test_unsure_means_the_advance_check():
    advice = advise([], "unsure")
    assert advice.level == "advance"
    assert advice.deciding == ()
    assert "not sure" in advice.reason


def test_bold_is_decided_by_the_good_signs_with_their_explanations(signals):
    advice = advise(["start_dates", "ran_over", "early_process_unknown_id"], "well")
    assert advice.level == "bold"
    assert [s.id for s in advice.deciding] == ["ran_over", "start_dates"]  # file order
    assert all(s.explain == signals[s.id].explain for s in advice.deciding)
    assert advice.bold_score == 4 and advice.caution_score == 0


def test_caution_signals_hold_back_the_bold_ask():
    advice = advise(["ran_over", "start_dates", "early_process"], "well")
    assert advice.level == "mild"
    assert [s.id for s in advice.deciding] == ["early_process"]


def test_an_unanswered_concern_in_the_plan_blocks_the_bold_ask():
    good = ["ran_over", "start_dates"]
    open_concern = [{"concern": "no cloud experience", "answer": ""}]
    answered = [{"concern": "no cloud experience", "answer": "I finished the course last month"}]
    assert advise(good, "well", concerns=open_concern).level == "advance"
    assert advise(good, "well", concerns=answered).level == "bold"


def test_custom_weights_change_the_outcome():
    table = (
        Signal("a", "A", "bold", 2.0, "A14", "a."),
        Signal("b", "B", "bold", 2.0, "A14", "b."),
        Signal("c", "C", "mild", 1.5, "A14", "c."),
    )
    assert advise(["a", "b"], "well", table=table).level == "bold"
    assert advise(["a", "b", "c"], "well", table=table).level == "mild"  # 4 - 1.5 < 3


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("stage", ["", "first", "later", "final"])
def test_examples_are_closing_asks_of_the_matching_boldness(level, stage, bank):
    examples = examples_for(level, stage, bank)
    assert 2 <= len(examples) <= 3
    rows = bank.set_index("text").loc[list(examples)]
    assert set(rows["category"]) == {"closing_ask"}
    assert set(rows["boldness"]) == {LEVEL_BOLDNESS[level]}
    if stage == "later" and level == "advance":
        assert all(rows["stage"].isin(["later", "any"]))


def test_advice_carries_examples_and_the_honest_notes(bank):
    advice = advise(["ran_over", "start_dates"], "well", stage="final")
    assert advice.examples == examples_for("bold", "final", bank)
    assert "never use it" in advice.coaches_disagree
    assert advice.after_the_ask == AFTER_THE_ASK
    for words in ("personally", "consult", "upbeat", "shake hands", "professionally"):
        assert words in advice.after_the_ask


def test_reasons_are_one_sentence():
    for ticked in subsets(KEY_SIGNALS[:4]):
        for read in READS:
            reason = advise(ticked, read).reason
            assert reason.endswith(".") and ". " not in reason, reason
    assert RULE.count(". ") == 0 and RULE.endswith(".")


def test_bad_read_is_refused():
    with pytest.raises(ValueError, match="well, unsure or rough"):
        advise([], "great")


def test_sample_session_gets_the_bold_ask(sample_session_path):
    plan = json.loads(sample_session_path.read_text(encoding="utf-8"))["plan"]
    advice = advise(plan["signals"], plan["interview_read"], concerns=plan["concerns"])
    assert advice.level == "bold"
