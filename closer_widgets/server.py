"""The Voilà application `closer serve` runs: each visitor's kernel answers only their browser.

Voilà hands every visitor a kernel and puts its id in the page. Jupyter's kernel
endpoints then trust anyone who sends that id with a matching XSRF cookie and
header, and both of those can be made up: whoever learns a kernel id (from a
shared screen, a proxy log, a browser extension) could drive that visitor's
dashboard or shut it down. Here the page request also sets a secret cookie of
the visitor's own, the kernel handed out by that request is bound to the
secret, and the kernel's websocket, its REST endpoint and Voilà's shutdown
endpoint refuse (403) a request without the same secret.

Run it as ``python -m closer_widgets.server NOTEBOOK [voila options]``; it reads
``voila.json`` and takes every option plain ``voila`` takes.
"""

from __future__ import annotations

import hashlib
import hmac
import inspect
import re
import secrets

from jupyter_core.utils import ensure_async
from jupyter_server.services.kernels.handlers import KernelHandler
from jupyter_server.utils import url_path_join
from tornado import web
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

VISITOR_COOKIE = "closer_visitor"
"""The cookie holding the visitor's secret (HttpOnly, SameSite=Strict)."""

OWNERS_SETTING = "closer_kernel_owners"
"""Where the :class:`KernelOwners` of the running server sits in the Tornado settings."""

_SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)


def _digest(secret: str) -> bytes:
    # Only digests are kept, so a memory dump of the server holds no usable cookie.
    return hashlib.sha256(secret.encode("ascii")).digest()


class KernelOwners:
    """Which visitor's secret each handed-out kernel is bound to.

    Kernels the server no longer runs are forgotten at the next binding, so the
    table stays as small as the number of running kernels.
    """

    def __init__(self) -> None:
        self._owner_of: dict[str, bytes] = {}

    def __len__(self) -> int:
        return len(self._owner_of)

    def bind(self, kernel_id: str, secret: str, running: set[str] | None = None) -> None:
        """Bind ``kernel_id`` to ``secret``; forget kernels not in ``running``, if given."""
        if running is not None:
            for gone in set(self._owner_of) - running:
                del self._owner_of[gone]
        self._owner_of[kernel_id] = _digest(secret)

    def owns(self, kernel_id: str | None, secret: str | None) -> bool:
        """Whether ``secret`` is the one ``kernel_id`` was handed out with (constant time)."""
        expected = self._owner_of.get(kernel_id or "")
        if expected is None or not secret or not _SECRET_SHAPE.fullmatch(secret):
            return False
        return hmac.compare_digest(expected, _digest(secret))


class _BindingKernelManager:
    """The server's kernel manager, as one page request sees it: every kernel it
    hands out (a preheated one from the pool, or a freshly started one) is bound
    to that request's visitor.
    """

    def __init__(self, manager, owners: KernelOwners, secret: str) -> None:
        self._manager = manager
        self._owners = owners
        self._secret = secret

    def __getattr__(self, name):
        return getattr(self._manager, name)

    def _bind(self, kernel_id: str) -> None:
        self._owners.bind(kernel_id, self._secret, set(self._manager.list_kernel_ids()))

    async def get_rendered_notebook(self, *args, **kwargs):
        render_task, rendered_cache, kernel_id = await self._manager.get_rendered_notebook(
            *args, **kwargs
        )
        self._bind(kernel_id)
        return render_task, rendered_cache, kernel_id

    async def start_kernel(self, *args, **kwargs):
        kernel_id = await ensure_async(self._manager.start_kernel(*args, **kwargs))
        self._bind(kernel_id)
        return kernel_id


class VisitorPageHandler(TornadoVoilaHandler):
    """The dashboard page: gives the visitor a secret cookie and binds their kernel to it."""

    def _visitor_secret(self) -> str:
        secret = self.get_cookie(VISITOR_COOKIE)
        if secret and _SECRET_SHAPE.fullmatch(secret):
            return secret  # a second tab of the same browser: same visitor
        secret = secrets.token_urlsafe(32)
        forwarded = self.request.headers.get("X-Forwarded-Proto", "")
        self.set_cookie(
            VISITOR_COOKIE,
            secret,
            path=self.base_url,
            httponly=True,
            samesite="Strict",
            secure=self.request.protocol == "https" or forwarded == "https",
        )
        return secret

    async def get(self, path=None):
        # Set before the page starts streaming, while headers can still be sent.
        self._closer_secret = self._visitor_secret()
        await super().get(path)

    @property
    def kernel_manager(self):
        manager = self.settings["kernel_manager"]
        secret = getattr(self, "_closer_secret", None)
        if secret is None:
            return manager
        return _BindingKernelManager(manager, self.settings[OWNERS_SETTING], secret)


class _VisitorsKernelOnly:
    """Refuses (403) a request for a kernel the visitor's secret was not bound to."""

    async def prepare(self, *args, **kwargs):
        result = super().prepare(*args, **kwargs)
        if inspect.isawaitable(result):
            await result
        if self._finished:
            return
        kernel_id = self.path_kwargs.get("kernel_id") or next(iter(self.path_args), None)
        owners: KernelOwners = self.settings[OWNERS_SETTING]
        if not owners.owns(kernel_id, self.get_cookie(VISITOR_COOKIE)):
            self.log.warning("Refused a request for a kernel from a browser it was not given to")
            raise web.HTTPError(403)

    def write_error(self, status_code, **kwargs):
        # Jupyter's HTML error page needs templates Voilà does not ship (it fails with a
        # traceback in the log): one plain line is all a refused request needs.
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code}: {self._reason}\n")


class VisitorKernelHandler(_VisitorsKernelOnly, KernelHandler):
    """``/api/kernels/<id>`` (read, shut down), for the kernel's own visitor only."""


class VisitorKernelWebsocketHandler(_VisitorsKernelOnly, VoilaKernelWebsocketHandler):
    """``/api/kernels/<id>/channels``, the websocket that drives the kernel."""


class VisitorShutdownHandler(_VisitorsKernelOnly, VoilaShutdownKernelHandler):
    """``/voila/api/shutdown/<id>``, sent by the page as it closes."""


class TemplateStaticHandler(TemplateStaticFileHandler):
    """Voilà's template assets; a folder address is a 404 (Voilà's own handler fails with 500)."""

    def parse_url_path(self, path):
        parts = path.split("/", 2)
        if len(parts) < 3 or parts[1] != "static" or not parts[2] or parts[2].endswith("/"):
            raise web.HTTPError(404)
        return super().parse_url_path(path)


class NotHereHandler(web.RequestHandler):
    """An address the dashboard does not have (Jupyter's /logout fails with 500 under Voilà)."""

    def prepare(self):
        raise web.HTTPError(404)


_SWAPS = {
    TornadoVoilaHandler: VisitorPageHandler,
    KernelHandler: VisitorKernelHandler,
    VoilaKernelWebsocketHandler: VisitorKernelWebsocketHandler,
    VoilaShutdownKernelHandler: VisitorShutdownHandler,
    TemplateStaticFileHandler: TemplateStaticHandler,
}


class CloserVoila(Voila):
    """Voilà, with every visitor's kernel bound to their browser (see the module's notes)."""

    name = "voila"  # so voila.json, and Voila.* options, configure it as they do Voilà

    def init_settings(self):
        settings = super().init_settings()
        settings[OWNERS_SETTING] = KernelOwners()
        return settings

    def init_handlers(self):
        handlers = []
        for pattern, handler, *rest in super().init_handlers():
            # Voilà adds Jupyter's login handlers unprefixed; logout has nothing to do here.
            if pattern in ("/logout", url_path_join(self.server_url, "/logout")):
                handler, rest = NotHereHandler, []
            handlers.append((pattern, _SWAPS.get(handler, handler), *rest))
        return handlers


main = CloserVoila.launch_instance

if __name__ == "__main__":
    main()
