"""Versioned documents: the migration chain, and the shared load and save path."""

import json

import pytest

from closer_widgets.documents import VersionedDocument, migrate
from closer_widgets.errors import SessionError


class Note(VersionedDocument):
    SCHEMA = "test/note"
    VERSION = 3
    NOUN = "note"
    DESCRIPTION = "a note"
    MAX_BYTES = 1000
    CHOOSE = "Choose a note."
    MIGRATIONS = {
        1: lambda d: {**d, "version": 2, "text": d.pop("words", "")},
        2: lambda d: {**d, "version": 3, "text": d["text"].upper()},
    }

    def __init__(self, text="", saved_at=""):
        self.text, self.saved_at = text, saved_at

    def body(self):
        return {"text": self.text}

    @classmethod
    def from_body(cls, data, source):
        return cls(data["text"], data["saved_at"])


def test_each_step_runs_in_turn():
    note = Note.from_dict({"schema": "test/note", "version": 1, "words": "hi"})
    assert note.text == "HI"


def test_a_missing_step_is_refused():
    with pytest.raises(SessionError, match="cannot update"):
        migrate({"version": 1}, 3, {2: lambda d: {**d, "version": 3}}, SessionError, "x", "note")


@pytest.mark.parametrize("stuck", [lambda d: d, lambda d: {**d, "version": 1}, lambda d: {}])
def test_a_step_that_does_not_move_forward_is_refused_rather_than_looping(stuck):
    with pytest.raises(SessionError, match="did not move it forward"):
        migrate({"version": 1}, 3, {1: stuck}, SessionError, "'n.json'", "note")


def test_newer_and_foreign_files_are_refused_with_the_kind_named():
    with pytest.raises(SessionError, match="is not a note"):
        Note.from_dict({"schema": "other", "version": 1})
    with pytest.raises(SessionError, match="note version 9"):
        Note.from_dict({"schema": "test/note", "version": 9})


def test_save_and_load_round_trip(tmp_path):
    path = Note("hello").save(tmp_path / "n.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data)[:3] == ["schema", "version", "saved_at"]
    loaded = Note.load(path)
    assert loaded.text == "hello" and loaded.saved_at == data["saved_at"] != ""
