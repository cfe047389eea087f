"""First run: the welcome screen instead of an error, the form that adds an account, the demo."""

from __future__ import annotations

import stat
import tomllib

import pytest
from textual.widgets import Button

from omnitui.core import paths
from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.screens.lookup import LookupScreen
from omnitui.tui.screens.welcome import WelcomeScreen

from .conftest import screen_text, settle, wait_until


async def fill(pilot, url: str, key: str) -> None:
    """Put in a URL and a key and press Enter in the key field."""
    screen = pilot.app.screen
    screen.query_one("#welcome-url").value = url
    screen.query_one("#welcome-key").value = key
    screen.query_one("#welcome-key").focus()
    await pilot.press("enter")


def fake_demo(monkeypatch: pytest.MonkeyPatch, server: SandboxServer) -> list[object]:
    """Record the start of the demo instead of starting its sandbox process (tested elsewhere)."""
    started: list[object] = []

    def demo(db_path: object) -> AccountBackend:
        started.append(db_path)
        return AccountBackend(server.url, server.api_key, "demo sandbox")

    monkeypatch.setattr("omnitui.runtime.backends.DemoBackend", demo)
    return started


async def open_the_form(pilot) -> None:
    """Enter on the button that has the focus at first, "Add an account"."""
    await settle(pilot)
    assert pilot.app.focused.id == "welcome-account"
    await pilot.press("enter")
    await wait_until(pilot, lambda: pilot.app.screen.query_one("#welcome-url").has_focus)


async def test_without_an_account_the_welcome_screen_explains_the_choices() -> None:
    app = OmniApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert isinstance(app.screen, WelcomeScreen)
        assert "Welcome to omnitui" in text
        assert "OMNIDESK_URL" in text and "omnitui config" in text
        assert "^d Try the demo" in text and "^q Quit" in text
        assert "Go to ticket" not in text  # nothing to look up yet
        await pilot.press("g")
        assert isinstance(app.screen, WelcomeScreen)


async def test_the_form_checks_the_key_saves_the_profile_and_connects(
    shared: SandboxServer,
) -> None:
    app = OmniApp(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await fill(pilot, "ftp://nowhere", "x")
        assert "is not an account URL" in screen_text(app)
        assert app.screen.query_one("#welcome-url").has_focus

        await fill(pilot, shared.url, "wrong-key")
        await wait_until(pilot, lambda: "did not work" in screen_text(app))
        assert "The API key was refused" in screen_text(app)
        assert "Press Enter again to save it anyway" in screen_text(app)
        assert not paths.config_file().exists()
        assert app.screen.query_one("#welcome-url").value == shared.url  # nothing typed is lost

        app.screen.query_one("#welcome-key").value = shared.api_key
        app.screen.query_one("#welcome-profile").value = "work"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
        await settle(pilot)

        assert "omnitui · work" in screen_text(app)
        assert stat.S_IMODE(paths.config_file().stat().st_mode) == 0o600
        saved = tomllib.loads(paths.config_file().read_text())
        assert saved["profiles"]["work"] == {"url": shared.url, "api_key": shared.api_key}
        assert "work" in app.settings.profiles
        await pilot.press(*"858462", "enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "TicketScreen")
        await settle(pilot)
        assert "vraag van Thomas" in screen_text(app)


async def test_ctrl_d_starts_the_demo(
    shared: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = fake_demo(monkeypatch, shared)
    app = OmniApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+d")
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
        await settle(pilot)
        assert started == [paths.demo_db()]
        assert "omnitui · demo sandbox" in screen_text(app)
        assert app.client is not None


def test_the_command_line_opens_the_welcome_screen_in_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from omnitui import cli

    opened: list[OmniApp] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.setenv("OMNIDESK_URL", "https://acme.omnidesk.com")
    monkeypatch.setattr(OmniApp, "run", lambda self: opened.append(self))

    assert cli.main([]) == 0

    assert opened and opened[0].backend is None
    assert opened[0]._welcome_url == "https://acme.omnidesk.com"  # only the key was missing


async def test_a_pasted_escape_sequence_is_made_inert() -> None:
    app = OmniApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        url = app.screen.query_one("#welcome-url")
        url.insert_text_at_cursor("https://acme\x1b]52;c;aGk=\x07.omnidesk.com")
        await pilot.pause()
        assert "\x1b" not in url.value and "\x07" not in url.value
        assert "acme" in url.value


async def test_enter_in_the_url_field_checks_and_saves(shared: SandboxServer) -> None:
    app = OmniApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_form(pilot)
        app.screen.query_one("#welcome-key").value = shared.api_key
        app.screen.query_one("#welcome-url").focus()
        await pilot.press(*shared.url)  # typed, and the Enter comes in the URL field
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
        await settle(pilot)
        saved = tomllib.loads(paths.config_file().read_text())
        assert saved["profiles"]["default"] == {"url": shared.url, "api_key": shared.api_key}


async def test_enter_in_the_url_field_without_a_key_says_the_key_is_missing() -> None:
    app = OmniApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_form(pilot)
        await pilot.press(*"https://acme.omnidesk.com", "enter")
        await settle(pilot)
        assert "Type the API key (Omnidesk: Settings → API)." in screen_text(app)
        assert app.screen.query_one("#welcome-key").has_focus
        assert app.screen.query_one("#welcome-url").value == "https://acme.omnidesk.com"
        assert not paths.config_file().exists()


async def test_letters_typed_while_a_button_has_the_focus_start_nothing(
    shared: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shift+tab out of the URL field lands on a button; the URL typed on must not act."""
    started = fake_demo(monkeypatch, shared)
    app = OmniApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_form(pilot)
        await pilot.press(*"https://")
        await pilot.press("shift+tab")
        assert isinstance(app.focused, Button)
        await pilot.press(*"adq.omnidesk.com")
        await settle(pilot)
        assert started == []
        assert isinstance(app.screen, WelcomeScreen) and app.is_running
        assert isinstance(app.focused, Button)
        assert app.screen.query_one("#welcome-url").value == "https://"
        assert "^d Try the demo" in screen_text(app)  # the way to the demo is in the footer
        await pilot.press("enter")  # Enter on the demo button is a choice: it starts
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
        assert started == [paths.demo_db()]


async def test_the_form_looks_the_agent_up_and_keeps_the_user_found(
    shared: SandboxServer,
) -> None:
    app = OmniApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert "Your e-mail" in screen_text(app) and "blank sends as Anonymous" in screen_text(app)
        screen.query_one("#welcome-email").value = "nobody@example.com"
        await fill(pilot, shared.url, shared.api_key)
        await wait_until(pilot, lambda: "No Omnidesk user" in screen_text(app))
        text = " ".join(screen_text(app).split())
        assert "No Omnidesk user has the e-mail address nobody@example.com: fix it" in text
        assert "or press Enter again to save it anyway." in text
        assert screen.query_one("#welcome-email").has_focus
        assert not paths.config_file().exists()

        screen.query_one("#welcome-email").value = "demo@example.com"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
        await wait_until(pilot, lambda: app.identity is not None)
        await settle(pilot)

        assert app.identity is not None and app.identity.label == "Demo Agent"
        saved = tomllib.loads(paths.config_file().read_text())
        assert saved["profiles"]["default"]["agent_email"] == "demo@example.com"
    lookups = [r.query for r in shared.requests if r.path == "/api/v2/user"]
    assert len(lookups) == 2  # the wrong address and the right one; the app asked no more
