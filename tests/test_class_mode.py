"""How `closer serve --class` describes the workshop to the kernels, and checks the link."""

from __future__ import annotations

import hashlib

import pytest

from closer_widgets.workshop import class_mode as module
from closer_widgets.workshop.class_folder import ClassFolder
from closer_widgets.workshop.class_mode import (
    ENV_FOLDER,
    ENV_SIZE,
    ENV_TOKEN,
    ClassMode,
    counsellor_url,
    new_token,
    token_digest,
    token_from_fragment,
)


@pytest.fixture
def mode(tmp_path):
    token = "s3cret-token"
    return ClassMode(ClassFolder.create(tmp_path / "class"), 25, token_digest(token)), token


def test_tokens_are_long_random_and_only_their_hash_is_passed_on(mode):
    first, second = new_token(), new_token()
    assert first != second and len(first) >= 43
    assert token_digest(first) == hashlib.sha256(first.encode()).hexdigest()
    workshop, token = mode
    environment = workshop.environment()
    assert token not in "".join(environment.values())
    assert environment[ENV_TOKEN] == token_digest(token) and environment[ENV_SIZE] == "25"


def test_the_environment_round_trips(mode):
    workshop, _ = mode
    again = ClassMode.from_env(workshop.environment())
    assert again.folder.path == workshop.folder.path
    assert (again.size, again.token_sha256) == (25, workshop.token_sha256)


def test_no_folder_is_no_workshop_and_a_vanished_one_too(tmp_path):
    assert ClassMode.from_env({}) is None
    assert ClassMode.from_env({ENV_FOLDER: ""}) is None
    assert ClassMode.from_env({ENV_FOLDER: str(tmp_path / "gone")}) is None
    odd = ClassMode.from_env({ENV_FOLDER: str(tmp_path), ENV_SIZE: "many"})
    assert odd.size == 0 and odd.token_sha256 == ""


@pytest.mark.parametrize(
    ("fragment", "token"),
    [
        ("", None),
        ("#", None),
        ("#step=save", None),
        ("#counsellor", ""),
        ("#counsellor=", ""),
        ("#counsellor=abc", "abc"),
        ("counsellor=abc", "abc"),
        ("#x=1&counsellor=a-b_c", "a-b_c"),
        ("#counsellors=abc", None),
    ],
)
def test_the_token_is_read_from_the_fragment(fragment, token):
    assert token_from_fragment(fragment) == token


def test_the_link_carries_the_token_in_the_fragment():
    url = counsellor_url("http://127.0.0.1:8866/", "tok")
    assert url == "http://127.0.0.1:8866/#counsellor=tok"
    assert token_from_fragment(url.split("#", 1)[1]) == "tok"


def test_only_the_right_token_opens_the_view(mode):
    workshop, token = mode
    assert workshop.accepts(token)
    for wrong in ("", None, "s3cret-tokeN", token + " ", token[:-1], 42):
        assert not workshop.accepts(wrong), wrong
    # On a hub no token is set: no link opens the view, not even an empty one.
    assert not ClassMode(workshop.folder).accepts("")


def test_the_comparison_is_constant_time(mode, monkeypatch):
    workshop, token = mode
    seen = []
    real = module.hmac.compare_digest
    monkeypatch.setattr(
        module.hmac, "compare_digest", lambda a, b: seen.append((a, b)) or real(a, b)
    )
    assert workshop.accepts(token)
    assert seen == [(token_digest(token), workshop.token_sha256)]
