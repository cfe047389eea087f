"""Open in browser (``b``, ``B``) and copy the address (``u``, ``U``): the agent interface's page
from the profile's ``web_url``, the brand's page from ``external_gui_url``; a browser locally,
the URL copied over SSH."""

from __future__ import annotations

import base64
import re
import webbrowser

import pytest

from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.settings.load import Profile, Settings
from omnitui.tui.app import OmniApp

from .conftest import settle
from .test_ticket import open_ticket

WEB_URL = "https://acme.omnidesk.com/ticket/{id}"
URL = "https://acme.omnidesk.com/ticket/858462"
BRAND = "https://guiurl.brand.com/?ticketID=858462#20164564646592575"


def app_for(
    server: SandboxServer, ticket: int, web_url: str | None = WEB_URL, profile: str = "sandbox"
) -> OmniApp:
    """The app on a profile named ``sandbox`` whose ``web_url`` is ``web_url``."""
    settings = Settings(profiles={profile: Profile(url=server.url, web_url=web_url)})
    backend = AccountBackend(server.url, server.api_key, "sandbox")
    return OmniApp(backend, ticket=ticket, settings=settings)


def toasts(app: OmniApp) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


def osc52_payloads(written: list[str]) -> list[str]:
    return [
        base64.b64decode(found).decode()
        for data in written
        for found in re.findall(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", data)
    ]


@pytest.fixture
def local(monkeypatch: pytest.MonkeyPatch) -> None:
    """A desktop: a display, no SSH."""
    for name in ("SSH_CONNECTION", "SSH_TTY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DISPLAY", ":0")


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


async def test_b_shift_opens_the_brands_page(
    shared: SandboxServer, opened: list[str], local: None
) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        await pilot.press("B")
        await settle(pilot)
    assert opened == [BRAND]


async def test_u_copies_the_agent_page_and_u_shift_the_brands(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    written: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        app._driver.write = written.append  # type: ignore[union-attr, method-assign]
        await pilot.press("u", "U")
        await settle(pilot)
    assert osc52_payloads(written) == [URL, BRAND]


async def test_web_url_from_the_environment(
    shared: SandboxServer, opened: list[str], local: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OMNIDESK_WEB_URL", "https://eu.acme.example/agent/tickets/{id}/")
    app = app_for(shared, ticket=858462, web_url=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        await pilot.press("b")
        await settle(pilot)
    assert opened == ["https://eu.acme.example/agent/tickets/858462/"]


async def test_without_web_url_b_says_how_to_set_it_and_offers_the_brands_page(
    shared: SandboxServer, opened: list[str], local: None
) -> None:
    app = app_for(shared, ticket=858462, web_url=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        await pilot.press("b")
        await settle(pilot)
        (said,) = toasts(app)
    assert opened == []  # not the brand's page in its place: it is not Omnidesk's
    assert 'web_url = "' in said and "{id}" in said
    assert "[profiles.sandbox]" in said and "config.toml" in said
    assert "OMNIDESK_WEB_URL" in said
    assert "B opens, U copies the brand's page." in said
    assert "acme" not in said and shared.url in said  # the account's own address to start from


async def test_a_web_url_without_id_is_named(
    shared: SandboxServer, opened: list[str], local: None
) -> None:
    app = app_for(shared, ticket=858462, web_url="https://acme.omnidesk.com/tickets")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        await pilot.press("b")
        await settle(pilot)
        said = toasts(app)
    assert opened == []
    assert said == [
        "web_url must hold {id} where the ticket number goes: https://acme.omnidesk.com/tickets"
    ]


async def test_a_ticket_without_a_brand_page_says_so(
    shared: SandboxServer, opened: list[str], local: None
) -> None:
    app = app_for(shared, ticket=100001)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 100001)
        await pilot.press("B")
        await settle(pilot)
        said = toasts(app)
        await pilot.press("b")  # the agent page is there all the same
        await settle(pilot)
    assert said == ["This ticket has no page of its brand (external_gui_url)."]
    assert opened == ["https://acme.omnidesk.com/ticket/100001"]
