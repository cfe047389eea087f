"""Every fault the API can throw, through the real UI: the agent reads what went wrong in their
own words, what was on screen stays, reads are retried (and say so), writes are sent once.

Faults are injected into the sandbox; what went over the wire is read from its request log.
"""

from __future__ import annotations

import socket
from typing import Any

import pytest
from textual.widgets import Input

import omnitui.api.transport
from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.forms.update import UpdateTicketForm
from omnitui.tui.screens.lookup import LookupScreen
from omnitui.tui.screens.ticket import TicketScreen
from omnitui.tui.widgets.timeline import TimelineView

from .conftest import app_for, screen_text, settle, wait_until
from .forms.conftest import fill, flat, open_form

TICKET = 858462
TICKET_PATH = f"/api/v2/ticket/{TICKET}"
TITLE = "vraag van Thomas"  # the seed ticket's title, in its header
#: The client tries a read this often before giving up (one try and three retries).
TRIES = 4


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries wait a twentieth of a second instead of 0.5-2 s: how often the client tries, and
    what it says meanwhile, is the subject here (tests/api checks the backoff itself)."""
    monkeypatch.setattr(omnitui.api.transport, "_backoff", lambda attempt: 0.05)


def gets(server: SandboxServer, path: str = TICKET_PATH) -> int:
    return sum(1 for r in server.requests if r.method == "GET" and r.path == path)


def writes(server: SandboxServer) -> int:
    return sum(1 for r in server.requests if r.method in {"POST", "PUT"})


def record_toasts(app: OmniApp) -> list[tuple[str, str, str]]:
    """(title, message, severity) of every toast from now on, including those already gone."""
    shown: list[tuple[str, str, str]] = []
    notify = app.notify

    def recording(
        message: str, *, title: str = "", severity: Any = "information", **kw: Any
    ) -> None:
        shown.append((title, message, severity))
        notify(message, title=title, severity=severity, **kw)

    app.notify = recording  # type: ignore[method-assign]
    return shown


async def look_up(pilot: Any, number: str) -> None:
    """Type a number into the lookup field and press Enter, as an agent does."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen) and app.client is not None)
    field = app.screen.query_one("#lookup-input", Input)
    field.focus()
    await pilot.press(*number, "enter")


async def open_ticket(pilot: Any) -> None:
    app = pilot.app
    await wait_until(
        pilot, lambda: isinstance(app.screen, TicketScreen) and app.screen.ticket is not None
    )
    await settle(pilot)


# ----------------------------------------------------------------------------------------------
# Reads that fail: looking a ticket up, and refreshing one that is open

READ_FAULTS = [
    pytest.param(
        {"kind": "401"},
        "The API key was refused (HTTP 401). Check OMNIDESK_API_KEY or the profile's key.",
        1,
        id="401",
    ),
    pytest.param(
        {"kind": "403"}, "This API key has no permission for that (HTTP 403).", 1, id="403"
    ),
    pytest.param(
        {"kind": "500"},
        "Server error from Omnidesk (HTTP 500): Internal server error.",
        1,
        id="500",
    ),
    pytest.param(
        {"kind": "502", "count": 10},
        f"Server error from Omnidesk (HTTP 502): Bad gateway. Tried {TRIES} times.",
        TRIES,
        id="502",
    ),
    pytest.param(
        {"kind": "503", "count": 10},
        f"Server error from Omnidesk (HTTP 503): Service unavailable. Tried {TRIES} times.",
        TRIES,
        id="503",
    ),
    pytest.param(
        {"kind": "html", "count": 10},
        f"Server error from a proxy in between (HTTP 502): 502 Bad Gateway. Tried {TRIES} times.",
        TRIES,
        id="html-page",
    ),
    pytest.param(
        {"kind": "html", "status": 200},
        "A proxy answered instead of Omnidesk (HTTP 200): 502 Bad Gateway.",
        1,
        id="html-page-200",
    ),
    pytest.param(
        {"kind": "truncated"},
        "Omnidesk sent a response omnitui could not read (not valid JSON, or cut off).",
        1,
        id="truncated-json",
    ),
    pytest.param(
        {"kind": "empty"},
        "Omnidesk sent a response omnitui could not read (an empty response).",
        1,
        id="empty-body",
    ),
    pytest.param(
        {"kind": "drop", "count": 10},
        "The connection to 127.0.0.1 broke off",
        TRIES,
        id="dropped-connection",
    ),
    pytest.param(
        {"kind": "slow", "delay_ms": 2000, "count": 10},
        f"Omnidesk did not answer within 0.3 s. Tried {TRIES} times.",
        TRIES,
        id="read-timeout",
    ),
]
RETRIED = {"502", "503", "html", "drop", "slow"}


def shorten_timeout(app: OmniApp) -> None:
    """A read timeout in a fraction of a second instead of 20 (the client's per-try limit)."""
    assert app.client is not None
    app.client.timeout = 0.3


@pytest.mark.parametrize(("fault", "says", "tries"), READ_FAULTS)
async def test_a_failed_lookup_says_why_and_keeps_the_number(
    shared: SandboxServer, fault: dict[str, Any], says: str, tries: int
) -> None:
    app = app_for(shared)
    shown = record_toasts(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await look_up(pilot, "")
        if fault["kind"] == "slow":
            shorten_timeout(app)
        shared.faults.add(**fault, method="GET", path=TICKET_PATH)
        await look_up(pilot, str(TICKET))
        await settle(pilot, timeout=60)

        assert isinstance(app.screen, LookupScreen), "nothing was opened"
        assert says in flat(screen_text(app))
        assert "Traceback" not in screen_text(app)
        field = app.screen.query_one("#lookup-input", Input)
        assert field.value == str(TICKET)  # what the agent typed is still there
        assert gets(shared) == tries
        if fault["kind"] in RETRIED:  # each retry was announced, in words
            retries = [t for t in shown if "Retrying in" in t[1]]
            assert len(retries) == tries - 1
            assert all(title == "Omnidesk is not answering" for title, _, _ in retries)

        await pilot.press("backspace")  # still responsive: the field takes keys
        assert field.value == str(TICKET)[:-1]


@pytest.mark.parametrize(("fault", "says", "tries"), READ_FAULTS)
async def test_a_failed_refresh_keeps_the_open_ticket_on_screen(
    shared: SandboxServer, fault: dict[str, Any], says: str, tries: int
) -> None:
    app = app_for(shared, ticket=TICKET)
    shown = record_toasts(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_ticket(pilot)
        before = gets(shared)
        if fault["kind"] == "slow":
            shorten_timeout(app)
        shared.faults.add(**fault, method="GET", path=TICKET_PATH)
        await pilot.press("R")
        await settle(pilot, timeout=60)

        assert isinstance(app.screen, TicketScreen)
        errors = [(title, text) for title, text, severity in shown if severity == "error"]
        assert len(errors) == 1, errors  # one toast, not one per retry
        assert errors[0][0] == "Could not refresh" and says in errors[0][1]
        text = screen_text(app)
        assert TITLE in text and "HTML email content" in text  # the ticket is still shown
        assert gets(shared) - before == tries
        await pilot.press("o")  # still responsive: the timeline changes its order
        await settle(pilot)
        assert app.screen.query_one(TimelineView).newest_first


# ----------------------------------------------------------------------------------------------
# Retrying: 429 with Retry-After, and a server that comes back


async def test_rate_limiting_is_announced_and_the_ticket_still_opens(
    shared: SandboxServer,
) -> None:
    app = app_for(shared)
    shown = record_toasts(app)
    async with app.run_test(size=(120, 30)) as pilot:
        shared.faults.add("429", retry_after=1, method="GET", path=TICKET_PATH)
        await look_up(pilot, str(TICKET))
        await wait_until(pilot, lambda: any("Retrying in" in t[1] for t in shown))
        assert isinstance(app.screen, LookupScreen)
        assert f"Opening ticket {TICKET}" in screen_text(app)  # and it says what it is doing
        await open_ticket(pilot)

        assert shown[0] == (
            "Omnidesk asks to slow down",
            "Omnidesk is limiting requests (HTTP 429). Retrying in 1 s…",
            "warning",
        )
        assert TITLE in screen_text(app)
        assert gets(shared) == 2


async def test_a_refused_connection_is_retried_then_explained(tmp_path: Any) -> None:
    with socket.socket() as probe:  # a port on which nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = OmniApp(AccountBackend(f"http://127.0.0.1:{port}", "k", "nowhere"))
    shown = record_toasts(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await look_up(pilot, str(TICKET))
        await settle(pilot, timeout=60)

        assert isinstance(app.screen, LookupScreen)
        assert f"Could not connect to 127.0.0.1: connection refused. Tried {TRIES} times." in flat(
            screen_text(app)
        )
        # Each retry told once: the lookup's, and the Queues tab's reading of the views.
        assert len([t for t in shown if "Retrying in" in t[1]]) == 2 * (TRIES - 1)
        assert "The account's views could not be read" in flat(screen_text(app))
        assert app.screen.query_one("#lookup-input", Input).value == str(TICKET)


# ----------------------------------------------------------------------------------------------
# Writes that fail: sent exactly once, the form keeps every value and says what to do

WRITE_FAULTS = [
    pytest.param(
        {"kind": "400", "message": "Ticket 858462 is locked by another agent."},
        "Omnidesk refused it: Ticket 858462 is locked by another agent. Nothing was changed.",
        id="400",
    ),
    pytest.param({"kind": "401"}, "The API key was refused (HTTP 401).", id="401"),
    pytest.param(
        {"kind": "500"},
        "Server error from Omnidesk (HTTP 500): Internal server error. It may have been saved",
        id="500",
    ),
    pytest.param(
        {"kind": "503", "count": 5},
        "Server error from Omnidesk (HTTP 503): Service unavailable. It may have been saved",
        id="503",
    ),
    pytest.param(
        {"kind": "drop"}, "The connection to 127.0.0.1 broke off", id="dropped-connection"
    ),
    pytest.param(
        {"kind": "slow", "delay_ms": 2000},
        "Omnidesk did not answer within 0.3 s. It may have been saved",
        id="read-timeout",
    ),
]


@pytest.mark.parametrize(("fault", "says"), WRITE_FAULTS)
async def test_a_failed_save_is_sent_once_and_keeps_the_form(
    sandbox: SandboxServer, fault: dict[str, Any], says: str
) -> None:
    app = app_for(sandbox, ticket=TICKET)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_ticket(pilot)
        form = await open_form(pilot, "e", UpdateTicketForm)
        await fill(pilot, title="Printer defect — nieuwe titel", external_id="cust-42")
        if fault["kind"] == "slow":
            shorten_timeout(app)
        sandbox.faults.add(**fault, method="PUT")
        await pilot.press("ctrl+s")
        await settle(pilot, timeout=60)

        assert app.screen is form, "the form stays open"
        assert says in form.message
        assert says in flat(screen_text(app))
        values = form.values()
        assert values["title"] == "Printer defect — nieuwe titel"
        assert values["external_id"] == "cust-42"
        assert writes(sandbox) == 1  # never sent twice by itself
        if fault["kind"] != "400" and fault["kind"] != "401":
            assert "refresh" in form.message  # so the agent checks before trying again
        await pilot.press("escape")  # the form asks before throwing the typing away
        await settle(pilot)
        assert "discard" in flat(screen_text(app)).lower()


# ----------------------------------------------------------------------------------------------
# A slow API: progress is shown, Escape stops waiting


async def test_a_slow_lookup_shows_progress_and_escape_stops_it(shared: SandboxServer) -> None:
    app = app_for(shared)
    shown = record_toasts(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await look_up(pilot, "")
        shared.faults.latency_ms = 3000
        await look_up(pilot, str(TICKET))
        await wait_until(pilot, lambda: f"Opening ticket {TICKET}…" in screen_text(app))
        assert "(Esc stops waiting)" in screen_text(app)

        await pilot.press("escape")
        await settle(pilot)
        assert f"Stopped opening ticket {TICKET}." in screen_text(app)
        assert not any(w.group == "lookup" and w.is_running for w in app.workers)
        assert isinstance(app.screen, LookupScreen)
        assert [t for t in shown if t[2] == "error"] == []

        shared.faults.latency_ms = 0  # the API is back: the same field opens the ticket
        await pilot.press("enter")
        await open_ticket(pilot)
        assert TITLE in screen_text(app)


async def test_a_slow_ticket_shows_loading_and_escape_cancels(shared: SandboxServer) -> None:
    shared.faults.latency_ms = 3000
    app = app_for(shared, ticket=TICKET)
    shown = record_toasts(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        screen = app.screen
        await wait_until(pilot, lambda: "Loading…" in screen_text(app))
        assert screen.query_one(TimelineView).loading

        await pilot.press("escape")
        await settle(pilot)
        assert "Loading cancelled. Press R to try again." in screen_text(app)
        assert not screen.query_one(TimelineView).loading
        assert not any(w.group == "ticket" and w.is_running for w in app.workers)
        assert [t for t in shown if t[2] == "error"] == []

        await pilot.press("q")  # the screen is usable: back to the lookup
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
