"""Search results fit the terminal: every header whole, the title gives way first (issue 13)."""

from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable

from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.widgets.ticket_tables import COLUMNS, fit_columns

from .conftest import app_for, screen_text, settle

ESSENTIAL = ("Number", "Title", "Status", "SLA", "Priority")


def header_line(app: OmniApp) -> str:
    (line,) = [line for line in screen_text(app).splitlines() if "Number" in line and "SLA" in line]
    return line


def whole_headers(line: str) -> list[str]:
    """The column names the header line shows whole (a cut ``Priorit`` is not one of them)."""
    return [name for name in COLUMNS if re.search(rf"(?<!\S){name}(?!\S)", line)]


def shown_titles(app: OmniApp) -> list[str]:
    table = app.screen.query_one("#results-table", DataTable)
    return [table.get_row_at(row)[2].plain for row in range(table.row_count)]


async def search_everything(app: OmniApp, pilot) -> DataTable[object]:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("slash", "enter")
    await settle(pilot)
    table = app.screen.query_one("#results-table", DataTable)
    assert table.row_count == 50
    return table


@pytest.mark.parametrize("size", [(120, 40), (160, 40)], ids=["120x40", "160x40"])
async def test_every_column_fits_at_120_columns_and_more(
    shared: SandboxServer, size: tuple[int, int]
) -> None:
    app = app_for(shared)
    async with app.run_test(size=size) as pilot:
        table = await search_everything(app, pilot)
        line = header_line(app)
        assert whole_headers(line) == list(COLUMNS), line
        assert table.max_scroll_x == 0  # nothing hidden to the right
        # The title gave way: long ones end in "…"; the priorities and dates are whole.
        assert any(title.endswith("…") for title in shown_titles(app))
        priorities = {table.get_row_at(row)[5].plain for row in range(table.row_count)}
        assert priorities <= {"low", "medium", "high", "urgent", "critical"}
        updates = [table.get_row_at(row)[7].plain for row in range(table.row_count)]
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", u) for u in updates)


async def test_at_80_columns_the_essential_columns_are_whole_and_the_title_shortest(
    shared: SandboxServer,
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await search_everything(app, pilot)
        assert whole_headers(header_line(app)) == list(COLUMNS)

        await pilot.resize_terminal(80, 24)  # fitted again, the highlight kept
        table.move_cursor(row=3)
        await pilot.resize_terminal(79, 24)
        await settle(pilot)
        line = header_line(app)
        assert len(line) <= 79
        shown = whole_headers(line)
        assert set(ESSENTIAL) <= set(shown), line
        assert table.max_scroll_x == 0
        assert table.cursor_row == 3
        titles = shown_titles(app)
        assert any(title.endswith("…") for title in titles)
        assert max(len(title) for title in titles) >= 20  # still readable


def test_the_title_gives_way_first_then_the_customer_then_the_badges() -> None:
    natural = {
        "Number": 6,
        "Title": 56,
        "Status": 7,
        "SLA": 34,
        "Priority": 8,
        "Customer": 31,
        "Last update": 19,
    }
    everything = sum(w + 2 for w in natural.values())
    assert fit_columns(natural, everything) == natural
    assert fit_columns(natural, everything - 10) == {**natural, "Title": 46}
    at_120 = fit_columns(natural, 120 - 2 - 3)  # less the scrollbar and the mark column
    assert list(at_120) == list(COLUMNS)
    assert at_120["Title"] == 24 and at_120["Customer"] == 14 and at_120["SLA"] == 23
    at_80 = fit_columns(natural, 80 - 2 - 3)
    assert list(at_80) == list(ESSENTIAL)
    assert sum(w + 2 for w in at_80.values()) <= 75
    assert at_80["Title"] == 24
    tiny = fit_columns(natural, 40)  # too narrow for anything: the title goes down to 10
    assert tiny["Title"] == 10 and all(tiny[name] >= len(name) for name in tiny)
