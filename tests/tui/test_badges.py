"""SLA and snooze badges in the search results and the ticket header, on a frozen clock."""

from __future__ import annotations

from datetime import datetime

from textual.pilot import Pilot
from textual.widgets import DataTable

from omnitui.core.clock import FrozenClock
from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.screens.ticket import TicketScreen

from .conftest import screen_text, settle, wait_until

SANDBOX_NOW = datetime(2026, 11, 25, 9, 0, 0)


def frozen_app(server: SandboxServer, ticket: int | None = None) -> OmniApp:
    backend = AccountBackend(server.url, server.api_key, "sandbox")
    return OmniApp(backend, ticket=ticket, clock=FrozenClock(SANDBOX_NOW))


async def search_everything(pilot: Pilot[None]) -> DataTable[object]:
    """``/`` and Enter on the lookup screen: the first page of all tickets."""
    await settle(pilot)
    await pilot.press("slash", "enter")
    await settle(pilot)
    table = pilot.app.screen.query_one("#results-table", DataTable)
    await wait_until(pilot, lambda: table.row_count > 0)
    await settle(pilot)
    return table


async def test_search_results_show_sla_and_snooze_badges(shared: SandboxServer) -> None:
    app = frozen_app(shared)
    async with app.run_test(size=(140, 40)) as pilot:
        table = await search_everything(pilot)
        keys = [table.coordinate_to_cell_key((r, 0)).row_key for r in range(table.row_count)]
        rows = {str(key.value): str(table.get_cell(key, "sla")) for key in keys}
        text = screen_text(app)
    assert "SLA" in text
    assert rows["100145"] == "breach in 4d 14h · wakes in 5d 12h"  # holding, snoozed
    assert rows["100235"] == "breached"
    assert rows["100135"] == "breach in 46m"
    assert rows["100224"] == ""  # closed: no deadline
    assert "breach in 4d 14h · wakes in 5d 12h" in text


async def test_the_ticket_header_shows_the_badges(shared: SandboxServer) -> None:
    app = frozen_app(shared, ticket=100008)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        title_row = screen_text(app).split("\n")[0]
    assert " breached " in title_row
    assert " wakes in 1d 16h " in title_row  # snoozed until 2026-11-27 01:00


async def test_a_deadline_ahead_counts_down(shared: SandboxServer) -> None:
    app = frozen_app(shared, ticket=100006)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        title_row = screen_text(app).split("\n")[0]
    assert " breach in 14h " in title_row  # sla_next_breach_seconds 50988
    assert "wakes in" not in title_row


async def test_at_80_columns_the_sla_column_is_in_sight(shared: SandboxServer) -> None:
    """Long titles are cut so that the status and SLA columns stay on an 80-column screen."""
    app = frozen_app(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await search_everything(pilot)
        text = screen_text(app)
    header = next(line for line in text.splitlines() if "Number" in line and "Title" in line)
    assert "Status" in header and "SLA" in header
    assert "breach" in text
    assert "…" in text  # at least one title was cut


async def test_snoozes_and_deadlines_use_one_clock_a_week_after_the_demo_date(
    shared: SandboxServer,
) -> None:
    """The demo's world stands at 2026-11-25; an agent's clock is later: snoozes still wake."""
    from datetime import timedelta

    backend = AccountBackend(shared.url, shared.api_key, "sandbox")
    app = OmniApp(backend, clock=FrozenClock(SANDBOX_NOW + timedelta(days=7)))
    async with app.run_test(size=(140, 40)) as pilot:
        table = await search_everything(pilot)
        keys = [table.coordinate_to_cell_key((r, 0)).row_key for r in range(table.row_count)]
        rows = {str(key.value): str(table.get_cell(key, "sla")) for key in keys}
    assert rows["100145"] == "breach in 4d 14h · wakes in 5d 12h"
    assert rows["100224"] == ""


async def test_the_header_says_what_the_badge_says(shared: SandboxServer) -> None:
    from datetime import timedelta

    backend = AccountBackend(shared.url, shared.api_key, "sandbox")
    app = OmniApp(backend, ticket=100008, clock=FrozenClock(SANDBOX_NOW + timedelta(days=7)))
    async with app.run_test(size=(160, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        text = screen_text(app)
    title_row = text.split("\n")[0]
    assert " breached " in title_row and " wakes in 1d 16h " in title_row
    assert "SLA: breached" in text
    assert "snoozed: wakes in 1d 16h" in text
