"""What an HTTP answer from Omnidesk means: the JSON it carries, or the ApiError it amounts to.

Status codes, proxies' HTML pages, empty or cut-off bodies and ``"status": "error"`` each become
an error kind with a message an agent can act on (and that never carries the api key), and the
envelopes of a good answer (``item``, ``message``) are unwrapped the same way for every call.
"""

from __future__ import annotations

import email.utils
import logging
import re
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from pydantic import ValidationError

from omnitui.api import json_pieces
from omnitui.api.errors import (
    AuthError,
    ForbiddenError,
    NotFoundError,
    ProtocolError,
    RateLimitedError,
    RejectedError,
    ServerError,
)
from omnitui.core.sanitize import sanitize_line

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Bodies larger than this are decoded in a thread, and in pieces: a 5,000-entry ticket (5 MB
#: of JSON) takes a few hundred milliseconds, which on the event loop would freeze the UI. Small
#: ones stay on the loop, where a thread hand-off would cost more than it saves.
OFF_LOOP_BYTES = 256 * 1024
MAYBE_SAVED = " It may have been saved: refresh before trying again."


def interpret(
    response: httpx.Response,
    body: bytes,
    *,
    write: bool,
    redact: Callable[[str], str],
    lazy: Callable[[bytes], Any] | None = None,
) -> Any:
    """The JSON of a good answer (None for an empty one to a write), or the error it means.

    ``redact`` takes the api key out of whatever the server says, before it is shown. ``lazy``
    decodes a big body instead of decoding all of it (:func:`json_lazy.loads_lazily`): what it
    leaves for later raises the same error, later (:func:`unreadable`).
    """
    status = response.status_code
    data, problem = _decode_json(body, response.headers.get("content-type", ""), lazy)
    server_message = _server_message(data, redact)
    maybe = MAYBE_SAVED if write else ""

    if 300 <= status < 400:
        target = urlsplit(response.headers.get("location", "")).hostname or "another address"
        raise ProtocolError(
            f"Omnidesk redirected the request to {sanitize_line(target)}; check the account "
            "URL (OMNIDESK_URL). The API key was not sent there.",
            status=status,
        )
    if status == 401:
        raise AuthError(
            "The API key was refused (HTTP 401). Check OMNIDESK_API_KEY or the profile's key.",
            status=status,
        )
    if status == 403:
        raise ForbiddenError(
            "This API key has no permission for that (HTTP 403)."
            + (f" Omnidesk says: {server_message}" if server_message else ""),
            status=status,
        )
    if status == 404:
        raise NotFoundError(server_message or "Not found (HTTP 404).", status=status)
    if status == 429:
        retry_after = _retry_after(response.headers.get("retry-after"))
        wait = f" Try again in {retry_after:.0f} s." if retry_after is not None else ""
        raise RateLimitedError(
            f"Omnidesk is limiting requests (HTTP 429).{wait}",
            status=status,
            retry_after=retry_after,
        )
    if status >= 500:
        what = "a proxy in between" if problem == "html" else "Omnidesk"
        excerpt = _html_title(body) if problem == "html" else server_message
        raise ServerError(
            f"Server error from {what} (HTTP {status})"
            + (f": {excerpt.rstrip('.')}" if excerpt else "")
            + "."
            + (" It may have been saved: refresh before trying again." if write else ""),
            status=status,
            may_have_reached_server=write,
        )
    if status >= 400 or (isinstance(data, dict) and data.get("status") == "error"):
        raise RejectedError(
            server_message or f"Omnidesk refused the request (HTTP {status}).", status=status
        )
    if status == 204 or (write and _blank(body)):
        return None
    if problem == "html":
        raise ServerError(
            f"A proxy answered instead of Omnidesk (HTTP {status}): "
            f"{_html_title(body) or 'an HTML page'}.{maybe}",
            status=status,
            may_have_reached_server=write,
        )
    if problem:
        raise unreadable(problem, status=status, write=write)
    return data


def unreadable(problem: str, *, status: int | None = 200, write: bool = False) -> ProtocolError:
    """The error for an answer that is not JSON; ``problem`` says why in a few words."""
    return ProtocolError(
        f"Omnidesk sent a response omnitui could not read ({problem})."
        + (MAYBE_SAVED if write else ""),
        status=status,
        may_have_reached_server=write,
    )


def json_problem(error: ValueError | RecursionError) -> str:
    """Why a body is not JSON, in the words of :func:`unreadable`."""
    if isinstance(error, RecursionError):
        return "the JSON is nested too deeply"
    return "not valid JSON, or cut off"


def _server_message(data: Any, redact: Callable[[str], str]) -> str:
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return redact(sanitize_line(data["message"]))[:500]
    return ""


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


_BLANK = re.compile(rb"[ \t\n\r\x0b\x0c]*")


def _blank(body: bytes) -> bool:
    return _BLANK.fullmatch(body) is not None


def _decode_json(
    body: bytes, content_type: str, lazy: Callable[[bytes], Any] | None = None
) -> tuple[Any, str | None]:
    """Parse a body as JSON; on failure say why in a few words instead of raising.

    Only the start of the body is looked at (``strip`` copies a 56 MB body that ends in a newline).
    """
    start = _BLANK.match(body).end()  # type: ignore[union-attr]  # it matches "" too
    if start == len(body):
        return None, "an empty response"
    if "html" in content_type.lower() or body.startswith(b"<", start):
        return None, "html"
    try:
        if lazy is not None and len(body) > OFF_LOOP_BYTES:
            return lazy(body), None
        text = body.decode("utf-8", errors="replace")
        if len(text) > OFF_LOOP_BYTES:
            return json_pieces.loads_in_pieces(text), None
        return json_pieces.loads(text), None
    except (RecursionError, ValueError) as error:
        return None, json_problem(error)


def _html_title(body: bytes) -> str:
    text = body[:4096].decode("utf-8", errors="replace")
    match = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S) or re.search(
        r"<h1[^>]*>(.*?)</h1>", text, re.I | re.S
    )
    return sanitize_line(re.sub(r"<[^>]+>", "", match.group(1)))[:120].strip() if match else ""


# --------------------------------------------------------------------------------------------
# The envelopes of a good answer


def item(data: Any, *, write: bool = False) -> Any:
    """The ``item`` of an answer about one thing (a write may answer with the bare fields)."""
    if isinstance(data, dict) and isinstance(data.get("item"), dict):
        return data["item"]
    if write and isinstance(data, dict) and "ticketID" in data:
        return data
    raise ProtocolError(
        "Omnidesk sent an answer without the expected item"
        + (" (it may have been saved: refresh before trying again)." if write else "."),
        may_have_reached_server=write,
    )


def result_message(data: Any, default: str) -> str:
    """The server's confirmation of a write, or ``default`` when it sent none."""
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return sanitize_line(data["message"])[:500] or default
    return default


def int_or(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def parse(read: Callable[[Any], T], data: Any, what: str, *, write: bool = False) -> T:
    """``read(data)``, a model's validation failing as the ProtocolError an agent is shown."""
    try:
        return read(data)
    except ValidationError as exc:
        log.warning("could not read %s: %s", what, exc.errors(include_input=False))
        raise ProtocolError(
            f"Omnidesk sent a {what} omnitui could not read"
            + (" (it may have been saved: refresh before trying again)." if write else "."),
            may_have_reached_server=write,
        ) from None
