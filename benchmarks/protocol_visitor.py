"""A dashboard visitor at the protocol level: the server's work for one page, no rendering.

A workshop burst measured with 30 headless Chromium pages on the server's own two
cores measures mostly Chromium: each page costs 4-11 CPU seconds of JavaScript
and rendering, which participants' own devices pay, not the server. This visitor
asks the server for exactly what a page asks for, in the same order:

1. the page itself (Voilà hands out a kernel and streams the dashboard's HTML);
2. every static file a real page loaded (collected from a real page beforehand);
3. the kernel's websocket, with the cookies the page set (``closer serve`` binds
   the kernel to the visitor's secret cookie and refuses a socket without it):
   ``kernel_info``, then the widget manager's
   ``request_states`` on the ``jupyter.widget.control`` comm, as ipywidgets 8 does
   on page load.

It is interactive when the kernel has sent the state of every widget, the
dashboard's among them: that is when a browser can draw the page.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import http.cookies
import json
import re
import struct
import time
import uuid

import websockets
from tornado.httpclient import AsyncHTTPClient

AsyncHTTPClient.configure(None, max_clients=500)  # the default 10 would queue visitors

KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')
CONNECTIONS_PER_HOST = 6  # what a browser opens to one server


def _message(session: str, msg_type: str, content: dict, metadata: dict | None = None) -> str:
    return json.dumps(
        {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "username": "bench",
                "session": session,
                "msg_type": msg_type,
                "version": "5.3",
                "date": dt.datetime.now(dt.timezone.utc).isoformat(),
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


def _decode(frame) -> dict:
    """A kernel message from a websocket frame (JSON, or the binary form with buffers)."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = struct.unpack("!I", frame[:4])[0]
    offsets = struct.unpack(f"!{count}I", frame[4 : 4 + 4 * count])
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0] : end].decode("utf-8"))


async def _until(ws, wanted) -> dict:
    while True:
        msg = _decode(await ws.recv())
        if wanted(msg):
            return msg


async def visit(
    url: str,
    assets: list[str],
    marker: str,
    timeout: float = 300.0,
    stay: asyncio.Event | None = None,
    reached=None,
) -> float:
    """Seconds until the page's widgets could be drawn; raises on any failure.

    Parameters
    ----------
    url : str
        The dashboard's address (ending in ``/``).
    assets : list of str
        Static files a real page loaded, fetched like a browser (six at a time).
    marker : str
        A CSS class the dashboard's root widget carries (``closer-app``).
    timeout : float
        Seconds any one step may take.
    stay : asyncio.Event, optional
        Keep the connection open (the page open) until it is set.
    reached : callable, optional
        Called with the seconds taken as soon as the page is interactive (before
        staying), so the caller knows when everyone is in.
    """
    client = AsyncHTTPClient()
    start = time.perf_counter()
    page = await client.fetch(url, request_timeout=timeout)
    found = KERNEL_ID.search(page.body.decode("utf-8"))
    if found is None:
        raise RuntimeError("the page names no kernel")
    jar = http.cookies.SimpleCookie()
    for header in page.headers.get_list("Set-Cookie"):
        jar.load(header)
    cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())
    slots = asyncio.Semaphore(CONNECTIONS_PER_HOST)

    async def fetch(asset):
        async with slots:
            await client.fetch(asset, request_timeout=timeout)

    await asyncio.gather(*(fetch(asset) for asset in assets))
    session = uuid.uuid4().hex
    ws_url = f"{url.replace('http', 'ws', 1)}api/kernels/{found.group(1)}/channels"
    async with websockets.connect(
        f"{ws_url}?session_id={session}",
        max_size=None,
        open_timeout=timeout,
        additional_headers={"Cookie": cookies} if cookies else None,
    ) as ws:
        await ws.send(_message(session, "kernel_info_request", {}))
        await asyncio.wait_for(
            _until(ws, lambda m: m["header"]["msg_type"] == "kernel_info_reply"), timeout
        )
        comm_id = uuid.uuid4().hex
        control = {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}}
        # The widget control protocol's version, as @jupyter-widgets/base sends it.
        await ws.send(_message(session, "comm_open", control, {"version": "1.0.0"}))
        request = {"comm_id": comm_id, "data": {"method": "request_states"}}
        await ws.send(_message(session, "comm_msg", request))
        reply = await asyncio.wait_for(
            _until(
                ws,
                lambda m: (
                    m["header"]["msg_type"] == "comm_msg" and m["content"].get("comm_id") == comm_id
                ),
            ),
            timeout,
        )
        elapsed = time.perf_counter() - start
        states = reply["content"]["data"].get("states", {})
        if not any(marker in s["state"].get("_dom_classes", ()) for s in states.values()):
            raise RuntimeError(f"no widget with class {marker} among {len(states)}")
        if reached is not None:
            reached(elapsed)
        if stay is not None:
            await stay.wait()
    return elapsed
