"""A big ticket is shown from its first entries while the rest of its timeline is read."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from textual.pilot import Pilot

from omnitui.api import ticket_rest
from omnitui.api.answers import OFF_LOOP_BYTES
from omnitui.api.client import FIRST_ENTRIES, OmnideskClient
from omnitui.api.models import Ticket
from omnitui.api.partial_ticket import PartialTicket
from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.screens.ticket import TicketScreen
from omnitui.tui.widgets.timeline import TimelineView

from .conftest import app_for, screen_text, settle, wait_until, widget_text

BIG = 900001
ENTRIES = 5000


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[asyncio.Event]:
    """Holds the reading of the rest of a timeline until the test opens the gate."""
    opened = asyncio.Event()
    finish = ticket_rest.finish

    async def gated(start: PartialTicket) -> Ticket:
        if not start.whole:
            await opened.wait()
        return await finish(start)

    monkeypatch.setattr(ticket_rest, "finish", gated)
    yield opened
    opened.set()


async def first_entries_shown(pilot: Pilot[None]) -> TimelineView:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
    timeline = app.screen.query_one(TimelineView)
    await wait_until(pilot, lambda: bool(timeline.entries) and "reading" in screen_text(app))
    await wait_until(pilot, lambda: not timeline.wanted_bodies(1))  # its mail is converted
    await pilot.pause()
    return timeline


def toasts(app: OmniApp) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_the_first_entries_show_while_the_rest_is_read(
    shared: SandboxServer, gate: asyncio.Event
) -> None:
    app = app_for(shared, ticket=BIG)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await first_entries_shown(pilot)
        text = screen_text(app)
        assert f"#{BIG}" in text
        # Only the first entries are decoded yet, so how many there are is not known.
        assert f"{FIRST_ENTRIES} entries read, reading the rest…" in text
        assert len(timeline.entries) == FIRST_ENTRIES
        first_view = widget_text(timeline)

        # Replying now would address the reply from a part of the conversation: it waits.
        await pilot.press("r")
        await pilot.pause()
        assert any("still loading" in t for t in toasts(app))
        assert isinstance(app.screen, TicketScreen)

        gate.set()
        await wait_until(pilot, lambda: f"{ENTRIES} entries · oldest first" in screen_text(app))
        await settle(pilot)
        # The reader did not move; pinned notes among the entries read last now show above
        # the timeline, which lost those rows at its bottom.
        assert first_view.startswith(widget_text(timeline))
        assert len(timeline.entries) == ENTRIES
        await pilot.press("end")
        await settle(pilot)
        newest = max(e.created_at for e in timeline.entries)
        assert timeline.entries[-1].created_at == newest
        assert newest in screen_text(app)


async def test_escape_stops_reading_the_rest_and_r_loads_it_all(
    shared: SandboxServer, gate: asyncio.Event
) -> None:
    app = app_for(shared, ticket=BIG)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await first_entries_shown(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert f"{FIRST_ENTRIES} entries read, R reads the rest" in screen_text(app)
        assert len(timeline.entries) == FIRST_ENTRIES

        gate.set()
        await pilot.press("R")
        await wait_until(pilot, lambda: f"{ENTRIES} entries · oldest first" in screen_text(app))
        assert len(timeline.entries) == ENTRIES


async def test_from_the_lookup_screen_a_big_ticket_opens_in_two_steps(
    shared: SandboxServer, gate: asyncio.Event
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*str(BIG), "enter")
        timeline = await first_entries_shown(pilot)
        assert len(timeline.entries) == FIRST_ENTRIES
        gate.set()
        await wait_until(pilot, lambda: f"{ENTRIES} entries · oldest first" in screen_text(app))
        assert len(timeline.entries) == ENTRIES


# ------------------------------------------------------------------------------------------------
# Answers shaped by hand: a timeline sent out of time order, pinned notes at its end, a broken one

CRAFTED = 920001


def answer(timeline: list[dict[str, Any]]) -> bytes:
    """A ticket answer as Omnidesk shapes it: header members before and after the timeline."""
    item = {
        "id": CRAFTED,
        "title": "Crafted",
        "status": "open",
        "timeline": timeline,
        "tags": "big",
        "assign_options_users": [{"id": 2, "name": "marleen"}],
    }
    body = json.dumps({"type": "item", "item": item}).encode()
    assert len(body) > OFF_LOOP_BYTES  # decoded lazily
    return body


def note(n: int, *, second: int, pinned: bool = False) -> dict[str, Any]:
    return {
        "id": str(n),
        "type": "note",
        "created_at": f"2025-01-01 {second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}",
        "content": f"Entry {n} " + "x" * 300,
        "pinned": int(pinned),
        "files": [],
    }


async def open_crafted(pilot: Pilot[None], server: SandboxServer, body: bytes) -> TimelineView:
    """Open the crafted ticket, its answer served by the app's client from ``body``."""
    app = pilot.app
    assert isinstance(app, OmniApp)
    await settle(pilot)
    old = await app.wait_for_client()

    def serve(request: httpx.Request) -> httpx.Response:
        assert request.url.path == f"/api/v2/ticket/{CRAFTED}"
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    app.client = OmnideskClient(server.url, server.api_key, transport=httpx.MockTransport(serve))
    await old.aclose()
    app.open_ticket(CRAFTED)
    await wait_until(pilot, lambda: bool(app.screen.query(TimelineView)))
    return app.screen.query_one(TimelineView)


async def test_a_big_ticket_sent_newest_first_is_shown_oldest_first(
    shared: SandboxServer,
) -> None:
    count = 1000
    body = answer([note(n, second=count - n) for n in range(count)])  # newest first
    app = app_for(shared)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_crafted(pilot, shared, body)
        await wait_until(pilot, lambda: f"{count} entries · oldest first" in screen_text(app))
        await settle(pilot)

        times = [e.created_at for e in timeline.entries]
        assert times == sorted(times) and len(times) == count
        assert timeline.entries[0].content.startswith(f"Entry {count - 1} ")
        await pilot.press("home")
        await settle(pilot)
        assert f"Entry {count - 1}\n" in widget_text(timeline)
        screen = app.screen
        assert isinstance(screen, TicketScreen) and screen.ticket is not None
        assert all(a is b for a, b in zip(timeline.entries, screen.ticket.timeline, strict=True))


async def test_pinned_notes_among_the_last_entries_show_once_they_are_read(
    shared: SandboxServer,
) -> None:
    count = 1000
    timeline = [note(n, second=n) for n in range(count)]
    timeline[-1] = {**timeline[-1], "content": "Pinned: call back after five", "pinned": 1}
    app = app_for(shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_crafted(pilot, shared, answer(timeline))
        await wait_until(pilot, lambda: f"{count} entries · oldest first" in screen_text(app))
        await settle(pilot)
        assert "Pinned: call back after five" in screen_text(app).split("Entry 0 ")[0]


async def test_a_big_answer_broken_near_its_end_gives_the_error_a_broken_answer_gets(
    shared: SandboxServer,
) -> None:
    body = answer([note(n, second=n) for n in range(1000)])
    cut = body.index(b'}, {"id": "900"')
    broken_late = body[:cut] + b"}, x" + body[cut + 3 :]  # far beyond the first entries
    broken_early = body.replace(b'"type": "item"', b'"type" "item"', 1)  # found at once
    seen = [await error_shown(shared, broken) for broken in (broken_early, broken_late)]
    assert "Omnidesk sent a response omnitui could not read (not valid JSON" in seen[0]
    assert seen[0] == seen[1]


async def error_shown(server: SandboxServer, body: bytes) -> str:
    """The error the ticket screen shows for ``body``, once no entry is shown."""
    app = app_for(server)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_crafted(pilot, server, body)
        await wait_until(
            pilot, lambda: "Press R to try again" in " ".join(screen_text(app).split())
        )
        await settle(pilot)
        assert timeline.entries == []
        text = " ".join(screen_text(app).split())
        return text[text.index("Omnidesk sent") : text.index("try again")]
