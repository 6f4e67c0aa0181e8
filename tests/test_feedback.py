"""Tests of the feedback analyzer (closer_widgets.feedback)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from closer_widgets.content import ADVICE_IDS, ELEMENT_IDS, FLAG_IDS
from closer_widgets.errors import ContentError
from closer_widgets.feedback import (
    MAX_CHARS,
    SUGGESTIONS,
    WORDS_PER_MINUTE,
    Feedback,
    analyze,
    load_suggestions,
)
from closer_widgets.feedback.train import load_corpus

ROOT = Path(__file__).resolve().parent.parent
SUGGESTIONS_HEADER = tuple(column.name for column in SUGGESTIONS.columns)
CONTRACT_KEYS = {"elements", "evidence", "flags", "speaking_seconds", "suggestions"}

COMPLETE = (
    "Thank you for taking the time to meet me today. I'm very keen on the Data Analyst role "
    "at Acme, especially the supply-chain dashboards you described. In my last job I built "
    "the weekly reporting in SQL and cut the month-end close by two days. You mentioned some "
    "doubt about my retail experience; I spent two years analysing store sales, so I know that "
    "data well. Is there anything that would hold you back from moving me forward? Could you "
    "tell me what the next steps are and when you expect to decide? And may I have your email "
    "address so I can follow up?"
)


def _eval_module():
    path = ROOT / "benchmarks" / "eval_feedback.py"
    spec = importlib.util.spec_from_file_location("eval_feedback", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- shape


def test_complete_statement_has_every_element_and_no_flag():
    fb = analyze(COMPLETE, company="Acme", role="Data Analyst")
    assert list(fb.elements) == list(ELEMENT_IDS)
    assert all(fb.elements.values()), fb.elements
    assert not any(fb.flags.values()), fb.flag_evidence
    assert [finding.target for finding in fb.findings] == ["complete"]


def test_evidence_has_every_element_and_quotes_the_text():
    fb = analyze(COMPLETE, company="Acme")
    assert list(fb.evidence) == list(ELEMENT_IDS)
    for name in ELEMENT_IDS:
        assert fb.evidence[name], name
        for words in fb.evidence[name]:
            assert words.lower() in " ".join(COMPLETE.split()).lower()
    missing = analyze("I love hiking.")
    assert all(words == [] for words in missing.evidence.values())


def test_spans_point_at_the_evidence():
    text = "Thanks a lot! 😊 I'm keen on the role. I guess it kind of went ok. What's next?"
    fb = analyze(text)
    assert fb.spans, fb
    targets = {span.target for span in fb.spans}
    assert {"thanks", "interest", "next_steps", "hedging"} <= targets
    for start, end, target in fb.spans:
        assert 0 <= start < end <= len(text)
        shown = fb.evidence.get(target) or fb.flag_evidence.get(target)
        assert " ".join(text[start:end].split()) in shown
    assert list(fb.spans) == sorted(fb.spans)


def test_speaking_time_follows_the_word_count():
    text = " ".join(["word"] * 300)
    fb = analyze(text)
    assert fb.word_count == 300
    assert fb.speaking_seconds == pytest.approx(300 / WORDS_PER_MINUTE * 60)
    assert "long" in [finding.target for finding in fb.findings]


def test_to_dict_is_json_with_exactly_the_contract_keys():
    fb = analyze(COMPLETE + " I guess maybe.", company="Acme")
    data = fb.to_dict()
    assert set(data) == CONTRACT_KEYS
    assert json.loads(json.dumps(data)) == data
    assert set(data["elements"]) == set(ELEMENT_IDS) == set(data["evidence"])
    assert set(data["flags"]) == set(FLAG_IDS)
    assert data["suggestions"] == fb.suggestions
    details = fb.to_dict(details=True)
    assert CONTRACT_KEYS < set(details)
    assert json.loads(json.dumps(details)) == details
    assert details["findings"][0]["advice"]


def test_feedback_is_frozen_and_analysis_deterministic():
    first, second = analyze(COMPLETE), analyze(COMPLETE)
    assert first == second
    with pytest.raises(AttributeError):
        first.word_count = 3


def test_to_text_lists_elements_flags_time_and_suggestions():
    # The dashboard's names for the parts and the tone, and a timing verdict.
    report = analyze("Thanks. I really need this job, please.").to_text()
    assert "\u2713 Thank them" in report and '"Thanks"' in report
    assert "\u2717 Say you want it" in report
    assert "! Sounds needy" in report and "I really need this job" in report
    assert "target 60-90 s): short of the target: adding the 6 missing parts" in report
    assert "target 30-45 s" in analyze("Thanks.").to_text("short")
    assert re.search(r"^  1\. ", report, re.MULTILINE)


# --------------------------------------------------------------------------- elements

ELEMENT_CASES = {
    "interest": (
        "I'm really keen on this role.",
        "I'm not interested in a role that's mostly travel.",
    ),
    "skills": (
        "Over six years I've managed stock for three wards and trained new staff.",
        "I haven't worked with payroll software before.",
    ),
    "concerns": (
        "I know my degree isn't in computing, but I've completed two cloud certifications.",
        "I know I don't have much experience with Excel.",
    ),
    "thanks": (
        "Thank you for your time today.",
        "My old boss once sent a thank-you card to the whole office.",
    ),
    "next_steps": (
        "Could you tell me what the next steps are?",
        "On every project I ran, I wrote down the next steps for the team.",
    ),
    "contact": (
        "Before I go, could I have your business card?",
        "I already have your email, so I'll follow up next week.",
    ),
    "ask": (
        "Is there anything that would stop you from offering me this job?",
        "My last interviewer asked if I had any concerns about the pay.",
    ),
}


def known_miss(name: str, why: str):
    """A case the learned detector still gets wrong: kept, and reported, not hidden.

    ``strict`` makes the test fail once a retrained model gets it right, so the mark
    is removed then.
    """
    return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=why))


@pytest.mark.parametrize("name", ELEMENT_IDS)
def test_each_element_positive(name):
    present, _ = ELEMENT_CASES[name]
    assert analyze(present).elements[name], present


@pytest.mark.parametrize("name", ELEMENT_IDS)
def test_each_element_negative(name):
    _, absent = ELEMENT_CASES[name]
    assert not analyze(absent).elements[name], absent


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("In my last job my manager often thanked me for staying late.", "thanks"),
        ("My clients always said thank you when I sorted out their taxes.", "thanks"),
        ("He said 'thank you for your time' and left.", "thanks"),
        ("Thanks to my years at the call centre, I stay calm.", "thanks"),
        ("This role is the natural next step in my career.", "next_steps"),
        ("She asked me about the timeline for the move, and I delivered early.", "next_steps"),
        ("My recruiter told me the next steps would be a panel interview.", "next_steps"),
        ("I contacted suppliers daily to keep orders on time.", "contact"),
        ("I was the main point of contact for twelve accounts.", "contact"),
        ("They asked me whether I had any doubts about relocating.", "ask"),
        ("You'd be crazy not to hire me.", "ask"),
        ("I don't want to waste your time.", "interest"),
        ("Honestly? Not interested anymore.", "interest"),
    ],
)
def test_mentions_that_are_not_the_act_do_not_count(text, name):
    assert not analyze(text).elements[name], text


def test_reported_speech_can_still_recap_own_skills():
    fb = analyze("My clients always said thank you when I sorted out their tax returns.")
    assert fb.elements["skills"] and not fb.elements["thanks"]


def test_negation_of_something_else_keeps_interest():
    text = "I don't want to sound overeager, but this is exactly the kind of job I've been after."
    assert analyze(text).elements["interest"]
    assert analyze("I'm not only interested in the pay; I want to work on your models.").elements[
        "interest"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "What are the next steps?",
        "Could you let me know when you expect to decide?",
        "I'd love to know what happens next.",
        "Please tell me what happens next in the process.",
        "so what happens next",
    ],
)
def test_next_steps_counts_as_question_or_request(text):
    assert analyze(text).elements["next_steps"], text


# --------------------------------------------------------------------------- flags

FLAG_CASES = {
    "pushy": (
        "I expect an offer by Friday or I'll take the other offer.",
        "I'm confident I can deliver: I cut the support backlog by 40% at my last company.",
    ),
    "desperate": (
        "Please, I really need this job. I'll do anything.",
        "Please let me know if you need any references.",
    ),
    "hedging": (
        "I guess I could maybe help a bit with the reports.",
        "I think my scheduling experience would help the clinic.",
    ),
    "generic": (
        "This sounds like a great company and an exciting opportunity. I'm very interested.",
        "I'm excited about the product roadmap you showed me.",
    ),
    "unsupported": (
        "I'm a hard worker and a real people person.",
        "I'm a hard worker: last winter I covered forty extra night shifts when we were short.",
    ),
}


@pytest.mark.parametrize("name", FLAG_IDS)
def test_each_flag_positive(name):
    raised, _ = FLAG_CASES[name]
    fb = analyze(raised)
    assert fb.flags[name], raised
    assert fb.flag_evidence[name]


FLAG_MISSES = {
    "desperate": "a polite 'please' beside 'need' still reads as pleading",
    "unsupported": "a claim backed in the same sentence, after a colon, is still flagged",
}


@pytest.mark.parametrize(
    "name",
    [known_miss(name, FLAG_MISSES[name]) if name in FLAG_MISSES else name for name in FLAG_IDS],
)
def test_each_flag_negative(name):
    _, calm = FLAG_CASES[name]
    assert not analyze(calm).flags[name], calm


def test_one_mild_hedge_is_fine_two_raise_the_flag():
    assert not analyze("I'm not sure I'm a fit for the night shift.").flags["hedging"]
    fb = analyze("I'm not sure I'm a fit, and I might be a bit underqualified.")
    assert fb.flags["hedging"]
    assert "I'm not sure" in fb.flag_evidence["hedging"]


def test_far_apart_single_hedges_do_not_stack():
    text = (
        "I think the warehouse project suits me. I ran two depots. I cut costs by a third. "
        "I trained ten staff. I hired four drivers. Hopefully we can talk soon."
    )
    assert not analyze(text).flags["hedging"]


def test_the_kind_of_is_not_a_hedge():
    text = "This is exactly the kind of role I want, and the sort of team I like."
    assert not analyze(text).flags["hedging"]


def test_negated_flag_words_do_not_raise_flags():
    assert not analyze("I'm not desperate, I just like what you do here.").flags["desperate"]


def test_generic_is_about_what_is_said_not_the_name():
    # Naming the employer is not saying what draws you to it (GUIDE.md).
    generic = "Northwind seems like a great company and I would love to work there."
    assert analyze(generic, company="Northwind").flags["generic"]
    specific = (
        "I'm really keen on this nursing role, especially the early-discharge work on the "
        "stroke unit that you described."
    )
    assert not analyze(specific, company="Orion Health", role="Nurse").flags["generic"]


def test_generic_needs_interest():
    assert not analyze("Great company. Thanks for your time.").flags["generic"]


# --------------------------------------------------------------------------- issue 11

# Shapes that phrase rules missed on closing scripts written elsewhere (written here).


@pytest.mark.parametrize(
    "text",
    [
        "Is there any reason you would not take me further?",
        "Has anything I said left you unsure about me?",
        "Have I persuaded you I can do this job?",
        "Where do you think I fall short for this role?",
        "Do you think I would be successful here?",
        "Is there any reason you wouldn't move me on to the next round?",
    ],
)
def test_closing_asks_in_many_shapes_are_found(text):
    fb = analyze(text)
    assert fb.elements["ask"], (text, fb.sentences)
    assert not fb.flags["pushy"], text


def test_plain_love_for_the_company_is_interest():
    assert analyze("Honestly I love this company.").elements["interest"]


@pytest.mark.parametrize("text", ["So, shall we talk about my start date?", "Is the job mine?"])
def test_presumptive_closes_are_pushy(text):
    fb = analyze(text)
    assert fb.flags["pushy"], text
    assert fb.flag_evidence["pushy"]


def test_nervous_stacked_hedges_are_hedging():
    fb = analyze("Um, so yeah, I just think I'd maybe be a good fit.")
    assert fb.flags["hedging"]


@pytest.mark.parametrize("text", ["I'm a hard worker.", "I'm a people person."])
def test_a_bare_claim_is_skills_but_unsupported(text):
    fb = analyze(text)
    assert fb.elements["skills"] and fb.flags["unsupported"], text
    finding = next(f for f in fb.findings if f.target == "unsupported")
    assert "example" in finding.why and fb.flag_evidence["unsupported"]


def test_every_finding_points_at_its_sentence():
    text = "Thank you for your time today. What are the next steps from here?"
    fb = analyze(text)
    assert [text[s.start : s.end] for s in fb.sentences] == [
        "Thank you for your time today.",
        "What are the next steps from here?",
    ]
    assert "thanks" in fb.sentences[0].labels and "next_steps" in fb.sentences[1].labels
    for start, end, target in fb.spans:
        sentence = next(s for s in fb.sentences if s.start <= start < s.end)
        assert end <= sentence.end and target in sentence.labels
    details = fb.to_dict(details=True)
    assert details["sentences"][1]["labels"] == list(fb.sentences[1].labels)


# --------------------------------------------------------------------------- suggestions


def test_suggestions_most_important_first():
    fb = analyze("I guess I'm kind of interested. I expect an offer today.")
    severities = [finding.severity for finding in fb.findings]
    assert severities == sorted(severities, key=("high", "medium", "low").index)
    targets = [finding.target for finding in fb.findings]
    assert targets[0] == "pushy"
    assert targets.index("thanks") < targets.index("hedging") < targets.index("contact")
    assert fb.suggestions == [finding.text for finding in fb.findings]


def test_suggestions_name_what_was_seen_and_their_advice():
    fb = analyze("Thanks. I really need this job.", company="Acme")
    desperate = next(f for f in fb.findings if f.target == "desperate")
    assert "I really need this job" in desperate.message
    for finding in fb.findings:
        assert finding.advice and set(finding.advice) <= set(ADVICE_IDS)
        assert finding.text.endswith(f"({', '.join(finding.advice)}).")
    thanks_missing = analyze("I'm keen on the role at Acme.").findings
    assert "No thanks found." in [f.message for f in thanks_missing]


def test_suggestions_fill_company_or_a_neutral_word():
    with_company = analyze("I'm very interested.", company="Acme")
    assert any("Acme" in text for text in with_company.suggestions)
    without = analyze("I'm very interested.")
    assert not any("{" in text for text in without.suggestions)


# --------------------------------------------------------------------------- odd input


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n", None])
def test_empty_text_gives_one_friendly_suggestion(text):
    fb = analyze(text)
    assert not any(fb.elements.values()) and not any(fb.flags.values())
    assert fb.speaking_seconds == 0
    assert [finding.target for finding in fb.findings] == ["empty"]
    assert len(fb.suggestions) == 1 and fb.suggestions[0].startswith("There is no statement")


def test_html_and_script_are_just_text():
    text = "<b>Thank you</b> for meeting me. <script>alert('hire me')</script> I'm keen to join."
    fb = analyze(text)
    assert fb.elements["thanks"] and fb.elements["interest"]
    assert fb.evidence["thanks"] == ["Thank you"]
    assert "<script>" not in json.dumps(fb.to_dict()["evidence"])
    analyze("<script>" * 1000)  # no crash


@pytest.mark.parametrize(
    "text",
    [
        "شكرا جزيلا — thank you for your time today.",
        "תודה רבה! What are the next steps?",
        "谢谢 🙏🙏🙏 super excited about this!!! 😊",
        "👍🙏😊",
        "\u202eThank you\u202c \u200f\u200e",
        "İstanbul office, thank you! ß ﬁ",
        "thank\u2019s \u2018quoted\u2019 I\u2019m keen",
    ],
)
def test_emoji_and_right_to_left_text_do_not_crash(text):
    fb = analyze(text)
    for start, end, _ in fb.spans:
        assert 0 <= start < end <= len(text)
    json.dumps(fb.to_dict(details=True), ensure_ascii=False)


def test_curly_apostrophes_match():
    assert analyze("I\u2019d love to join the payments team.").elements["interest"]


def test_hundred_thousand_characters_complete_and_longer_text_is_truncated():
    chunk = "Thanks for your time. I guess I could maybe help. What are the next steps? "
    text = (chunk * (MAX_CHARS // len(chunk) + 1))[:MAX_CHARS]
    fb = analyze(text)
    assert fb.elements["thanks"] and fb.flags["hedging"] and not fb.truncated
    assert len(fb.evidence["thanks"]) <= 10
    longer = analyze(text + " more words")
    assert longer.truncated
    assert "Only the first" in longer.to_text()


@pytest.mark.parametrize(
    "chunk",
    [
        "the kind of job, kind of ",
        "I was worried but I managed it. ",
        "thanks to you, thank you. ",
        "what are the next steps in my career? ",
        "I really want this job and I think maybe I could help the team ",
    ],
)
def test_dense_cues_and_blocks_stay_linear(chunk):
    # Every cue overlaps a block, or every doubt has an answer: these once cost
    # seconds at this size. They must simply complete (the suite has a timeout).
    text = (chunk * (MAX_CHARS // len(chunk) + 1))[:MAX_CHARS]
    fb = analyze(text)
    assert len(fb.spans) <= 50 * (len(ELEMENT_IDS) + len(FLAG_IDS))


# --------------------------------------------------------------------------- content


def test_suggestions_cover_every_target():
    targets = {row.target for row in load_suggestions()}
    assert targets >= set(ELEMENT_IDS) | set(FLAG_IDS) | {"empty", "long", "complete"}


def test_broken_suggestions_name_file_row_and_column(tmp_path):
    rows = [",".join(SUGGESTIONS_HEADER)]
    rows += [f"{row.target},{row.severity},m,w,{row.advice}" for row in load_suggestions()]
    rows[2] = rows[2].replace(",m,", ",{oops},")
    path = tmp_path / "feedback_suggestions.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"row 3, column 'message'"):
        load_suggestions(path)


# --------------------------------------------------------------------------- labelled sets


def test_unseen_set_is_well_formed_and_kept_apart():
    module = _eval_module()
    unseen = module.load_csv_set(module.UNSEEN)
    legacy = module.load_csv_set(module.STATEMENTS)
    assert len(unseen) >= 50 and len({row["id"] for row in unseen}) == len(unseen)
    assert {row["split"] for row in unseen} == {"dev", "holdout"}
    assert not {row["id"] for row in unseen} & {row["id"] for row in legacy}
    corpus_texts = {
        " ".join(s["text"] for s in statement["sentences"]) for statement in load_corpus()
    }
    assert not corpus_texts & {row["text"] for row in unseen + legacy}


def test_second_holdout_is_well_formed_and_kept_apart():
    module = _eval_module()
    rows = module.load_csv_set(module.HOLDOUT2)
    assert len(rows) >= 80 and {row["split"] for row in rows} == {"holdout"}
    assert set(rows[0]["truth"]) == set(ELEMENT_IDS) | set(FLAG_IDS)
    for name in FLAG_IDS:
        assert sum(row["truth"][name] for row in rows) >= 12, name
    corpus_texts = {
        " ".join(s["text"] for s in statement["sentences"]) for statement in load_corpus()
    }
    assert not corpus_texts & {row["text"] for row in rows}


def test_feedback_type_is_public():
    assert isinstance(analyze("Thanks."), Feedback)


def test_a_recap_inside_a_long_sentence_is_found_by_its_clauses():
    text = (
        "Thanks again. I bring three years of SQL and Python on messy operational data, I "
        "explain numbers to managers who are not analysts, and I like owning a project from "
        "start to finish."
    )
    fb = analyze(text)
    assert fb.elements["skills"]
    assert any("three years" in words for words in fb.evidence["skills"])


@pytest.mark.xfail(strict=True, reason="a recap opened by 'To sum up' is still missed")
def test_a_recap_opened_by_to_sum_up():
    text = "Thanks again. To sum up, I bring three years of SQL and Python on messy data."
    assert analyze(text).elements["skills"]
