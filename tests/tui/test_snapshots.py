"""How the screens look (pytest-textual-snapshot); the clock is frozen so countdowns hold still.

Every screen ``make screenshots`` takes (tools/screenshots.py) has a snapshot here or, for the
forms and the questions they ask, in forms/test_snapshots.py.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, TextArea
from textual.widgets._footer import FooterKey

from omnitui.core.clock import FrozenClock
from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.screens.export import ExportScreen
from omnitui.tui.screens.filter import FilterScreen
from omnitui.tui.screens.help import HelpScreen
from omnitui.tui.screens.lookup import LookupScreen
from omnitui.tui.screens.queues import QueueScreen
from omnitui.tui.screens.ticket import TicketScreen
from omnitui.tui.screens.welcome import WelcomeScreen
from omnitui.tui.widgets.timeline import TimelineView

from .conftest import settle, wait_until

SANDBOX_NOW = datetime(2026, 11, 25, 9, 0, 0)


def frozen_app(server: SandboxServer, ticket: int | None = None) -> OmniApp:
    backend = AccountBackend(server.url, server.api_key, "sandbox")
    return OmniApp(backend, ticket=ticket, clock=FrozenClock(SANDBOX_NOW))


async def ticket_ready(pilot: Pilot[None]) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
    await settle(pilot)
    timeline = app.screen.query_one(TimelineView)
    await wait_until(pilot, lambda: not timeline.wanted_bodies(), timeout=30)
    await settle(pilot)
    # The footer follows focus a refresh later, and sometimes misses it: ask it to catch up.
    app.screen.refresh_bindings()
    await wait_until(pilot, lambda: "back" in footer_actions(app))
    await pilot.pause()


def footer_actions(app: OmniApp) -> list[str]:
    return [key.action for key in app.screen.query_one(Footer).query(FooterKey)]


async def still(pilot: Pilot[None]) -> None:
    """Settled, with no blinking cursor (a blink caught mid-way would differ from run to run)."""
    await settle(pilot)
    for field in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(field, Input | TextArea)
        field.cursor_blink = False
    await pilot.pause()


async def lookup_ready(pilot: Pilot[None]) -> None:
    app = pilot.app
    # The tabs are mounted after the first frame.
    await wait_until(pilot, lambda: bool(app.screen.query("#recent-table")))
    await still(pilot)


def test_lookup_screen(snap_compare, shared: SandboxServer) -> None:
    assert snap_compare(frozen_app(shared), terminal_size=(100, 30), run_before=lookup_ready)


@pytest.mark.parametrize(
    ("ticket", "size"),
    [(858462, (100, 30)), (858462, (80, 24)), (100001, (100, 40)), (900100, (120, 40))],
    ids=["seed-ticket", "seed-ticket-80x24", "long-html-mail", "hostile"],
)
def test_ticket_screen(
    snap_compare,
    shared: SandboxServer,
    ticket: int,
    size: tuple[int, int],
) -> None:
    assert snap_compare(frozen_app(shared, ticket), terminal_size=size, run_before=ticket_ready)


async def searched(pilot: Pilot[None]) -> None:
    """As an agent searches: a ticket opened first (so "Recent" lists it), back, ``/``, words."""
    app = pilot.app
    await lookup_ready(pilot)
    await pilot.press(*"858462", "enter")
    await ticket_ready(pilot)
    await pilot.press("q")
    await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
    await pilot.press("slash", *"retourneren", "enter")
    results = app.screen.query_one("#results-table", DataTable)
    await wait_until(pilot, lambda: results.row_count > 0)
    await still(pilot)


def test_lookup_search(snap_compare, shared: SandboxServer) -> None:
    assert snap_compare(frozen_app(shared), terminal_size=(110, 32), run_before=searched)


async def queue_listed(pilot: Pilot[None]) -> None:
    """The Queues tab counted, Tab, Tab to it, down to Unassigned, Enter: its tickets."""
    app = pilot.app
    await lookup_ready(pilot)
    await pilot.press("tab", "tab", "down", "enter")
    await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen))
    results = app.screen.query_one("#queue-results", DataTable)
    await wait_until(pilot, lambda: results.row_count > 0)
    await still(pilot)


def test_queue_screen(snap_compare, shared: SandboxServer) -> None:
    assert snap_compare(frozen_app(shared), terminal_size=(80, 24), run_before=queue_listed)


def over_the_ticket(
    key: str, screen: type[Screen[object]]
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """The seed ticket open, then ``key``: wait for ``screen`` to be on top and still."""

    async def steps(pilot: Pilot[None]) -> None:
        await ticket_ready(pilot)
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, screen))
        await still(pilot)

    return steps


@pytest.mark.parametrize(
    ("key", "screen"),
    [("f", FilterScreen), ("x", ExportScreen), ("question_mark", HelpScreen)],
    ids=["filter", "export", "help"],
)
def test_over_the_ticket(
    snap_compare, shared: SandboxServer, key: str, screen: type[Screen[object]]
) -> None:
    assert snap_compare(
        frozen_app(shared, 858462), terminal_size=(110, 32), run_before=over_the_ticket(key, screen)
    )


async def welcome_ready(pilot: Pilot[None]) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, WelcomeScreen))
    await still(pilot)


async def adding_an_account(pilot: Pilot[None]) -> None:
    await welcome_ready(pilot)
    await pilot.press("enter")  # on "Add an account", which has the focus
    await wait_until(pilot, lambda: pilot.app.screen.query_one("#welcome-url").has_focus)
    await still(pilot)


@pytest.mark.parametrize("steps", [welcome_ready, adding_an_account], ids=["first-run", "add"])
def test_welcome_screen(snap_compare, steps: Callable[[Pilot[None]], Awaitable[None]]) -> None:
    app = OmniApp(None, clock=FrozenClock(SANDBOX_NOW))
    assert snap_compare(app, terminal_size=(100, 30), run_before=steps)
