"""The ASGI layer in front of the routes: request log, latency, faults and the api key.

Every API request is read whole, parsed once (the handlers reuse the result), recorded, delayed
by the configured latency, possibly answered by a fault, and only then checked for the api key
and its permissions (a denied one is a 403) and routed. Admin requests under ``/_sandbox/``
need the key too but are neither recorded nor faulted, so tests can set faults up without
tripping over them.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from omnitui.sandbox.server.faults import (
    APP_KINDS,
    DEFAULT_SLOW_MS,
    Fault,
    FaultInjector,
    send_direct_fault,
    send_spoiled,
)
from omnitui.sandbox.server.fields import Pairs, parse_body
from omnitui.sandbox.server.permissions import denied_message, required_permission
from omnitui.sandbox.server.requestlog import RecordedRequest, RequestLog
from omnitui.sandbox.server.responses import ApiError, error_body

log = logging.getLogger(__name__)

ADMIN_PREFIX = "/_sandbox"
FIELDS_KEY = "omnitui.sandbox.fields"
"""Scope key under which the gate leaves the parsed body (pairs, or the ApiError)."""

INVALID_KEY = "Invalid API key."


class SandboxGate:
    """ASGI middleware; ``app`` is the Starlette router."""

    def __init__(
        self, app: ASGIApp, *, api_key: str, faults: FaultInjector, requests: RequestLog
    ) -> None:
        self.app = app
        self.api_key = api_key.encode("utf-8")
        self.faults = faults
        self.requests = requests
        self._closing = asyncio.Event()

    def close(self) -> None:
        """Cut short every latency or ``slow`` wait: the server is shutting down.

        Call it on the server's event loop (``loop.call_soon_threadsafe(gate.close)``).
        """
        self._closing.set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:
            return  # the client went away before sending the whole request
        replay = _Replay(body, receive)
        path: str = scope["path"]
        if path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/"):
            if not self._authorised(scope):
                await _send_error(send, 401, INVALID_KEY)
                return
            await self.app(scope, replay, send)
            return
        await self._api(scope, body, replay, send)

    async def _api(self, scope: Scope, body: bytes, replay: _Replay, send: Send) -> None:
        headers = Headers(scope=scope)
        parsed: Pairs | ApiError
        try:
            parsed = await parse_body(headers, body)
        except ApiError as exc:
            parsed = exc
        scope[FIELDS_KEY] = parsed
        self.requests.record(_recorded(scope, headers, body, parsed))
        if not await self._pause(self.faults.latency_ms / 1000, replay, send):
            return
        fault = self.faults.take(scope["method"], scope["path"])
        if fault is not None and fault.kind not in APP_KINDS:
            await send_direct_fault(fault, send)
            return
        if fault is not None and fault.kind == "slow":
            delay = fault.delay_ms if fault.delay_ms is not None else DEFAULT_SLOW_MS
            if not await self._pause(delay / 1000, replay, send):
                return
            fault = None
        if not self._authorised(scope):
            await _send_error(send, 401, INVALID_KEY)
            return
        permission = required_permission(scope["method"], scope["path"])
        if permission is not None and permission in self.faults.denied_permissions:
            await _send_error(send, 403, denied_message(permission))
            return
        if fault is None:
            await self.app(scope, replay, send)
        else:
            await self._spoil(fault, scope, replay, send)

    async def _spoil(self, fault: Fault, scope: Scope, replay: _Replay, send: Send) -> None:
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, replay, capture)
        await send_spoiled(fault, start, b"".join(chunks), send)

    async def _pause(self, seconds: float, replay: _Replay, send: Send) -> bool:
        """Wait ``seconds``; return False if the request ended meanwhile.

        It ends early when the client hangs up (nothing to answer) or when the server shuts
        down (answered with a 503, so that stopping never waits for a ``slow`` fault).
        """
        if seconds <= 0:
            return True
        hang_up = asyncio.ensure_future(replay.wait_disconnect())
        closing = asyncio.ensure_future(self._closing.wait())
        done, pending = await asyncio.wait(
            {hang_up, closing}, timeout=seconds, return_when=asyncio.FIRST_COMPLETED
        )
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if closing in done and hang_up not in done:
            await _send_error(send, 503, "The sandbox is shutting down.")
        return not done

    def _authorised(self, scope: Scope) -> bool:
        """Check the ``apiKey`` header, or the ``apiKey`` query parameter the docs also allow."""
        for name, value in scope["headers"]:
            if name.lower() == b"apikey":
                return hmac.compare_digest(value, self.api_key)
        query = scope.get("query_string", b"").decode("latin-1")
        for name, value in parse_qsl(query, keep_blank_values=True):
            if name == "apiKey":
                return hmac.compare_digest(value.encode("utf-8", "replace"), self.api_key)
        return False


class _Replay:
    """A ``receive`` that hands the already-read body to the app, then waits for disconnect."""

    def __init__(self, body: bytes, receive: Receive) -> None:
        self._body: bytes | None = body
        self._receive = receive

    async def __call__(self) -> Message:
        if self._body is not None:
            body, self._body = self._body, None
            return {"type": "http.request", "body": body, "more_body": False}
        return await self._receive()

    async def wait_disconnect(self) -> None:
        """Return when the client hangs up (the whole body has been read already)."""
        while (await self._receive())["type"] != "http.disconnect":
            pass


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _recorded(
    scope: Scope, headers: Headers, body: bytes, parsed: Pairs | ApiError
) -> RecordedRequest:
    merged: dict[str, str] = {}
    for name, value in headers.items():
        merged[name] = f"{merged[name]}, {value}" if name in merged else value
    return RecordedRequest(
        method=scope["method"],
        path=scope["path"],
        query=scope.get("query_string", b"").decode("latin-1"),
        headers=merged,
        content_type=headers.get("content-type", ""),
        body=body.decode("utf-8", "replace"),
        form=[] if isinstance(parsed, ApiError) else list(parsed),
    )


async def _send_error(send: Send, status: int, message: str) -> None:
    body = error_body(message)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
