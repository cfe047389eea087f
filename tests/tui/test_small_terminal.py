"""At 80×24 nothing important is cut without a sign: header, status line, toasts."""

from __future__ import annotations

from textual.widgets import Static
from textual.widgets._toast import Toast

from omnitui.sandbox import SandboxServer
from omnitui.tui.screens.filter import FilterScreen
from omnitui.tui.widgets.ticket_header import TicketHeader

from .conftest import app_for, screen_text, settle, wait_until
from .test_badges import frozen_app
from .test_ticket import open_ticket


async def test_the_header_keeps_the_sla_countdown_and_the_snooze(shared: SandboxServer) -> None:
    app = frozen_app(shared, ticket=100117)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, 100117)
        header = app.screen.query_one(TicketHeader)
        rows = screen_text(app).split("\n")[header.region.y : header.region.bottom]
    text = "\n".join(rows)
    assert "SLA: next breach in 1d 5h" in text
    assert "snoozed: wakes in 5d 1h" in text
    assert "#100117 Subscription" in text
    for row in rows:
        assert len(row) <= 80
    # What does not fit in its row says so.
    assert any(row.endswith("…") for row in rows)


async def test_a_long_status_line_is_shortened_not_cut(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, 858462)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterScreen))
        await settle(pilot)
        await pilot.press("down", "down", "space", "enter")
        await settle(pilot)
        await pilot.press("slash", *"note", "enter")
        await settle(pilot)
        status = app.screen.query_one("#timeline-status", Static)
        rows = screen_text(app).split("\n")[status.region.y : status.region.bottom]
    line = " ".join(row.strip() for row in rows)
    for words in ("entries", "oldest", "history", "“note”", "(f)"):
        assert words in line, line


async def test_toasts_leave_the_status_line_readable(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_ticket(pilot, shared, 858462)
        app.notify("Copied the entry (12 lines) to the clipboard.")
        app.notify("A second message, of two lines at the width a toast has here.")
        await settle(pilot)
        status = app.screen.query_one("#timeline-status", Static)
        toasts = list(app.screen.query(Toast))
        assert toasts
        for toast in toasts:
            assert toast.region.bottom <= status.region.y, "a toast covers the status line"
