"""Reply (``r``) and internal note (``i``): sent with add_message, then seen in the timeline."""

from __future__ import annotations

from omnitui.api.models import EntryKind, Ticket
from omnitui.api.replying import customer_address, reply_route
from omnitui.api.requests import MessageKind
from omnitui.sandbox import SandboxServer
from omnitui.tui.forms.message import NoteForm, ReplyForm, message_prefill, message_request
from omnitui.tui.screens.ticket import TicketScreen

from .conftest import (
    app_for,
    choose,
    choose_with_keys,
    fetch,
    fill,
    open_form,
    open_ticket_app,
    posts,
    screen_text,
    settle,
    toasts,
    type_keys,
    wait_until,
)


async def test_a_reply_goes_to_the_customer_sets_the_status_and_shows_in_the_timeline(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "r", ReplyForm)
        # The inbound message's sender, on the ticket's e-mail channel; the editor has the focus.
        assert form.values()["to"] == "thomas@test.com"
        assert app.focused is form.query_one("#input-body")

        await fill(pilot, body="Beste Thomas,\n\nUw vraag is doorgestuurd.\n[b]Groet[/b]")
        await fill(pilot, cc="finance@mybrand.com")
        await choose(pilot, "status", "pending")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        text = screen_text(app)
        assert "Uw vraag is doorgestuurd." in text
        assert "[b]Groet[/b]" in text  # markup typed by the agent stays literal
        assert "4 entries" in text

    (request,) = posts(sandbox)
    assert (request.method, request.path) == ("POST", "/api/v2/message")
    assert request.field("ticketID") == "858462"
    assert request.field("type") == "1"
    assert request.field("toAddress") == "thomas@test.com"
    assert request.field("ccInput") == "finance@mybrand.com"
    assert request.field("submitStatus") == "pending"
    assert request.field("plaintext") == "Beste Thomas,\n\nUw vraag is doorgestuurd.\n[b]Groet[/b]"
    (stored,) = await fetch(sandbox, 858462)
    assert stored.status == "pending"
    entry = stored.timeline[-1]
    assert (entry.kind, entry.direction, entry.to) == (
        EntryKind.MESSAGE,
        "outbound",
        "thomas@test.com",
    )
    assert "Uw vraag is doorgestuurd." in entry.content


async def test_a_reply_reads_back_as_typed_after_a_reload(sandbox: SandboxServer) -> None:
    """omnitui sends the reply as escaped HTML; Omnidesk returns that as the content, with no tag
    in it, and the timeline shows what the agent typed, not the entities (issue 15)."""
    typed = "Tom & Jerry <3 and 5 > 4"
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket_app(pilot)
        await open_form(pilot, "r", ReplyForm)
        await fill(pilot, body=typed)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TicketScreen)
        screen.reload()
        await settle(pilot)
        text = screen_text(app)
        assert typed in text
        assert "&amp;" not in text and "&lt;" not in text

    (request,) = posts(sandbox)
    assert request.field("message") == "Tom &amp; Jerry &lt;3 and 5 &gt; 4"
    (stored,) = await fetch(sandbox, 858462)
    assert stored.timeline[-1].content == "Tom &amp; Jerry &lt;3 and 5 &gt; 4"


async def test_a_note_at_80x24_with_the_keyboard_alone(sandbox: SandboxServer) -> None:
    app = app_for(sandbox, ticket=100002)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "i", NoteForm)
        assert app.focused is form.query_one("#input-body")
        text = screen_text(app)
        assert "Add note" in text and "Cancel" in text  # the buttons fit on the screen

        await type_keys(pilot, "Klant belt terug.")
        await pilot.press("shift+tab")  # back to "Status after"
        await choose_with_keys(pilot, "status", "holding")
        await pilot.press("tab", "tab")  # past the editor to the Add note button
        assert app.focused is form.query_one("#form-submit")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        assert "Note added to #100002 as Anonymous." in toasts(app)

    (request,) = posts(sandbox)
    assert request.field("type") == "0"
    assert request.field("submitStatus") == "holding"
    assert request.field("toAddress") is None
    (stored,) = await fetch(sandbox, 100002)
    notes = [entry for entry in stored.timeline if entry.kind is EntryKind.NOTE]
    assert "Klant belt terug." in notes[-1].content
    assert stored.status == "holding"


def test_the_reply_recipient_is_the_customer_whichever_way_the_ticket_went(
    ticket: Ticket,
) -> None:
    assert customer_address(ticket) == "thomas@test.com"  # the inbound message's sender
    base = {"id": 1, "title": "t", "from": "ours@brand.nl", "to": "klant@x.nl"}
    outbound = Ticket.model_validate({**base, "direction": "outbound", "channel_id": 1})
    inbound = Ticket.model_validate(
        {**base, "from": "klant@x.nl", "to": "ours@brand.nl", "direction": "inbound"}
    )
    assert customer_address(outbound) == "klant@x.nl"  # "to" on an outbound ticket
    assert customer_address(inbound) == "klant@x.nl"  # "from" on an inbound one
    assert message_prefill(outbound, MessageKind.REPLY)["to"] == "klant@x.nl"

    chat = Ticket.model_validate({**base, "direction": "inbound", "channel_id": 8})
    assert reply_route(chat).channel_id == 8
    assert "to" not in message_prefill(chat, MessageKind.REPLY)  # no addresses off e-mail
    assert "to" not in message_prefill(ticket, MessageKind.NOTE)
    request = message_request(
        {"body": "Hallo via chat."}, ticket_id=1, kind=MessageKind.REPLY, channel_id=8
    )
    assert ("type", "8") in request.form()
