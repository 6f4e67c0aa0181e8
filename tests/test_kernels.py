"""VisitorKernelManager: a kernel handed to a visitor is not culled before they connect."""

import asyncio
import datetime as dt

import pytest
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from closer_widgets.kernels import VisitorKernelManager

TIMEOUT = 120  # cull_idle_timeout of voila.json
GRACE = VisitorKernelManager.connect_timeout.default_value


def stale_kernel_culled(manager_class, *, connect: bool = False, waited: float = 0.0) -> bool:
    """Start a real kernel, make it look as idle as a long-pooled one, run the culler once.

    ``waited`` pretends the culler first found the kernel handed out that many
    seconds ago; ``connect`` has a browser connect first.
    """

    async def scenario():
        manager = manager_class(cull_idle_timeout=TIMEOUT, cull_interval=30)
        kernel_id = await manager.start_kernel(kernel_name="python3")
        try:
            kernel = manager.get_kernel(kernel_id)
            # The kernel sat in Voilà's pool for ten minutes after running the notebook.
            kernel.last_activity = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=10)
            if connect:
                manager.notify_connect(kernel_id)
                manager.notify_disconnect(kernel_id)  # the visitor has left since
            await manager.cull_kernel_if_idle(kernel_id)
            if waited and kernel_id in manager:
                manager._waiting_since[kernel_id] -= waited
                await manager.cull_kernel_if_idle(kernel_id)
            return kernel_id not in manager
        finally:
            await manager.shutdown_all(now=True)

    return asyncio.run(scenario())


def test_the_stock_manager_culls_a_stale_handed_out_kernel_at_once():
    # The failure this module exists for: without the grace period, the first
    # culler pass kills the kernel of a visitor whose browser is still loading.
    assert stale_kernel_culled(AsyncMappingKernelManager)


def test_a_handed_out_kernel_gets_time_to_connect():
    assert not stale_kernel_culled(VisitorKernelManager)
    assert not stale_kernel_culled(VisitorKernelManager, waited=GRACE - 5)


def test_a_kernel_whose_visitor_never_connects_is_still_culled():
    assert stale_kernel_culled(VisitorKernelManager, waited=GRACE + 1)


def test_once_a_browser_has_connected_the_usual_rule_applies():
    assert stale_kernel_culled(VisitorKernelManager, connect=True)


@pytest.mark.parametrize("connect", [False, True])
def test_bookkeeping_forgets_kernels_that_are_gone(connect):
    async def scenario():
        manager = VisitorKernelManager(cull_idle_timeout=TIMEOUT)
        gone = await manager.start_kernel(kernel_name="python3")
        other = await manager.start_kernel(kernel_name="python3")
        try:
            if connect:
                manager.notify_connect(gone)
            await manager.cull_kernel_if_idle(gone)
            book = manager._connected_once if connect else manager._waiting_since
            assert gone in book  # so the check below can fail
            await manager.shutdown_kernel(gone, now=True)
            await manager.cull_kernel_if_idle(other)
            return gone in book
        finally:
            await manager.shutdown_all(now=True)

    assert not asyncio.run(scenario())


def test_a_kernel_over_the_cap_is_refused_with_503():
    from tornado import web

    from closer_widgets.kernels import FULL, default_kernel_cap

    async def scenario():
        manager = VisitorKernelManager(max_kernels=1)
        first = await manager.start_kernel(kernel_name="python3")
        try:
            with pytest.raises(web.HTTPError) as refused:
                await manager.start_kernel(kernel_name="python3")
            assert refused.value.status_code == 503 and refused.value.reason == FULL
            assert manager.list_kernel_ids() == [first]
        finally:
            await manager.shutdown_all(now=True)

    asyncio.run(scenario())
    assert VisitorKernelManager().kernel_cap == default_kernel_cap() >= 4
