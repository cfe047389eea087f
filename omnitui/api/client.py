"""The Omnidesk API v2 client: one method per call.

Each method holds its call's wire format: the path and parameters or form it sends, and how its
answer becomes a model. How the call travels (retries, deadlines, errors) is
:class:`~omnitui.api.transport.Connection`'s; what is sent is :mod:`omnitui.api.requests`', what
comes back :mod:`omnitui.api.models`'. A new call is one more method here.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Sequence
from typing import Any, TypeVar

from omnitui.api import answers
from omnitui.api.errors import ProtocolError
from omnitui.api.models import PartialTicket, Ticket, TicketPage, TicketStatus, User, View
from omnitui.api.requests import NewMessage, TicketCreate, TicketUpdate
from omnitui.api.transport import Connection
from omnitui.api.wire import WireModel, tolerant_list

M = TypeVar("M", bound=WireModel)

#: Timelines longer than this are sorted and read in a thread: a 5,000-entry ticket takes a few
#: hundred milliseconds, which on the event loop would freeze the UI.
OFF_LOOP_ENTRIES = 200
#: Entries read before a big ticket is shown: more than a tall terminal's screenful of them.
FIRST_ENTRIES = 100


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
        the rest. A big ticket can be shown this way before all of it is read."""
        params = {"getTicketHistory": "1"} if history else None
        data = await self._call("GET", f"/api/v2/ticket/{int(ticket_id)}", params=params)
        item = answers.item(data)
        timeline = item.get("timeline")
        reader = functools.partial(PartialTicket.read, first=first)
        read = functools.partial(answers.parse, reader, item, "ticket")
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


def _items(model: type[M], data: Any, what: str) -> list[M]:
    """The items of a list answer, each read on its own (an odd one is skipped, and logged)."""
    if not isinstance(data, dict) or not isinstance(data.get("items", []), list):
        raise ProtocolError(f"Omnidesk sent a {what} list omnitui could not read.")
    return tolerant_list(model, data.get("items"), what)[0]
