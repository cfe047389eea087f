"""A list of tickets the agent works through: a queue, or a search, page by page.

A ticket opened out of a queue or a search results page carries its list. The list keeps the
page it shows and the ticket last opened, so that ``>`` at the end of a page reads the next page
(screens/ticket_queue.py), and going back to the list shows that page with the highlight on that
ticket. No Textual here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from omnitui.api.models import TicketPage

#: Reads one page of the list, from its ``start``th ticket.
PageFetch = Callable[[int], Awaitable["TicketPage"]]


class TicketList:
    """A list of tickets the agent works through: a queue, or a search, page by page."""

    def __init__(self, title: str, fetch: PageFetch, page: TicketPage | None = None) -> None:
        #: What the list is, for messages ("Unassigned", "the search results").
        self.title = title
        self._fetch = fetch
        #: The page shown (or last read by ``>``/``<``); the list's screen shows it when back.
        self.page = page
        #: The ticket last opened from the list: the highlight goes back to it.
        self.current: int | None = None
        #: Where ``current`` was on its page: if a reload took it away (a ticket that left the
        #: queue), ``>`` goes on from there and the highlight goes there.
        self.index = 0
        #: Set when a ticket is opened from the list; the list's screen clears it when back.
        self.returning = False

    async def load(self, start: int) -> TicketPage:
        """Read the page from ``start`` and make it the list's page."""
        self.page = await self._fetch(max(0, start))
        return self.page

    def opened(self, ticket_id: int) -> None:
        """The agent opened ``ticket_id`` from the list (by Enter, ``>`` or ``<``)."""
        self.current = ticket_id
        self.returning = True
        ids = self.ids()
        if ticket_id in ids:
            self.index = ids.index(ticket_id)

    def ids(self) -> list[int]:
        return [] if self.page is None else [ticket.id for ticket in self.page.items]

    def place(self, ticket_id: int) -> tuple[int, int] | None:
        """``ticket_id``'s place in the whole list and the list's length, if it is on the page."""
        ids = self.ids()
        if self.page is None or ticket_id not in ids:
            return None
        return self.page.start + ids.index(ticket_id) + 1, self.page.total

    async def neighbour(self, ticket_id: int, step: int) -> int | None:
        """The ticket after (``step`` 1) or before (-1) ``ticket_id``; None at that end.

        Past the page's end the next page is read (and becomes the list's page), so the list
        goes on as far as Omnidesk has tickets."""
        page = self.page
        if page is None:
            return None
        ids = self.ids()
        if ticket_id in ids:
            index = ids.index(ticket_id) + step
        else:  # it left the list since: the ticket in its place is the next one
            index = self.index if step > 0 else self.index - 1
        if 0 <= index < len(ids):
            return ids[index]
        if step > 0 and page.start + len(ids) < page.total:
            new = await self.load(page.start + max(len(ids), 1))
            return new.items[0].id if new.items else None
        if step < 0 and page.start > 0:
            size = page.limit or len(ids) or 1
            new = await self.load(page.start - size)
            return new.items[-1].id if new.items else None
        return None
