"""When sending fails the form stays open with everything typed, says why, and sent once."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from omnitui.api.models import Ticket
from omnitui.sandbox import SandboxServer
from omnitui.storage.drafts import DraftStore
from omnitui.tui.forms.create import CreateTicketForm
from omnitui.tui.forms.message import ReplyForm
from omnitui.tui.forms.update import UpdateTicketForm

from .conftest import FormHost, fetch, fill, flat, posts, screen_text, settle, wait_until

BODY = "Beste Thomas,\nwe sturen een nieuwe.\n"


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        (
            {"kind": "500"},
            "Server error from Omnidesk (HTTP 500): Internal server error. It may have been saved",
        ),
        (
            {"kind": "400", "message": "Ticket 858462 is locked by another agent."},
            "Omnidesk refused it: Ticket 858462 is locked by another agent. Nothing was changed.",
        ),
        ({"kind": "drop"}, "The connection to 127.0.0.1 broke off"),
    ],
    ids=["500", "400", "drop"],
)
async def test_a_failed_reply_keeps_the_form_the_text_and_the_draft(
    ticket: Ticket,
    request: pytest.FixtureRequest,
    fault: dict[str, str],
    says: str,
) -> None:
    # A dropped connection comes after the sandbox stored the reply: that needs a server of its
    # own; the others change nothing, so the shared one will do.
    server: SandboxServer = request.getfixturevalue(
        "sandbox" if fault["kind"] == "drop" else "shared"
    )
    drafts = DraftStore("sandbox")
    form = ReplyForm(ticket, drafts=drafts)
    app = FormHost(form, server)
    server.faults.add(**fault, method="POST", path="/api/v2/message")  # type: ignore[arg-type]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await fill(pilot, body=BODY)
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.screen is form and app.results == []
        assert form.values()["body"] == BODY
        assert says in form.message
        assert says in flat(screen_text(app))
        if fault["kind"] != "400":
            assert "may have been saved" in form.message  # so the agent refreshes first
        assert not form.query_one("#form-submit", Button).disabled
        draft = drafts.load("reply", 858462)
        assert draft is not None and draft.fields["body"] == BODY
        assert len(posts(server)) == 1  # a write is never retried by itself
        if fault["kind"] != "drop":
            return

        # Trying again is the agent's decision; it goes through and the draft is gone.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(app.results) == 1
    assert len(posts(server)) == 2
    assert drafts.load("reply", 858462) is None
    (stored,) = await fetch(server, 858462)
    assert sum(BODY.splitlines()[0] in entry.content for entry in stored.timeline) == 2


async def test_submitting_twice_quickly_sends_once(ticket: Ticket, sandbox: SandboxServer) -> None:
    form = CreateTicketForm(ticket)
    app = FormHost(form, sandbox)
    sandbox.faults.add("slow", delay_ms=1500, method="POST", path="/api/v2/ticket")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await fill(pilot, title="Dubbel?", customer_address="dubbel@klant.nl")
        await pilot.press("ctrl+s", "ctrl+s")
        submit = form.query_one("#form-submit", Button)
        assert submit.disabled and form.sending
        assert "Sending…" in flat(screen_text(app))
        await pilot.click("#form-submit")
        await pilot.press("ctrl+s")
        await settle(pilot)
        (created,) = app.results
    assert len(posts(sandbox)) == 1
    assert isinstance(created, Ticket)
    (stored,) = await fetch(sandbox, created.id)
    assert stored.title == "Dubbel?"


async def test_escape_while_sending_stops_waiting_and_keeps_the_form(
    ticket: Ticket, sandbox: SandboxServer
) -> None:
    form = UpdateTicketForm(ticket)
    app = FormHost(form, sandbox)
    sandbox.faults.add("slow", delay_ms=3000, method="PUT")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await fill(pilot, title="Nieuwe titel")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(posts(sandbox)) == 1)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form and not form.sending
        assert "may have been saved" in form.message
        assert form.values()["title"] == "Nieuwe titel"
        assert not form.query_one("#form-submit", Button).disabled


async def test_a_failed_create_comes_back_the_next_time_the_form_opens(
    sandbox: SandboxServer,
) -> None:
    drafts = DraftStore("sandbox")
    sandbox.faults.add("400", message="This brand does not exist.", method="POST")
    first = CreateTicketForm(drafts=drafts)
    app = FormHost(first, sandbox)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await fill(
            pilot,
            title="Levering",
            customer_address="piet@klant.nl",
            our_address="service@mybrand.com",
            brand="9",
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "This brand does not exist." in first.message

    again = CreateTicketForm(drafts=drafts)
    app = FormHost(again, sandbox)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        values = again.values()
        assert (values["title"], values["customer_address"], values["brand"]) == (
            "Levering",
            "piet@klant.nl",
            "9",
        )
        assert "What you typed when sending failed is back" in flat(screen_text(app))
        await fill(pilot, brand="2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(app.results) == 1
    assert drafts.load("create", None) is None
