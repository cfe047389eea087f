"""Several accounts as profiles, switched from the command palette; keys remapped by binding id."""

from __future__ import annotations

from pathlib import Path

from omnitui.core import paths
from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.settings.load import load_settings
from omnitui.tui.app import OmniApp

from .conftest import screen_text, settle, wait_until


def write_profiles(text: str) -> None:
    path: Path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o600)


def toast_titles(app: OmniApp) -> list[str]:
    """Toasts are drawn above the screen, not in its text."""
    return [n.title for n in app._notifications]


async def run_palette(pilot, query: str) -> None:
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "CommandPalette")
    await pilot.press(*query)
    await settle(pilot)
    await pilot.press("enter")


async def test_switching_profiles_from_the_command_palette(
    shared: SandboxServer, sandbox: SandboxServer
) -> None:
    write_profiles(
        f'[profiles.default]\nurl = "{shared.url}"\napi_key = "{shared.api_key}"\n'
        f'[profiles.other]\nurl = "{sandbox.url}"\napi_key = "{sandbox.api_key}"\n'
        '[profiles.broken]\nurl = "https://broken.example"\napi_key_command = "false"\n'
    )
    settings = load_settings()
    backend = AccountBackend(shared.url, shared.api_key, "default")
    app = OmniApp(backend, settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "omnitui · default" in screen_text(app)

        await run_palette(pilot, "switch other")
        await wait_until(pilot, lambda: "omnitui · other" in screen_text(app))
        await settle(pilot)
        assert app.client is not None and app.client.base_url == sandbox.url
        sandbox.requests.clear()
        await pilot.press(*"858462", "enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "TicketScreen")
        await settle(pilot)
        assert any("/api/v2/ticket/858462" in r.path for r in sandbox.requests)

        await run_palette(pilot, "switch broken")
        await wait_until(pilot, lambda: "Could not switch profile" in toast_titles(app))
        assert any("profile 'broken' failed" in str(n.message) for n in app._notifications)
        assert app.sub_title == "other" and "vraag van Thomas" in screen_text(app)
        assert app.client.base_url == sandbox.url  # still on the working account


async def test_keys_are_remapped_by_binding_id(shared: SandboxServer) -> None:
    backend = AccountBackend(shared.url, shared.api_key, "default")
    app = OmniApp(backend, keymap={"lookup.search": "f3"})
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        assert "f3 Search" in screen_text(app)
        await pilot.press("f3")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "query"
