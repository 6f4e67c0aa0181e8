"""Follow-up logic: the thank-you email, the mailto link, the schedule and the calendar."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from closer_widgets.content import DATA_DIR
from closer_widgets.errors import ContentError
from closer_widgets.follow_up import (
    EMAIL_FIELDS,
    MAX_EMAIL_WORDS,
    Email,
    compose_thank_you,
    load_email_templates,
    mailto_link,
)
from closer_widgets.plan import LONG_TEXT, SHORT_TEXT, ClosingPlan

TODAY = dt.date(2026, 12, 2)  # a Wednesday


@pytest.fixture
def full_plan():
    return ClosingPlan(
        participant="Maya Lindqvist",
        company="Northwind Health",
        role="Data Analyst",
        interviewer="Sam Patel",
        topics=["the dashboard rebuild", "pairing with clinical staff", "a third topic"],
        concerns=[
            {
                "concern": "no cloud warehouse experience",
                "answer": "I moved our reports to BigQuery",
            }
        ],
    )


def _check_clean(email: Email):
    text = email.subject + "\n" + email.body
    assert "{" not in text and "}" not in text
    assert "Dear ," not in text and "Dear  " not in text
    assert "  " not in email.subject
    assert email.word_count() < 200
    assert email.subject.strip()
    assert email.to == ""


# --- compose_thank_you ------------------------------------------------------


def test_thank_you_from_a_full_plan(full_plan):
    email = compose_thank_you(full_plan)
    _check_clean(email)
    assert email.body.startswith("Dear Sam Patel,")
    assert "Data Analyst" in email.subject and "Northwind Health" in email.subject
    assert "the dashboard rebuild" in email.body
    assert "pairing with clinical staff" in email.body
    assert "a third topic" not in email.body  # two topics, not a list
    assert "no cloud warehouse experience" in email.body
    assert "I moved our reports to BigQuery." in email.body
    assert "join Northwind Health" in email.body
    assert "Data Analyst role at Northwind Health" in email.body
    assert email.body.rstrip().endswith("Maya Lindqvist")


def test_topics_argument_overrides_the_plan(full_plan):
    email = compose_thank_you(full_plan, topics=["team rituals"])
    assert "team rituals" in email.body
    assert "the dashboard rebuild" not in email.body


@pytest.mark.parametrize(
    "missing",
    ["interviewer", "company", "role", "participant", "topics", "concerns", "everything"],
)
def test_thank_you_with_a_field_missing(full_plan, missing):
    if missing == "everything":
        plan = ClosingPlan()
    else:
        plan = full_plan
        setattr(plan, missing, [] if missing in ("topics", "concerns") else "")
    email = compose_thank_you(plan)
    _check_clean(email)
    body = email.body
    if missing in ("interviewer", "everything"):
        assert body.startswith("Hello,")
        assert "Dear" not in body
    if missing in ("company", "everything"):
        assert "Northwind" not in body + email.subject
        assert " at ." not in body and "join ." not in body
        assert "your team" in body
    if missing in ("role", "everything"):
        assert "the role" in body
        assert "the  role" not in body and "as your new ." not in body
    if missing in ("topics", "everything"):
        assert "discussing" not in body
        assert "enjoyed our conversation" in body
    if missing in ("concerns", "everything"):
        assert "you raised" not in body
    if missing == "participant":
        assert body.rstrip().endswith("Best regards,")


def test_thank_you_with_a_concern_but_no_answer(full_plan):
    full_plan.concerns = [{"concern": "my notice period", "answer": ""}]
    email = compose_thank_you(full_plan)
    _check_clean(email)
    assert "my notice period" in email.body
    assert ": ." not in email.body


def test_thank_you_stays_under_200_words_with_huge_fields():
    long_words = " ".join(["word"] * 400)
    plan = ClosingPlan(
        participant=long_words[:SHORT_TEXT],
        company=long_words[:SHORT_TEXT],
        role=long_words[:SHORT_TEXT],
        interviewer=long_words[:SHORT_TEXT],
        topics=[long_words[:LONG_TEXT]] * 5,
        concerns=[{"concern": long_words[:LONG_TEXT], "answer": long_words[:LONG_TEXT]}],
    )
    email = compose_thank_you(plan)
    assert email.word_count() <= MAX_EMAIL_WORDS
    assert "Dear" in email.body


def test_email_text_round_trip(full_plan):
    email = compose_thank_you(full_plan)
    assert Email.from_text(email.to_text()) == email
    assert Email.from_text("Just a body\nwith lines") == Email(
        subject="", body="Just a body\nwith lines"
    )
    assert Email.from_text("") == Email(subject="", body="")


# --- the email reads well whatever was typed, in the tense of the real dates ----------

#: Topics and concerns as people type them: phrases and whole sentences, first
#: person or not, with and without full stops, in any case, with stray spaces.
EMAIL_INPUTS = {
    "phrases": (
        ["the dashboard rebuild", "team rituals"],
        {"concern": "no cloud warehouse experience", "answer": "I moved our reports to BigQuery"},
    ),
    "first-person sentences": (
        ["I liked hearing about the hospital projects.", "we talked about site visits"],
        {
            "concern": "I have never used Primavera P6",
            "answer": "I learn tools fast; I learned MS Project in two weeks.",
        },
    ),
    "third person, no stops": (
        ["The team is moving to BigQuery", "how analysts pair with clinical staff"],
        {
            "concern": "You worried that I have only worked in small firms",
            "answer": "my last firm ran projects worth 20 million pounds",
        },
    ),
    "mixed case, trailing spaces": (
        ["  THE DASHBOARD REBUILD  ", "Team rituals.  "],
        {
            "concern": "I HAVE NEVER USED PRIMAVERA P6",
            "answer": "  a P6 course booked for next month ",
        },
    ),
    "answer only": ([], {"concern": "", "answer": "I finished the P6 basics course last month."}),
    "concern only, a sentence": ([], {"concern": "I have never used Primavera P6.", "answer": ""}),
}
EMAIL_NEVER = [
    "On the point you raised about I have never used Primavera P6:",
    "about I ",
    "discussing I ",
    "discussing The ",
    "meet me today",  # the interview in these plans was 8 days ago
    "..",
    " .",
]


def _dated_plan(interview_date: str) -> ClosingPlan:
    return ClosingPlan(
        participant="Lee Chan",
        company="Acme Build",
        role="Project Planner",
        interviewer="Dana Reyes",
        interview_date=interview_date,
    )


@pytest.mark.parametrize("case", list(EMAIL_INPUTS))
def test_email_reads_well_for_phrases_and_sentences(case):
    topics, concern = EMAIL_INPUTS[case]
    plan = _dated_plan((TODAY - dt.timedelta(days=8)).isoformat())
    plan.topics, plan.concerns = topics, [concern]
    email = compose_thank_you(plan, today=TODAY)
    _check_clean(email)
    for bad in EMAIL_NEVER:
        assert bad not in email.body, (bad, email.body)
    paragraphs = email.body.split("\n\n")
    for paragraph in paragraphs[1:-1]:
        assert paragraph[0].isupper() and paragraph[-1] in ".?!", paragraph
        assert not re.search(r"[.?!] [a-z]", paragraph), paragraph  # every sentence starts big
    assert email.body.rstrip().endswith("Best regards,\nLee Chan")  # signed by the candidate
    assert compose_thank_you(plan, today=TODAY) == email  # deterministic


def test_email_uses_a_typed_sentence_as_a_sentence():
    plan = _dated_plan("")
    plan.concerns = [
        {"concern": "I have never used Primavera P6", "answer": "I learned MS Project in two weeks"}
    ]
    plan.topics = ["We talked about the hospital project in Leeds."]
    body = compose_thank_you(plan, today=TODAY).body
    assert "You raised a fair point: I have never used Primavera P6. " in body
    assert "I learned MS Project in two weeks." in body
    assert ": we talked about the hospital project in Leeds." in body


def test_email_topics_as_phrases_are_discussed():
    plan = _dated_plan("")
    plan.topics = ["  the Dashboard rebuild. ", "TEAM RITUALS"]
    body = compose_thank_you(plan, today=TODAY).body
    assert "I especially enjoyed discussing the Dashboard rebuild and team rituals." in body


def test_email_answer_given_as_a_phrase_is_pointed_to():
    plan = _dated_plan("")
    plan.concerns = [
        {"concern": "my notice period", "answer": "a one-month notice agreed with my manager"}
    ]
    body = compose_thank_you(plan, today=TODAY).body
    assert (
        "On the point you raised about my notice period, I would point to a one-month notice "
        "agreed with my manager." in body
    )


@pytest.mark.parametrize(
    ("interview", "said", "not_said"),
    [
        # 8 days ago: the past tense and the day it was.
        ("2026-11-24", "when we met on Tuesday, 24 November,", "today"),
        ("2026-12-01", "when we met on Tuesday, 1 December,", "today"),
        # Last year: the year is given.
        ("2025-12-30", "when we met on Tuesday, 30 December 2025,", "today"),
        # Today, or still ahead (the note goes out on the day): "today".
        ("2026-12-02", "to meet me today", "met on"),
        ("2026-12-04", "to meet me today", "met on"),
        # No date: neither "today" nor a day.
        ("", "Thank you for taking the time to talk with me about", "today"),
    ],
)
def test_email_tense_follows_the_real_dates(full_plan, interview, said, not_said):
    full_plan.interview_date = interview
    email = compose_thank_you(full_plan, today=TODAY)
    opening = email.body.split("\n\n")[1]
    assert said in opening, opening
    assert not_said not in opening, opening
    assert "meet me today" not in email.body or interview >= TODAY.isoformat()


def test_email_today_defaults_to_the_real_day(full_plan):
    full_plan.interview_date = dt.date.today().isoformat()
    assert "meet me today" in compose_thank_you(full_plan).body


def test_email_is_signed_with_the_participant(full_plan):
    body = compose_thank_you(full_plan, today=TODAY).body
    assert body.endswith("Best regards,\nMaya Lindqvist")
    full_plan.participant = ""
    assert compose_thank_you(full_plan, today=TODAY).body.endswith("Best regards,")


def test_email_templates_file_is_valid():
    words = load_email_templates()
    assert set(words) == set(EMAIL_FIELDS)


def test_bad_placeholder_in_email_templates_names_row_and_column(tmp_path):
    source = (DATA_DIR / "email_templates.csv").read_text(encoding="utf-8")
    path = tmp_path / "email_templates.csv"
    path.write_text(source.replace("Dear {interviewer},", "Dear {salary},"), encoding="utf-8")
    with pytest.raises(
        ContentError, match=r"email_templates\.csv, row 2, column 'template'.*salary"
    ):
        load_email_templates(path)
    lines = source.splitlines()
    path.write_text("\n".join(line for line in lines if not line.startswith("close,")), "utf-8")
    with pytest.raises(ContentError, match="'close' is missing"):
        load_email_templates(path)


# --- mailto ------------------------------------------------------------------


def test_mailto_link_encodes_subject_and_body():
    email = Email(subject="Thanks & more?", body="Line one\nLine two = 100%")
    link = mailto_link(email, to="sam@example.com")
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert parts.path == "sam@example.com"
    assert " " not in link and "\n" not in link
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thanks & more?"]
    assert query["body"] == ["Line one\r\nLine two = 100%"]


def test_mailto_link_uses_the_email_recipient_and_may_have_none():
    email = Email(subject="Hi", body="Body", to="a@b.org")
    assert mailto_link(email).startswith("mailto:a@b.org?subject=Hi&body=Body")
    assert mailto_link(Email(subject="Hi", body="x")).startswith("mailto:?subject=")
    assert (
        unquote(mailto_link(Email("Hi", "x"), to="x y@z.org").split("?")[0]) == "mailto:x y@z.org"
    )


# --- schedule --------------------------------------------------------------


def _by_key(reminders):
    return {r.key: r for r in reminders}


# --- calendar ----------------------------------------------------------------
