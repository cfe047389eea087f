"""First run: the welcome screen instead of an error, the form that adds an account, the demo."""

from __future__ import annotations

import stat
import tomllib

import pytest

from omnitui.core import paths
from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.screens.lookup import LookupScreen
from omnitui.tui.screens.welcome import WelcomeScreen

from .conftest import screen_text, settle, wait_until


async def fill(pilot, url: str, key: str) -> None:
    await pilot.press("a")
    pilot.app.screen.query_one("#welcome-url").value = url
    await pilot.press("enter")  # on to the key
    pilot.app.screen.query_one("#welcome-key").value = key
    await pilot.press("enter")


async def test_without_an_account_the_welcome_screen_explains_the_choices() -> None:
    app = OmniApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert isinstance(app.screen, WelcomeScreen)
        assert "Welcome to omnitui" in text
        assert "OMNIDESK_URL" in text and "omnitui config" in text
        assert "d Try the demo" in text and "a Add account" in text
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


async def test_d_starts_the_demo(shared: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []

    def fake_demo(db_path: object) -> AccountBackend:
        """The demo's own sandbox process is tested elsewhere; here, only that it is chosen."""
        started.append(db_path)
        return AccountBackend(shared.url, shared.api_key, "demo sandbox")

    monkeypatch.setattr("omnitui.runtime.backends.DemoBackend", fake_demo)
    app = OmniApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
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
