"""Replies and notes go out as the agent (``userID``), answer a message (``respondMessageID``) and
only on a channel Omnidesk can send on; what Omnidesk did not take is told, read back."""

from __future__ import annotations

import stat
from pathlib import Path
from urllib.parse import parse_qs

from omnitui.runtime.backends import AccountBackend, DemoBackend, Endpoint, Progress
from omnitui.sandbox import SandboxServer
from omnitui.sandbox.data import catalog
from omnitui.tui.app import OmniApp
from omnitui.tui.forms.message import NoteForm, ReplyForm
from omnitui.tui.screens.ticket import TicketScreen

from .conftest import (
    fetch,
    fill,
    flat,
    open_form,
    open_ticket_app,
    posts,
    screen_text,
    settle,
    toasts,
    wait_until,
)

DEMO_AGENT = 4


def agent_app(
    server: SandboxServer,
    ticket: int,
    *,
    agent_email: str = "Demo@Example.com",
    user_id: int | None = None,
) -> OmniApp:
    """The real app against ``server``, for an agent who gave their e-mail address."""
    backend = AccountBackend(
        server.url, server.api_key, "sandbox", agent_email=agent_email, user_id=user_id
    )
    return OmniApp(backend, ticket=ticket)


def user_lookups(server: SandboxServer) -> list[str]:
    """The ``query`` of every ``GET /user`` the sandbox received."""
    return [
        parse_qs(request.query).get("query", [""])[0]
        for request in server.requests
        if request.method == "GET" and request.path == "/api/v2/user"
    ]


async def send_reply(pilot, app: OmniApp, body: str) -> None:
    await fill(pilot, body=body)
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
    await settle(pilot)


async def test_a_reply_goes_as_the_agent_answering_the_customers_newest_message(
    sandbox: SandboxServer, isolated_home: Path
) -> None:
    app = agent_app(sandbox, 100302)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        await wait_until(pilot, lambda: app.identity is not None)
        await open_form(pilot, "r", ReplyForm)
        text = flat(screen_text(app))
        assert "Answering Bas Hoekstra's message of 25 Nov 08:38." in text
        assert "Sent as Demo Agent." in text
        await send_reply(pilot, app, "Beste Bas, we sturen een nieuw blad.")
        assert "Reply sent on #100302 as Demo Agent." in toasts(app)
        await pilot.press("end")
        await settle(pilot)
        assert "→ Demo Agent" in screen_text(app)  # the new entry, read back

    (request,) = posts(sandbox)
    assert request.field("type") == "1"
    assert request.field("userID") == str(DEMO_AGENT)
    assert request.field("respondMessageID") == "4006062"  # Bas's follow-up, the newest
    assert user_lookups(sandbox) == ["Demo@Example.com"]  # found once, any case
    (stored,) = await fetch(sandbox, 100302)
    entry = stored.timeline[-1]
    assert (entry.user_id, entry.user_name, entry.respond_message_id) == (
        DEMO_AGENT,
        "Demo Agent",
        4006062,
    )
    kept = isolated_home / "data" / "identity" / "sandbox.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


async def test_the_cursor_chooses_the_message_a_reply_answers(sandbox: SandboxServer) -> None:
    app = agent_app(sandbox, 100302)
    # Tall enough that the match does not scroll: on main, scrolling drops the cursor.
    async with app.run_test(size=(100, 50)) as pilot:
        await open_ticket_app(pilot)
        await pilot.press("slash", *"Gisteren", "enter")  # the cursor to Bas's first mail
        await settle(pilot)
        await open_form(pilot, "r", ReplyForm)
        assert "Answering Bas Hoekstra's message of 25 Nov 08:31." in flat(screen_text(app))
        await send_reply(pilot, app, "Beste Bas, de foto is binnen.")

    (request,) = posts(sandbox)
    assert request.field("respondMessageID") == "4006061"


async def test_the_user_found_is_kept_per_profile_and_not_looked_up_again(
    sandbox: SandboxServer,
) -> None:
    async with agent_app(sandbox, 100301).run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        await wait_until(pilot, lambda: pilot.app.identity is not None)
    assert user_lookups(sandbox) == ["Demo@Example.com"]

    app = agent_app(sandbox, 100301)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        await open_form(pilot, "i", NoteForm)
        assert "Sent as Demo Agent." in flat(screen_text(app))
        await send_reply(pilot, app, "Terugbetaling aangevraagd.")
        assert "Note added to #100301 as Demo Agent." in toasts(app)

    assert user_lookups(sandbox) == ["Demo@Example.com"]  # the second start asked nobody
    (request,) = posts(sandbox)
    assert (request.field("type"), request.field("userID")) == ("0", str(DEMO_AGENT))
    assert request.field("respondMessageID") is None  # a note answers nothing


async def test_a_user_id_in_the_profile_needs_no_lookup(sandbox: SandboxServer) -> None:
    app = agent_app(sandbox, 100301, agent_email="", user_id=DEMO_AGENT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        await open_form(pilot, "r", ReplyForm)
        await send_reply(pilot, app, "Beste Lieke, we storten het terug.")
        assert "Reply sent on #100301 as user 4." in toasts(app)
    assert user_lookups(sandbox) == []
    (request,) = posts(sandbox)
    assert request.field("userID") == str(DEMO_AGENT)


async def test_without_user_read_the_agent_is_told_once_and_replies_go_as_anonymous(
    fresh_db: Path,
) -> None:
    with SandboxServer(fresh_db, denied_permissions="USER_READ") as server:
        app = agent_app(server, 100301)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_ticket_app(pilot)
            await wait_until(pilot, lambda: app.identity is not None)
            await settle(pilot)
            told = [t for t in toasts(app) if "USER_READ" in t]
            assert told == [
                "Replies and notes are sent as Anonymous: this API key may not look users up "
                "(it lacks USER_READ). Set user_id in the profile to send as yourself."
            ]
            await open_form(pilot, "r", ReplyForm)
            assert "Sent as Anonymous: your Omnidesk user was not found" in flat(screen_text(app))
            await send_reply(pilot, app, "Beste Lieke, we kijken ernaar.")
            assert "Reply sent on #100301 as Anonymous." in toasts(app)
            assert len([t for t in toasts(app) if "USER_READ" in t]) == 1  # said once

        (request,) = posts(server)
        assert request.field("userID") is None  # never blocked: sent without one
        assert request.field("respondMessageID") == "4006060"
        assert user_lookups(server) == ["Demo@Example.com"]


async def test_an_address_without_a_user_is_told_plainly(sandbox: SandboxServer) -> None:
    app = agent_app(sandbox, 100301, agent_email="nobody@example.com")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        await wait_until(pilot, lambda: app.identity is not None)
        await settle(pilot)
        assert any(
            "no Omnidesk user has the e-mail address nobody@example.com" in t for t in toasts(app)
        )
        assert app.identity is not None and app.identity.user_id is None


async def test_a_reply_omnidesk_shows_as_from_anonymous_is_told(fresh_db: Path) -> None:
    ignoring = "userID,respondMessageID"
    with SandboxServer(fresh_db, ignore_fields=ignoring) as server:
        app = agent_app(server, 100302)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_ticket_app(pilot)
            await open_form(pilot, "r", ReplyForm)
            await send_reply(pilot, app, "Beste Bas, we sturen een nieuw blad.")
            (told,) = [t for t in toasts(app) if "accepted" in t]
            assert told.startswith(
                "Omnidesk accepted the reply but shows it as from Agent Anonymous: it was sent "
                "as Demo Agent (user 4), which this account did not take."
            )
            assert "did not record the reply as an answer to Bas Hoekstra's message" in told
            assert not any("Reply sent" in t for t in toasts(app))  # nothing claims success
            (shown,) = [n for n in app._notifications if n.message == told]
            assert shown.severity == "warning"

        (request,) = posts(server, "/api/v2/message")
        assert request.field("userID") == str(DEMO_AGENT)  # it was sent; the account dropped it


async def test_a_failed_read_back_is_told_and_the_reply_is_not_sent_again(
    sandbox: SandboxServer,
) -> None:
    app = agent_app(sandbox, 100302)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        await open_form(pilot, "r", ReplyForm)
        sandbox.faults.add("500", path="/api/v2/ticket/100302", method="GET")
        await send_reply(pilot, app, "Beste Bas, we sturen een nieuw blad.")
        (told,) = [t for t in toasts(app) if "accepted" in t]
        assert told.startswith("Omnidesk accepted the reply; reading the ticket back failed")
        assert told.endswith("so who it shows as was not checked.")
    assert len(posts(sandbox)) == 1


async def test_a_telephone_ticket_is_answered_by_email(sandbox: SandboxServer) -> None:
    app = agent_app(sandbox, 100298)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "r", ReplyForm)
        text = flat(screen_text(app))
        assert "Reply to #100298 (e-mail)" in text
        assert "This reply goes by e-mail: Omnidesk cannot send on telephone." in text
        assert form.values()["to"] == "oliver.evans@icloud.com"
        await send_reply(pilot, app, "Dear Oliver, your parcel is on its way.")
        assert "Reply sent on #100298 as Demo Agent." in toasts(app)

    (request,) = posts(sandbox)
    assert (request.field("type"), request.field("toAddress")) == ("1", "oliver.evans@icloud.com")


async def test_a_phone_only_customer_gets_no_reply_but_a_note(sandbox: SandboxServer) -> None:
    app = agent_app(sandbox, 100303)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "r", ReplyForm)
        reason = "This customer has no e-mail address: add a note (i), or call them (+31612345678)."
        assert reason in flat(screen_text(app))
        assert form.query_one("#form-submit").disabled
        await fill(pilot, body="Beste meneer Mulder, ...")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReplyForm)  # nothing went; the reason is said again
        assert form.message == reason
        assert posts(sandbox) == []

        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.focused.id == "confirm-keep")
        await pilot.press("enter")  # close, keep the draft
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await open_form(pilot, "i", NoteForm)
        await send_reply(pilot, app, "Teruggebeld: bezorging vrijdag.")
        assert "Note added to #100303 as Demo Agent." in toasts(app)

    (request,) = posts(sandbox)
    assert (request.field("type"), request.field("userID")) == ("0", str(DEMO_AGENT))
    assert not [r for r in sandbox.requests if r.field("type") == "2"]


class SandboxAsDemo(DemoBackend):
    """The demo backend, its sandbox process replaced by the test's server."""

    def __init__(self, server: SandboxServer) -> None:
        super().__init__(Path("unused.sqlite3"))
        self.server = server

    async def start(self, progress: Progress) -> Endpoint:
        return Endpoint(self.server.url, self.server.api_key, self.label)

    async def stop(self) -> None:
        return None


async def test_the_demo_finds_its_agent_by_itself(sandbox: SandboxServer) -> None:
    assert DemoBackend.agent_email == catalog.DEMO_AGENT_EMAIL
    app = OmniApp(SandboxAsDemo(sandbox), ticket=100301)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        await open_form(pilot, "r", ReplyForm)
        assert "Sent as Demo Agent." in flat(screen_text(app))
        await send_reply(pilot, app, "Beste Lieke, het geld komt terug.")
        assert "Reply sent on #100301 as Demo Agent." in toasts(app)
    assert user_lookups(sandbox) == ["demo@example.com"]
    (request,) = posts(sandbox)
    assert request.field("userID") == str(DEMO_AGENT)
