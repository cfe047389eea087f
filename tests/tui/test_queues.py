"""Queues on the first screen, a queue's tickets, and ``>``/``<`` through them (issue 14)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from omnitui.sandbox import SandboxServer
from omnitui.tui import queues
from omnitui.tui.app import OmniApp
from omnitui.tui.forms.confirm import ConfirmClose
from omnitui.tui.forms.message import ReplyForm
from omnitui.tui.forms.status import SetStatusForm
from omnitui.tui.screens.lookup import LookupScreen
from omnitui.tui.screens.queues import QueueScreen
from omnitui.tui.screens.ticket import TicketScreen

from .conftest import app_for, screen_text, settle, wait_until
from .forms.conftest import fill, open_form


def queue_rows(app: OmniApp) -> dict[str, tuple[str, str]]:
    """Each queue's title -> (its count, its note), as the Queues tab shows them."""
    table = app.screen.query_one("#queue-table", DataTable)
    rows = [table.get_row_at(row) for row in range(table.row_count)]
    return {row[0].plain: (row[1].plain.strip(), row[2].plain) for row in rows}


async def counted(pilot: Pilot[None]) -> dict[str, tuple[str, str]]:
    """The first screen with its queues counted."""
    app = pilot.app
    await wait_until(pilot, lambda: bool(app.screen.query("#queue-table")))
    await settle(pilot)
    return queue_rows(app)


async def open_queue(pilot: Pilot[None], title: str) -> QueueScreen:
    """From the number field, by keys: Tab to the tabs, Tab to the queues, down to ``title``."""
    app = pilot.app
    await pilot.press("tab", "tab")
    table = app.screen.query_one("#queue-table", DataTable)
    assert table.has_focus
    titles = [table.get_row_at(row)[0].plain for row in range(table.row_count)]
    await pilot.press(*["down"] * titles.index(title), "enter")
    await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen))
    await settle(pilot)
    assert isinstance(app.screen, QueueScreen)
    return app.screen


def listed(screen: QueueScreen | LookupScreen, table_id: str) -> list[int]:
    table = screen.query_one(table_id, DataTable)
    return [int(table.get_row_at(row)[1].plain) for row in range(table.row_count)]


def highlighted(screen: QueueScreen | LookupScreen, table_id: str) -> int:
    table = screen.query_one(table_id, DataTable)
    return int(table.get_row_at(table.cursor_row)[1].plain)


async def shown_ticket(pilot: Pilot[None], number: int) -> TicketScreen:
    app = pilot.app
    await wait_until(
        pilot, lambda: isinstance(app.screen, TicketScreen) and app.screen.ticket_id == number
    )
    await settle(pilot)
    assert isinstance(app.screen, TicketScreen)
    return app.screen


def words(app: OmniApp) -> str:
    """The screen's text with its lines joined: a sentence wrapped over two lines reads whole."""
    return " ".join(screen_text(app).split())


def toasts(app: OmniApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_the_first_screen_lists_the_queues_with_their_counts(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await counted(pilot)
        assert list(rows) == [
            "Mine",
            "Unassigned",
            "All open",
            "Finance",
            "Waiting on customer",
            "High priority",
        ]
        assert rows["Unassigned"][0] == "30" and rows["All open"][0] == "210"
        assert rows["Finance"][0] == "51" and rows["High priority"][0] == "59"
        # Nobody told omnitui who the agent is: Mine says how to, instead of a count.
        assert rows["Mine"] == ("—", "agent unknown")
        text = screen_text(app)
        assert "Unassigned                30" in text
        assert "Set agent_email in your profile so omnitui knows which tickets are yours" in words(
            app
        )
        counts = [r.query for r in shared.requests.all() if r.path == "/api/v2/ticket"]
        assert len(counts) == 5 and all("itemLimit=1" in query for query in counts)
        assert any("applyView=302" in query for query in counts)


async def test_unassigned_then_next_and_previous_without_going_back(
    shared: SandboxServer,
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await counted(pilot)
        queue = await open_queue(pilot, "Unassigned")
        assert listed(queue, "#queue-results")[:3] == [100301, 100302, 100303]
        assert "Queue · Unassigned · 30 tickets" in screen_text(app)
        assert "Tickets 1–30 of 30" in screen_text(app)

        await pilot.press("enter")
        await shown_ticket(pilot, 100301)
        assert "Unassigned 1/30 · < >" in screen_text(app)
        await pilot.press("less_than_sign")  # the first: said, and nothing moves
        await settle(pilot)
        assert "This is the first ticket of Unassigned." in toasts(app)
        assert app.screen.ticket_id == 100301

        await pilot.press("greater_than_sign")
        await shown_ticket(pilot, 100302)
        assert "Unassigned 2/30" in screen_text(app)
        await pilot.press("less_than_sign")
        await shown_ticket(pilot, 100301)
        await pilot.press("greater_than_sign")
        await shown_ticket(pilot, 100302)
        # One ticket screen at a time: q goes back to the queue, not through every ticket seen.
        assert [type(s).__name__ for s in app.screen_stack][-2:] == ["QueueScreen", "TicketScreen"]

        await pilot.press("q")
        await wait_until(pilot, lambda: app.screen is queue)
        await settle(pilot)
        assert highlighted(queue, "#queue-results") == 100302
        assert queue.query_one("#queue-results").has_focus


async def test_next_past_the_end_of_a_page_reads_the_next_page(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await counted(pilot)
        queue = await open_queue(pilot, "All open")
        first_page = listed(queue, "#queue-results")
        assert len(first_page) == 50
        queue.query_one("#queue-results", DataTable).move_cursor(row=49)
        await pilot.press("enter")
        await shown_ticket(pilot, first_page[49])
        assert "All open 50/210" in screen_text(app)

        await pilot.press("greater_than_sign")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, TicketScreen) and app.screen.ticket_id not in first_page,
        )
        second = app.screen.ticket_id
        await settle(pilot)
        assert "All open 51/210" in screen_text(app)
        assert "itemStart=50" in shared.requests.all()[-2].query + shared.requests.all()[-1].query

        await pilot.press("q")
        await wait_until(pilot, lambda: app.screen is queue)
        await settle(pilot)
        assert "Tickets 51–100 of 210" in screen_text(app)
        assert highlighted(queue, "#queue-results") == second


async def test_the_search_results_are_a_list_too(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await counted(pilot)
        await pilot.press("slash", "enter")  # every ticket
        await settle(pilot)
        lookup = app.screen
        assert isinstance(lookup, LookupScreen)
        results = listed(lookup, "#results-table")
        table = lookup.query_one("#results-table", DataTable)
        table.focus()
        await pilot.press("down", "enter")
        await shown_ticket(pilot, results[1])
        assert "search 2/" in screen_text(app)
        await pilot.press("greater_than_sign")
        await shown_ticket(pilot, results[2])

        await pilot.press("q")
        await wait_until(pilot, lambda: app.screen is lookup)
        await settle(pilot)
        assert highlighted(lookup, "#results-table") == results[2]
        assert table.has_focus

        await pilot.press("enter")  # g, from a ticket of the list: the number field all the same
        await shown_ticket(pilot, results[2])
        await pilot.press("g")
        await wait_until(pilot, lambda: app.screen is lookup)
        await settle(pilot)
        assert lookup.query_one("#lookup-input").has_focus


async def test_a_ticket_opened_by_its_number_has_no_list_and_says_so(
    shared: SandboxServer,
) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(80, 24)) as pilot:
        await shown_ticket(pilot, 858462)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert app.screen.ticket_id == 858462
        assert any("this ticket was not opened from one" in toast for toast in toasts(app))


async def test_a_reply_draft_is_marked_in_the_list(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await counted(pilot)
        queue = await open_queue(pilot, "Unassigned")
        table = queue.query_one("#queue-results", DataTable)
        assert table.get_row_at(0)[0].plain.strip() == ""
        await pilot.press("down", "enter")
        await shown_ticket(pilot, 100302)
        await open_form(pilot, "r", ReplyForm)
        await fill(pilot, body="Beste Bas, we sturen een nieuw blad.")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmClose))
        await pilot.press("enter")  # close, keep the draft
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await pilot.press("q")
        await wait_until(pilot, lambda: app.screen is queue)
        await settle(pilot)
        marks = {listed(queue, "#queue-results")[r]: table.get_row_at(r)[0].plain for r in (0, 1)}
        assert marks == {100301: " ", 100302: " ✎"}
        assert "✎ unsent draft" in screen_text(app)


async def test_a_count_that_fails_shows_a_question_mark_and_the_rest_works(
    shared: SandboxServer,
) -> None:
    shared.faults.add("500", path="/api/v2/ticket")  # the first count asked for
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await counted(pilot)
        failed = [title for title, (count, _note) in rows.items() if count == "?"]
        assert len(failed) == 1
        assert rows[failed[0]][1] == "count failed"
        others = [count for title, (count, _n) in rows.items() if title not in (*failed, "Mine")]
        assert all(count.isdigit() for count in others)

        await pilot.press("tab", "tab")
        titles = list(rows)
        await pilot.press(*["down"] * titles.index(failed[0]))
        await pilot.pause()
        assert "Its count failed:" in words(app)
        assert "HTTP 500" in words(app)

        await pilot.press("enter")  # listing the queue still works
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen))
        await settle(pilot)
        assert app.screen.query_one("#queue-results", DataTable).row_count > 0


async def test_without_view_read_the_views_say_so_and_search_still_works(
    sandbox: SandboxServer,
) -> None:
    sandbox.faults.denied_permissions = ["VIEW_READ"]
    app = app_for(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await counted(pilot)
        text = words(app)
        assert "Views need the VIEW_READ permission" in text
        assert "Search (/) and ticket numbers still work" in text
        # Unassigned, picked out of every ticket by omnitui, is still there (and counted).
        assert list(rows) == ["Mine", "Unassigned"]
        assert rows["Unassigned"] == ("30", "by omnitui")

        await pilot.press("slash", *"Thomas", "enter")
        await settle(pilot)
        assert 858462 in listed(app.screen, "#results-table")


async def test_mine_lists_the_tickets_assigned_to_the_agent(
    shared: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def demo_agent(_app: object) -> int:
        return 4  # the demo's own agent, Demo Agent

    monkeypatch.setattr(queues, "agent_user_id", demo_agent)
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await counted(pilot)
        count = rows["Mine"][0]
        assert count.isdigit() and int(count) >= 1 and rows["Mine"][1] == "by omnitui"
        assert "picked out by omnitui" in words(app)
        queue = await open_queue(pilot, "Mine")
        mine = listed(queue, "#queue-results")
        assert 100304 in mine and len(mine) == int(count)
        assert 100301 not in mine  # unassigned


async def test_mine_without_an_agent_says_how_to_set_it(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await counted(pilot)
        queue = await open_queue(pilot, "Mine")
        assert queue.query_one("#queue-results", DataTable).row_count == 0
        assert queues.NO_AGENT in words(app)
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))


async def test_status_on_the_queue_list_is_for_no_ticket_and_does_not_break(
    shared: SandboxServer,
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await counted(pilot)
        await pilot.press("tab", "tab")
        assert app.screen.query_one("#queue-table").has_focus
        await pilot.press("s")  # a queue is no ticket: the form asks for numbers
        await wait_until(pilot, lambda: isinstance(app.screen, SetStatusForm))
        assert app.screen.initial_ids == []


async def test_a_queues_tickets_are_marked_with_space_and_s_sets_their_status(
    shared: SandboxServer,
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await counted(pilot)
        queue = await open_queue(pilot, "Unassigned")
        table = queue.query_one("#queue-results", DataTable)
        await pilot.press("space", "down", "space")
        assert [table.get_row_at(row)[0].plain for row in range(3)] == ["✓", "✓", " "]
        assert highlighted(queue, "#queue-results") == 100302  # the highlight stayed
        assert "space Mark" in screen_text(app).splitlines()[-1]
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SetStatusForm))
        assert app.screen.initial_ids == [100301, 100302]


async def test_priority_of_marked_queue_tickets_in_one_call(sandbox: SandboxServer) -> None:
    from omnitui.tui.forms.priority import PriorityForm

    app = app_for(sandbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await counted(pilot)
        queue = await open_queue(pilot, "Unassigned")
        await pilot.press("space", "down", "space")
        assert queue.marked_ticket_ids() == [100301, 100302]
        await open_form(pilot, "p", PriorityForm)
        assert "Priority of 2 tickets" in screen_text(app)
        await pilot.press("down", "down", "enter")  # low → high
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmClose))
        assert "Set the priority of 2 tickets to high?" in " ".join(screen_text(app).split())
        await pilot.press("enter")
        await settle(pilot)
    (call,) = [r for r in sandbox.requests if r.method == "POST"]
    assert call.path == "/api/v2/ticket/setPriority"
    assert sorted(int(n) for n in call.fields("ticketIDs[]")) == [100301, 100302]
    assert call.field("priority") == "high"
