"""How ``closer serve --class DIR`` tells every visitor's kernel about the workshop.

Voilà's kernels inherit the server's environment, so before it becomes Voilà,
``closer serve`` puts three values there (:meth:`ClassMode.environment`): the class
folder, the class size it was given, and the SHA-256 of the counsellor's secret
token. The token itself is printed once, in the counsellor's link, and kept nowhere.

The link carries the token in its fragment (``/#counsellor=TOKEN``): a fragment never
leaves the browser in a request, so it is in no server or proxy log, and the page
reads it whatever kernel it is given (a kernel from Voilà's preheated pool has run
the dashboard before the request arrives, so it never sees the request's query
string in its environment). The page hands the fragment to its kernel, which
compares the token's hash with the one here in constant time (:meth:`ClassMode.accepts`).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

from .class_folder import ClassFolder, ClassFolderError

log = logging.getLogger(__name__)

ENV_FOLDER = "CLOSER_CLASS_DIR"
"""The class folder, an absolute path; unset or empty: no hand-in."""

ENV_SIZE = "CLOSER_CLASS_SIZE"
"""How many participants are expected (optional)."""

ENV_TOKEN = "CLOSER_CLASS_TOKEN_SHA256"
"""SHA-256 (hex) of the counsellor's token; unset: the live view opens for no link."""

ENV_NAMES = (ENV_FOLDER, ENV_SIZE, ENV_TOKEN)
"""Every variable of a class, cleared by ``closer serve`` without ``--class``."""

LINK_NAME = "counsellor"
"""The name of the token in the link's fragment: ``#counsellor=TOKEN``."""

MAX_CLASS_SIZE = 500
"""Largest class size accepted."""


def new_token() -> str:
    """A new secret for the counsellor's link (43 URL-safe characters, 256 bits)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """The SHA-256 of a token, as hex: what the kernels are told instead of the token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def counsellor_url(base_url: str, token: str) -> str:
    """The counsellor's link: the dashboard's address with the token in the fragment."""
    return f"{base_url.rstrip('/')}/#{LINK_NAME}={token}"


def token_from_fragment(fragment: str) -> str | None:
    """The token in a page's fragment, ``""`` for a link without one, None for no link.

    Parameters
    ----------
    fragment : str
        ``location.hash`` as the browser reports it, with or without its ``#``.
    """
    text = (fragment or "").removeprefix("#")[:1_000]
    values = parse_qs(text, keep_blank_values=True)
    if LINK_NAME not in values and LINK_NAME not in text.split("&"):
        return None
    return (values.get(LINK_NAME) or [""])[0]


@dataclass(frozen=True)
class ClassMode:
    """A live workshop as a kernel sees it.

    Attributes
    ----------
    folder : ClassFolder
        Where participants hand in and reviews go back.
    size : int
        How many participants are expected; 0 when not said.
    token_sha256 : str
        :func:`token_digest` of the counsellor's token; empty when no link opens the
        live view (on a hub, the counsellor opens it in their own server instead).
    """

    folder: ClassFolder
    size: int = 0
    token_sha256: str = ""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ClassMode | None:
        """The workshop ``closer serve --class`` described, None without one.

        A folder that is gone is logged and treated as no workshop: the page then has
        no hand-in, rather than a button that cannot work.
        """
        environ = os.environ if environ is None else environ
        path = environ.get(ENV_FOLDER, "")
        if not path:
            return None
        try:
            folder = ClassFolder(path)
        except ClassFolderError as exc:
            log.error("no hand-in: %s", exc)
            return None
        try:
            size = int(environ.get(ENV_SIZE, "0") or 0)
        except ValueError:
            size = 0
        return cls(folder, min(max(size, 0), MAX_CLASS_SIZE), environ.get(ENV_TOKEN, ""))

    def environment(self) -> dict[str, str]:
        """The variables that describe this workshop to the kernels."""
        return {
            ENV_FOLDER: str(self.folder.path),
            ENV_SIZE: str(self.size) if self.size else "",
            ENV_TOKEN: self.token_sha256,
        }

    def accepts(self, token: str | None) -> bool:
        """Whether ``token`` opens the counsellor's live view (compared in constant time)."""
        if not self.token_sha256 or not isinstance(token, str):
            return False
        return hmac.compare_digest(token_digest(token), self.token_sha256)
