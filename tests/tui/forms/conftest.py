"""Driving the forms: the real app against a private sandbox, and a bare host for snapshots."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select, Static, TextArea

import omnitui.tui
from omnitui.api.client import OmnideskClient
from omnitui.api.models import Ticket
from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.contrast import ReadableThemeApp
from omnitui.tui.forms.base import FormScreen

from ..conftest import screen_text, settle, wait_until  # noqa: F401 - shared with form tests

TUI = Path(omnitui.tui.__file__).parent
APP_CSS = TUI / "app.tcss"
FORMS_CSS = TUI / "forms.tcss"
SEED_TICKET = Path(__file__).parents[2] / "sandbox" / "seed_ticket.json"


def app_for(server: SandboxServer, ticket: int | None = None) -> OmniApp:
    """The real app against ``server``, opening ``ticket`` when given."""
    return OmniApp(AccountBackend(server.url, server.api_key, "sandbox"), ticket=ticket)


def seed_ticket() -> Ticket:
    """The seed's documented ticket 858462, parsed as the app parses it."""
    document = json.loads(SEED_TICKET.read_text(encoding="utf-8"))
    return Ticket.model_validate(document.get("item", document))


@pytest.fixture
def ticket() -> Ticket:
    return seed_ticket()


class FormHost(ReadableThemeApp):
    """A bare app showing one form over a plain screen: no ticket screen behind it.

    Without ``server`` it has no API (for snapshots, which must not depend on the clock or a
    port); with one, the form sends to that sandbox through a real client over loopback.
    """

    CSS_PATH = [APP_CSS, FORMS_CSS]
    connection_error: str | None = None

    def __init__(self, form: Screen[Any], server: SandboxServer | None = None) -> None:
        super().__init__()
        self.form = form
        self.server = server
        self.client: OmnideskClient | None = None
        #: What the form was dismissed with, once it was.
        self.results: list[object] = []

    def compose(self) -> ComposeResult:
        yield Static("omnitui", id="host-background")

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)

    async def wait_for_client(self) -> OmnideskClient:
        if self.server is None:
            raise AssertionError("this host has no API")
        if self.client is None:
            self.client = OmnideskClient(self.server.url, self.server.api_key)
        return self.client

    async def on_unmount(self) -> None:
        if self.client is not None:
            await self.client.aclose()


# ----------------------------------------------------------------------------------------------
# Waiting and reading


def flat(text: str) -> str:
    """Screen text with the box drawing and line breaks folded away, for phrase assertions."""
    for char in "│╭╮╰╯─▊▎▔▁":
        text = text.replace(char, " ")
    return " ".join(text.split())


# ----------------------------------------------------------------------------------------------
# Opening and filling forms


async def open_ticket_app(pilot: Pilot[Any]) -> None:
    """Wait for the ticket the app was started with to be on screen."""
    from omnitui.tui.screens.ticket import TicketScreen

    app = pilot.app
    await wait_until(
        pilot, lambda: isinstance(app.screen, TicketScreen) and app.screen.ticket is not None
    )
    await settle(pilot)


async def open_form(pilot: Pilot[Any], key: str, form: type[FormScreen[Any]]) -> Any:
    """Press ``key`` and wait for ``form`` to be the screen; returns it."""
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, form))
    await pilot.pause()
    return pilot.app.screen


async def fill(pilot: Pilot[Any], **values: str) -> None:
    """Put text into fields by name as an agent pasting it would: focus, clear, paste.

    Pasting rather than pressing every key keeps the tests fast (Pilot waits for idle after
    each key); the keyboard-only test types for real.
    """
    screen = pilot.app.screen
    for name, text in values.items():
        control = screen.query_one(f"#input-{name}")
        control.focus()
        if isinstance(control, Input):
            control.value = ""
        elif isinstance(control, TextArea):
            control.clear()
        if text:
            pilot.app.post_message(events.Paste(text))  # as the terminal delivers a paste
        await pilot.pause()


async def type_keys(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` key by key into whatever has the focus (slow: use for short text)."""
    await pilot.press(*("enter" if char == "\n" else char for char in text))


async def choose(pilot: Pilot[Any], name: str, value: str) -> None:
    """Pick a Select option by value (the keyboard-only test opens the list for real)."""
    select = pilot.app.screen.query_one(f"#input-{name}", Select)
    select.focus()
    select.value = value
    await pilot.pause()


async def choose_with_keys(pilot: Pilot[Any], name: str, value: str) -> None:
    """Pick a Select option with the keyboard only: open with Enter, arrow to it, Enter."""
    select = pilot.app.screen.query_one(f"#input-{name}", Select)
    assert pilot.app.focused is select, f"the {name} field should have the focus"
    await pilot.press("enter")
    options = [option for _, option in select._options]
    target = options.index(value)
    current = options.index(select.value) if select.value in options else 0
    moves = ["down"] * (target - current) if target > current else ["up"] * (current - target)
    await pilot.press(*moves, "enter")
    assert select.value == value


def posts(server: SandboxServer, path: str = "") -> list[Any]:
    """The write requests the sandbox received (POST and PUT), optionally under ``path``."""
    return [
        request
        for request in server.requests
        if request.method in {"POST", "PUT"} and request.path.startswith(path)
    ]


async def fetch(server: SandboxServer, *ticket_ids: int) -> list[Ticket]:
    """What the sandbox stored, read back through the client (not through the app)."""
    async with OmnideskClient(server.url, server.api_key) as client:
        return [await client.get_ticket(ticket_id) for ticket_id in ticket_ids]


def field_errors(screen: FormScreen[Any]) -> dict[str, str]:
    """The validation messages shown, by field name."""
    from omnitui.tui.forms.fields import FormField

    return {f.field_name: f.message for f in screen.query(FormField) if f.message}


def draft_files(data_dir: Path) -> Sequence[Path]:
    return sorted((data_dir / "drafts").glob("*/*.json"))


def toasts(app: App[Any]) -> list[str]:
    """The notifications shown (toasts are drawn above the screen, not in its text)."""
    return [notification.message for notification in app._notifications]
