"""Saving an edit after a colleague changed the ticket: the agent sees what changed and chooses.

A second writer changes the ticket through the sandbox's API between the moment the agent
opened the edit form and the moment they save; nothing the agent typed may be lost, and nothing
is written without their say.
"""

from __future__ import annotations

import pytest
from textual.widgets import Select

from omnitui.api.client import OmnideskClient
from omnitui.api.models import TicketStatus
from omnitui.api.requests import TicketUpdate
from omnitui.sandbox import SandboxServer
from omnitui.tui.forms.conflict import ConflictScreen, find_changes
from omnitui.tui.forms.status import SetStatusForm
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
    seed_ticket,
    settle,
    toasts,
    wait_until,
)

MINE = "Vraag van Thomas: printer defect"
THEIRS = "Thomas belt morgen terug"


async def someone_else_changes_it(server: SandboxServer) -> None:
    """A colleague, in their own browser tab: a new title and a new status."""
    async with OmnideskClient(server.url, server.api_key) as other:
        await other.update_ticket(858462, TicketUpdate(title=THEIRS))
        await other.set_status([858462], TicketStatus.PENDING)


@pytest.mark.parametrize("answer", ["overwrite", "reload", "stay"])
async def test_a_colleagues_change_is_shown_and_the_agent_chooses(
    sandbox: SandboxServer, answer: str
) -> None:
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_ticket_app(pilot)
        ticket_screen = app.screen
        form = await open_form(pilot, "e", UpdateTicketForm)
        await fill(pilot, title=MINE)
        await someone_else_changes_it(sandbox)
        writes_before = len(posts(sandbox))

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Someone else" in screen_text(app))
        modal = app.screen
        assert isinstance(modal, ConflictScreen)
        assert "Someone else changed ticket #858462" in flat(screen_text(app))
        text = modal.question
        assert "Someone else changed ticket #858462 while you were editing it" in text
        assert f"Title: “{THEIRS}” → “{MINE}”" in text
        assert "Status: “pending” (you did not change it: theirs stays)" in text
        assert len(posts(sandbox)) == writes_before  # nothing written before the agent chose

        await pilot.click(f"#confirm-{answer}")
        await settle(pilot)
        (stored,) = await fetch(sandbox, 858462)

        if answer == "overwrite":
            assert isinstance(app.screen, TicketScreen)
            assert len(posts(sandbox)) == writes_before + 1
            assert stored.title == MINE
            assert stored.status == TicketStatus.PENDING  # only what the agent changed was sent
            assert f"Title is now “{MINE}”." in toasts(app)
            return

        # Not saved: the form is still open with the agent's title, and the draft is on disk.
        assert app.screen is form
        assert form.values()["title"] == MINE
        assert len(posts(sandbox)) == writes_before
        assert stored.title == THEIRS
        assert form.drafts is not None
        draft = form.drafts.load("update", 858462)
        assert draft is not None and draft.fields["title"] == MINE
        if answer == "stay":
            assert "Not saved, because someone else changed the ticket meanwhile." in form.message
            assert "what you typed is kept" in form.message
            return

        assert "the form now starts from the ticket as it is" in form.message
        assert form.query_one("#input-status", Select).prompt == "unchanged (pending)"
        assert isinstance(ticket_screen, TicketScreen)
        await wait_until(
            pilot, lambda: ticket_screen.ticket is not None and ticket_screen.ticket.title == THEIRS
        )
        # Saving again now saves over the ticket as the agent has seen it: no second question.
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        (stored,) = await fetch(sandbox, 858462)
        assert (stored.title, stored.status) == (MINE, TicketStatus.PENDING)
        assert len(posts(sandbox)) == writes_before + 1


async def test_a_field_left_alone_follows_the_colleague_after_reload(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "e", UpdateTicketForm)
        await fill(pilot, external_id="")  # the agent unlinks the customer, leaves the title
        await someone_else_changes_it(sandbox)
        async with OmnideskClient(sandbox.url, sandbox.api_key) as other:  # and tags, an agent
            await other.update_ticket(858462, TicketUpdate(tags=("vip",), assigned_user_id=2))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Someone else" in screen_text(app))
        assert isinstance(app.screen, ConflictScreen)
        assert f"Title: “{THEIRS}” (you did not change it: theirs stays)" in app.screen.question
        await pilot.click("#confirm-reload")
        await settle(pilot)
        assert form.values() == {
            "title": THEIRS,
            "status": "",
            "external_id": "",
            "group": "10003",
            "agent": "2",
            "priority": "",
            "tags": "vip",
        }

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
    (stored,) = await fetch(sandbox, 858462)
    assert stored.title == THEIRS  # the old title was not written back over theirs
    assert stored.customer is None
    assert (stored.tags, stored.assigned_user_id) == (["vip"], 2)  # nor their tags and agent


def test_what_counts_as_a_change() -> None:
    shown = seed_ticket()
    same = shown.model_copy()
    assert find_changes(shown, same, {"title": shown.title}) is None

    later = shown.model_copy(update={"last_update": "2030-01-01 10:00:00"})
    assert find_changes(shown, later, {"title": "x"}) == []  # something the form does not edit

    # Changed within the same second as what was shown: the values still tell.
    retitled = shown.model_copy(update={"title": "Nieuw"})
    (change,) = find_changes(shown, retitled, {"title": "Mijn", "status": ""}) or []
    assert (change.label, change.theirs, change.yours) == ("Title", "Nieuw", "Mijn")


@pytest.mark.parametrize("answer", ["overwrite", "stay"])
async def test_setting_the_status_checks_for_a_colleagues_change_too(
    sandbox: SandboxServer, answer: str
) -> None:
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "s", SetStatusForm)
        await choose(pilot, "status", "closed")
        await someone_else_changes_it(sandbox)
        writes_before = len(posts(sandbox))

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Someone else" in screen_text(app))
        assert isinstance(app.screen, ConflictScreen)
        assert "Status: “pending” → “closed”" in app.screen.question
        assert f"Title: “{THEIRS}” (you did not change it: theirs stays)" in app.screen.question
        await pilot.click(f"#confirm-{answer}")
        await settle(pilot)
        (stored,) = await fetch(sandbox, 858462)

        if answer == "overwrite":
            assert isinstance(app.screen, TicketScreen)
            assert stored.status == TicketStatus.CLOSED
            assert len(posts(sandbox)) == writes_before + 1
        else:
            assert app.screen is form and form.values()["status"] == "closed"
            assert "Not saved" in form.message
            assert stored.status == TicketStatus.PENDING
            assert len(posts(sandbox)) == writes_before
