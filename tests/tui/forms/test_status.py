"""Set status with ``s``: the open ticket, typed or pasted numbers, or rows marked in a search."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, DataTable

from omnitui.api.readback import WriteField
from omnitui.sandbox import SandboxServer
from omnitui.storage.write_support import WriteState, known_writes
from omnitui.tui.forms.status import SetStatusForm
from omnitui.tui.screens.lookup import LookupScreen
from omnitui.tui.screens.ticket import TicketScreen

from ...conftest import API_KEY
from .conftest import (
    FormHost,
    app_for,
    choose,
    fetch,
    field_errors,
    fill,
    flat,
    open_form,
    open_ticket_app,
    posts,
    screen_text,
    settle,
    toasts,
    wait_until,
)


async def test_pasted_numbers_are_counted_before_sending_and_all_of_them_change(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "s", SetStatusForm)
        assert form.values()["tickets"] == "858462"  # the open ticket

        await fill(pilot, tickets="858462, 100001\n100002 100001\n#100003")
        await choose(pilot, "status", "pending")
        text = flat(screen_text(app))
        assert "4 tickets will be set to pending: 858462, 100001, 100002, 100003" in text
        assert form.query_one("#form-submit", Button).label.plain == "Set 4 tickets to pending"
        assert posts(sandbox) == []

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        assert "pending" in screen_text(app)  # the open ticket was refreshed

    (request,) = posts(sandbox)
    assert request.path == "/api/v2/ticket/setstatus"
    assert request.fields("ticketIDs[]") == ["858462", "100001", "100002", "100003"]
    assert request.field("status") == "pending"
    stored = await fetch(sandbox, 858462, 100001, 100002, 100003)
    assert [ticket.status for ticket in stored] == ["pending"] * 4


async def test_rows_marked_in_the_search_results_change_together(sandbox: SandboxServer) -> None:
    app = app_for(sandbox)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        app.screen.query_one("#lookup-input").blur()
        await pilot.press("slash", "enter")  # search everything
        await settle(pilot)
        table = app.screen.query_one("#results-table", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("space", "down", "space", "down", "space")  # space stays on its row
        marked = app.screen.marked_ticket_ids()
        assert len(marked) == 3

        form = await open_form(pilot, "s", SetStatusForm)
        assert sorted(int(n) for n in form.values()["tickets"].split(", ")) == marked
        await choose(pilot, "status", "closed")
        assert "3 tickets will be set to closed" in flat(screen_text(app))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
        await settle(pilot)
        assert app.screen.marked_ticket_ids() == []

    (request,) = posts(sandbox)
    assert sorted(int(n) for n in request.fields("ticketIDs[]")) == marked
    stored = await fetch(sandbox, *marked)
    assert [ticket.status for ticket in stored] == ["closed"] * 3


async def test_words_that_are_not_ticket_numbers_are_named_and_nothing_is_sent(
    shared: SandboxServer,
) -> None:
    form = SetStatusForm()
    app = FormHost(form, shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert field_errors(form) == {
            "status": "Choose the new status.",
            "tickets": "Type or paste at least one ticket number.",
        }

        await choose(pilot, "status", "solved")
        await fill(pilot, tickets="858462, 85x462 [b]bold[/b]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = field_errors(form)["tickets"]
        assert message.startswith("Not ticket numbers: “85x462”, “[b]bold[/b]”.")
        assert "“[b]bold[/b]”" in flat(screen_text(app))  # shown literally, not as markup
        assert app.screen is form
    assert posts(shared) == []


async def test_a_status_omnidesk_takes_but_does_not_apply_is_told_and_remembered(
    fresh_db: Path,
) -> None:
    with SandboxServer(fresh_db, api_key=API_KEY, ignore_fields="status") as server:
        app = app_for(server, ticket=858462)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_ticket_app(pilot)
            await open_form(pilot, "s", SetStatusForm)
            await choose(pilot, "status", "pending")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
            await settle(pilot)
            assert toasts(app) == [
                "Omnidesk accepted the change but the status is still new: this account may "
                "not allow changing it through the API."
            ]
        (call,) = posts(server)
        assert call.path == "/api/v2/ticket/setstatus"
    assert known_writes("sandbox")[WriteField.STATUS] is WriteState.IGNORED
