"""Each visitor's kernel answers only the browser it was handed to (closer_widgets.server)."""

from __future__ import annotations

import http.cookiejar
import re
import secrets
import socket
import urllib.error
import urllib.request

import pytest

from closer_widgets.server import VISITOR_COOKIE, KernelOwners

KERNEL_ID = re.compile(r'kernelId": "([0-9a-f-]{36})"')
# A made-up XSRF pair: Jupyter only checks that the cookie and the header agree.
SELF_MADE_XSRF = {"Cookie": "_xsrf=made-up", "X-XSRFToken": "made-up"}


def test_a_kernel_is_owned_only_by_the_secret_it_was_bound_to():
    owners = KernelOwners()
    mine, theirs = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    owners.bind("k1", mine)
    assert owners.owns("k1", mine)
    assert not owners.owns("k1", theirs)
    assert not owners.owns("k1", None) and not owners.owns("k1", "")
    assert not owners.owns("k2", mine)  # never handed out
    assert not owners.owns(None, mine)


def test_a_secret_of_the_wrong_shape_owns_nothing():
    owners = KernelOwners()
    owners.bind("k1", "short")
    assert not owners.owns("k1", "short")


def test_kernels_that_are_gone_are_forgotten_at_the_next_binding():
    owners = KernelOwners()
    secret = secrets.token_urlsafe(32)
    owners.bind("k1", secret)
    owners.bind("k2", secret, running={"k2"})
    assert len(owners) == 1 and not owners.owns("k1", secret)


class Visitor:
    """One browser, as far as cookies go: opens the dashboard and keeps its cookies."""

    def __init__(self, url: str):
        self.url = url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def open_dashboard(self) -> str:
        with self.opener.open(self.url, timeout=120) as response:
            page = response.read().decode("utf-8")
        return KERNEL_ID.search(page).group(1)

    @property
    def secret(self) -> str:
        return next(c.value for c in self.cookies if c.name == VISITOR_COOKIE)

    def request(self, path: str, method: str = "GET", own_cookie: bool = True) -> int:
        headers = dict(SELF_MADE_XSRF)
        if own_cookie:
            headers["Cookie"] += f"; {VISITOR_COOKIE}={self.secret}"
        request = urllib.request.Request(self.url + path, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def websocket_status(self, kernel_id: str, own_cookie: bool = True) -> int:
        """The status line's code of a websocket handshake with ``kernel_id``'s channels."""
        host, port = self.url.split("//")[1].rstrip("/").split(":")
        cookie = f"Cookie: {VISITOR_COOKIE}={self.secret}\r\n" if own_cookie else ""
        handshake = (
            f"GET /api/kernels/{kernel_id}/channels HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            f"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{cookie}\r\n"
        )
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            sock.sendall(handshake.encode("ascii"))
            status_line = sock.makefile("rb").readline().decode("ascii")
        return int(status_line.split()[1])


@pytest.mark.browser
def test_a_stranger_with_the_kernel_id_cannot_reach_or_stop_the_kernel(voila_server):
    logged_before = len(voila_server.output())
    maya = Visitor(voila_server.url)
    kernel = maya.open_dashboard()

    assert maya.request(f"api/kernels/{kernel}", own_cookie=False) == 403
    assert maya.websocket_status(kernel, own_cookie=False) == 403
    assert maya.request(f"api/kernels/{kernel}", "DELETE", own_cookie=False) == 403
    assert maya.request(f"voila/api/shutdown/{kernel}", "POST", own_cookie=False) == 403

    # Another visitor's own secret is no key to Maya's kernel either.
    stranger = Visitor(voila_server.url)
    their_kernel = stranger.open_dashboard()
    assert their_kernel != kernel
    assert stranger.websocket_status(kernel) == 403
    assert stranger.request(f"voila/api/shutdown/{kernel}", "POST") == 403

    # Maya's own browser still reaches it: she can connect, and closing the page stops it.
    assert maya.request(f"api/kernels/{kernel}") == 200
    assert maya.websocket_status(kernel) == 101
    assert maya.request(f"voila/api/shutdown/{kernel}", "POST") == 204
    assert stranger.request(f"voila/api/shutdown/{their_kernel}", "POST") == 204
    assert "Traceback" not in voila_server.output()[logged_before:]


@pytest.mark.browser
def test_a_second_tab_of_the_same_browser_keeps_its_secret(voila_server):
    maya = Visitor(voila_server.url)
    first = maya.open_dashboard()
    secret = maya.secret
    second = maya.open_dashboard()
    assert maya.secret == secret
    for kernel in (first, second):
        assert maya.request(f"voila/api/shutdown/{kernel}", "POST") == 204


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["logout", "voila/templates/lab/static/", "voila/templates/closer/static"]
)
def test_addresses_the_dashboard_does_not_have_are_404_not_500(voila_server, path):
    logged_before = len(voila_server.output())
    assert Visitor(voila_server.url).request(path, own_cookie=False) == 404
    assert "Traceback" not in voila_server.output()[logged_before:]
