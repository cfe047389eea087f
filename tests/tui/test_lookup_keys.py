"""The lookup screen's keys, as an agent meets them on the first screen at 80×24 (issue 13)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.forms.status import SetStatusForm
from omnitui.tui.screens.help import HelpScreen
from omnitui.tui.screens.lookup import LookupScreen

from .conftest import app_for, screen_text, settle, wait_until


def footer(app: OmniApp) -> str:
    return screen_text(app).splitlines()[-1]


async def search_everything(pilot: Pilot[None]) -> DataTable[object]:
    """``/``, Enter: every ticket; the results table gets the focus, its cursor on the first row."""
    await pilot.press("slash", "enter")
    await settle(pilot)
    table = pilot.app.screen.query_one("#results-table", DataTable)
    assert table.row_count > 3
    table.focus()
    table.move_cursor(row=0)
    await pilot.pause()
    return table


def numbers(table: DataTable[object], *rows: int) -> list[int]:
    return [int(table.get_row_at(row)[1].plain) for row in rows]


async def test_the_number_field_leaves_letters_to_the_keys(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#lookup-input", Input)
        assert field.has_focus
        for shown in ("? Help", "g Go to ticket", "/ Search", "q Quit"):
            assert shown in footer(app), footer(app)

        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert "Show every key" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
        assert field.value == ""  # "?" was not typed

        await pilot.press(*"8584", "g", *"858462")  # g selects the number: the next replaces it
        assert field.value == "858462"

        await pilot.press("x")  # no key: typed, and Enter will say it is no number
        assert field.value == "858462x"

        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running)


async def test_the_search_field_takes_every_letter_and_esc_leaves_it(
    shared: SandboxServer,
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        query = app.screen.query_one("#query", Input)
        assert query.has_focus
        assert "esc Leave search" in footer(app)
        assert "/ Search" not in footer(app)  # "/" is text here
        await pilot.press(*"q?gs/ Thomas")
        assert query.value == "q?gs/ Thomas"
        assert isinstance(app.screen, LookupScreen) and app.is_running

        await pilot.press("escape")  # no results yet: back to the number field
        assert app.screen.query_one("#lookup-input", Input).has_focus
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")

        await pilot.press("slash")
        query.value = ""
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")  # with results: to them, where space and s work
        assert app.screen.query_one("#results-table", DataTable).has_focus
        for shown in ("? Help", "g Go to ticket", "/ Search", "space Mark", "s Status", "q Quit"):
            assert shown in footer(app), footer(app)


async def test_space_marks_the_highlighted_result_without_moving(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = await search_everything(pilot)
        await pilot.press("space")
        assert table.cursor_row == 0
        await pilot.press("down", "space")
        assert table.cursor_row == 1
        assert app.screen.marked_ticket_ids() == sorted(numbers(table, 0, 1))
        assert [table.get_row_at(row)[0].plain for row in range(3)] == ["✓", "✓", " "]

        await pilot.press("space")  # again on the same row: unmarked
        assert app.screen.marked_ticket_ids() == numbers(table, 0)


async def test_s_with_nothing_marked_sets_the_status_of_the_highlighted_ticket(
    shared: SandboxServer,
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = await search_everything(pilot)
        await pilot.press("down", "down")
        (highlighted,) = numbers(table, 2)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SetStatusForm))
        await pilot.pause()
        form = app.screen
        assert form.values()["tickets"] == str(highlighted)
        assert f"Set the status of #{highlighted}" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
    assert all(request.method == "GET" for request in shared.requests)
