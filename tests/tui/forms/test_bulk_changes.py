"""``a``, ``p`` and ``t`` on rows marked in the search results: a question first, then the
change (one setPriority for the priority, one PUT per ticket otherwise), each ticket read back
and listed."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable

from omnitui.api.models import Priority
from omnitui.sandbox import SandboxServer
from omnitui.tui.forms.assign import AssignForm
from omnitui.tui.forms.confirm import ConfirmClose
from omnitui.tui.forms.priority import PriorityForm
from omnitui.tui.forms.quick import ResultsScreen
from omnitui.tui.forms.tags import TagsForm
from omnitui.tui.screens.lookup import LookupScreen

from .conftest import (
    app_for,
    fetch,
    flat,
    open_form,
    posts,
    screen_text,
    settle,
    toasts,
    type_keys,
    wait_until,
)


async def mark_rows(pilot: Pilot[Any], count: int) -> list[int]:
    """Search everything and mark the first ``count`` results; returns their numbers."""
    app = pilot.app
    await settle(pilot)
    await pilot.press("escape")
    app.screen.query_one("#lookup-input").blur()
    await pilot.press("slash", "enter")
    await settle(pilot)
    table = app.screen.query_one("#results-table", DataTable)
    table.focus()
    table.move_cursor(row=0)
    for _ in range(count):
        await pilot.press("space", "down")
    marked = app.screen.marked_ticket_ids()
    assert len(marked) == count
    return marked


async def confirm(pilot: Pilot[Any], question: str) -> None:
    """The question is on screen; nothing was sent yet; say yes."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, ConfirmClose))
    await pilot.pause()
    assert question in flat(screen_text(app))
    await pilot.press("enter")  # the first answer has the focus
    await wait_until(pilot, lambda: isinstance(app.screen, ResultsScreen))
    await settle(pilot)


async def test_priority_of_three_marked_rows_is_one_call_after_a_preview(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        marked = await mark_rows(pilot, 3)
        await open_form(pilot, "p", PriorityForm)
        assert "Priority of 3 tickets" in screen_text(app)
        await pilot.press("down", "down", "enter")  # low → high
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmClose))
        assert posts(sandbox) == []
        await confirm(pilot, "Set the priority of 3 tickets to high?")

        text = flat(screen_text(app))
        for number in marked:
            assert f"#{number}: Priority is now high." in text
        assert "Priority high: 3 of 3 tickets as asked, read back." in toasts(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
        assert app.screen.marked_ticket_ids() == []

    (call,) = posts(sandbox)
    assert (call.method, call.path) == ("POST", "/api/v2/ticket/setPriority")
    assert sorted(int(n) for n in call.fields("ticketIDs[]")) == marked
    assert call.field("priority") == "high"
    log = list(sandbox.requests)
    after = {r.path for r in log[log.index(call) + 1 :] if r.method == "GET"}
    assert {f"/api/v2/ticket/{n}" for n in marked} <= after  # each one read back
    assert [t.priority for t in await fetch(sandbox, *marked)] == [Priority.HIGH] * 3


async def test_assigning_marked_rows_is_one_put_each_with_a_result_per_ticket(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        marked = await mark_rows(pilot, 2)
        await open_form(pilot, "a", AssignForm)
        assert "Assign 2 tickets" in screen_text(app)
        await type_keys(pilot, "thomas")
        await pilot.press("enter")
        await type_keys(pilot, "finance")
        await pilot.press("enter", "ctrl+s")
        await confirm(pilot, "Assign 2 tickets to Finance / thomas?")
        text = flat(screen_text(app))
        for number in marked:
            assert f"#{number}: Assigned to Finance / thomas." in text

    puts = posts(sandbox)
    assert [p.path for p in puts] == [f"/api/v2/ticket/{n}" for n in marked]
    assert all(("assignedUserID", "1") in p.form for p in puts)  # only what differs, per ticket
    stored = await fetch(sandbox, *marked)
    assert {(t.assigned_group_id, t.assigned_user_id) for t in stored} == {(10002, 1)}


async def test_tags_of_marked_rows_are_added_to_each(sandbox: SandboxServer) -> None:
    app = app_for(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        marked = await mark_rows(pilot, 2)
        await open_form(pilot, "t", TagsForm)
        await type_keys(pilot, "vip")
        await pilot.press("enter", "ctrl+s")
        await confirm(pilot, "Add vip on 2 tickets?")
        assert "Tags: add vip: 2 of 2 tickets as asked, read back." in toasts(app)
    stored = await fetch(sandbox, *marked)
    assert all("vip" in ticket.tags for ticket in stored)


async def test_going_back_from_the_question_sends_nothing(sandbox: SandboxServer) -> None:
    app = app_for(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await mark_rows(pilot, 2)
        form = await open_form(pilot, "p", PriorityForm)
        await pilot.press("enter")  # low
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmClose))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is form)
        await settle(pilot)
        assert "Not sent." in form.message
    assert posts(sandbox) == []


async def test_p_is_the_previous_page_until_rows_are_marked(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await mark_rows(pilot, 0)
        await pilot.press("n")
        await settle(pilot)
        assert "Tickets 51–100 of" in screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        assert "Tickets 1–50 of" in screen_text(app)
        assert isinstance(app.screen, LookupScreen)

        await pilot.press("space")
        await open_form(pilot, "p", PriorityForm)
        assert "Priority of #" in screen_text(app)  # the one marked row
    assert posts(shared) == []
