"""The kernel manager `closer serve` gives Voilà (see ``voila.json``).

Voilà keeps a pool of kernels that have already run the dashboard, and the
culler shuts down kernels that have been idle, with no browser connected, for
``cull_idle_timeout`` seconds. A pooled kernel is spared while it waits, but its
idle clock keeps running: once a visitor is handed a kernel that waited longer
than the timeout, the next culler pass shuts it down unless the visitor's
browser has connected by then. Under load (a room opening the link at once)
browsers take longer than that, and those visitors got a page that never came
alive. This manager gives each handed-out kernel time to connect.
"""

from __future__ import annotations

import os
import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Dict, Float, Int, Set

KERNEL_MB = 70
"""About what one visitor's kernel holds after every step (RESULTS.md: 66 MB)."""

MEMORY_SHARE = 0.5
"""Of the machine's memory, the part visitor kernels may take by default."""

FULL = "full"
"""The reason given with the 503 a visitor over the cap receives (its page says so)."""


def default_kernel_cap() -> int:
    """How many kernels fit in :data:`MEMORY_SHARE` of this machine's memory."""
    try:
        memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 50  # a platform that will not say: a small server's worth
    return max(4, int(memory * MEMORY_SHARE / (KERNEL_MB * 1024 * 1024)))


class VisitorKernelManager(AsyncMappingKernelManager):
    """Culls idle kernels, but not one whose visitor's browser has yet to connect.

    A kernel that has never had a connection is culled only once it has gone
    ``connect_timeout`` seconds since the culler first found it handed out (Voilà
    does not pass kernels still in its pool to the culler). Once a browser has
    connected, the usual rule applies.
    """

    connect_timeout = Float(
        180.0,
        config=True,
        help="Seconds a kernel handed to a visitor waits for their browser to connect "
        "before the culler may shut it down (it must also be idle for cull_idle_timeout). "
        "A page that has not connected by then was closed, or was opened by a script that "
        "will never connect (a burst of real visitors connects within seconds: RESULTS.md).",
    )

    max_kernels = Int(
        0,
        config=True,
        help="Most kernels at once, the waiting pool included; 0 sizes it to the machine: "
        "half its memory at about 70 MB a kernel. A visitor beyond it gets a page saying "
        "the dashboard is full and to try again in a minute, never an error.",
    )

    @property
    def kernel_cap(self) -> int:
        """:attr:`max_kernels`, or the cap sized to memory when it is 0."""
        return self.max_kernels or default_kernel_cap()

    async def start_kernel(self, *args, **kwargs):
        """Start a kernel unless :attr:`kernel_cap` kernels are running already.

        Raises
        ------
        tornado.web.HTTPError
            503 with the reason :data:`FULL`, rendered by the ``closer`` template's
            ``error.html`` as a "full, try again in a minute" page.
        """
        if len(self._kernels) >= self.kernel_cap:
            self.log.warning(
                "Kernel cap of %d reached: a visitor was asked to come back", self.kernel_cap
            )
            raise web.HTTPError(503, reason=FULL)
        return await super().start_kernel(*args, **kwargs)

    _waiting_since = Dict(help="kernel id -> monotonic time first seen handed out, unconnected")
    _connected_once = Set(help="ids of kernels a browser has connected to")

    def notify_connect(self, kernel_id: str) -> None:
        """Notice a browser connecting: from now on the usual culling rule applies."""
        super().notify_connect(kernel_id)
        self._connected_once.add(kernel_id)
        self._waiting_since.pop(kernel_id, None)

    async def cull_kernel_if_idle(self, kernel_id: str):
        """Cull ``kernel_id`` if idle, with a grace period for an unconnected visitor."""
        # Forget kernels that are gone, so the bookkeeping stays as small as the pool.
        for gone in set(self._waiting_since) - set(self._kernels):
            del self._waiting_since[gone]
        self._connected_once &= set(self._kernels)

        if kernel_id not in self._connected_once:
            now = time.monotonic()
            since = self._waiting_since.setdefault(kernel_id, now)
            if now - since < self.connect_timeout:
                return None
        return await super().cull_kernel_if_idle(kernel_id)
