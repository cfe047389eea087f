"""Every client call against the sandbox over real loopback HTTP, and what went over the wire."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from omnitui.api.client import OmnideskClient
from omnitui.api.errors import (
    AuthError,
    ForbiddenError,
    NetworkError,
    NotFoundError,
    ProtocolError,
    RateLimitedError,
    RejectedError,
    RequestTimeout,
    ServerError,
)
from omnitui.api.models import Direction, EntryKind, TicketStatus
from omnitui.api.requests import MessageKind, NewMessage, TicketCreate, TicketUpdate
from omnitui.sandbox import SandboxServer


async def no_sleep(seconds: float) -> None:
    return None


@pytest.fixture
async def client(shared: SandboxServer) -> AsyncIterator[OmnideskClient]:
    async with OmnideskClient(shared.url, shared.api_key, sleep=no_sleep) as client:
        yield client


@pytest.fixture
async def own_client(sandbox: SandboxServer) -> AsyncIterator[OmnideskClient]:
    async with OmnideskClient(sandbox.url, sandbox.api_key, sleep=no_sleep) as client:
        yield client


async def test_get_the_seed_ticket(client: OmnideskClient, shared: SandboxServer) -> None:
    ticket = await client.get_ticket(858462)

    assert ticket.title == "vraag van Thomas"
    assert [e.kind for e in ticket.timeline] == [
        EntryKind.MESSAGE,
        EntryKind.EVENT,
        EntryKind.NOTE,
    ]
    (request,) = shared.requests
    assert (request.method, request.path, request.query) == ("GET", "/api/v2/ticket/858462", "")
    assert request.header("apiKey") == shared.api_key


async def test_history_adds_events(client: OmnideskClient, shared: SandboxServer) -> None:
    plain = await client.get_ticket(858462)
    with_history = await client.get_ticket(858462, history=True)

    assert len(with_history.timeline) > len(plain.timeline)
    assert shared.requests[-1].query == "getTicketHistory=1"


async def test_opening_a_ticket_takes_one_request_on_one_connection(
    client: OmnideskClient, shared: SandboxServer
) -> None:
    await client.get_ticket(900001)
    await client.get_ticket(858462)
    assert client.requests_sent == 2
    assert len(shared.requests) == 2


async def test_the_long_ticket_arrives_whole_and_sorted(client: OmnideskClient) -> None:
    ticket = await client.get_ticket(900001)
    assert len(ticket.timeline) == 5000
    times = [e.created_at for e in ticket.timeline]
    assert times == sorted(times)


async def test_a_ticket_header_for_a_save_check_leaves_the_timeline_unread(
    client: OmnideskClient, shared: SandboxServer
) -> None:
    whole = await client.get_ticket(900001)
    header = await client.get_ticket_header(900001)
    assert header.timeline == []
    assert header == whole.model_copy(update={"timeline": []})
    assert len(shared.requests) == 2  # one request each


async def test_a_refresh_of_an_unchanged_long_ticket_reads_its_header_only(
    client: OmnideskClient, shared: SandboxServer
) -> None:
    first = await client.refresh_ticket(900001)
    again = await client.refresh_ticket(900001, seen=first.digest)

    assert first.digest is not None and not first.same_timeline
    assert len(first.ticket.timeline) == 5000
    assert again.same_timeline and again.digest == first.digest
    assert again.ticket == first.ticket.model_copy(update={"timeline": []})
    assert len(shared.requests) == 2  # each a request: the answer is read, its timeline not


async def test_the_newest_entries_of_a_long_ticket(client: OmnideskClient) -> None:
    whole = await client.get_ticket(900001)
    assert await client.get_newest_entries(900001, 3) == whole.timeline[-3:]


async def test_list_search_and_paging(client: OmnideskClient, shared: SandboxServer) -> None:
    first = await client.list_tickets(status=TicketStatus.OPEN, limit=10)
    second = await client.list_tickets(status=TicketStatus.OPEN, start=10, limit=10)

    assert first.total == second.total > 10
    assert len(first.items) == 10
    assert {t.status for t in first.items + second.items} == {TicketStatus.OPEN}
    assert not {t.id for t in first.items} & {t.id for t in second.items}
    assert "itemStart=10" in shared.requests[-1].query
    assert "itemLimit=10" in shared.requests[-1].query

    found = await client.list_tickets(query="vraag van Thomas")
    assert 858462 in [t.id for t in found.items]


async def test_create_an_outbound_ticket(
    own_client: OmnideskClient, sandbox: SandboxServer
) -> None:
    created = await own_client.create_ticket(
        TicketCreate(
            title="Uw retour",
            direction=Direction.OUTBOUND,
            customer_address="klant@example.nl",
            our_address="service@mybrand.com",
            brand_id=2,
            group_id=10004,
        )
    )

    request = sandbox.requests[-1]
    assert request.content_type.startswith("application/x-www-form-urlencoded")
    assert request.field("from") == "service@mybrand.com"
    assert request.field("to") == "klant@example.nl"
    assert request.field("assignedGroupID") == "10004"
    assert request.field("brandID") == "2"
    stored = await own_client.get_ticket(created.id)
    assert (stored.title, stored.direction) == ("Uw retour", Direction.OUTBOUND)
    assert (stored.from_, stored.to) == ("service@mybrand.com", "klant@example.nl")
    assert stored.assigned_group_id == 10004


async def test_update_sends_only_changed_fields(
    own_client: OmnideskClient, sandbox: SandboxServer
) -> None:
    message = await own_client.update_ticket(100001, TicketUpdate(title="Nieuwe titel"))

    assert message == "Ticket updated."
    assert sandbox.requests[-1].form == [("title", "Nieuwe titel")]
    assert sandbox.requests[-1].method == "PUT"
    assert (await own_client.get_ticket(100001)).title == "Nieuwe titel"


async def test_set_status_on_many_tickets(
    own_client: OmnideskClient, sandbox: SandboxServer
) -> None:
    await own_client.set_status([100001, 100002, 100003], TicketStatus.HOLDING)

    request = sandbox.requests[-1]
    assert request.path == "/api/v2/ticket/setstatus"
    assert request.fields("ticketIDs[]") == ["100001", "100002", "100003"]
    for ticket_id in (100001, 100002, 100003):
        assert (await own_client.get_ticket(ticket_id)).status is TicketStatus.HOLDING


async def test_reply_and_note_appear_in_the_timeline(
    own_client: OmnideskClient, sandbox: SandboxServer
) -> None:
    await own_client.add_message(
        NewMessage(
            ticket_id=858462,
            body="Beste Thomas,\nhet is geregeld.",
            to_address="thomas@test.com",
            submit_status=TicketStatus.PENDING,
        )
    )
    await own_client.add_message(
        NewMessage(ticket_id=858462, kind=MessageKind.NOTE, body="Klant gebeld, akkoord.")
    )

    assert sandbox.requests[-2].field("type") == "1"
    assert sandbox.requests[-1].field("type") == "0"
    ticket = await own_client.get_ticket(858462)
    reply, note = ticket.timeline[-2:]
    assert reply.kind is EntryKind.MESSAGE and reply.direction == "outbound"
    assert "het is geregeld" in reply.content
    assert reply.to == "thomas@test.com"
    assert note.kind is EntryKind.NOTE and note.content.startswith("Klant gebeld")
    assert ticket.status is TicketStatus.PENDING


async def test_changes_survive_a_restart(fresh_db: Path) -> None:
    with SandboxServer(fresh_db) as first:
        async with OmnideskClient(first.url, first.api_key) as client:
            await client.update_ticket(100010, TicketUpdate(title="Blijft bewaard"))
    with SandboxServer(fresh_db) as second:
        async with OmnideskClient(second.url, second.api_key) as client:
            assert (await client.get_ticket(100010)).title == "Blijft bewaard"


async def test_a_wrong_key_is_an_auth_error(shared: SandboxServer) -> None:
    async with OmnideskClient(shared.url, "wrong-key") as client:
        with pytest.raises(AuthError) as raised:
            await client.get_ticket(858462)
    assert "wrong-key" not in str(raised.value)


async def test_the_server_s_validation_message_is_shown(own_client: OmnideskClient) -> None:
    with pytest.raises(NotFoundError):
        await own_client.get_ticket(1)
    with pytest.raises(RejectedError, match="Ticket 1 does not exist; no status was changed"):
        await own_client.set_status([1], TicketStatus.OPEN)


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ({"kind": "401"}, AuthError),
        ({"kind": "403"}, ForbiddenError),
        ({"kind": "404"}, NotFoundError),
        ({"kind": "400", "message": "That will not do."}, RejectedError),
        ({"kind": "429", "retry_after": 1, "count": 10}, RateLimitedError),
        ({"kind": "500"}, ServerError),
        ({"kind": "503", "count": 10}, ServerError),
        ({"kind": "html", "count": 10}, ServerError),
        ({"kind": "html", "status": 200}, ServerError),
        ({"kind": "truncated", "count": 10}, ProtocolError),
        ({"kind": "empty", "count": 10}, ProtocolError),
        ({"kind": "notjson", "count": 10}, ProtocolError),
        ({"kind": "drop", "count": 10}, NetworkError),
    ],
)
async def test_each_sandbox_fault_becomes_its_error(
    shared: SandboxServer, fault: dict[str, object], error: type[Exception]
) -> None:
    shared.faults.add(**fault)  # type: ignore[arg-type]
    async with OmnideskClient(shared.url, shared.api_key, sleep=no_sleep, max_retries=2) as c:
        with pytest.raises(error) as raised:
            await c.get_ticket(858462)
    assert shared.api_key not in str(raised.value)


async def test_reads_are_retried_until_the_fault_passes(shared: SandboxServer) -> None:
    shared.faults.add("503", count=2)
    async with OmnideskClient(shared.url, shared.api_key, sleep=no_sleep) as client:
        ticket = await client.get_ticket(858462)
    assert ticket.id == 858462
    assert len(shared.requests) == 3


async def test_a_slow_server_hits_the_deadline(shared: SandboxServer) -> None:
    """The answer would come after 4 s, within the per-attempt timeout of a minute: only the
    call's deadline stops the wait."""
    shared.faults.add("slow", delay_ms=4000, count=1)
    async with OmnideskClient(
        shared.url, shared.api_key, timeout=60, deadline=0.5, sleep=no_sleep
    ) as client:
        with pytest.raises(RequestTimeout) as raised:
            await client.get_ticket(858462)
    assert "did not answer within 0.5 s" in str(raised.value)
    assert len(shared.requests) == 1  # what the server saw: one request, no retry


@pytest.mark.parametrize("kind", ["500", "drop", "html"])
async def test_a_post_is_never_sent_twice(sandbox: SandboxServer, kind: str) -> None:
    sandbox.faults.add(kind, count=5, method="POST")
    async with OmnideskClient(sandbox.url, sandbox.api_key, sleep=no_sleep) as client:
        with pytest.raises((ServerError, NetworkError)) as raised:
            await client.add_message(
                NewMessage(ticket_id=858462, kind=MessageKind.NOTE, body="Only once, please")
            )
    assert raised.value.may_have_reached_server
    assert [r.method for r in sandbox.requests] == ["POST"]
