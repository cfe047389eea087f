"""Creating a ticket with ``c``: what the agent types is what the sandbox stores, to/from right."""

from __future__ import annotations

from pathlib import Path

from omnitui.api.models import Ticket
from omnitui.sandbox import SandboxServer
from omnitui.tui.forms.create import CreateTicketForm
from omnitui.tui.forms.message import ReplyForm
from omnitui.tui.screens.lookup import LookupScreen
from omnitui.tui.screens.ticket import TicketScreen

from ...conftest import API_KEY
from .conftest import (
    FormHost,
    app_for,
    choose,
    fetch,
    field_errors,
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


async def test_an_inbound_ticket_from_the_ticket_screen_is_stored_and_opens(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "c", CreateTicketForm)
        # Started from the open ticket: its brand and our address are already there.
        assert form.values()["our_address"] == "service@mybrand.com"
        assert form.values()["brand"] == "2"
        assert "sent as “from”; our address as “to”" in screen_text(app)

        await fill(pilot, title="Retour Flex desk", customer_address="anna@klant.nl")
        await fill(pilot, customer_name="Anna de Vries")
        await choose(pilot, "group", "10002")  # by name: the ticket's groups are in a list
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: isinstance(app.screen, TicketScreen) and app.screen.ticket_id != 858462
        )
        await settle(pilot)
        new_id = app.screen.ticket_id
        assert f"#{new_id} Retour Flex desk" in screen_text(app)

    (request,) = posts(sandbox)
    assert (request.method, request.path) == ("POST", "/api/v2/ticket")
    assert request.field("direction") == "inbound"
    assert request.field("from") == "anna@klant.nl"
    assert request.field("fromName") == "Anna de Vries"
    assert request.field("to") == "service@mybrand.com"
    assert request.field("assignedGroupID") == "10002"
    assert request.field("brandID") == "2"
    (stored,) = await fetch(sandbox, new_id)
    assert (stored.title, stored.direction, stored.from_, stored.to) == (
        "Retour Flex desk",
        "inbound",
        "anna@klant.nl",
        "service@mybrand.com",
    )
    assert stored.assigned_group_id == 10002


async def test_an_outbound_ticket_swaps_to_and_from_and_replies_go_to_the_customer(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query_one("#lookup-input").blur()
        assert isinstance(app.screen, LookupScreen)
        form = await open_form(pilot, "c", CreateTicketForm)
        assert form.values()["our_address"] == ""  # no ticket open: nothing to start from
        await choose(pilot, "direction", "outbound")
        assert "sent as “to”; our address as “from”" in screen_text(app)
        await fill(
            pilot,
            title="Uw bestelling MB-2026-1",
            customer_address="jan@klant.nl",
            our_address="service@mybrand.com",
            brand="2",
            group="10003",  # typed: without an open ticket the groups are not known
        )
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await open_ticket_app(pilot)
        new_id = app.screen.ticket_id

        reply = await open_form(pilot, "r", ReplyForm)
        assert reply.values()["to"] == "jan@klant.nl"  # the customer is "to" on outbound
        await fill(pilot, body="Uw bestelling is onderweg.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        assert "Uw bestelling is onderweg." in screen_text(app)

    create, message = posts(sandbox)
    assert create.field("direction") == "outbound"
    assert (create.field("from"), create.field("to")) == ("service@mybrand.com", "jan@klant.nl")
    assert create.field("assignedGroupID") == "10003"
    assert message.field("toAddress") == "jan@klant.nl"
    (stored,) = await fetch(sandbox, new_id)
    assert (stored.direction, stored.from_, stored.to) == (
        "outbound",
        "service@mybrand.com",
        "jan@klant.nl",
    )
    assert stored.timeline[-1].to == "jan@klant.nl"


async def test_mistakes_are_shown_next_to_their_fields_and_nothing_is_sent(
    ticket: Ticket, shared: SandboxServer
) -> None:
    form = CreateTicketForm(ticket)
    app = FormHost(form, shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await fill(pilot, customer_address="anna at klant", brand="two", form_id="0")
        await pilot.press("ctrl+s")
        await pilot.pause()

        errors = field_errors(form)
        assert errors == {  # every mistake at once, the address too
            "title": "Required.",
            "customer_address": "Not a valid e-mail address.",
            "brand": "Enter a whole number (digits only).",
            "form_id": "Must be 1 or more.",
        }
        assert app.focused is form.query_one("#input-title")  # the first field to fix
        text = flat(screen_text(app))
        assert "Required." in text and "Enter a whole number (digits only)." in text

        await fill(pilot, title="Vraag", brand="2", form_id="")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert field_errors(form) == {"customer_address": "Not a valid e-mail address."}
        await fill(pilot, customer_address="anna@klant.nl", our_address="")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert field_errors(form) == {"our_address": "Required."}
        assert app.screen is form
    assert posts(shared) == []


async def test_an_outbound_ticket_with_its_first_e_mail_priority_and_tags(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "c", CreateTicketForm)
        await choose(pilot, "direction", "outbound")
        hint = form.field("body").hint
        assert hint == "optional: e-mailed to the customer's address once the ticket exists"
        await fill(
            pilot,
            title="Uw bestelling MB-2026-1",
            customer_address="jan@klant.nl",
            body="Beste Jan,\nUw bestelling is onderweg.",
            tags="vip, b2b",
        )
        await choose(pilot, "priority", "high")
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: isinstance(app.screen, TicketScreen) and app.screen.ticket_id != 858462
        )
        await open_ticket_app(pilot)
        new_id = app.screen.ticket_id
        assert toasts(app)[-1] == (
            f"Ticket #{new_id} created. First message e-mailed to jan@klant.nl. "
            "Priority is now high. Tags: vip, b2b."
        )
        assert "Uw bestelling is onderweg." in screen_text(app)
        assert form.is_attached is False

    create, message, put = posts(sandbox)
    assert (create.field("from"), create.field("to")) == ("service@mybrand.com", "jan@klant.nl")
    assert (message.path, message.field("ticketID"), message.field("type")) == (
        "/api/v2/message",
        str(new_id),
        "1",
    )
    assert message.field("toAddress") == "jan@klant.nl"  # the customer: "to" on outbound
    assert (put.method, put.path) == ("PUT", f"/api/v2/ticket/{new_id}")
    assert put.form == [("priority", "high"), ("tags", "vip,b2b")]
    log = list(sandbox.requests)
    assert any(r.path == f"/api/v2/ticket/{new_id}" for r in log[log.index(put) + 1 :])
    (stored,) = await fetch(sandbox, new_id)
    assert (stored.priority, stored.tags) == ("high", ["vip", "b2b"])
    assert stored.timeline[-1].to == "jan@klant.nl"


async def test_an_inbound_ticket_s_first_message_is_a_note_and_unapplied_tags_are_told(
    fresh_db: Path,
) -> None:
    with SandboxServer(fresh_db, api_key=API_KEY, ignore_fields="tags") as server:
        app = app_for(server)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            app.screen.query_one("#lookup-input").blur()
            form = await open_form(pilot, "c", CreateTicketForm)
            assert "added as an internal note" in form.field("body").hint
            await fill(
                pilot,
                title="Telefoon: printer defect",
                customer_address="anna@klant.nl",
                our_address="service@mybrand.com",
                body="Anna belde: de printer doet het niet.",
                tags="printer",
            )
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
            await open_ticket_app(pilot)
            new_id = app.screen.ticket_id
            said = toasts(app)[-1]
            assert said.startswith(f"Ticket #{new_id} created. First message added as an")
            assert "Omnidesk accepted the change but the tags are still none" in said
            assert "Tags: printer" not in said
        _create, note, put = posts(server)
        assert (note.field("type"), note.field("toAddress")) == ("0", None)
        assert put.form == [("tags", "printer")]


async def test_a_first_message_too_short_is_said_with_the_other_mistakes(
    ticket: Ticket, shared: SandboxServer
) -> None:
    form = CreateTicketForm(ticket)
    app = FormHost(form, shared)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await fill(pilot, title="", body="Hoi", tags="x" * 101)
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = field_errors(form)
        assert errors["title"] == "Required."
        assert errors["body"] == "Write at least 5 characters, or nothing."
        assert errors["tags"].startswith("A tag must be printable text")
    assert posts(shared) == []
