"""``omnitui TICKET``: the ticket fetched by a second process while the app starts."""

from __future__ import annotations

from omnitui.api.partial_ticket import PartialTicket
from omnitui.runtime.backends import AccountBackend
from omnitui.runtime.prefetch import Prefetch
from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.screens.ticket import TicketScreen
from omnitui.tui.widgets.timeline import TimelineView

from .conftest import screen_text, settle, wait_until

SEED = 858462
MISSING = 999999


def ticket_gets(server: SandboxServer, number: int) -> int:
    path = f"/api/v2/ticket/{number}"
    return sum(1 for r in server.requests.all() if r.method == "GET" and r.path == path)


def prefetched_app(server: SandboxServer, number: int) -> OmniApp:
    backend = AccountBackend(server.url, server.api_key, "sandbox")
    prefetch = Prefetch.start(server.url, server.api_key, number)
    assert prefetch is not None
    return OmniApp(backend, ticket=number, prefetch=prefetch)


async def test_the_child_reads_the_ticket_as_the_client_does(shared: SandboxServer) -> None:
    prefetch = Prefetch.start(shared.url, shared.api_key, SEED)
    assert prefetch is not None
    start = await prefetch.result()
    assert isinstance(start, PartialTicket)
    assert start.ticket.id == SEED
    assert start.ticket.title == "vraag van Thomas"
    assert await prefetch.result() is None  # read once
    assert ticket_gets(shared, SEED) == 1


async def test_a_child_with_no_ticket_gives_nothing(shared: SandboxServer) -> None:
    prefetch = Prefetch.start(shared.url, shared.api_key, MISSING)
    assert prefetch is not None
    assert await prefetch.result() is None


async def test_a_child_that_does_not_answer_in_time_is_stopped(shared: SandboxServer) -> None:
    shared.faults.latency_ms = 3000
    prefetch = Prefetch.start(shared.url, shared.api_key, SEED)
    assert prefetch is not None
    assert await prefetch.result(wait=0.2) is None


async def test_the_prefetched_ticket_is_shown_without_fetching_it_again(
    shared: SandboxServer,
) -> None:
    app = prefetched_app(shared, SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        timeline = app.screen.query_one(TimelineView)
        await wait_until(pilot, lambda: "HTML email content" in screen_text(app))
        await settle(pilot)
        assert "#858462 vraag van Thomas" in screen_text(app)
        assert not timeline.wanted_bodies()
        # The client connected after the ticket was shown, and did not fetch it again.
        assert app.client is not None
        assert ticket_gets(shared, SEED) == 1
        # What was held back for the ticket ran: the lookup screen under it has its tabs.
        await pilot.press("g")
        await settle(pilot)
        assert "Queues" in screen_text(app)


async def test_without_a_prefetched_ticket_the_app_fetches_it_and_words_the_error(
    shared: SandboxServer,
) -> None:
    app = prefetched_app(shared, MISSING)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "not found" in screen_text(app))
        assert f"Ticket {MISSING} not found" in screen_text(app)
    assert ticket_gets(shared, MISSING) == 2  # the child's, then the app's own


async def test_a_big_prefetched_ticket_is_read_to_its_end(shared: SandboxServer) -> None:
    app = prefetched_app(shared, 900001)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "5000 entries · oldest first" in screen_text(app))
        assert len(app.screen.query_one(TimelineView).entries) == 5000
    assert ticket_gets(shared, 900001) == 1
