"""How one call goes over the wire: the connection pool, deadlines, size cap, retries.

What httpx does not do for us (docs/hazards.md §3) is done here: an overall deadline per call
(httpx's read timeout is per chunk), a cap on the response size, retries of reads on 429/502/503/504
and network errors, no retry of a write that may have reached the server, and failures told in
plain words that never carry the api key. What an answer means is :mod:`omnitui.api.answers`';
the calls themselves are :class:`omnitui.api.client.OmnideskClient`'s.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random
import re
import socket
import ssl
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlencode, urlsplit

import httpx

from omnitui import __version__
from omnitui.api.answers import MAYBE_SAVED, OFF_LOOP_BYTES, interpret
from omnitui.api.errors import (
    ApiError,
    AuthError,
    NetworkError,
    ProtocolError,
    RateLimitedError,
    RequestTimeout,
    ServerError,
    TlsError,
    too_large,
)
from omnitui.core.sanitize import sanitize_line

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 502, 503, 504})
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
Form = Sequence[tuple[str, str]]
#: Turns a whole answer into what a call returns (:func:`answers.interpret` unless a call has
#: its own way, see :meth:`Connection._call`); bodies over OFF_LOOP_BYTES go to a thread.
Reader = Callable[[httpx.Response, bytes], Any]
#: The largest answer read (docs/hazards.md §3, "Body size"): 2.3 times a 50,000-entry ticket.
MAX_RESPONSE_BYTES = 128 * 1000 * 1000
_FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}


@dataclass(frozen=True, slots=True)
class RetryNotice:
    """Told to ``on_retry`` before the client waits to try a read again, so the UI can say so."""

    attempt: int
    delay: float
    error: ApiError


class Connection:
    """The HTTP side of talking to one Omnidesk account (or the sandbox).

    Use as ``async with``; the connection pool lives as long as the context, so opening a ticket
    costs one request on a kept-alive connection. A call is one :meth:`_call`.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 20.0,
        deadline: float = 60.0,
        connect_timeout: float = 5.0,
        max_retries: int = 3,
        max_retry_wait: float = 30.0,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        transport: httpx.AsyncBaseTransport | None = None,
        on_retry: Callable[[RetryNotice], Awaitable[None] | None] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        allow_insecure: bool = False,
    ) -> None:
        self.base_url = normalise_base_url(base_url, allow_insecure=allow_insecure)
        if not api_key:
            raise AuthError("No API key is configured: set OMNIDESK_API_KEY or a profile's key.")
        self._api_key = api_key
        self.timeout = timeout
        #: The most one call may take, retries and waits included.
        self.deadline = deadline
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self.max_response_bytes = max_response_bytes
        self.on_retry = on_retry
        self._sleep = sleep
        self._host = urlsplit(self.base_url).hostname or ""
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            headers={
                "apiKey": api_key,
                "Accept": "application/json",
                "User-Agent": f"omnitui/{__version__}",
            },
            timeout=httpx.Timeout(timeout, connect=connect_timeout),
            follow_redirects=False,
            transport=transport,
            # Plain http to this machine (the sandbox) has no TLS to verify: loading the CA
            # bundle for it would cost ~20 ms of start-up for nothing.
            verify=not (self.base_url.startswith("http://") and self._host in LOOPBACK_HOSTS),
        )
        #: Requests actually sent (attempts, including retries): the benchmark and tests read it.
        self.requests_sent = 0
        #: The ``Date`` header of the latest answer: ``omnitui doctor`` compares it with our clock.
        self.server_date: str | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.base_url!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        form: Form | None = None,
        read: Reader | None = None,
    ) -> Any:
        """One call: its answer's JSON, retried as its method allows, within the deadline.

        ``read`` turns the answer into something else than its JSON (a ticket decoded lazily,
        or nothing when it is the same as before); it raises the errors ``interpret`` would.
        """
        try:
            async with asyncio.timeout(self.deadline):
                return await self._call_with_retries(
                    method, path, params=params, form=form, read=read
                )
        except TimeoutError:
            raise RequestTimeout(
                f"Omnidesk did not answer within {self.deadline:g} s."
                + (MAYBE_SAVED if method != "GET" else ""),
                may_have_reached_server=method != "GET",
            ) from None

    async def _call_with_retries(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None,
        form: Form | None,
        read: Reader | None,
    ) -> Any:
        is_read = method == "GET"
        attempt = 0
        waited = 0.0
        while True:
            attempt += 1
            try:
                return await self._attempt(method, path, params=params, form=form, read=read)
            except ApiError as error:
                delay = self._retry_delay(error, attempt, is_read=is_read)
                if delay is None or waited + delay > self.max_retry_wait:
                    if attempt > 1:
                        _say_tries(error, attempt)
                    raise
                waited += delay
                log.info("retrying %s %s in %.1fs: %s", method, path, delay, error.message)
                if self.on_retry is not None:
                    maybe = self.on_retry(RetryNotice(attempt, delay, error))
                    if maybe is not None:
                        await maybe
                await self._sleep(delay)

    def _retry_delay(self, error: ApiError, attempt: int, *, is_read: bool) -> float | None:
        if attempt > self.max_retries:
            return None
        if not is_read:
            # A write is retried only when it certainly never reached the server.
            if isinstance(error, NetworkError) and not error.may_have_reached_server:
                return _backoff(attempt)
            return None
        if isinstance(error, RateLimitedError):
            return error.retry_after if error.retry_after is not None else _backoff(attempt)
        if isinstance(error, ServerError) and error.status in RETRY_STATUSES:
            return _backoff(attempt)
        if isinstance(error, NetworkError | RequestTimeout):
            return _backoff(attempt)
        return None

    async def _attempt(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None,
        form: Form | None,
        read: Reader | None,
    ) -> Any:
        write = method != "GET"
        started = time.monotonic()
        self.requests_sent += 1
        try:
            async with asyncio.timeout(self.timeout):
                request = self._http.build_request(
                    method,
                    path,
                    params=params,
                    content=urlencode(form).encode() if form is not None else None,
                    headers=_FORM_HEADERS if form is not None else None,
                )
                response = await self._http.send(request, stream=True)
                self.server_date = response.headers.get("date")
                try:
                    body = await self._read_capped(response)
                finally:
                    await response.aclose()
        except TimeoutError:
            raise RequestTimeout(
                f"Omnidesk did not answer within {self.timeout:g} s."
                + (MAYBE_SAVED if write else ""),
                may_have_reached_server=write,
            ) from None
        except httpx.ConnectError as exc:
            if _is_tls_error(exc):
                raise TlsError(
                    f"The certificate of {self._host} could not be verified. If your company uses "
                    "its own certificate authority, point SSL_CERT_FILE at its certificate."
                ) from None
            raise NetworkError(
                f"Could not connect to {self._host}: {self._redact(_reason(exc))}."
            ) from None
        except (httpx.ConnectTimeout, httpx.PoolTimeout):
            raise NetworkError(f"Could not connect to {self._host} in time.") from None
        except httpx.TimeoutException:
            raise RequestTimeout(
                f"Omnidesk stopped answering ({self._host})." + (MAYBE_SAVED if write else ""),
                may_have_reached_server=write,
            ) from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise NetworkError(
                f"The connection to {self._host} broke off ({self._redact(_reason(exc))})."
                + (MAYBE_SAVED if write else ""),
                may_have_reached_server=write,
            ) from None
        log.debug(
            "%s %s -> %s in %.0f ms",
            method,
            path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        if read is None:
            read = functools.partial(interpret, write=write, redact=self._redact)
        if len(body) > OFF_LOOP_BYTES:
            return await asyncio.to_thread(read, response, body)
        return read(response, body)

    async def _read_capped(self, response: httpx.Response) -> bytes:
        """The body, refused as soon as it is announced or seen to be over the cap."""
        limit = self.max_response_bytes
        declared = declared_size(response)
        if declared is not None and declared > limit:
            raise too_large("Omnidesk's answer", limit, "stopped", ProtocolError)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > limit:
                raise too_large("Omnidesk's answer", limit, "stopped", ProtocolError)
            chunks.append(chunk)
        return b"".join(chunks)

    def _redact(self, text: str) -> str:
        return text.replace(self._api_key, "[api key]") if self._api_key else text


def normalise_base_url(url: str, *, allow_insecure: bool = False) -> str:
    """Check an account URL and strip what doesn't belong (a trailing ``/api/v2``, slashes).

    Plain http is refused except on this machine (the sandbox), since the key travels in a header.
    """
    url = url.strip().rstrip("/")
    if url and "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"{url!r} is not an account URL like https://acme.omnidesk.com")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS and not allow_insecure:
        raise ValueError("the account URL must use https:// (the API key would travel in clear)")
    path = re.sub(r"/api/v2/?$", "", parts.path.rstrip("/"))
    return f"{parts.scheme}://{parts.netloc}{path}"


def _say_tries(error: ApiError, attempts: int) -> None:
    """Add how often a retried call was tried, so a final error does not look like a first."""
    error.message = f"{error.message} Tried {attempts} times."
    error.args = (error.message,)


def _backoff(attempt: int) -> float:
    return min(8.0, 0.5 * 2 ** (attempt - 1)) * random.uniform(0.8, 1.2)


def _is_tls_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


def _reason(exc: BaseException) -> str:
    """A network failure in a few plain words; the cause chain holds the OS's own error."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 10:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    text = " ".join(str(e) for e in chain) or type(exc).__name__
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "Errno 111" in text:
        return "connection refused"
    if any(isinstance(e, socket.gaierror) for e in chain) or "Name or service not known" in text:
        return "the host name could not be resolved"
    if any(isinstance(e, ConnectionResetError) for e in chain):
        return "the connection was reset"
    if "peer closed connection" in text or "incomplete chunked read" in text:
        return "the server closed it in the middle of its answer"
    if "All connection attempts failed" in text:
        return "nothing answered at that address"
    return sanitize_line(str(exc) or type(exc).__name__)[:200]


def declared_size(response: httpx.Response) -> int | None:
    """The size ``Content-Length`` announces, or None when it announces none it can mean."""
    declared = response.headers.get("content-length", "")
    return int(declared) if declared.isdigit() and len(declared) < 19 else None
