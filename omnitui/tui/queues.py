"""The queues of the first screen: the account's views, plus "Mine" and "Unassigned".

A view's tickets come from Omnidesk, ``GET /ticket?applyView=<id>``, and its count is the
``itemTotal`` of a one-ticket page of it (views carry no count: docs/omnidesk-api.md §10.1-10.2).
"Mine" has no documented filter (§10.2 [GAP]): omnitui reads the "All open" view (or, without
one, every ticket, keeping the open ones) page by page and keeps the tickets whose
``assigned_user_id`` is the agent's, here on the client. "Unassigned" is the account's view of
that name when there is one, else made the same way from the tickets with no agent.
No Textual here: the widget and the screen that show queues decide when to ask.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from omnitui.api.client import OmnideskClient
    from omnitui.api.models import Ticket, TicketPage, View
    from omnitui.storage.drafts import DraftStore

#: Tickets per page of a queue (as in the search).
PAGE_SIZE = 50
#: A client-side queue reads its source this many tickets a call, and at most SCAN_LIMIT in all:
#: an account with more open tickets than that gets "at least" counts, said as such.
SCAN_PAGE = 100
SCAN_LIMIT = 2000
#: Statuses that are not worked on any more (what the "All open" view leaves out).
DONE = frozenset({"solved", "closed"})
#: Drafts of these forms are messages not sent yet: what the lists mark with ✎.
MESSAGE_DRAFTS = frozenset({"reply", "note"})
NO_AGENT = "Set agent_email in your profile so omnitui knows which tickets are yours."


class Filter(StrEnum):
    """What omnitui keeps, itself, of a view's tickets."""

    MINE = "mine"
    UNASSIGNED = "unassigned"


class AgentUnknown(Exception):
    """ "Mine" was asked for, and omnitui does not know the agent's user."""

    def __init__(self) -> None:
        super().__init__(NO_AGENT)


@dataclass(frozen=True, slots=True)
class Queue:
    """One line of the queue list."""

    key: str
    title: str
    #: The view whose tickets these are (its id as digits, what ``applyView`` takes), or None:
    #: every ticket (only the open ones kept).
    view: str | None
    #: What omnitui keeps of the view's tickets itself; None: the view as Omnidesk lists it.
    filter: Filter | None = None
    #: The title of the view read for a client-side queue, for the words that explain it.
    source: str = ""

    def describe(self) -> str:
        """How the queue is made, in a sentence for the line under the list."""
        if self.filter is None:
            return f"{self.title}: the account's view, as Omnidesk lists it."
        kept = "assigned to you" if self.filter is Filter.MINE else "assigned to no agent"
        source = f"of the {self.source} view" if self.source else "still open"
        return (
            f"{self.title}: the tickets {source} {kept}, picked out by omnitui "
            "(Omnidesk has no filter for it)."
        )


def queues_for(views: Sequence[View] | None) -> list[Queue]:
    """Mine, Unassigned, then the account's other views in their order.

    ``views`` None (the key may not read views): Mine and Unassigned, from every ticket."""
    views = list(views or [])
    all_open = _titled(views, "all open")
    unassigned = _titled(views, "unassigned")
    source = str(all_open.id) if all_open else None
    source_title = all_open.title if all_open else ""
    queues = [Queue("mine", "Mine", source, Filter.MINE, source_title)]
    if unassigned is not None:
        queues.append(Queue(f"view-{unassigned.id}", unassigned.title, str(unassigned.id)))
    else:
        queues.append(Queue("unassigned", "Unassigned", source, Filter.UNASSIGNED, source_title))
    queues += [
        Queue(f"view-{view.id}", view.title or f"View {view.id}", str(view.id))
        for view in views
        if view is not unassigned
    ]
    return queues


def _titled(views: Sequence[View], title: str) -> View | None:
    return next((view for view in views if view.title.strip().casefold() == title), None)


@dataclass(frozen=True, slots=True)
class Scan:
    """The tickets a client-side queue kept, and how far omnitui read to find them."""

    tickets: list[Ticket]
    #: Whether the source had more than SCAN_LIMIT tickets: the queue may hold more.
    capped: bool = False
    skipped: int = 0

    def page(self, start: int, limit: int = PAGE_SIZE) -> TicketPage:
        from omnitui.api.models import TicketPage  # pydantic: not before the first screen needs it

        start = max(0, min(start, len(self.tickets)))
        return TicketPage(
            items=self.tickets[start : start + limit],
            total=len(self.tickets),
            start=start,
            limit=limit,
            skipped=self.skipped,
        )


async def scan(client: OmnideskClient, queue: Queue, user_id: int | None) -> Scan:
    """Read a client-side queue's source and keep its tickets (AgentUnknown for "Mine" when the
    agent's user is not known)."""
    if queue.filter is Filter.MINE and user_id is None:
        raise AgentUnknown
    kept: list[Ticket] = []
    skipped = 0
    start = 0
    while True:
        page = await client.list_tickets(view=queue.view, start=start, limit=SCAN_PAGE)
        skipped += page.skipped
        kept += [ticket for ticket in page.items if _keeps(queue, ticket, user_id)]
        start += len(page.items) + page.skipped
        if not page.items or start >= page.total:
            return Scan(kept, skipped=skipped)
        if start >= SCAN_LIMIT:
            return Scan(kept, capped=True, skipped=skipped)


def _keeps(queue: Queue, ticket: Ticket, user_id: int | None) -> bool:
    if queue.view is None and str(ticket.status) in DONE:
        return False
    if queue.filter is Filter.MINE:
        return ticket.assigned_user_id == user_id
    return not ticket.assigned_user_id


@dataclass(frozen=True, slots=True)
class Count:
    """A queue's ticket count; ``at_least`` when a client-side one stopped reading early."""

    total: int
    at_least: bool = False

    def __str__(self) -> str:
        return f"≥{self.total}" if self.at_least else str(self.total)


async def count(client: OmnideskClient, queue: Queue, user_id: int | None) -> Count:
    """How many tickets ``queue`` holds (ApiError or AgentUnknown when that cannot be known)."""
    if queue.filter is None:
        return Count(await client.count_tickets(view=queue.view))
    found = await scan(client, queue, user_id)
    return Count(len(found.tickets), found.capped)


class QueueTickets:
    """One queue's tickets, page by page: what its screen shows, and ``>``/``<`` read on.

    A client-side queue is read once (:func:`scan`) and its pages cut from that, so that paging
    and ``>`` go through one consistent list; :meth:`reset` reads it again."""

    def __init__(self, queue: Queue, client: OmnideskClient, user_id: int | None) -> None:
        self.queue = queue
        self._client = client
        self._user_id = user_id
        self._scan: Scan | None = None

    @property
    def capped(self) -> bool:
        return self._scan is not None and self._scan.capped

    def reset(self) -> None:
        self._scan = None

    async def page(self, start: int) -> TicketPage:
        if self.queue.filter is None:
            return await self._client.list_tickets(
                view=self.queue.view, start=start, limit=PAGE_SIZE
            )
        if self._scan is None:
            self._scan = await scan(self._client, self.queue, self._user_id)
        return self._scan.page(start)


async def search_page(client: OmnideskClient, query: str, status: object, start: int) -> TicketPage:
    """One page of the lookup screen's search (``status``: the filter's value, a status or
    blank); ``>`` past the end of a page of results reads the next with it."""
    return await client.list_tickets(
        query=query or None,
        status=status if isinstance(status, str) else None,
        start=start,
        limit=PAGE_SIZE,
    )


async def agent_user_id(app: object) -> int | None:
    """The agent's Omnidesk user id, or None when omnitui does not know it.

    Who the agent is, is the app's (``identity``, found once per profile); an app that does
    not know yet is waited for a little (``agent_identity``), and an app without either knows
    nobody."""
    find = getattr(app, "agent_identity", None)
    identity = await find() if callable(find) else getattr(app, "identity", None)
    user_id = getattr(identity, "user_id", None)
    return user_id if isinstance(user_id, int) and user_id > 0 else None


def drafted(drafts: DraftStore) -> set[int]:
    """The tickets with a reply or note of this account not sent yet (the lists mark them ✎)."""
    return {
        draft.ticket_id
        for draft in drafts.all()
        if draft.kind in MESSAGE_DRAFTS and draft.ticket_id is not None
    }


def page_text(page: TicketPage, *, drafts: bool = False) -> str:
    """The line under a list of tickets: which of how many, the paging keys, what was skipped;
    ``drafts``: the page marks some with ✎, and says what that is."""
    if not page.items:
        return "No tickets match."
    last = page.start + len(page.items)
    more = " · n next page" if last < page.total else ""
    back = " · p previous page" if page.start > 0 else ""
    skipped = f" · {page.skipped} unreadable skipped" if page.skipped else ""
    legend = " · ✎ unsent draft" if drafts else ""
    return f"Tickets {page.start + 1}–{last} of {page.total}{more}{back}{skipped}{legend}"
