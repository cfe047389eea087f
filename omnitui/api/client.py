"""The Omnidesk API v2 client: one method per call.

Each method holds its call's wire format: the path and parameters or form it sends, and how its
answer becomes a model. How the call travels (retries, deadlines, errors) is
:class:`~omnitui.api.transport.Connection`'s; what is sent is :mod:`omnitui.api.requests`', what
comes back :mod:`omnitui.api.models`'. A new call is one more method here.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from omnitui.api import answers, files, json_lazy, ticket_rest
from omnitui.api.errors import ApiError, NetworkError, ProtocolError, RequestTimeout, TlsError
from omnitui.api.models import (
    Attachment,
    Priority,
    Ticket,
    TicketPage,
    TicketStatus,
    TimelineEntry,
    User,
    View,
)
from omnitui.api.partial_ticket import PartialTicket
from omnitui.api.requests import NewMessage, TicketCreate, TicketUpdate
from omnitui.api.transport import Connection, _is_tls_error, _reason, declared_size
from omnitui.api.wire import WireModel, tolerant_list
from omnitui.core.sanitize import sanitize_line

M = TypeVar("M", bound=WireModel)

#: Entries read before a big ticket is shown: more than a tall terminal's screenful of them.
#: Half as many again are decoded, since the server's order is not quite time order (a pair of
#: neighbours swapped now and then) and those shown first must be the oldest.
FIRST_ENTRIES = 100
#: Where a ticket answer's timeline is: the array decoded lazily (:mod:`json_lazy`).
TIMELINE = ("item", "timeline")


@dataclass(frozen=True, slots=True)
class Refreshed:
    """What :meth:`OmnideskClient.refresh_ticket` found."""

    #: The ticket as it is now; its timeline empty when ``same_timeline``.
    ticket: Ticket
    #: The timeline is byte for byte the one the caller holds: keep those entries.
    same_timeline: bool
    #: Names this answer's timeline for the next refresh (None when not known: a small ticket).
    digest: str | None


@dataclass(frozen=True, slots=True)
class _SameTimeline:
    header: Ticket


class OmnideskClient(Connection):
    """Talks to one Omnidesk account (or the sandbox).

    Use as ``async with OmnideskClient(url, key) as client:``; the connection pool lives as long
    as the context, so opening a ticket costs one request on a kept-alive connection.
    """

    # ----------------------------------------------------------------------------------------
    # Tickets

    async def get_ticket(self, ticket_id: int, *, history: bool = False) -> Ticket:
        """The ticket and its timeline, sorted by time; with ``history``, the event history too."""
        return await self.finish_ticket(await self.get_ticket_start(ticket_id, history=history))

    async def get_ticket_start(
        self, ticket_id: int, *, history: bool = False, first: int = FIRST_ENTRIES
    ) -> PartialTicket:
        """The ticket with only its oldest ``first`` entries read; :meth:`finish_ticket` reads
        the rest. A big ticket is shown this way before most of it is even decoded."""
        start = await self._ticket_answer(ticket_id, history, first, seen=None)
        assert isinstance(start, PartialTicket)  # only a refresh (with ``seen``) finds it the same
        return start

    async def get_ticket_header(self, ticket_id: int) -> Ticket:
        """The ticket without its timeline (empty): what a save compares with before it goes,
        without reading thousands of entries nobody looks at."""
        return (await self.get_ticket_start(ticket_id, first=0)).ticket

    async def finish_ticket(self, start: PartialTicket) -> Ticket:
        """The whole ticket from :meth:`get_ticket_start`'s part of it (in a thread when big).

        Raises ProtocolError when what was not decoded yet turns out not to be JSON: the error
        a body that is not JSON gets (``answers.unreadable``), only later.
        """
        return await ticket_rest.finish(start)

    async def refresh_ticket(
        self, ticket_id: int, *, history: bool = False, seen: str | None = None
    ) -> Refreshed:
        """The ticket read again, for auto-refresh; ``seen`` is the :attr:`PartialTicket.digest`
        of the timeline already held. When the answer's timeline is byte for byte that one, it
        is not decoded at all: the header is read, and the caller keeps its entries."""
        start = await self._ticket_answer(ticket_id, history, 0, seen=seen)
        if isinstance(start, _SameTimeline):
            return Refreshed(start.header, same_timeline=True, digest=seen)
        ticket = await self.finish_ticket(start)
        return Refreshed(ticket, same_timeline=False, digest=start.digest)

    async def get_newest_entries(self, ticket_id: int, count: int) -> list[TimelineEntry]:
        """The ticket's newest ``count`` entries, oldest first, the others decoded (in a thread)
        but not read: what is checked after a reply or note was sent."""
        return await ticket_rest.newest(await self.get_ticket_start(ticket_id, first=0), count)

    async def _ticket_answer(
        self, ticket_id: int, history: bool, first: int, *, seen: str | None
    ) -> PartialTicket | _SameTimeline:
        params = {"getTicketHistory": "1"} if history else None
        read = functools.partial(self._read_ticket, first=first, seen=seen)
        path = f"/api/v2/ticket/{int(ticket_id)}"
        answer: PartialTicket | _SameTimeline = await self._call(
            "GET", path, params=params, read=read
        )
        return answer

    def _read_ticket(
        self, response: httpx.Response, body: bytes, *, first: int, seen: str | None
    ) -> PartialTicket | _SameTimeline:
        """A ticket answer: its header and first entries read, the rest of a big one left
        undecoded (in a thread for a big body: the transport sees to that)."""
        decoded = first + first // 2 if first else 0
        lazy = functools.partial(json_lazy.loads_lazily, path=TIMELINE, first=decoded)
        data = answers.interpret(response, body, write=False, redact=self._redact, lazy=lazy)
        item = answers.item(data)
        start = answers.parse(functools.partial(PartialTicket.read, first=first), item, "ticket")
        if seen is not None and start.lazy is not None and start.lazy.digest() == seen:
            return _SameTimeline(start.ticket)
        return start

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
            total=answers.int_or(data.get("itemTotal"), len(items)),
            start=answers.int_or(data.get("itemStart"), start),
            limit=answers.int_or(data.get("itemLimit"), limit),
            skipped=skipped,
        )

    async def count_tickets(self, *, view: str | None = None) -> int:
        """How many tickets a view holds: views carry no count, so it is the ``itemTotal`` of a
        one-ticket page of the view (docs/omnidesk-api.md §10.1)."""
        return (await self.list_tickets(view=view, limit=1)).total

    async def create_ticket(self, ticket: TicketCreate) -> Ticket:
        """Create a ticket and return it as the server describes it."""
        data = await self._call("POST", "/api/v2/ticket", form=ticket.form())
        item = answers.item(data, write=True)
        if "id" not in item and "ticketID" in item:
            item = {**item, "id": item["ticketID"]}
        return answers.parse(Ticket.model_validate, item, "new ticket", write=True)

    async def update_ticket(self, ticket_id: int, update: TicketUpdate) -> str:
        """Change the fields that are set in ``update``; returns the server's confirmation."""
        if update.is_empty:
            raise ValueError("nothing to update")
        data = await self._call("PUT", f"/api/v2/ticket/{int(ticket_id)}", form=update.form())
        return answers.result_message(data, "Ticket updated.")

    async def set_status(self, ticket_ids: Sequence[int], status: TicketStatus) -> str:
        """Set one status on many tickets in one call."""
        ids = list(dict.fromkeys(int(i) for i in ticket_ids))
        if not ids:
            raise ValueError("no tickets to change")
        status = TicketStatus(status)
        form = [("ticketIDs[]", str(i)) for i in ids] + [("status", status.value)]
        data = await self._call("POST", "/api/v2/ticket/setstatus", form=form)
        return answers.result_message(data, "Ticket status is updated.")

    async def set_priority(self, ticket_ids: Sequence[int], priority: Priority) -> str:
        """Set one priority on many tickets in one call.

        Inferred (docs/omnidesk-api.md §10.6: the docs cut off its parameters): this method is
        the one place of its wire format, ``ticketIDs[]`` and ``priority`` as for setstatus.
        """
        ids = list(dict.fromkeys(int(i) for i in ticket_ids))
        if not ids:
            raise ValueError("no tickets to change")
        priority = Priority(priority)
        form = [("ticketIDs[]", str(i)) for i in ids] + [("priority", priority.value)]
        data = await self._call("POST", "/api/v2/ticket/setPriority", form=form)
        return answers.result_message(data, "Ticket priority is updated.")

    # ----------------------------------------------------------------------------------------
    # Messages

    async def add_message(self, message: NewMessage) -> str:
        """Send a reply or add an internal note."""
        data = await self._call("POST", "/api/v2/message", form=message.form())
        return answers.result_message(data, "Message sent.")

    # ----------------------------------------------------------------------------------------
    # The account: views and users (docs/omnidesk-api.md §10.1, §10.3)

    async def list_views(self, query: str = "", limit: int = 100) -> list[View]:
        """The account's views, in their display order (needs ``VIEW_READ``)."""
        params = {"itemStart": "0", "itemLimit": str(limit)}
        if query:
            params["query"] = query
        data = await self._call("GET", "/api/v2/view", params=params)
        return _items(View, data, "view")

    async def list_users(self, query: str = "", limit: int = 100) -> list[User]:
        """The account's agents whose name, phone or e-mail contains ``query`` (needs
        ``USER_READ``); the match is a part match, so compare an e-mail yourself."""
        params = {"itemStart": "0", "itemLimit": str(limit)}
        if query:
            params["query"] = query
        data = await self._call("GET", "/api/v2/user", params=params)
        return _items(User, data, "user")

    # ----------------------------------------------------------------------------------------
    # Attachments (docs/omnidesk-api.md §10.8)

    async def download_file(
        self,
        file: Attachment,
        write: Callable[[bytes], Awaitable[None]],
        *,
        max_bytes: int = files.MAX_FILE_BYTES,
        progress: files.Progress | None = None,
    ) -> int:
        """Stream the bytes of ``file`` to ``write``; returns how many there were.

        The api key goes only to the account's own scheme, host and port (:mod:`files`). More
        than ``max_bytes`` (announced or received) stops it with :class:`files.FileTooLarge`.
        Tried once: a retry would start the file again, which the agent can do with the key.
        Raises an :class:`ApiError` as the other calls do (a 404 is ``NotFoundError``), and
        ``ProtocolError`` when the file has no address it may be fetched from.
        """
        address = files.file_address(file, self.base_url)
        if address is None:
            raise ProtocolError("Omnidesk gives no download address for this file.")
        request = self._http.build_request("GET", address.url, headers={"Accept": "*/*"})
        if not address.with_key:
            del request.headers["apiKey"]
        self.requests_sent += 1
        try:
            async with asyncio.timeout(files.DOWNLOAD_DEADLINE):
                response = await self._http.send(request, stream=True)
                try:
                    return await self._stream_body(response, write, max_bytes, progress)
                finally:
                    await response.aclose()
        except TimeoutError:
            raise RequestTimeout(
                f"The download took longer than {files.DOWNLOAD_DEADLINE / 60:g} minutes; stopped."
            ) from None
        except ApiError:
            raise
        except httpx.ConnectError as exc:
            where = _host_of(address.url)
            if _is_tls_error(exc):
                raise TlsError(f"The certificate of {where} could not be verified.") from None
            raise NetworkError(
                f"Could not connect to {where}: {self._redact(_reason(exc))}."
            ) from None
        except httpx.TimeoutException:
            raise RequestTimeout(f"{_host_of(address.url)} stopped sending the file.") from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise NetworkError(
                f"The download from {_host_of(address.url)} broke off "
                f"({self._redact(_reason(exc))})."
            ) from None

    async def _stream_body(
        self,
        response: httpx.Response,
        write: Callable[[bytes], Awaitable[None]],
        max_bytes: int,
        progress: files.Progress | None,
    ) -> int:
        if response.status_code >= 300:
            body = b""
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > files.ERROR_BODY_BYTES:
                    break
            answers.interpret(response, body, write=False, redact=self._redact)  # raises
            raise ProtocolError(f"Omnidesk answered HTTP {response.status_code} for the file.")
        total = declared_size(response)
        if total is not None and total > max_bytes:
            raise files.too_large(max_bytes)
        received = 0
        async for chunk in response.aiter_bytes():
            received += len(chunk)
            if received > max_bytes:
                raise files.too_large(max_bytes)
            await write(chunk)
            if progress is not None:
                progress(received, total)
        return received

    def shareable_file_url(self, file: Attachment) -> str | None:
        """The file's address to show and copy (over SSH), or None when it has none or the
        address carries a credential (the api key, a login), which must never be shown."""
        if not file.url or files.carries_secret(file.url, self._api_key):
            return None
        return file.url


def _host_of(url: str) -> str:
    return sanitize_line(httpx.URL(url).host)[:100]


def _items(model: type[M], data: Any, what: str) -> list[M]:
    """The items of a list answer, each read on its own (an odd one is skipped, and logged)."""
    if not isinstance(data, dict) or not isinstance(data.get("items", []), list):
        raise ProtocolError(f"Omnidesk sent a {what} list omnitui could not read.")
    return tolerant_list(model, data.get("items"), what)[0]
