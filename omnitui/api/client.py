"""The Omnidesk API v2 client: one ``httpx.AsyncClient``, one method per call.

What httpx does not do for us (docs/hazards.md §3) is done here: an overall deadline per call
(httpx's read timeout is per chunk), a cap on the response size, retries of reads on 429/502/503/504
and network errors, no retry of a write that may have reached the server, JSON that is parsed
defensively, and error messages that never carry the api key.
"""

from __future__ import annotations

import asyncio
import email.utils
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
from typing import Any, Self, TypeVar
from urllib.parse import urlencode, urlsplit

import httpx
from pydantic import ValidationError

from omnitui import __version__
from omnitui.api import json_pieces
from omnitui.api.errors import (
    ApiError,
    AuthError,
    ForbiddenError,
    NetworkError,
    NotFoundError,
    ProtocolError,
    RateLimitedError,
    RejectedError,
    RequestTimeout,
    ServerError,
    TlsError,
)
from omnitui.api.models import (
    NewMessage,
    PartialTicket,
    Ticket,
    TicketCreate,
    TicketPage,
    TicketStatus,
    TicketUpdate,
    tolerant_list,
)
from omnitui.core.sanitize import sanitize_line

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRY_STATUSES = frozenset({429, 502, 503, 504})
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
Form = Sequence[tuple[str, str]]
_FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}
#: Bodies and timelines larger than this are decoded and validated in a thread: a 5,000-entry
#: ticket (5 MB of JSON) takes a few hundred milliseconds, which on the event loop would freeze
#: the UI. Small ones stay on the loop, where a thread hand-off would cost more than it saves.
OFF_LOOP_BYTES = 256 * 1024
OFF_LOOP_ENTRIES = 200
#: Entries read before a big ticket is shown: more than a tall terminal's screenful of them.
FIRST_ENTRIES = 100


@dataclass(frozen=True, slots=True)
class RetryNotice:
    """Told to ``on_retry`` before the client waits to try a read again, so the UI can say so."""

    attempt: int
    delay: float
    error: ApiError


class OmnideskClient:
    """Talks to one Omnidesk account (or the sandbox).

    Use as ``async with OmnideskClient(url, key) as client:``; the connection pool lives as long
    as the context, so opening a ticket costs one request on a kept-alive connection.
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
        max_response_bytes: int = 32 * 1024 * 1024,
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
        )
        #: Requests actually sent (attempts, including retries): the benchmark and tests read it.
        self.requests_sent = 0

    def __repr__(self) -> str:
        return f"OmnideskClient({self.base_url!r})"

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

    # ----------------------------------------------------------------------------------------
    # The calls

    async def get_ticket(self, ticket_id: int, *, history: bool = False) -> Ticket:
        """The ticket and its timeline, sorted by time; with ``history``, the event history too."""
        return await self.finish_ticket(await self.get_ticket_start(ticket_id, history=history))

    async def get_ticket_start(
        self, ticket_id: int, *, history: bool = False, first: int = FIRST_ENTRIES
    ) -> PartialTicket:
        """The ticket with only its oldest ``first`` entries read; :meth:`finish_ticket` reads
        the rest. A big ticket can be shown this way before all of it is read."""
        params = {"getTicketHistory": "1"} if history else None
        data = await self._call("GET", f"/api/v2/ticket/{int(ticket_id)}", params=params)
        item = _item(data)
        timeline = item.get("timeline")
        reader = functools.partial(PartialTicket.read, first=first)
        read = functools.partial(self._parse, reader, item, "ticket")
        if isinstance(timeline, list) and len(timeline) > OFF_LOOP_ENTRIES:
            return await asyncio.to_thread(read)  # sorting thousands of entries takes ms
        return read()

    async def get_ticket_header(self, ticket_id: int) -> Ticket:
        """The ticket without its timeline (empty): what a save compares with before it goes,
        without reading thousands of entries nobody looks at."""
        return (await self.get_ticket_start(ticket_id, first=0)).ticket

    async def finish_ticket(self, start: PartialTicket) -> Ticket:
        """The whole ticket from :meth:`get_ticket_start`'s part of it."""
        if start.pending > OFF_LOOP_ENTRIES:
            return await asyncio.to_thread(start.finish)
        return start.finish()

    async def list_tickets(
        self,
        *,
        query: str | None = None,
        status: TicketStatus | str | None = None,
        view: str | None = None,
        start: int = 0,
        limit: int = 50,
    ) -> TicketPage:
        """One page of tickets matching a search text, status and/or view."""
        params: dict[str, str] = {"itemStart": str(max(0, start)), "itemLimit": str(limit)}
        if query:
            params["query"] = query
        if status:
            params["status"] = str(status.value if isinstance(status, TicketStatus) else status)
        if view:
            params["applyView"] = view
        data = await self._call("GET", "/api/v2/ticket", params=params)
        if not isinstance(data, dict) or not isinstance(data.get("items", []), list):
            raise ProtocolError("Omnidesk sent a ticket list omnitui could not read.")
        items, skipped = tolerant_list(Ticket, data.get("items"), "ticket in a list")
        return TicketPage(
            items=items,
            total=_int(data.get("itemTotal"), len(items)),
            start=_int(data.get("itemStart"), start),
            limit=_int(data.get("itemLimit"), limit),
            skipped=skipped,
        )

    async def create_ticket(self, ticket: TicketCreate) -> Ticket:
        """Create a ticket and return it as the server describes it."""
        data = await self._call("POST", "/api/v2/ticket", form=ticket.form())
        item = _item(data, write=True)
        if "id" not in item and "ticketID" in item:
            item = {**item, "id": item["ticketID"]}
        return self._parse(Ticket.model_validate, item, "new ticket", write=True)

    async def update_ticket(self, ticket_id: int, update: TicketUpdate) -> str:
        """Change the fields that are set in ``update``; returns the server's confirmation."""
        if update.is_empty:
            raise ValueError("nothing to update")
        data = await self._call("PUT", f"/api/v2/ticket/{int(ticket_id)}", form=update.form())
        return _result_message(data, "Ticket updated.")

    async def set_status(self, ticket_ids: Sequence[int], status: TicketStatus) -> str:
        """Set one status on many tickets in one call."""
        ids = list(dict.fromkeys(int(i) for i in ticket_ids))
        if not ids:
            raise ValueError("no tickets to change")
        status = TicketStatus(status)
        form = [("ticketIDs[]", str(i)) for i in ids] + [("status", status.value)]
        data = await self._call("POST", "/api/v2/ticket/setstatus", form=form)
        return _result_message(data, "Ticket status is updated.")

    async def add_message(self, message: NewMessage) -> str:
        """Send a reply or add an internal note."""
        data = await self._call("POST", "/api/v2/message", form=message.form())
        return _result_message(data, "Message sent.")

    # ----------------------------------------------------------------------------------------
    # Plumbing

    def _parse(self, read: Callable[[Any], T], data: Any, what: str, *, write: bool = False) -> T:
        try:
            return read(data)
        except ValidationError as exc:
            log.warning("could not read %s: %s", what, exc.errors(include_input=False))
            raise ProtocolError(
                f"Omnidesk sent a {what} omnitui could not read"
                + (" (it may have been saved: refresh before trying again)." if write else "."),
                may_have_reached_server=write,
            ) from None

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        form: Form | None = None,
    ) -> Any:
        try:
            async with asyncio.timeout(self.deadline):
                return await self._call_with_retries(method, path, params=params, form=form)
        except TimeoutError:
            raise RequestTimeout(
                f"Omnidesk did not answer within {self.deadline:g} s."
                + (_MAYBE_SAVED if method != "GET" else ""),
                may_have_reached_server=method != "GET",
            ) from None

    async def _call_with_retries(
        self, method: str, path: str, *, params: dict[str, str] | None, form: Form | None
    ) -> Any:
        is_read = method == "GET"
        attempt = 0
        waited = 0.0
        while True:
            attempt += 1
            try:
                return await self._attempt(method, path, params=params, form=form)
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
        self, method: str, path: str, *, params: dict[str, str] | None, form: Form | None
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
                try:
                    body = await self._read_capped(response)
                finally:
                    await response.aclose()
        except TimeoutError:
            raise RequestTimeout(
                f"Omnidesk did not answer within {self.timeout:g} s."
                + (_MAYBE_SAVED if write else ""),
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
                f"Omnidesk stopped answering ({self._host})." + (_MAYBE_SAVED if write else ""),
                may_have_reached_server=write,
            ) from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise NetworkError(
                f"The connection to {self._host} broke off ({self._redact(_reason(exc))})."
                + (_MAYBE_SAVED if write else ""),
                may_have_reached_server=write,
            ) from None
        log.debug(
            "%s %s -> %s in %.0f ms",
            method,
            path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        if len(body) > OFF_LOOP_BYTES:
            return await asyncio.to_thread(self._interpret, response, body, write=write)
        return self._interpret(response, body, write=write)

    async def _read_capped(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_response_bytes:
            raise _too_large(self.max_response_bytes)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_response_bytes:
                raise _too_large(self.max_response_bytes)
            chunks.append(chunk)
        return b"".join(chunks)

    def _interpret(self, response: httpx.Response, body: bytes, *, write: bool) -> Any:
        status = response.status_code
        data, problem = _decode_json(body, response.headers.get("content-type", ""))
        server_message = self._server_message(data)
        maybe = _MAYBE_SAVED if write else ""

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
        if status == 204 or (write and not body.strip()):
            return None
        if problem == "html":
            raise ServerError(
                f"A proxy answered instead of Omnidesk (HTTP {status}): "
                f"{_html_title(body) or 'an HTML page'}.{maybe}",
                status=status,
                may_have_reached_server=write,
            )
        if problem:
            raise ProtocolError(
                f"Omnidesk sent a response omnitui could not read ({problem}).{maybe}",
                status=status,
                may_have_reached_server=write,
            )
        return data

    def _server_message(self, data: Any) -> str:
        if isinstance(data, dict) and isinstance(data.get("message"), str):
            return self._redact(sanitize_line(data["message"]))[:500]
        return ""

    def _redact(self, text: str) -> str:
        return text.replace(self._api_key, "[api key]") if self._api_key else text


_MAYBE_SAVED = " It may have been saved: refresh before trying again."


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


def _decode_json(body: bytes, content_type: str) -> tuple[Any, str | None]:
    """Parse a body as JSON; on failure say why in a few words instead of raising."""
    stripped = body.strip()
    if not stripped:
        return None, "an empty response"
    if "html" in content_type.lower() or stripped[:1] == b"<":
        return None, "html"
    try:
        text = body.decode("utf-8", errors="replace")
        if len(text) > OFF_LOOP_BYTES:
            return json_pieces.loads_in_pieces(text), None
        return json_pieces.loads(text), None
    except RecursionError:
        return None, "the JSON is nested too deeply"
    except ValueError:
        return None, "not valid JSON, or cut off"


def _html_title(body: bytes) -> str:
    text = body[:4096].decode("utf-8", errors="replace")
    match = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S) or re.search(
        r"<h1[^>]*>(.*?)</h1>", text, re.I | re.S
    )
    return sanitize_line(re.sub(r"<[^>]+>", "", match.group(1)))[:120].strip() if match else ""


def _item(data: Any, *, write: bool = False) -> Any:
    if isinstance(data, dict) and isinstance(data.get("item"), dict):
        return data["item"]
    if write and isinstance(data, dict) and "ticketID" in data:
        return data
    raise ProtocolError(
        "Omnidesk sent an answer without the expected item"
        + (" (it may have been saved: refresh before trying again)." if write else "."),
        may_have_reached_server=write,
    )


def _result_message(data: Any, default: str) -> str:
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return sanitize_line(data["message"])[:500] or default
    return default


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


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


def _too_large(limit: int) -> ProtocolError:
    return ProtocolError(f"Omnidesk's answer was larger than {limit // (1024 * 1024)} MB; stopped.")
