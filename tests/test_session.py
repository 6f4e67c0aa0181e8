"""Session files: round trip, atomic save, and every kind of bad file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closer_widgets.errors import SessionError
from closer_widgets.plan import ClosingPlan
from closer_widgets.rehearse import record_take
from closer_widgets.session import MAX_BYTES, SCHEMA, VERSION, Session

V1_SAMPLE = Path(__file__).parent / "data" / "session_v1.json"
"""The sample session as version 1 wrote it, before attempts named their source."""


def test_sample_session_loads(sample_session_path):
    loaded = Session.load(sample_session_path)
    assert loaded.plan.company == "Northwind Health"
    assert len(loaded.plan.strengths) == 3
    assert loaded.plan.statement


def test_round_trip(tmp_path, plan):
    plan.topics = ["dashboards", "team rituals"]
    path = Session(plan).save(tmp_path / "s.json")
    data = json.loads(path.read_text())
    assert data["schema"] == SCHEMA and data["version"] == VERSION and data["saved_at"]
    assert Session.load(path).plan.to_dict() == plan.to_dict()
    assert Session.from_dict(Session(plan).to_dict()).plan.to_dict() == plan.to_dict()


def test_save_keeps_a_backup(tmp_path, plan):
    path = tmp_path / "s.json"
    Session(plan).save(path, backup=True)
    plan.company = "Second"
    Session(plan).save(path, backup=True)
    assert Session.load(path).plan.company == "Second"
    assert Session.load(tmp_path / "s.json.bak").plan.company == "Northwind Health"


def test_a_crash_mid_save_leaves_the_old_file(tmp_path, plan, monkeypatch):
    path = Session(plan).save(tmp_path / "s.json")
    before = path.read_bytes()

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr("closer_widgets.files.os.replace", crash)
    plan.company = "Changed"
    with pytest.raises(OSError):
        Session(plan).save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def write(tmp_path, content: bytes | str, name="bad.json"):
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


GOOD = {"schema": SCHEMA, "version": 1, "plan": {"company": "Acme"}}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("hello", "not JSON"),
        ('{"schema": "interview-closer/session", "version": 1, "plan": {"comp', "cut short"),
        (json.dumps({"schema": "other", "version": 1}), "wrong schema"),
        (json.dumps([1, 2]), "wrong schema"),
        (json.dumps({**GOOD, "version": 99}), "newer Interview Closer"),
        (json.dumps({**GOOD, "version": "one"}), "no valid version"),
        (json.dumps({**GOOD, "plan": "x"}), "no plan"),
        (json.dumps({**GOOD, "plan": {"strengths": "lots"}}), "field 'strengths': expected a list"),
        (
            json.dumps({**GOOD, "plan": {"stage": "semi"}}),
            "field 'stage': it must be one of 'first', 'later', 'final'",
        ),
        (b"\xff\xfe\x00garbage", "not text"),
    ],
)
def test_bad_files_raise_a_clear_message(tmp_path, content, expected):
    path = write(tmp_path, content)
    with pytest.raises(SessionError) as info:
        Session.load(path)
    message = str(info.value)
    assert expected in message
    assert "'bad.json'" in message
    assert "\n" not in message


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    path = write(tmp_path, b" " * (MAX_BYTES + 10))
    with pytest.raises(SessionError, match="larger than 1 MB"):
        Session.load(path)


def test_missing_path_and_folder(tmp_path):
    with pytest.raises(SessionError, match="does not exist"):
        Session.load(tmp_path / "nope.json")
    with pytest.raises(SessionError, match="is a folder"):
        Session.load(tmp_path)


def test_older_versions_are_migrated_step_by_step(monkeypatch):
    monkeypatch.setattr(Session, "VERSION", 3)
    monkeypatch.setattr(
        Session,
        "MIGRATIONS",
        {
            **Session.MIGRATIONS,
            2: lambda d: {**d, "version": 3, "plan": {**d["plan"], "role": "migrated"}},
        },
    )
    loaded = Session.from_dict({**GOOD, "plan": {"company": "Acme", "rehearsals": [{}]}})
    assert loaded.plan.role == "migrated" and loaded.plan.company == "Acme"
    assert loaded.plan.rehearsals[0]["source"] == "timer"


# --- version 2: attempts name their source ------------------------------------------------


def test_this_release_writes_version_2_and_the_sample_is_current(sample_session_path):
    assert VERSION == 2
    assert json.loads(sample_session_path.read_text(encoding="utf-8"))["version"] == VERSION


def test_a_version_1_file_loads_with_every_attempt_timed(tmp_path, sample_session_path):
    raw = V1_SAMPLE.read_text(encoding="utf-8")
    assert json.loads(raw)["version"] == 1
    old = Session.load(V1_SAMPLE)
    assert [a["source"] for a in old.plan.rehearsals] == ["timer", "timer"]
    # The same plan as the current sample, once migrated.
    assert old.plan.to_dict() == Session.load(sample_session_path).plan.to_dict()
    # Saved again, it is a version 2 file; the version 1 file is never touched.
    path = old.save(tmp_path / "again.json")
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2
    assert V1_SAMPLE.read_text(encoding="utf-8") == raw


def test_the_step_from_version_1_sets_the_source_and_leaves_odd_shapes_to_the_plan():
    step = Session.MIGRATIONS[1]
    data = {**GOOD, "plan": {"rehearsals": [{"seconds": 70, "source": "recording"}]}}
    assert step(data)["plan"]["rehearsals"] == [{"seconds": 70, "source": "timer"}]
    assert step(data)["version"] == 2
    assert data["plan"]["rehearsals"][0]["source"] == "recording"  # the input is not changed
    assert step({**GOOD})["plan"] == GOOD["plan"]  # no attempts: nothing to do
    with pytest.raises(SessionError, match="field 'rehearsals': it is not the right kind"):
        Session.from_dict({**GOOD, "plan": {"rehearsals": "three"}})
    with pytest.raises(SessionError, match="field 'rehearsals': it is not the right kind"):
        Session.from_dict({**GOOD, "plan": {"rehearsals": ["70 s"]}})


def test_a_version_3_file_is_refused_as_newer(tmp_path):
    path = write(tmp_path, json.dumps({**GOOD, "version": 3}))
    with pytest.raises(SessionError) as info:
        Session.load(path)
    message = str(info.value)
    assert "newer Interview Closer" in message and "session version 3" in message
    assert "reads up to 2" in message and "\n" not in message


@pytest.mark.parametrize(
    "stuck",
    [lambda d: d, lambda d: {**d, "version": 1}, lambda d: {**d, "version": "2"}, lambda d: {}],
)
def test_a_migration_step_that_does_not_raise_the_version_is_refused(monkeypatch, stuck):
    monkeypatch.setattr(Session, "MIGRATIONS", {1: stuck})
    with pytest.raises(SessionError, match="did not move it forward"):
        Session.load(V1_SAMPLE)


def test_a_recorded_take_survives_a_save(tmp_path, plan):
    plan.statement = "Thank you for your time today. " * 5
    take = record_take(
        plan,
        {
            "seconds": 70,
            "speaking_seconds": 55,
            "pauses": 2,
            "longest_pause": 1.4,
            "lead_silence": 1.1,
            "trail_silence": 0.9,
        },
    )
    loaded = Session.load(Session(plan).save(tmp_path / "s.json"))
    assert loaded.plan.rehearsals == [take]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_a_file_holding_nan_or_infinity_is_refused(tmp_path, number):
    text = json.dumps({**GOOD, "version": 2, "plan": {"rehearsals": [{"seconds": 1.0}]}})
    path = write(tmp_path, text.replace("1.0", number))
    with pytest.raises(SessionError, match="not a finite number"):
        Session.load(path)


def test_session_error_is_a_value_error():
    assert issubclass(SessionError, ValueError)


def test_load_never_modifies_the_file(tmp_path):
    path = write(tmp_path, json.dumps(GOOD))
    stat = os.stat(path)
    Session.load(path)
    assert os.stat(path).st_mtime_ns == stat.st_mtime_ns
    assert ClosingPlan.from_dict(GOOD["plan"]).company == "Acme"


# --- one boundary for every file handed in: crafted values in every field -----------
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    # Every code point, lone surrogates, NUL and bidi overrides included.
    | st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, categories=None), max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def _sample_dict() -> dict:
    root = Path(__file__).resolve().parent.parent
    return json.loads((root / "data" / "examples" / "sample_session.json").read_text())


SAMPLE = _sample_dict()
PLAN_FIELDS = sorted(SAMPLE["plan"])
ATTEMPT_FIELDS = sorted(SAMPLE["plan"]["rehearsals"][0])


def _assert_loads_or_refuses(data) -> None:
    raw = json.dumps(data, allow_nan=True).encode()
    try:
        session = Session.loads(raw, "'fuzz.json'")
    except SessionError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("'fuzz.json'")
        return
    # What loads is safe to show, write and load again.
    text = session.dumps()
    text.encode("utf-8")  # no lone surrogate survived
    assert not any(char in text for char in ("\x00", "\u202e", "\u2066"))
    assert Session.loads(text).plan.to_dict() == session.plan.to_dict()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(PLAN_FIELDS), value=json_values)
def test_a_crafted_value_in_any_plan_field_loads_or_is_refused_cleanly(field, value):
    data = json.loads(json.dumps(SAMPLE))
    data["plan"][field] = value
    _assert_loads_or_refuses(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(ATTEMPT_FIELDS), value=json_values)
def test_a_crafted_value_in_a_rehearsal_loads_or_is_refused_cleanly(field, value):
    data = json.loads(json.dumps(SAMPLE))
    data["plan"]["rehearsals"][0][field] = value
    _assert_loads_or_refuses(data)


@settings(max_examples=100, deadline=None)
@given(
    field=st.sampled_from(["schema", "version", "saved_at", "plan", "app_version"]),
    value=json_values,
)
def test_a_crafted_header_loads_or_is_refused_cleanly(field, value):
    data = json.loads(json.dumps(SAMPLE))
    data[field] = value
    _assert_loads_or_refuses(data)


@pytest.mark.parametrize(
    "raw",
    [b"[" * 400_000, b'{"a":' * 40 + b"1" + b"}" * 40, b'{"schema": NaN}', b"\xff\xfe"],
)
def test_hostile_text_is_refused_with_one_sentence(raw):
    with pytest.raises(SessionError, match=r"^'x.json' is not a saved session"):
        Session.loads(raw, "'x.json'")


def test_unsafe_characters_are_cleaned_at_the_model():
    data = json.loads(json.dumps(SAMPLE))
    data["plan"]["participant"] = "Maya\u202eFDP.exe"
    data["plan"]["statement"] = "Thank you\x00 for your time.\ud800\nBest"
    session = Session.loads(json.dumps(data).encode())
    assert session.plan.participant == "MayaFDP.exe"
    assert session.plan.statement == "Thank you for your time.\nBest"
