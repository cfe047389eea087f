"""One error hierarchy for everything that can go wrong talking to Omnidesk.

Each error carries a message written for a support agent (what happened and what to do) and a
``kind`` the UI can switch on. Messages never contain the api key: the client redacts them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar


class ErrorKind(StrEnum):
    AUTH = "auth"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    VALIDATION = "validation"
    RATE_LIMITED = "rate_limited"
    SERVER = "server"
    NETWORK = "network"
    TIMEOUT = "timeout"
    TLS = "tls"
    PROTOCOL = "protocol"


class ApiError(Exception):
    """A call to Omnidesk failed; ``str(error)`` is fit to show to the user."""

    kind: ErrorKind = ErrorKind.PROTOCOL

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        may_have_reached_server: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after
        #: For writes: the request may have been applied although we saw an error, so the user
        #: should refresh before sending it again.
        self.may_have_reached_server = may_have_reached_server

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, status={self.status})"


class AuthError(ApiError):
    kind = ErrorKind.AUTH


class ForbiddenError(ApiError):
    kind = ErrorKind.FORBIDDEN


class NotFoundError(ApiError):
    kind = ErrorKind.NOT_FOUND


class RejectedError(ApiError):
    """Omnidesk refused the input (HTTP 400 or an error envelope); the message is the server's."""

    kind = ErrorKind.VALIDATION


class RateLimitedError(ApiError):
    kind = ErrorKind.RATE_LIMITED


class ServerError(ApiError):
    kind = ErrorKind.SERVER


class NetworkError(ApiError):
    kind = ErrorKind.NETWORK


class RequestTimeout(ApiError):
    kind = ErrorKind.TIMEOUT


class TlsError(ApiError):
    kind = ErrorKind.TLS


class ProtocolError(ApiError):
    """The answer could not be understood: not JSON, truncated, too large, or the wrong shape."""

    kind = ErrorKind.PROTOCOL


E = TypeVar("E", bound=ApiError)


def too_large(what: str, limit: int, then: str, error: type[E]) -> E:
    """The error for ``what`` ("Omnidesk's answer", "The file") over a cap of ``limit`` bytes:
    one wording for both caps, in the megabytes (of 1,000,000 bytes) the caps are set in."""
    return error(f"{what} is larger than {limit // 1_000_000} MB; {then}.")


__all__ = [
    "ApiError",
    "AuthError",
    "ErrorKind",
    "ForbiddenError",
    "NetworkError",
    "NotFoundError",
    "ProtocolError",
    "RateLimitedError",
    "RejectedError",
    "RequestTimeout",
    "ServerError",
    "TlsError",
    "too_large",
]
