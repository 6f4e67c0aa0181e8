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

import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Dict, Float, Set


class VisitorKernelManager(AsyncMappingKernelManager):
    """Culls idle kernels, but not one whose visitor's browser has yet to connect.

    A kernel that has never had a connection is culled only once it has gone
    ``connect_timeout`` seconds since the culler first found it handed out (Voilà
    does not pass kernels still in its pool to the culler). Once a browser has
    connected, the usual rule applies.
    """

    connect_timeout = Float(
        300.0,
        config=True,
        help="Seconds a kernel handed to a visitor waits for their browser to connect "
        "before the culler may shut it down (it must also be idle for cull_idle_timeout). "
        "Generous: a page that has not connected by then was closed, or was never going to.",
    )

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
