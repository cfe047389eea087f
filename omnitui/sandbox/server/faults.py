"""Fault injection: make the sandbox misbehave the way real servers and proxies do.

Two sources of faults: global settings (a latency before every API response, and a random
failure rate drawn from a seeded ``random.Random`` so runs repeat), and a queue of one-shot
faults that tests add and the next matching requests consume. The kinds cover what docs/hazards.md
§6 asks the client to survive: rate limiting, server and proxy errors, HTML instead of JSON, cut or
empty bodies, a connection dropped mid-response and a server too slow to wait for.
"""

from __future__ import annotations

import logging
import random
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from typing import Any, Final

from starlette.types import Message, Send

from omnitui.sandbox.server.ignored import field_names
from omnitui.sandbox.server.permissions import (
    denied_message,
    permission_names,
    required_permission,
)
from omnitui.sandbox.server.responses import JSON_TYPE, error_body

FAULT_KINDS: Final = (
    "429",
    "500",
    "502",
    "503",
    "504",
    "400",
    "401",
    "403",
    "404",
    "html",
    "truncated",
    "empty",
    "drop",
    "slow",
    "notjson",
)
"""Every fault kind; see :meth:`FaultInjector.add`."""

APP_KINDS: Final = frozenset({"truncated", "drop", "slow"})
"""Kinds that run the real request and then spoil or delay its response."""

DEFAULT_SLOW_MS: Final = 3000
DEFAULT_RETRY_AFTER: Final = "1"

_MESSAGES: Final[dict[int, str]] = {
    400: "Bad request.",
    401: "Invalid API key.",
    403: "This API key does not have permission for this action.",
    404: "Not found.",
    429: "Too many requests, slow down.",
    500: "Internal server error.",
    502: "Bad gateway.",
    503: "Service unavailable.",
    504: "Gateway timeout.",
}

_GARBAGE: Final = (
    b"Warning: mysqli_connect(): (HY000/2002): Connection refused in "
    b"/var/www/omnidesk/app/Db.php on line 42\n"
    b"Fatal error: Uncaught Exception: database unavailable\n"
)


@dataclass
class Fault:
    """One queued fault, consumed by up to ``count`` matching requests."""

    kind: str
    count: int = 1
    path: str | None = None
    method: str | None = None
    retry_after: str | None = None
    status: int | None = None
    message: str | None = None
    delay_ms: int | None = None
    permission: str | None = None
    """Match the calls that need this permission (``VIEW_READ``) instead of a path."""
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(
                f"unknown fault kind {self.kind!r}; use one of {', '.join(FAULT_KINDS)}"
            )
        if self.count < 1:
            raise ValueError("count must be at least 1")
        if self.status is not None and not 100 <= self.status <= 599:
            raise ValueError("status must be an HTTP status code (100-599)")
        if self.delay_ms is not None and not 0 <= self.delay_ms <= 600_000:
            raise ValueError("delay_ms must be from 0 to 600000")
        if self.permission is not None:
            names = permission_names([self.permission])
            if len(names) != 1:
                raise ValueError("permission must name one permission")
            self.permission = next(iter(names))
        if self.path:
            try:
                self._pattern = re.compile(self.path)
            except re.error:
                self._pattern = None

    def matches(self, method: str, path: str) -> bool:
        """Return whether this fault applies to a request (path: prefix or regex search)."""
        if self.method and self.method.upper() != method.upper():
            return False
        if self.permission and required_permission(method, path) != self.permission:
            return False
        if not self.path:
            return True
        if path.startswith(self.path):
            return True
        return bool(self._pattern and self._pattern.search(path))

    def to_json(self) -> dict[str, Any]:
        """Return the fault as the admin endpoint shows it."""
        data = asdict(self)
        data.pop("_pattern", None)
        return data


class FaultInjector:
    """Global fault settings and the queue of one-shot faults; safe to use from any thread."""

    def __init__(
        self,
        *,
        latency_ms: int = 0,
        fail_rate: float = 0.0,
        seed: int = 0,
        ignore_fields: str | Iterable[str] = (),
        denied_permissions: str | Iterable[str] = (),
    ) -> None:
        """Raises ``ValueError`` for a value out of range or an unknown field or permission."""
        self._lock = threading.Lock()
        self._queue: list[Fault] = []
        self._rng = random.Random(seed)
        self.latency_ms = latency_ms
        self.fail_rate = fail_rate
        self.ignore_fields = ignore_fields
        self.denied_permissions = denied_permissions

    @property
    def ignore_fields(self) -> frozenset[str]:
        """Write fields accepted with success but not applied (``--ignore-fields``)."""
        return self._ignore_fields

    @ignore_fields.setter
    def ignore_fields(self, names: str | Iterable[str]) -> None:
        self._ignore_fields = field_names(names)

    @property
    def denied_permissions(self) -> frozenset[str]:
        """Permissions the api key lacks: every call that needs one is answered with a 403."""
        return self._denied

    @denied_permissions.setter
    def denied_permissions(self, names: str | Iterable[str]) -> None:
        self._denied = permission_names(names if isinstance(names, str) else list(names))

    @property
    def latency_ms(self) -> int:
        """Milliseconds to wait before every API response."""
        return self._latency_ms

    @latency_ms.setter
    def latency_ms(self, value: int) -> None:
        if not 0 <= value <= 600_000:
            raise ValueError("latency_ms must be from 0 to 600000")
        self._latency_ms = int(value)

    @property
    def fail_rate(self) -> float:
        """Probability (0..1) that an API request is answered with a 500."""
        return self._fail_rate

    @fail_rate.setter
    def fail_rate(self, value: float) -> None:
        if not 0.0 <= value <= 1.0:
            raise ValueError("fail_rate must be from 0 to 1")
        self._fail_rate = float(value)

    def reseed(self, seed: int) -> None:
        """Restart the random failures from ``seed`` (for repeatable tests)."""
        with self._lock:
            self._rng = random.Random(seed)

    def add(
        self,
        kind: str,
        *,
        count: int = 1,
        path: str | None = None,
        method: str | None = None,
        retry_after: int | str | None = None,
        status: int | None = None,
        message: str | None = None,
        delay_ms: int | None = None,
        permission: str | None = None,
    ) -> Fault:
        """Queue a fault for the next ``count`` requests matching ``path`` and ``method``.

        Kinds: ``429`` (with ``Retry-After``, default 1 s), ``400`` (with ``message``),
        ``401``/``403``/``404``/``500``/``502``/``503``/``504`` (error envelope), ``html`` (a
        proxy's error page, status default 502, 200 allowed), ``truncated`` (the real JSON cut
        in half), ``empty`` (200, no body), ``drop`` (connection closed mid-body), ``slow``
        (``delay_ms`` before answering, default 3000) and ``notjson`` (200 text/plain garbage).
        ``status`` overrides the HTTP status of any kind. ``permission`` (``VIEW_READ``, ...)
        matches the calls that need it, and a ``403`` then names the missing permission.
        """
        fault = Fault(
            kind=str(kind),
            count=count,
            path=path,
            method=method,
            retry_after=None if retry_after is None else str(retry_after),
            status=status,
            message=message,
            delay_ms=delay_ms,
            permission=permission,
        )
        with self._lock:
            self._queue.append(fault)
        return fault

    def add_json(self, data: Mapping[str, Any]) -> Fault:
        """Queue a fault described by the admin endpoint's JSON; ValueError if it is invalid."""
        allowed = {
            "kind",
            "count",
            "path",
            "method",
            "retry_after",
            "status",
            "message",
            "delay_ms",
            "permission",
        }
        unknown = set(data) - allowed
        if unknown:
            raise ValueError(f"unknown fault fields: {', '.join(sorted(unknown))}")
        if "kind" not in data:
            raise ValueError("kind is required")
        try:
            return self.add(
                str(data["kind"]),
                count=int(data.get("count", 1)),
                path=_optional_str(data.get("path")),
                method=_optional_str(data.get("method")),
                retry_after=_optional_str(data.get("retry_after")),
                status=None if data.get("status") is None else int(data["status"]),
                message=_optional_str(data.get("message")),
                delay_ms=None if data.get("delay_ms") is None else int(data["delay_ms"]),
                permission=_optional_str(data.get("permission")),
            )
        except (TypeError, OverflowError) as exc:
            raise ValueError(str(exc)) from exc

    def clear(self) -> None:
        """Drop every queued fault."""
        with self._lock:
            self._queue.clear()

    def pending(self) -> list[Fault]:
        """Return the queued faults (a copy)."""
        with self._lock:
            return list(self._queue)

    def take(self, method: str, path: str) -> Fault | None:
        """Return the fault for this request, if any: a queued one first, then a random 500."""
        with self._lock:
            for index, fault in enumerate(self._queue):
                if fault.matches(method, path):
                    fault.count -= 1
                    if fault.count <= 0:
                        del self._queue[index]
                    return fault
            if self._fail_rate and self._rng.random() < self._fail_rate:
                return Fault("500", message="Random failure injected by the sandbox.")
        return None


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def fault_status(fault: Fault) -> int:
    """Return the HTTP status a fault answers with."""
    if fault.status is not None:
        return fault.status
    if fault.kind.isdigit():
        return int(fault.kind)
    return 502 if fault.kind == "html" else 200


def proxy_page(status: int) -> bytes:
    """Return nginx's error page; a 200 still shows 502, as misconfigured proxies do."""
    shown = 502 if status < 400 else status
    try:
        phrase = HTTPStatus(shown).phrase
    except ValueError:
        phrase = "Error"
    return (
        f"<html>\r\n<head><title>{shown} {phrase}</title></head>\r\n<body>\r\n"
        f"<center><h1>{shown} {phrase}</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n"
        "</body>\r\n</html>\r\n"
    ).encode("ascii")


async def send_direct_fault(fault: Fault, send: Send) -> None:
    """Answer a request with a fault that does not need the real response."""
    status = fault_status(fault)
    headers: list[tuple[bytes, bytes]] = []
    if fault.kind == "html":
        body, content_type = proxy_page(status), b"text/html"
    elif fault.kind == "empty":
        body, content_type = b"", JSON_TYPE.encode()
    elif fault.kind == "notjson":
        body, content_type = _GARBAGE, b"text/plain; charset=utf-8"
    else:
        default = _MESSAGES.get(int(fault.kind), "Error.")
        if fault.kind == "403" and fault.permission:
            default = denied_message(fault.permission)
        message = fault.message or default
        body, content_type = error_body(message), JSON_TYPE.encode()
    if fault.kind == "429" or fault.retry_after is not None:
        retry_after = fault.retry_after or DEFAULT_RETRY_AFTER
        headers.append((b"retry-after", retry_after.encode("latin-1", "replace")))
    headers += [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def send_spoiled(fault: Fault, start: Message, body: bytes, send: Send) -> None:
    """Send a real response spoiled by ``truncated`` (cut JSON) or ``drop`` (cut connection)."""
    half = body[: len(body) // 2]
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    status = fault.status if fault.status is not None else int(start["status"])
    if fault.kind == "truncated":
        headers.append((b"content-length", str(len(half)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": half})
        return
    # drop: promise the whole body, send half, and return without finishing; uvicorn then
    # closes the connection and the client sees it end mid-response.
    headers.append((b"content-length", str(max(len(body), 1)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": half, "more_body": True})


class _DroppedResponseFilter(logging.Filter):
    """Hide uvicorn's error line for the ``drop`` fault: the drop is the point, not a bug."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "returned without completing response" not in record.getMessage()


def quiet_dropped_responses() -> None:
    """Install the filter on uvicorn's error logger once."""
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _DroppedResponseFilter) for f in logger.filters):
        logger.addFilter(_DroppedResponseFilter())
