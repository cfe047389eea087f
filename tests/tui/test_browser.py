"""Open in browser (``b``): a browser locally, the URL copied over SSH."""

from __future__ import annotations

import base64
import re
import webbrowser

import pytest

from omnitui.sandbox import SandboxServer

from .conftest import app_for, settle
from .test_ticket import open_ticket

URL = "https://guiurl.brand.com/?ticketID=858462#20164564646592575"


def osc52_payloads(written: list[str]) -> list[str]:
    return [
        base64.b64decode(found).decode()
        for data in written
        for found in re.findall(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", data)
    ]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def fake_open(url: str, *args: object, **kwargs: object) -> bool:
        calls.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    return calls


async def test_locally_the_browser_opens(
    shared: SandboxServer, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SSH_CONNECTION", "SSH_TTY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        await pilot.press("b")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
    assert opened == [URL]
    assert f"Opened {URL} in the browser." in messages


async def test_over_ssh_the_url_is_shown_and_copied(
    shared: SandboxServer, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    app = app_for(shared, ticket=858462)
    written: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        app._driver.write = written.append  # type: ignore[union-attr, method-assign]
        await pilot.press("b")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
    assert opened == []
    assert osc52_payloads(written) == [URL]
    assert f"No browser can open over SSH; copied the URL to the clipboard: {URL}" in messages


async def test_without_a_display_the_url_is_copied(
    shared: SandboxServer, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SSH_CONNECTION", "SSH_TTY", "WAYLAND_DISPLAY", "DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        await pilot.press("b")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
    assert opened == []
    assert any(URL in m and "copied" in m for m in messages)
    assert any(m.startswith("No browser can open without a display") for m in messages)
    assert not any("SSH" in m for m in messages)  # there is no SSH here: say what is true


async def test_a_ticket_without_a_url_says_so(
    shared: SandboxServer, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    app = app_for(shared, ticket=100001)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 100001)
        await pilot.press("b")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
    assert opened == []
    assert "This ticket has no web URL." in messages
