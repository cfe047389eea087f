"""How the screens look (pytest-textual-snapshot); the clock is frozen so countdowns hold still."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

from omnitui.core.clock import FrozenClock
from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.screens.ticket import TicketScreen
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


async def lookup_ready(pilot: Pilot[None]) -> None:
    app = pilot.app
    # The tabs are mounted after the first frame; a blinking cursor would depend on timing.
    await wait_until(pilot, lambda: bool(app.screen.query("#recent-table")))
    await settle(pilot)
    for field in app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


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
