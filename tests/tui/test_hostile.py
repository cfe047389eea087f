"""Hostile customer content: no escape sequence reaches the terminal, markup shows literally."""

from __future__ import annotations

import re

import pytest

from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.screens.ticket import TicketScreen
from omnitui.tui.widgets.timeline import TimelineView

from .conftest import app_for, screen_text, settle, wait_until

# What Textual itself writes: SGR colours and cursor moves. Anything else came from content.
TEXTUAL_SEQUENCE = re.compile(r"\x1b\[[0-9;]*[mHJK]|\x1b\[\?[0-9;]*[hl]")


def terminal_bytes(app: OmniApp) -> str:
    """The exact sequence the app would write to the terminal for a full repaint."""
    update = app.screen._compositor.render_update(full=True)
    assert update is not None
    return update.render_segments(app.console)


def assert_inert(output: str) -> None:
    leftover = TEXTUAL_SEQUENCE.sub("", output)
    assert "\x1b" not in leftover, repr(leftover[leftover.index("\x1b") - 20 :][:60])
    assert "\x07" not in leftover
    assert not re.search("[\x80-\x9f]", leftover), "a C1 control reached the terminal"
    assert "\u202e" not in leftover


@pytest.mark.parametrize("ticket", [900100, 900103, 900104, 900105, 900106])
async def test_hostile_tickets_reach_the_terminal_inert(shared: SandboxServer, ticket: int) -> None:
    app = app_for(shared, ticket=ticket)
    async with app.run_test(size=(120, 50)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        timeline = app.screen.query_one(TimelineView)
        await wait_until(pilot, lambda: not timeline.wanted_bodies(), timeout=30)
        await settle(pilot)
        pages = 0
        while True:
            assert_inert(terminal_bytes(app))
            if timeline.scroll_y >= timeline.max_scroll_y or pages > 40:
                break
            await pilot.press("pagedown")
            await settle(pilot)
            pages += 1
        assert isinstance(app.screen, TicketScreen)  # no markup action quit or moved the app


async def test_markup_in_a_title_is_shown_literally(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=900100)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        ticket = app.screen.ticket
        assert ticket is not None
        text = screen_text(app)
        assert "[" in ticket.title
        assert ticket.title[:40] in text
        timeline = app.screen.query_one(TimelineView)
        await wait_until(pilot, lambda: not timeline.wanted_bodies(), timeout=30)
        found = await timeline.search("[@click=app.quit]")
        assert found >= 1
        await pilot.press("n")
        await settle(pilot)
        assert "[@click=app.quit]" in screen_text(app)
        assert app.is_running


async def test_markup_in_a_toast_is_shown_literally(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.notify("Server says: [@click=app.quit]x[/] [bold]")  # Widget.notify: markup on
        await settle(pilot)
        (toast,) = list(app._notifications)
        assert toast.message == "Server says: [@click=app.quit]x[/] [bold]"
        assert toast.markup is False
        assert app.is_running
