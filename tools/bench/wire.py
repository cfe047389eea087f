"""Requests per ticket open: the real app against the sandbox, counted on both sides.

The app's client gets a transport that counts requests and the distinct connections that carried
them (httpcore's ``network_stream``); the sandbox's own request log is read before and after.
The ticket is opened, closed and opened again: the first open may have to connect, the later ones
must reuse the kept-alive connection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from omnitui.api.client import OmnideskClient
from omnitui.runtime.backends import AccountBackend
from tools.bench.harness import SIZE, CountingDriver, CountingTransport

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot


def _logged(url: str, api_key: str) -> int:
    response = httpx.get(f"{url}/_sandbox/requests", headers={"apiKey": api_key}, timeout=30)
    response.raise_for_status()
    return sum(1 for r in response.json()["items"] if r["path"].startswith("/api/v2/ticket/"))


async def _background_done(app: App[object], pilot: Pilot[object]) -> None:
    """Wait for what the first screen reads by itself (the Queues tab's views and counts), so
    that only what opening a ticket asks for is counted."""
    from textual.worker import WorkerState

    busy = (WorkerState.PENDING, WorkerState.RUNNING)
    for _ in range(1500):  # 30 s at most
        counting = [w for w in app.workers if w.state in busy and w.group.startswith("queue")]
        if app.screen.query("#queue-list") and not counting:
            return
        await pilot.pause(0.02)


async def measure(url: str, api_key: str, ticket: int, opens: int) -> dict[str, object]:
    from omnitui.tui.app import OmniApp
    from omnitui.tui.screens.ticket import TicketScreen
    from omnitui.tui.widgets.timeline import TimelineView

    app = OmniApp(AccountBackend(url, api_key, "bench"))
    app.driver_class = CountingDriver
    transport = CountingTransport()
    requests: list[int] = []
    connections: list[int] = []
    logged_before = _logged(url, api_key)
    async with app.run_test(headless=False, size=SIZE) as pilot:
        first = await app.wait_for_client()
        await _background_done(app, pilot)
        app.client = OmnideskClient(url, api_key, transport=transport)
        await first.aclose()
        for _ in range(opens):
            before = transport.requests, transport.connections
            app.open_ticket(ticket)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, TicketScreen)
            while not screen.query_one(TimelineView).entries:
                await pilot.pause(0.02)
            requests.append(transport.requests - before[0])
            connections.append(transport.connections - before[1])
            app.pop_screen()
            await pilot.pause()
    logged = _logged(url, api_key) - logged_before
    return {
        "requests_per_open": max(requests),
        "new_connections_first_open": connections[0],
        "new_connections_later_opens": max(connections[1:], default=0),
        "sandbox_logged_requests": logged,
        "opens": opens,
    }
