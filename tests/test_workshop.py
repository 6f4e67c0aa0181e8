"""Workshop aggregation: collect a class folder, sum it up, report it, and anonymise it."""

from __future__ import annotations

import hashlib
import json
import os
import re
from html import escape
from pathlib import Path

import markupsafe
import pandas as pd
import pytest

from closer_widgets.calibration import Review
from closer_widgets.content import ELEMENT_IDS
from closer_widgets.errors import CloserError
from closer_widgets.feedback import analyze
from closer_widgets.plan import LENGTHS, ClosingPlan
from closer_widgets.session import Session
from closer_widgets.workshop import (
    DEMO_NAMES,
    Collection,
    Entry,
    charts,
    class_table,
    collect,
    csv_text,
    demo_class,
    gaps_svg,
    heatmap_svg,
    report_html,
    skipped_html,
    speaking_svg,
    table_html,
    top_questions_svg,
    write_report,
)

VALID = 6
BAD = {
    "notes.txt": "only .json",
    "broken.json": "not JSON",
    "truncated.json": "cut short",
    "other-app.json": "wrong schema",
    "from-the-future.json": "newer Interview Closer",
    "zz-copy-of-aisha.json": "same content",
}


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def class_folder(tmp_path):
    """Six valid sessions and one file of every kind that must be skipped."""
    folder = tmp_path / "class"
    folder.mkdir()
    demo_class(folder, n=VALID, seed=3, problems=False)
    valid = (folder / "aisha-bello.json").read_bytes()
    (folder / "notes.txt").write_text("Maya Lindqvist: bring coffee", encoding="utf-8")
    (folder / "broken.json").write_text("{this is not json", encoding="utf-8")
    (folder / "truncated.json").write_bytes(valid[: len(valid) // 3])
    write_json(folder / "other-app.json", {"schema": "someone-else/v2", "data": []})
    future = json.loads(valid)
    future["version"] = 99
    write_json(folder / "from-the-future.json", future)
    (folder / "zz-copy-of-aisha.json").write_bytes(valid)
    (folder / ".aisha-bello.json.123.tmp").write_bytes(valid[:10])  # a half-written save
    reviews = folder / "reviews"
    reviews.mkdir()
    Review(participant="Aisha Bello", session_hash="x").save(reviews / "review-P-0000.json")
    write_json(reviews / "stray-session.json", json.loads(valid))
    return folder


def snapshot(folder: Path) -> dict:
    """Every file under ``folder`` with its hash, size and modification time."""
    return {
        str(path.relative_to(folder)): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_size,
            path.stat().st_mtime_ns,
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    } | {str(p.relative_to(folder)) + "/": None for p in folder.rglob("*") if p.is_dir()}


def participant_names() -> list[str]:
    return list(DEMO_NAMES[:VALID])


# --- collect -------------------------------------------------------------------
def test_collect_reads_valid_sessions_and_explains_every_skip(class_folder):
    collection = collect(class_folder)
    assert len(collection) == VALID
    assert sorted(e.name for e in collection.entries) == sorted(participant_names())
    reasons = dict(collection.skipped)
    assert set(reasons) == set(BAD)
    for filename, words in BAD.items():
        assert words in reasons[filename], (filename, reasons[filename])
        assert "\n" not in reasons[filename] and "Traceback" not in reasons[filename]
    # Subfolders (reviews/) and hidden half-written files are not part of the class.
    names = [e.filename for e in collection.entries] + list(reasons)
    assert not any(name.startswith(".") or "review" in name for name in names)


def test_collect_never_touches_the_folder(class_folder, tmp_path):
    before = snapshot(class_folder)
    collection = collect(class_folder)
    table = class_table(collection, anonymise=True)
    charts(table)
    out = tmp_path / "out"
    out.mkdir()
    write_report(class_folder, out / "report.html", out / "table.csv")
    write_report(class_folder, out / "anon.html", anonymise=True)
    assert snapshot(class_folder) == before


def test_duplicates_count_once_and_the_first_name_wins(class_folder):
    collection = collect(class_folder)
    digests = [e.digest for e in collection.entries]
    assert len(set(digests)) == len(digests)
    assert "aisha-bello.json" in dict(collection.skipped)["zz-copy-of-aisha.json"]


def test_a_review_in_the_sessions_folder_is_named_as_such(class_folder):
    Review(participant="Aisha Bello").save(class_folder / "review-stray.json")
    reason = dict(collect(class_folder).skipped)["review-stray.json"]
    assert "review" in reason and "reviews/" in reason


def test_collect_from_uploads(sample_session_path):
    raw = sample_session_path.read_bytes()
    collection = collect(
        [("../../etc/sample.json", raw), ("copy.json", raw), ("photo.png", b"\x89PNG")]
    )
    assert [e.filename for e in collection.entries] == ["copy.json"]  # sorted by name
    assert dict(collection.skipped) == {
        "photo.png": "This file is not a session file: only .json files are read.",
        "sample.json": "This file has the same content as 'copy.json', so it counts once.",
    }
    assert collection.folder is None


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_collect_refuses_what_is_not_a_folder(tmp_path, kind):
    target = tmp_path / "nothing-here"
    if kind == "file":
        target.write_text("{}", encoding="utf-8")
    with pytest.raises(CloserError) as info:
        collect(target)
    message = str(info.value)
    assert str(target) in message and "\n" not in message
    assert ("does not exist" if kind == "missing" else "not a folder") in message


# --- the class table -----------------------------------------------------------
def test_class_table_has_one_row_per_participant_with_the_plan_facts(class_folder):
    collection = collect(class_folder)
    table = class_table(collection)
    assert list(table["participant"]) == [e.name for e in collection.entries]
    for column in ("company", "role", *ELEMENT_IDS, "elements", "flags", "speaking_seconds"):
        assert column in table.columns
    for entry, (_, row) in zip(collection.entries, table.iterrows(), strict=True):
        plan = entry.plan
        feedback = analyze(plan.statement, company=plan.company, role=plan.role)
        assert {e: bool(row[e]) for e in ELEMENT_IDS} == feedback.elements
        assert row["elements"] == sum(feedback.elements.values())
        assert row["speaking_seconds"] == pytest.approx(feedback.speaking_seconds, abs=0.05)
        assert row["flags"] == ", ".join(f for f, on in feedback.flags.items() if on)
        assert row["questions"] == len(plan.questions)
        assert row["ask_level"] == plan.ask_level
        assert row["rehearsals"] == len(plan.rehearsals)
        # The participant's own length target, the same one their steps used.
        low, high = LENGTHS[plan.length]
        assert row["length"] == plan.length
        assert row["on_target"] == (low <= feedback.speaking_seconds <= high)
        ratings = [a["confidence"] for a in plan.rehearsals if a["confidence"]]
        if ratings:
            assert row["last_confidence"] == ratings[-1]
            assert row["mean_confidence"] == pytest.approx(sum(ratings) / len(ratings), abs=0.05)
        else:
            assert pd.isna(row["last_confidence"]) and pd.isna(row["mean_confidence"])
        bank_ids = [q["source_id"] for q in plan.questions if q["source_id"]]
        assert row["bank_questions"].split(";") == bank_ids or (
            not bank_ids and not row["bank_questions"]
        )


def test_question_categories_come_from_the_bank(sample_session_path):
    session = Session.load(sample_session_path)
    session.plan.questions = [
        {"text": "a", "source_id": "team-01"},
        {"text": "b", "source_id": "team-02"},
        {"text": "c", "source_id": ""},
    ]
    collection = collect([("s.json", session.dumps().encode())])
    row = class_table(collection).iloc[0]
    assert row["categories"] == "own, team (2)"
    assert row["bank_questions"] == "team-01;team-02"


def test_an_empty_class_gives_an_empty_table_with_all_columns():
    table = class_table(Collection())
    assert table.empty and "participant" in table.columns and "interest" in table.columns


# --- anonymisation -------------------------------------------------------------
def test_codes_are_stable_and_unique(class_folder):
    first = class_table(collect(class_folder), anonymise=True)["participant"].tolist()
    second = class_table(collect(class_folder), anonymise=True)["participant"].tolist()
    assert first == second
    assert all(re.fullmatch(r"P-[0-9A-F]{4}", code) for code in first)
    assert len(set(first)) == len(first)


def test_codes_lengthen_when_two_collide():
    from closer_widgets.workshop import participant_code

    seen = {}
    for number in range(5000):
        code = participant_code(f"Person {number}", "same-digest")
        if code in seen:
            pair = (seen[code], f"Person {number}")
            break
        seen[code] = f"Person {number}"
    entries = [
        Entry(f"{name}.json", "same-digest", Session(ClosingPlan(participant=name)))
        for name in pair
    ]
    codes = Collection(entries=entries).codes()
    assert len(set(codes)) == 2 and all(len(code) == len("P-") + 6 for code in codes)


def test_anonymised_report_and_csv_name_nobody(class_folder, tmp_path):
    report, table = tmp_path / "anon.html", tmp_path / "anon.csv"
    summary = write_report(class_folder, report, table, anonymise=True)
    assert summary.startswith(f"{VALID} sessions, {len(BAD)} skipped -> ")
    text = report.read_text(encoding="utf-8") + table.read_text(encoding="utf-8")
    lowered = text.lower()
    forbidden = [*participant_names(), *[p.stem for p in class_folder.glob("*.json")]]
    forbidden += [p.name for p in class_folder.iterdir() if p.is_file()]
    for name in forbidden:
        for form in {name, escape(name), name.split()[0] if " " in name else name}:
            assert form.lower() not in lowered, f"{form!r} appears in the anonymised report"
    assert len(re.findall(r"P-[0-9A-F]{4}", text)) >= VALID
    # Names that turn up in free text are hidden too.
    session = Session.load(class_folder / "aisha-bello.json")
    session.plan.company = "Aisha Bello Consulting"
    one = collect([("aisha-bello.json", session.dumps().encode())])
    assert "Aisha Bello" not in report_html(one, anonymise=True)


# --- charts and report ---------------------------------------------------------
def test_each_chart_is_inline_svg_with_an_accessible_name(class_folder):
    table = class_table(collect(class_folder))
    for draw in (heatmap_svg, gaps_svg, top_questions_svg, speaking_svg):
        svg = draw(table)
        assert svg.startswith("<svg") and 'role="img"' in svg and "aria-label=" in svg
        assert svg.rstrip().endswith("</svg>")
    # Each length target in use is shaded and labelled (the demo class uses the full one).
    assert "full close: 60-90 s" in speaking_svg(table)
    assert "short close" not in speaking_svg(table)
    table.loc[0, "length"] = "short"
    assert "short close: 30-45 s" in speaking_svg(table)
    heatmap = heatmap_svg(table)
    for name in participant_names():
        assert escape(name, quote=False) in heatmap  # one labelled row per participant


def test_top_questions_chart_names_the_most_chosen_question(tmp_path):
    plans = []
    for number in range(3):
        plan = ClosingPlan(participant=f"P{number}")
        plan.questions = [{"text": "x", "source_id": "role-02"}] + (
            [{"text": "y", "source_id": "team-01"}] if number == 0 else []
        )
        plans.append((f"p{number}.json", Session(plan).dumps().encode()))
    svg = top_questions_svg(class_table(collect(plans)))
    assert "What are the most pressing problems" in svg  # role-02, shortened with an ellipsis
    assert "…" in svg


def test_charts_of_an_empty_class_say_so():
    table = class_table(Collection())
    for svg in charts(table).values():
        assert svg.startswith("<svg") and ("No sessions" in svg or "No one" in svg)


def test_report_is_standalone_and_escapes_user_text(tmp_path, sample_session_path):
    folder = tmp_path / "class"
    folder.mkdir()
    session = Session.load(sample_session_path)
    session.plan.participant = "<script>alert(1)</script> $\\frac{ Bo"
    session.plan.company = "<img src=x onerror=alert(2)>"
    session.save(folder / "evil.json")
    summary = write_report(folder, tmp_path / "report.html")
    assert summary == f"1 sessions, 0 skipped -> {tmp_path / 'report.html'}"
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.lower().startswith("<!doctype html>")
    assert '<html lang="en">' in html and "<title>" in html
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert html.count("<svg") == 4
    assert not re.search(r"""(src|href)=["']?https?:""", html)  # nothing loaded from outside


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'])
def test_report_shows_markup_in_every_field_as_text(tmp_path, sample_session_path, payload):
    session = Session.load(sample_session_path)
    plan = session.plan
    plan.participant = plan.company = plan.role = payload
    plan.statement = f"{payload} {plan.statement} {payload}"
    plan.questions = [{"text": payload, "priority": "top", "note": payload}]
    uploads = [("a.json", session.dumps().encode()), (f"{payload}.txt", b"notes")]
    page = report_html(collect(uploads))
    assert "<script" not in page.lower() and "<img" not in page
    cell = f"<td>{markupsafe.escape(payload)}</td>"
    assert page.count(cell) == 3  # participant, company and role in the class table
    name = Path(f"{payload}.txt").name  # an upload's name loses anything before a slash
    assert f"<td>{markupsafe.escape(name)}</td>" in page  # the skipped file
    anonymised = report_html(collect(uploads), anonymise=True)
    assert "<script" not in anonymised.lower() and "<img" not in anonymised
    assert markupsafe.escape(payload) not in anonymised


def test_table_fragments_are_markup_with_every_value_escaped():
    evil = '"><img src=x onerror=alert(1)>'
    session = Session(ClosingPlan(participant=evil, company="<b>Acme</b>"))
    collection = collect([("a.json", session.dumps().encode()), (f"{evil}.txt", b"")])
    table = table_html(class_table(collection))
    skipped = skipped_html(collection.skipped_rows())
    for fragment in (table, skipped):
        assert isinstance(fragment, markupsafe.Markup)
        assert "<img" not in fragment and "&lt;img src=x" in fragment
    assert "<td>&lt;b&gt;Acme&lt;/b&gt;</td>" in table
    assert skipped.startswith('<table class="closer-skipped">')
    assert skipped_html([]) == "<p>No file was skipped.</p>"


def test_a_folder_without_sessions_still_gets_a_report(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "broken.json").write_text("{", encoding="utf-8")
    summary = write_report(folder, tmp_path / "r.html")
    assert summary.startswith("0 sessions, 1 skipped")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "No valid session" in html and "broken.json" in html and "<svg" not in html


def test_report_refuses_to_overwrite_a_session(class_folder):
    target = class_folder / "aisha-bello.json"
    before = target.read_bytes()
    with pytest.raises(CloserError, match="overwrite 'aisha-bello.json'"):
        write_report(class_folder, target)
    with pytest.raises(CloserError, match="different names"):
        write_report(class_folder, class_folder.parent / "x.html", class_folder.parent / "x.html")
    with pytest.raises(CloserError, match="does not exist"):
        write_report(class_folder, class_folder.parent / "missing" / "x.html")
    assert target.read_bytes() == before


def test_the_report_may_live_beside_the_sessions(class_folder):
    summary = write_report(class_folder, class_folder / "report.html")
    assert (class_folder / "report.html").exists() and "-> " in summary
    # Read again, the report is listed as skipped, never mistaken for a session.
    assert "report.html" in dict(collect(class_folder).skipped)


def test_csv_cannot_smuggle_spreadsheet_formulas(sample_session_path):
    session = Session.load(sample_session_path)
    session.plan.company = '=HYPERLINK("http://x")'
    table = class_table(collect([("s.json", session.dumps().encode())]))
    text = csv_text(table)
    assert "'=HYPERLINK" in text
    assert (
        pd.read_csv(__import__("io").StringIO(text))["elements"].iloc[0]
        == table["elements"].iloc[0]
    )


def test_demo_class_is_reproducible(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    demo_class(one, n=5, seed=7)
    demo_class(two, n=5, seed=7)
    assert snapshot_bytes(one) == snapshot_bytes(two)
    collection = collect(one)
    assert len(collection) == 5 and len(collection.skipped) == 2


def snapshot_bytes(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_the_projector_shows_no_company_or_role(class_folder):
    table = class_table(collect(class_folder), anonymise=True)
    assert set(table["company"]) == {""} and set(table["role"]) == {""}


def test_the_table_has_readable_headings_and_no_na(class_folder):
    html = table_html(class_table(collect(class_folder)))
    assert "<th>Say you want it</th>" in html and "<th>Speaking time (s)</th>" in html
    assert "<th>next_steps</th>" not in html and "&lt;NA&gt;" not in html and "<NA>" not in html


def test_a_recorded_take_counts_as_a_rehearsal_but_never_as_a_rating(sample_session_path):
    from closer_widgets.rehearse import record_take

    session = Session.load(sample_session_path)
    record_take(
        session.plan,
        {
            "seconds": 70.0,
            "speaking_seconds": 60.0,
            "pauses": 3,
            "longest_pause": 2.0,
            "lead_silence": 1.0,
            "trail_silence": 1.0,
        },
    )
    collection = collect([("maya.json", session.dumps().encode())])
    row = class_table(collection).iloc[0]
    assert row["rehearsals"] == 3
    # The sample's own ratings were 3 then 4: the unrated take (0) changes neither.
    assert row["last_confidence"] == 4 and row["mean_confidence"] == 3.5
    assert "0/5" not in table_html(class_table(collection))


def test_links_pipes_and_folders_named_json_are_listed_as_skipped_never_read(
    class_folder, tmp_path
):
    secret = tmp_path / "outside.json"
    secret.write_text(json.dumps({"schema": "not-a-session"}))
    (class_folder / "link.json").symlink_to(secret)
    (class_folder / "dangling.json").symlink_to(tmp_path / "gone.json")
    os.mkfifo(class_folder / "pipe.json")
    (class_folder / "folder.json").mkdir()
    (class_folder / "reviews").mkdir(exist_ok=True)  # a plain subfolder stays out of the list
    before = collect(class_folder)
    reasons = {skip.filename: skip.reason for skip in before.skipped}
    assert "links are not followed" in reasons["link.json"]
    assert "links are not followed" in reasons["dangling.json"]
    assert "not a regular file" in reasons["pipe.json"]
    assert "a folder" in reasons["folder.json"]
    assert "reviews" not in reasons
    assert "not-a-session" not in str(reasons)  # the link's target was never read
