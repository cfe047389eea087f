"""Which queues there are, how Mine is picked out, and how a list goes on past its page."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from omnitui.api.models import Ticket, TicketPage, View
from omnitui.storage.drafts import DraftStore
from omnitui.tui import queues
from omnitui.tui.queues import AgentUnknown, Filter, Queue
from omnitui.tui.ticket_list import TicketList

SANDBOX_VIEWS = [
    View(id=301, title="All open"),
    View(id=302, title="Unassigned"),
    View(id=303, title="Finance"),
]


def ticket(number: int, *, agent: int | None = 0, status: str = "open") -> Ticket:
    return Ticket.model_validate({"id": number, "status": status, "assigned_user_id": agent})


class FakeClient:
    """``list_tickets`` over a fixed list, paged as Omnidesk pages; records the calls."""

    def __init__(self, tickets: list[Ticket]) -> None:
        self.tickets = tickets
        self.calls: list[dict[str, Any]] = []

    async def list_tickets(self, **asked: Any) -> TicketPage:
        self.calls.append(asked)
        start, limit = asked.get("start", 0), asked.get("limit", 50)
        items = self.tickets[start : start + limit]
        return TicketPage(items=items, total=len(self.tickets), start=start, limit=limit)

    async def count_tickets(self, *, view: str | None = None) -> int:
        return len(self.tickets)


def test_mine_and_unassigned_come_first_and_the_unassigned_view_is_used() -> None:
    listed = queues.queues_for(SANDBOX_VIEWS)
    assert [q.title for q in listed] == ["Mine", "Unassigned", "All open", "Finance"]
    mine, unassigned = listed[0], listed[1]
    assert (mine.view, mine.filter, mine.source) == ("301", Filter.MINE, "All open")
    assert (unassigned.view, unassigned.filter) == ("302", None)  # the account's own view


def test_without_an_unassigned_view_omnitui_makes_one() -> None:
    listed = queues.queues_for([View(id=301, title="ALL OPEN"), View(id=9, title="")])
    assert [q.title for q in listed] == ["Mine", "Unassigned", "ALL OPEN", "View 9"]
    assert (listed[1].view, listed[1].filter) == ("301", Filter.UNASSIGNED)
    assert "picked out by omnitui" in listed[1].describe()


def test_without_views_mine_and_unassigned_read_every_ticket() -> None:
    listed = queues.queues_for(None)
    assert [(q.title, q.view) for q in listed] == [("Mine", None), ("Unassigned", None)]
    assert "still open" in listed[0].describe()


async def test_mine_keeps_the_agents_open_tickets_reading_page_by_page() -> None:
    tickets = [ticket(i, agent=4 if i % 3 == 0 else 2) for i in range(1, 251)]
    tickets.append(ticket(999, agent=4, status="solved"))
    client = FakeClient(tickets)
    mine = Queue("mine", "Mine", None, Filter.MINE)
    found = await queues.scan(client, mine, 4)  # type: ignore[arg-type]
    assert [t.id for t in found.tickets] == [i for i in range(1, 251) if i % 3 == 0]
    assert [c["start"] for c in client.calls] == [0, 100, 200]
    assert not found.capped
    with pytest.raises(AgentUnknown):
        await queues.scan(client, mine, None)  # type: ignore[arg-type]


async def test_a_huge_source_is_read_only_so_far_and_said_so() -> None:
    client = FakeClient([ticket(i) for i in range(queues.SCAN_LIMIT + 500)])
    unassigned = Queue("unassigned", "Unassigned", "301", Filter.UNASSIGNED)
    count = await queues.count(client, unassigned, None)  # type: ignore[arg-type]
    assert (count.total, count.at_least, str(count)) == (2000, True, "≥2000")
    assert all(call["view"] == "301" for call in client.calls)


def test_a_page_of_a_picked_out_queue_and_its_words() -> None:
    found = queues.Scan([ticket(i) for i in range(1, 121)])
    page = found.page(50)
    assert [t.id for t in page.items][:2] == [51, 52] and (page.total, page.start) == (120, 50)
    assert queues.page_text(page) == "Tickets 51–100 of 120 · n next page · p previous page"
    assert queues.page_text(found.page(100), drafts=True).endswith("· ✎ unsent draft")
    assert queues.page_text(queues.Scan([]).page(0)) == "No tickets match."


async def test_a_list_goes_on_past_its_page_and_stops_at_its_ends() -> None:
    client = FakeClient([ticket(i) for i in range(1, 8)])

    async def fetch(start: int) -> TicketPage:
        return await client.list_tickets(start=start, limit=3)

    listed = TicketList("Finance", fetch)
    await listed.load(0)
    assert await listed.neighbour(1, -1) is None  # the first
    assert await listed.neighbour(2, 1) == 3
    assert await listed.neighbour(3, 1) == 4  # past the page: the next one is read
    assert listed.ids() == [4, 5, 6] and listed.place(4) == (4, 7)
    assert await listed.neighbour(4, -1) == 3  # and back
    assert listed.ids() == [1, 2, 3]
    await listed.load(6)
    assert await listed.neighbour(7, 1) is None  # the last


async def test_a_ticket_that_left_the_list_goes_on_from_its_place() -> None:
    client = FakeClient([ticket(i) for i in (1, 2, 3, 4)])

    async def fetch(start: int) -> TicketPage:
        return await client.list_tickets(start=start, limit=50)

    listed = TicketList("Unassigned", fetch)
    await listed.load(0)
    listed.opened(2)
    client.tickets = [ticket(i) for i in (1, 3, 4)]  # 2 was assigned meanwhile
    await listed.load(0)
    assert await listed.neighbour(2, 1) == 3
    assert await listed.neighbour(2, -1) == 1


async def test_the_agents_user_comes_from_the_apps_identity() -> None:
    assert await queues.agent_user_id(SimpleNamespace()) is None
    assert await queues.agent_user_id(SimpleNamespace(identity=None)) is None
    assert await queues.agent_user_id(SimpleNamespace(identity=SimpleNamespace(user_id=4))) == 4

    async def found() -> SimpleNamespace:
        return SimpleNamespace(user_id=7)

    assert await queues.agent_user_id(SimpleNamespace(agent_identity=found)) == 7


def test_only_unsent_replies_and_notes_are_drafts_of_mine(tmp_path: Path) -> None:
    drafts = DraftStore("sandbox", root=tmp_path)
    drafts.save("reply", 100301, {"body": "Beste Lieke"})
    drafts.save("note", 100302, {"body": "bellen"})
    drafts.save("update", 100303, {"title": "x"})
    drafts.save("create", None, {"title": "new"})
    assert queues.drafted(drafts) == {100301, 100302}
