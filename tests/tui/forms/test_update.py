"""Editing a ticket with ``e``: prefilled, only changes are sent, "nothing changed" says so."""

from __future__ import annotations

from omnitui.sandbox import SandboxServer
from omnitui.tui.forms.update import UpdateTicketForm
from omnitui.tui.screens.ticket import TicketScreen

from .conftest import (
    app_for,
    choose,
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


async def test_only_the_changed_fields_are_sent_and_the_ticket_view_shows_them(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "e", UpdateTicketForm)
        assert form.values() == {
            "title": "vraag van Thomas",
            "status": "",
            "external_id": "20164564646592575",
            "group": "10003",
            "agent": "0",
            "priority": "",
            "tags": "",
        }
        assert "unchanged (new)" in screen_text(app)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.message.startswith("Nothing changed")
        assert "Nothing changed: edit a field first" in flat(screen_text(app))
        assert posts(sandbox) == []

        await fill(pilot, title="Vraag van Thomas over zijn bestelling")
        await choose(pilot, "status", "solved")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        text = screen_text(app)
        assert "#858462 Vraag van Thomas over zijn bestelling" in text
        assert "solved" in text
        # What the ticket read back says, not what was sent.
        assert (
            "Title is now “Vraag van Thomas over zijn bestelling”. Status is now solved."
            in toasts(app)
        )

        # Again, now only the customer: the title and status are not sent a second time.
        form = await open_form(pilot, "e", UpdateTicketForm)
        assert form.values()["title"] == "Vraag van Thomas over zijn bestelling"
        await fill(pilot, external_id="")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)

    first, second = posts(sandbox)
    assert (first.method, first.path) == ("PUT", "/api/v2/ticket/858462")
    assert first.form == [
        ("title", "Vraag van Thomas over zijn bestelling"),
        ("status", "solved"),
    ]
    assert second.form == [("externalPrimaryID", "")]
    (stored,) = await fetch(sandbox, 858462)
    assert (stored.title, stored.status) == ("Vraag van Thomas over zijn bestelling", "solved")
    assert stored.customer is None  # an emptied external id unlinks the customer


async def test_assignment_priority_and_tags_from_the_edit_form_are_read_back(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox, ticket=100301)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket_app(pilot)
        await open_form(pilot, "e", UpdateTicketForm)
        await choose(pilot, "group", "10002")  # by name, from the ticket's own options
        await choose(pilot, "agent", "2")
        await choose(pilot, "priority", "high")
        await fill(pilot, tags="vip, refund")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        assert toasts(app)[-1] == (
            "Assigned to Finance / marleen. Priority is now high. Tags: vip, refund."
        )
        assert "Assigned: Finance / marleen · Tags: vip, refund" in screen_text(app)

    (put,) = posts(sandbox)
    assert put.form == [
        ("assignedGroupID", "10002"),
        ("assignedUserID", "2"),
        ("priority", "high"),
        ("tags", "vip,refund"),
    ]
