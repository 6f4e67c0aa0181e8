"""Content files in data/: shipped files load, bad files give clear errors."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from closer_widgets import content
from closer_widgets.content import (
    ADVICE_IDS,
    ELEMENT_IDS,
    QUESTION_CATEGORIES,
    QUESTIONS,
    Column,
    TableSpec,
    as_records,
    fill_placeholders,
    load_records,
    load_table,
    to_frame,
)
from closer_widgets.errors import ContentError

DATA = Path(content.DATA_DIR)


def test_question_bank_is_large_and_covers_every_category():
    bank = content.load_questions()
    assert len(bank) >= 120
    counts = bank["category"].value_counts()
    for category in QUESTION_CATEGORIES:
        assert counts.get(category, 0) >= 8, category
    assert bank["boldness"].between(1, 3).all()
    assert set(bank["stage"]) <= {"first", "later", "final", "any"}
    assert bank["id"].is_unique


def test_closing_asks_exist_at_every_boldness():
    asks = content.load_questions().query("category == 'closing_ask'")
    counts = asks["boldness"].value_counts()
    for level in (1, 2, 3):
        assert counts.get(level, 0) >= 3, f"closing asks at boldness {level}"


def test_only_company_and_role_placeholders():
    for text in content.load_questions()["text"]:
        assert set(re.findall(r"\{(\w*)\}", text)) <= {"company", "role"}


def test_elements_are_the_seven_in_order():
    elements = content.load_elements()
    assert tuple(elements["id"]) == ELEMENT_IDS
    for column in ("title", "what", "why", "prompt", "example_1", "example_2"):
        assert elements[column].str.len().min() >= 5, column


def test_mistakes_cover_the_common_ones():
    mistakes = content.load_mistakes()
    assert len(mistakes) >= 12
    text = " ".join(mistakes["title"] + " " + mistakes["what"]).lower()
    for topic in ("pay", "notes", "pushing", "thank", "question"):
        assert topic in text, topic


def test_every_advice_point_is_referenced_by_some_content_row():
    referenced = set()
    for path in DATA.glob("*.csv"):
        with open(path, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                referenced.update(part.strip() for part in (row.get("advice") or "").split(";"))
    missing = [advice for advice in ADVICE_IDS if advice not in referenced]
    assert not missing, f"ADVICE points with no content row: {missing}"


def test_every_shipped_csv_is_declared_by_a_table_spec_and_loads():
    """A file in data/ that no spec declares would be read unchecked, or not at all."""
    import importlib
    import pkgutil

    import closer_widgets

    specs = {}
    for info in pkgutil.walk_packages(closer_widgets.__path__, "closer_widgets."):
        # Views import widgets; training needs the train extra. Neither declares a table.
        if info.name.startswith(("closer_widgets.views", "closer_widgets.feedback.train")):
            continue
        module = importlib.import_module(info.name)
        specs.update({v.filename: v for v in vars(module).values() if isinstance(v, TableSpec)})
    assert sorted(specs) == sorted(path.name for path in DATA.glob("*.csv"))
    for spec in specs.values():
        assert load_records(spec), spec.filename


def test_tables_are_cached():
    assert content.load_questions() is content.load_questions()
    assert content.question_records() is content.question_records()


def test_records_are_immutable_rows_with_the_columns_as_attributes():
    bank = content.question_records()
    assert isinstance(bank, tuple)
    first = bank[0]
    assert type(first)._header == tuple(content.load_questions().columns)
    assert isinstance(first.boldness, int) and first.text
    with pytest.raises(AttributeError):
        first.text = "changed"
    # The DataFrame loaders are built from the very same records.
    assert [tuple(row) for row in bank] == list(
        content.load_questions().itertuples(index=False, name=None)
    )
    assert [row.id for row in content.element_records()] == list(ELEMENT_IDS)
    assert [row.id for row in content.mistake_records()] == list(content.load_mistakes()["id"])


def test_as_records_and_to_frame_round_trip():
    bank = content.question_records()
    frame = to_frame(bank)
    assert list(frame.columns) == list(type(bank[0])._header)
    again = as_records(frame)
    assert [tuple(row) for row in again] == [tuple(row) for row in bank]
    assert again[0].text == bank[0].text
    assert as_records(bank) == bank


def test_fill_placeholders_never_leaves_braces():
    assert (
        fill_placeholders("Why {company} for {role}?", "Acme", "Analyst") == "Why Acme for Analyst?"
    )
    filled = fill_placeholders("Why {company} for {role}?")
    assert "{" not in filled and "the company" in filled


# --- broken files: the message names file, row and column ---------------------------------


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "id,text,category,boldness,stage,why,avoid_if,advice\n"
GOOD = "q1,What does success look like?,role,1,any,Shows focus.,If covered.,A5\n"


@pytest.mark.parametrize(
    ("row", "column", "hint"),
    [
        ("q2,Text?,role,5,any,Why.,Avoid.,A5\n", "boldness", "outside"),
        ("q2,Text?,role,x,any,Why.,Avoid.,A5\n", "boldness", "whole number"),
        ("q2,Text?,sales,1,any,Why.,Avoid.,A5\n", "category", "not one of"),
        ("q2,Text?,role,1,someday,Why.,Avoid.,A5\n", "stage", "not one of"),
        ("q2,,role,1,any,Why.,Avoid.,A5\n", "text", "empty"),
        ("q2,Text?,role,1,any,Why.,Avoid.,A99\n", "advice", "advice ids"),
        ("q1,Text?,role,1,any,Why.,Avoid.,A5\n", "id", "used already on row 2"),
        ("q2,Why {employer}?,role,1,any,Why.,Avoid.,A5\n", "text", "placeholder"),
    ],
)
@pytest.mark.parametrize("loader", [load_table, load_records])
def test_bad_cell_names_file_row_and_column(tmp_path, loader, row, column, hint):
    path = write(tmp_path, "questions.csv", HEADER + GOOD + row)
    with pytest.raises(ContentError) as info:
        loader(QUESTIONS, path)
    message = str(info.value)
    assert message.startswith("questions.csv, row 3, column")
    assert f"'{column}'" in message
    assert hint in message


def test_missing_column_is_named(tmp_path):
    path = write(tmp_path, "questions.csv", HEADER.replace(",why", "") + "q1,T?,role,1,any,A,A5\n")
    with pytest.raises(ContentError, match=r"questions.csv, row 1, column 'why': .*missing"):
        load_table(QUESTIONS, path)


def test_ragged_row_is_named(tmp_path):
    path = write(tmp_path, "questions.csv", HEADER + GOOD + "q2,Text?,role\n")
    with pytest.raises(ContentError, match=r"row 3: it has 3 cells but the header has 8"):
        load_table(QUESTIONS, path)


def test_missing_and_undecodable_files(tmp_path):
    with pytest.raises(ContentError, match="nothere.csv: the file is missing"):
        load_table(QUESTIONS, tmp_path / "nothere.csv")
    path = tmp_path / "latin.csv"
    path.write_bytes(HEADER.encode() + "q1,Caf\xe9?,role,1,any,W,A,A5\n".encode("latin-1"))
    with pytest.raises(ContentError, match="latin.csv: the file is not UTF-8 text"):
        load_table(QUESTIONS, path)


def test_blank_lines_are_skipped_and_values_parsed(tmp_path):
    path = write(tmp_path, "questions.csv", HEADER + "\n" + GOOD + "\n")
    table = load_table(QUESTIONS, path)
    assert len(table) == 1
    assert table.loc[0, "boldness"] == 1
    (record,) = load_records(QUESTIONS, path)
    assert record.boldness == 1 and record.text == "What does success look like?"


def test_extra_and_odd_columns_are_kept(tmp_path):
    path = write(
        tmp_path,
        "questions.csv",
        HEADER.replace("\n", ",notes (fr)\n") + GOOD.replace("\n", ",Bien vu\n"),
    )
    (record,) = load_records(QUESTIONS, path)
    assert type(record)._header[-1] == "notes (fr)"
    assert record[-1] == "Bien vu"  # not a Python name: reachable by position
    assert load_table(QUESTIONS, path).loc[0, "notes (fr)"] == "Bien vu"


def test_empty_optional_number_is_none(tmp_path):
    spec = TableSpec("t.csv", (Column("id"), Column("weight", "int", required=False)))
    (record,) = load_records(spec, write(tmp_path, "t.csv", "id,weight\na,\n"))
    assert record.weight is None


def test_too_few_rows(tmp_path):
    spec = TableSpec("t.csv", (Column("id"),), min_rows=2)
    path = write(tmp_path, "t.csv", "id\nonly\n")
    with pytest.raises(ContentError, match="t.csv: it needs at least 2 rows"):
        load_table(spec, path)


def test_column_kinds():
    assert Column("n", "float", minimum=0, maximum=1).parse("0.5") == 0.5
    assert Column("b", "bool").parse("yes") is True
    assert Column("o", required=False).parse("  ") == ""
    with pytest.raises(ValueError, match="not 0 or 1"):
        Column("b", "bool").parse("maybe")
    with pytest.raises(ValueError):
        Column("k", "nonsense")
