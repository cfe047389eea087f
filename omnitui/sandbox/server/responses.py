"""The sandbox's JSON responses and its one error type.

Every failure a handler can detect becomes an :class:`ApiError`, which turns into Omnidesk's
error envelope ``{"status":"error","message":...}``; nothing else is sent for bad input.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from omnitui.sandbox.data.store import dumps

JSON_TYPE = "application/json"


class ApiError(Exception):
    """A request the sandbox refuses; ``message`` is what the API tells the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def bad_request(message: str) -> ApiError:
    """Return the 400 error Omnidesk answers invalid input with."""
    return ApiError(400, message)


def error_body(message: str) -> bytes:
    """Return the bytes of the error envelope."""
    return dumps({"status": "error", "message": message}).encode("ascii")


def error_response(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """Return the error envelope with ``status``."""
    return Response(error_body(message), status, headers=headers, media_type=JSON_TYPE)


def json_response(data: Any, status: int = 200) -> Response:
    """Return ``data`` as compact, ASCII-escaped JSON, like the PHP API does."""
    return Response(dumps(data).encode("ascii"), status, media_type=JSON_TYPE)


def raw_json_response(text: str, status: int = 200) -> Response:
    """Return JSON that was already encoded (spliced from stored documents)."""
    return Response(text.encode("ascii"), status, media_type=JSON_TYPE)


def result(message: str) -> Response:
    """Return the ``{"type":"result","message":...}`` envelope of a successful action."""
    return json_response({"type": "result", "message": message})
