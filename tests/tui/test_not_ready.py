"""Keys that need the whole ticket say what is true when it is not there: not found, stopped."""

from __future__ import annotations

import asyncio

from omnitui.sandbox import SandboxServer
from omnitui.tui.screens.ticket import TicketScreen

from .conftest import app_for, screen_text, settle, wait_until
from .test_big_ticket import BIG, ENTRIES, first_entries_shown, gate, toasts

__all__ = ["gate"]  # the fixture, used by name


async def test_a_ticket_that_does_not_exist_says_so(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=99999999)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        assert "Ticket 99999999 not found" in screen_text(app)
        for key in ("r", "i", "e", "x"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, TicketScreen), key
        said = toasts(app)
    assert said and all(t.startswith("Ticket 99999999 was not found.") for t in said), said
    assert not any("still loading" in t for t in said)


async def test_after_escape_stopped_reading_r_says_to_read_the_rest_first(
    shared: SandboxServer, gate: asyncio.Event
) -> None:
    app = app_for(shared, ticket=BIG)
    async with app.run_test(size=(100, 30)) as pilot:
        await first_entries_shown(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert "R reads the rest" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert toasts(app)[-1] == "Press R to read the rest of the ticket first."
        assert isinstance(app.screen, TicketScreen)
        gate.set()
        await pilot.press("R")
        await wait_until(pilot, lambda: f"{ENTRIES} entries" in screen_text(app))
