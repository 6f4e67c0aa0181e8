"""Exports: Markdown, the printable cue card, Word, calendar, and export_session."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import zipfile
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from closer_widgets import export, reminders
from closer_widgets.errors import CloserError, SessionError
from closer_widgets.plan import ClosingPlan
from closer_widgets.session import Session

EVIL = "<script>alert('x')</script>"
TODAY = dt.date.today()


def _soon(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


@pytest.fixture
def sample(sample_session_path):
    plan = Session.load(sample_session_path).plan
    # Dates ahead of today, so the follow-up module accepts them whenever the suite runs.
    plan.interview_date = _soon(3)
    plan.decision_date = _soon(12)
    return plan


@pytest.fixture
def evil_plan():
    """Markup in every text field a user can fill."""
    return ClosingPlan(
        participant=EVIL,
        company=EVIL,
        role=EVIL,
        interviewer=EVIL,
        statement=f"{EVIL} I want this job. {EVIL}",
        ask_text=EVIL,
        attractions=[{"aspect": EVIL, "link": EVIL}],
        strengths=[{"strength": EVIL, "evidence": EVIL}],
        concerns=[{"concern": EVIL, "answer": EVIL}],
        questions=[{"text": EVIL, "priority": "top", "note": EVIL}],
        topics=[EVIL],
        followup_email=EVIL,
        interview_date=_soon(1),
        decision_date=_soon(8),
    )


# --- Markdown -----------------------------------------------------------------
def test_markdown_has_statement_questions_ask_and_dates(sample):
    text = export.to_markdown(sample)
    assert text.startswith("# Closing plan: Data Analyst at Northwind Health")
    assert "I'd love to do that kind of work at Northwind Health" in text
    for question in sample.questions:
        assert question["text"] in text
    assert sample.ask_text in text
    assert f"{sample.decision_date}: They expect to decide" in text


def test_markdown_makes_user_markup_inert(evil_plan):
    text = export.to_markdown(evil_plan)
    assert "<script>" not in text
    assert r"\<script\>" in text


def test_markdown_of_an_empty_plan_says_what_is_missing():
    text = export.to_markdown(ClosingPlan())
    assert "# Closing plan: My interview" in text
    assert "_Not written yet._" in text
    assert "_No questions chosen yet._" in text


# --- HTML cue card ------------------------------------------------------------
class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


def test_cue_card_is_a_complete_printable_document(sample):
    page = export.to_cue_card_html(sample)
    assert page.startswith("<!doctype html>")
    assert '<html lang="en">' in page
    assert "<title>Cue card: Data Analyst at Northwind Health</title>" in page
    assert page.rstrip().endswith("</html>")
    assert "@media print" in page
    assert "page-break-inside: avoid" in page
    assert escape(sample.ask_text) in page  # the apostrophe as the template escapes it
    assert (
        f"{dt.date.fromisoformat(sample.decision_date):%a %d %b %Y}: They expect to decide" in page
    )


def test_cue_card_escapes_every_field(evil_plan):
    page = export.to_cue_card_html(evil_plan)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    parser = _Tags()
    parser.feed(page)
    allowed = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "p"}
    assert parser.tags <= allowed | {"section", "ul", "ol", "li"}


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_cue_card_shows_markup_as_text(payload):
    plan = ClosingPlan(
        participant=payload,
        company=payload,
        role=payload,
        interviewer=payload,
        statement=f"{payload} Thank you for your time. I really want this job. {payload}",
        ask_text=payload,
        questions=[{"text": payload, "priority": "top", "note": payload}],
        interview_date=_soon(1),
    )
    page = export.to_cue_card_html(plan)
    assert "<script" not in page.lower() and "<img" not in page
    escaped = escape(payload)
    assert f"<title>Cue card: {escaped} at {escaped}</title>" in page  # role and company
    assert f'<p class="meta">with {escaped} · ' in page  # the interviewer
    assert f"<ol><li>{escaped}</li></ol>" in page  # the question
    assert f'<p class="ask">{escaped}</p>' in page


def test_cue_card_takes_top_questions_first():
    questions = [
        {"text": "backup one", "priority": "backup"},
        {"text": "plain one", "priority": ""},
        {"text": "top one", "priority": "top"},
        {"text": "plain two", "priority": ""},
        {"text": "top two", "priority": "top"},
    ]
    plan = ClosingPlan(questions=questions)
    assert [q["text"] for q in export.top_questions(plan)] == ["top one", "top two", "plain one"]
    plan.questions = [{"text": f"q{n}"} for n in range(5)]
    assert [q["text"] for q in export.top_questions(plan)] == ["q0", "q1", "q2"]


def test_cue_card_keeps_only_three_questions(sample):
    page = export.to_cue_card_html(sample)
    assert sample.questions[0]["text"] in page
    assert sample.questions[3]["text"] not in page  # the backup question stays off the card


def test_statement_cues_use_the_rehearsal_cue_card(sample):
    from closer_widgets.rehearse import cue_card

    assert export.statement_cues(sample.statement) == cue_card(
        sample.statement, max_bullets=export.CUE_LIMIT
    )
    assert export.statement_cues("   ") == []


WEDNESDAY = dt.date(2026, 12, 2)


def test_follow_up_dates_come_from_the_reminders_module():
    # A Friday decision: the check-in skips the weekend to the Tuesday.
    plan = ClosingPlan(interview_date="2026-12-02", decision_date="2026-12-11")
    assert export.follow_up_dates(plan, WEDNESDAY) == [
        (dt.date(2026, 12, 2), "Send your thank-you email"),
        (dt.date(2026, 12, 3), "Keep your other applications moving"),
        (dt.date(2026, 12, 11), "They expect to decide"),
        (dt.date(2026, 12, 15), "Check in about the decision"),
    ]
    schedule = reminders.schedule_for(plan, WEDNESDAY)
    assert export.follow_up_dates(plan, WEDNESDAY) == [(r.date, r.title) for r in schedule.events]


def test_follow_up_dates_without_a_decision_date_keep_the_reminders():
    dates = export.follow_up_dates(ClosingPlan(), WEDNESDAY)
    assert [day for day, _ in dates] == [
        WEDNESDAY,
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 9),  # about a week: five working days
    ]


def test_follow_up_dates_skip_the_listed_holidays():
    # Friday 28 May 2027, before the spring bank holiday (Monday 31 May).
    plan = ClosingPlan(interview_date="2027-05-28")
    dates = dict((what, day) for day, what in export.follow_up_dates(plan, dt.date(2027, 5, 28)))
    assert dates["Keep your other applications moving"] == dt.date(2027, 6, 1)
    no_holidays = export.follow_up_dates(plan, dt.date(2027, 5, 28), holidays=())
    assert (dt.date(2027, 5, 31), "Keep your other applications moving") in no_holidays


def test_follow_up_dates_include_decision_and_a_later_check_in(sample):
    dates = export.follow_up_dates(sample)
    decision = dt.date.fromisoformat(sample.decision_date)
    assert (decision, "They expect to decide") in dates
    check_in = reminders.add_working_days(decision, 2, reminders.public_holidays())
    assert (check_in, "Check in about the decision") in dates
    assert dates == sorted(dates)


def test_follow_up_dates_survive_a_decision_date_in_the_past():
    plan = ClosingPlan(decision_date="2020-01-03")  # the schedule refuses past dates
    dates = export.follow_up_dates(plan)
    assert (dt.date(2020, 1, 3), "They expect to decide") in dates
    assert (dt.date(2020, 1, 7), "Check in about the decision") in dates


# --- Word ---------------------------------------------------------------------
def _docx_text(plan, today=None) -> tuple[str, list[str]]:
    from docx import Document

    doc = Document(io.BytesIO(export.to_docx(plan, today)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    return "\n".join(p.text for p in doc.paragraphs), headings


def test_docx_reopens_with_the_statement_and_questions(sample):
    text, headings = _docx_text(sample)
    assert sample.statement in text
    assert sample.questions[0]["text"] in text
    assert sample.ask_text in text
    assert headings == [
        "Closing statement",
        "What draws me to this role",
        "Strengths to recap",
        "Concerns and my answers",
        "Questions to ask",
        "Closing ask",
        "Follow-up",
    ]


def _unescape_md(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@pytest.fixture
def everything(sample):
    """The sample with every optional part filled in, so every section shows."""
    sample.want_next_steps = True
    sample.want_contact = True
    sample.topics = ["the dashboard rebuild", "pairing with clinical staff"]
    sample.followup_email = "Subject: Thank you\n\nDear Sam,\n\nThank you for today."
    sample.questions = [
        *sample.questions,
        {"text": "What would my first month look like?", "priority": "backup", "note": "ask"},
    ]
    return sample


def test_word_carries_everything_the_markdown_carries(everything):
    today = dt.date.fromisoformat(everything.interview_date)
    markdown = export.to_markdown(everything, today)
    text, headings = _docx_text(everything, today)
    # Every section heading of the notes is a heading of the Word file.
    md_headings = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert md_headings == headings
    assert {"What draws me to this role", "Strengths to recap"} <= set(headings)
    assert {"Concerns and my answers", "Thank-you email"} <= set(headings)
    # Every item of the plan is in both.
    items = [
        *(row[key] for row in everything.attractions for key in ("aspect", "link")),
        *(row[key] for row in everything.strengths for key in ("strength", "evidence")),
        *(row[key] for row in everything.concerns for key in ("concern", "answer")),
        *(q[key] for q in everything.questions for key in ("text", "note")),
        *everything.topics,
        everything.ask_text,
        everything.stage,
        everything.interviewer,
        "Also ask what the next steps are",
        "Also ask who to follow up with",
        "Dear Sam,",
    ]
    for item in filter(None, items):
        assert item in _unescape_md(markdown), item
        assert item in text, item
    for day, what in export.follow_up_dates(everything, today):
        assert f"{day.isoformat()}: {what}" in markdown
        assert f"{day.isoformat()}: {what}" in text


def test_docx_copes_with_control_characters():
    from docx import Document

    plan = ClosingPlan(statement="Line one\x0bstill one\x00.", company="Acme\x07")
    doc = Document(io.BytesIO(export.to_docx(plan)))
    assert "Line onestill one." in [p.text for p in doc.paragraphs]


# --- calendar -----------------------------------------------------------------
def _events(data: bytes):
    import icalendar

    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_ics_without_a_decision_date_has_the_reminders_it_can_make():
    plan = ClosingPlan(interview_date="2026-12-02")
    starts = sorted(e.decoded("DTSTART") for e in _events(export.to_ics(plan, WEDNESDAY)))
    assert starts == [WEDNESDAY, dt.date(2026, 12, 3), dt.date(2026, 12, 9)]
    assert "No decision date yet" in export.missing_for(plan, "ics", WEDNESDAY)
    assert "about a week after the interview" in export.missing_for(plan, "ics", WEDNESDAY)
    assert export.missing_for(plan, "md", WEDNESDAY) == ""


def test_ics_includes_the_decision_date_and_the_reminders(sample):
    events = _events(export.to_ics(sample))
    by_uid = {str(e["UID"]).split("@")[0].rsplit("-", 1)[0]: e.decoded("DTSTART") for e in events}
    decision = dt.date.fromisoformat(sample.decision_date)
    assert by_uid["decision"] == decision
    holidays = reminders.public_holidays()
    assert by_uid["check-in"] == reminders.add_working_days(decision, 2, holidays)
    assert set(by_uid) == {"thank-you", "keep-going", "check-in", "decision"}
    assert export.missing_for(sample, "ics") == ""


def test_ics_agrees_with_the_follow_up_dates():
    plan = ClosingPlan(interview_date="2026-11-20", decision_date="2026-12-11")
    events = _events(export.to_ics(plan, WEDNESDAY))
    from_ics = sorted((e.decoded("DTSTART"), str(e["SUMMARY"])) for e in events)
    assert from_ics == export.follow_up_dates(plan, WEDNESDAY)


def test_ics_refusal_becomes_a_closer_error():
    with pytest.raises(CloserError, match="already passed"):
        export.to_ics(ClosingPlan(decision_date="2020-01-03"))
    assert "already passed" in export.missing_for(ClosingPlan(decision_date="2020-01-03"), "ics")


def test_export_bytes_rejects_unknown_formats(sample):
    with pytest.raises(CloserError, match="not an export format"):
        export.export_bytes(sample, "pdf")
    assert set(export.FORMATS) == {"md", "html", "docx", "ics"}
    for spec in export.FORMATS.values():
        assert (
            spec.suffix.startswith(".") and "/" in spec.mime and spec.filename.endswith(spec.suffix)
        )


# --- export_session -----------------------------------------------------------
@pytest.fixture
def session_file(tmp_path, sample_session_path):
    path = tmp_path / "maya.json"
    shutil.copy(sample_session_path, path)
    return path


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_export_session_writes_beside_the_input(session_file, fmt):
    before = session_file.read_bytes()
    out = export.export_session(session_file, fmt)
    assert out == session_file.with_suffix(export.FORMATS[fmt].suffix)
    assert out.read_bytes() == export.export_bytes(Session.load(session_file).plan, fmt)
    assert session_file.read_bytes() == before
    assert sorted(p.name for p in session_file.parent.iterdir()) == sorted(
        [session_file.name, out.name]
    )  # no temporary file left behind


def test_export_session_to_a_chosen_output(session_file, tmp_path):
    out = export.export_session(session_file, "md", tmp_path / "notes.txt")
    assert out == tmp_path / "notes.txt"
    assert "Northwind Health" in out.read_text(encoding="utf-8")
    if os.name == "posix":
        umask = os.umask(0o022)
        os.umask(umask)
        assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not left private like a temp file


def test_export_session_never_overwrites_the_input(session_file, tmp_path):
    before = session_file.read_bytes()
    aliases = [session_file, tmp_path / "sub" / ".." / session_file.name]
    (tmp_path / "sub").mkdir()
    if hasattr(os, "link"):
        os.link(session_file, tmp_path / "hardlink.md")
        aliases.append(tmp_path / "hardlink.md")
    for alias in aliases:
        with pytest.raises(CloserError, match="session file itself"):
            export.export_session(session_file, "md", alias)
    # A session that already has the target suffix would be its own default output.
    odd = tmp_path / "odd.md"
    shutil.copy(session_file, odd)
    with pytest.raises(CloserError, match="session file itself"):
        export.export_session(odd, "md")
    assert session_file.read_bytes() == before
    assert odd.read_bytes() == before


def test_export_session_reports_bad_input(tmp_path, session_file):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(SessionError, match="'broken.json'"):
        export.export_session(broken, "md")
    with pytest.raises(CloserError, match="does not exist"):
        export.export_session(session_file, "md", tmp_path / "missing" / "out.md")
    with pytest.raises(CloserError, match="is a folder"):
        export.export_session(session_file, "md", tmp_path)
    with pytest.raises(CloserError, match="not an export format"):
        export.export_session(session_file, "pdf")


def test_export_session_ics_without_decision_date(tmp_path):
    path = tmp_path / "s.json"
    Session(ClosingPlan(company="Acme")).save(path)
    out = export.export_session(path, "ics")
    assert len(_events(out.read_bytes())) == 3


def test_export_session_is_atomic(session_file, monkeypatch):
    out = session_file.with_suffix(".md")
    out.write_text("old notes", encoding="utf-8")

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("closer_widgets.files.os.replace", crash)
    with pytest.raises(CloserError, match="cannot be written"):
        export.export_session(session_file, "md")
    assert out.read_text(encoding="utf-8") == "old notes"
    assert sorted(p.name for p in session_file.parent.iterdir()) == sorted(
        [session_file.name, out.name]
    )


def test_the_word_file_is_the_same_bytes_whenever_it_is_built(sample, monkeypatch):
    import time

    first = export.to_docx(sample)
    later = time.localtime(time.time() + 3 * 3600 + 7)  # zip entries carry local time
    monkeypatch.setattr(time, "localtime", lambda *args: later)
    assert export.to_docx(sample) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {export.ZIP_EPOCH}
        assert "word/document.xml" in package.namelist()


def test_the_calendar_is_the_same_bytes_for_the_same_day(sample):
    day = dt.date(2026, 12, 1)
    assert export.to_ics(sample, today=day) == export.to_ics(sample, today=day)


@pytest.mark.parametrize("length", ["short", "full"])
def test_every_export_states_the_plans_one_length_target(sample, length):
    sample.length = length
    line = export.length_target(sample)
    assert ("30-45 seconds" if length == "short" else "60-90 seconds") in line
    assert line in export.to_markdown(sample)
    assert line in export.to_cue_card_html(sample)
    with zipfile.ZipFile(io.BytesIO(export.to_docx(sample))) as package:
        assert line in package.read("word/document.xml").decode("utf-8")


def test_the_card_and_the_time_budget_pick_questions_in_one_order():
    from closer_widgets.questions.my_list import budget

    plan = ClosingPlan(question_minutes=5)  # room for three
    plan.questions = [
        {"text": "backup one", "priority": "backup"},
        {"text": "plain one", "priority": ""},
        {"text": "top one", "priority": "top"},
        {"text": "plain two", "priority": ""},
    ]
    kept = [plan.questions[i]["text"] for i in budget(plan).keep]
    assert (
        [q["text"] for q in export.top_questions(plan)]
        == kept
        == [
            "top one",
            "plain one",
            "plain two",
        ]
    )


@pytest.mark.parametrize(
    ("participant", "company", "name"),
    [
        ("", "", "interview-closer-notes.md"),
        ("Maya Osei", "", "maya-osei-notes.md"),
        ("Tomás Herrera", "Globex / R&D", "tomas-herrera-globex-r-d-notes.md"),
        ("../../etc", "<b>", "etc-b-notes.md"),
    ],
)
def test_downloads_are_named_after_the_candidate_and_the_company(participant, company, name):
    plan = ClosingPlan(participant=participant, company=company)
    assert export.download_name(plan, "md") == name
    assert export.download_name(plan, "session").endswith("session.json")
    plan.interview_date = "2026-12-03"
    if participant:
        assert export.download_name(plan, "session").endswith("-2026-12-03.session.json")


# --- recorded takes -------------------------------------------------------------------
TAKE = {
    "seconds": 65.0,
    "speaking_seconds": 55.0,
    "pauses": 3,
    "longest_pause": 2.0,
    "lead_silence": 1.0,
    "trail_silence": 1.0,
}


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "ics"])
def test_every_export_works_with_recorded_takes_and_shows_no_rating(sample, fmt):
    from closer_widgets.rehearse import record_take

    before = export.export_bytes(sample, fmt)
    record_take(sample, dict(TAKE))
    record_take(sample, {**TAKE, "speaking_seconds": 0.0})  # a silent take, no pace
    # The exports are plans to say, not rehearsal logs: the takes change nothing in them,
    # and an unrated take can never print as "0/5".
    assert export.export_bytes(sample, fmt) == before


def test_word_keeps_a_title_longer_than_its_255_character_limit():
    plan = ClosingPlan(
        company="Barking, Havering and Redbridge University Hospitals NHS Trust " * 3,
        role="Senior Clinical Informatics and Digital Transformation Programme Manager " * 2,
    )
    data = export.export_bytes(plan, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        core = package.read("docProps/core.xml").decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
    title = core.split("<dc:title>")[1].split("</dc:title>")[0]
    assert len(title) <= 255 and title.endswith("\u2026")
    assert "Programme Manager" in body  # the heading inside keeps the whole title
