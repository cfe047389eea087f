"""A big ticket is shown from its first entries while the rest of its timeline is read."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from textual.pilot import Pilot

from omnitui.api.client import FIRST_ENTRIES
from omnitui.api.models import PartialTicket, Ticket
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
    finish = PartialTicket.finished

    async def gated(start: PartialTicket) -> Ticket:
        if start.pending:
            await opened.wait()
        return await finish(start)

    monkeypatch.setattr(PartialTicket, "finished", gated)
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
        assert f"{FIRST_ENTRIES} of {ENTRIES} entries read, reading the rest…" in text
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
        assert widget_text(timeline) == first_view  # the reader did not move
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
        assert f"{FIRST_ENTRIES} of {ENTRIES} entries read, R reads the rest" in screen_text(app)
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
