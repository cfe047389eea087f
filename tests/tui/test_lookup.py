"""The lookup screen, as an agent uses it: type a number, reopen a recent ticket, search."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TabbedContent

from omnitui.sandbox import SandboxServer
from omnitui.tui.screens.lookup import LookupScreen
from omnitui.tui.screens.ticket import TicketScreen

from .conftest import app_for, screen_text, settle, wait_until


async def open_number(pilot: Pilot[None], number: str) -> None:
    """Type ``number`` into the lookup field, Enter, and wait for the ticket to be shown."""
    await pilot.press(*number, "enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, TicketScreen))
    await settle(pilot)


async def test_a_ticket_number_opens_the_ticket(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_number(pilot, "858462")
        text = screen_text(app)
        assert "#858462 vraag van Thomas" in text
        assert "HTML email content" in text


async def test_back_from_a_ticket_the_next_number_replaces_the_last(
    shared: SandboxServer,
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_number(pilot, "858462")
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
        await open_number(pilot, "100001")
        assert "#100001" in screen_text(app)

        await pilot.press("g")  # from a ticket: to the lookup screen, the number selected
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
        await pilot.press(*"858462")
        assert app.screen.query_one("#lookup-input", Input).value == "858462"


async def test_letters_get_a_clear_message_and_the_input_is_kept(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"85x462", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LookupScreen)
        assert app.screen.query_one("#lookup-input", Input).value == "85x462"
        assert "is not a ticket number: use digits only" in screen_text(app)
        # Nothing was looked up (the queues' counts are the only calls).
        assert not [r for r in shared.requests.all() if r.path.startswith("/api/v2/ticket/")]


async def test_an_unknown_number_says_not_found_and_keeps_the_input(
    shared: SandboxServer,
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"424242", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LookupScreen)
        assert "Ticket 424242 not found." in screen_text(app)
        assert app.screen.query_one("#lookup-input", Input).value == "424242"


async def test_recent_tickets_are_listed_newest_first_across_runs(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for number in ("858462", "100002"):
            await pilot.press(*number, "enter")
            await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
            await settle(pilot)
            await pilot.press("q")
            await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
            app.screen.query_one("#lookup-input", Input).value = ""

    again = app_for(shared)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        again.screen.query_one(TabbedContent).active = "tab-recent"  # the Queues tab is first
        await pilot.pause()
        table = again.screen.query_one("#recent-table", DataTable)
        numbers = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert numbers[:2] == ["100002", "858462"]
        assert "vraag van Thomas" in screen_text(again)
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(again.screen, TicketScreen))
        assert again.screen.ticket_id == 858462


async def test_search_with_a_status_filter_pages_and_opens_a_row(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")  # typed in the number field, it goes to the search
        assert app.screen.query_one("#query", Input).has_focus
        await pilot.press(*"Thomas", "enter")
        await settle(pilot)
        table = app.screen.query_one("#results-table", DataTable)
        numbers = [table.get_row_at(i)[1].plain for i in range(table.row_count)]
        assert "858462" in numbers
        request = shared.requests[-1]
        assert request.path == "/api/v2/ticket" and "query=Thomas" in request.query

        app.screen.query_one("#query", Input).value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert "Tickets 1–50 of" in screen_text(app)
        table.focus()
        await pilot.press("n")
        await settle(pilot)
        assert "Tickets 51–100 of" in screen_text(app)
        assert "itemStart=50" in shared.requests[-1].query

        table.move_cursor(row=0)
        first = table.get_row_at(0)[1].plain
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        assert app.screen.ticket_id == int(first)


async def test_slash_after_a_number_still_goes_to_the_search(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*"858462", "slash", *"levering")
        assert app.screen.query_one("#lookup-input", Input).value == "858462"
        assert app.screen.query_one("#query", Input).value == "levering"
        assert "is not a ticket number" not in screen_text(app)
