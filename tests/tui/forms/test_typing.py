"""Typing into a form that already holds text: a restored draft, a failed send, a mistake.

The agent's next keys must land where they expect (at the end of what is there), and a message
about a mistake must go once the mistake is fixed.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, TextArea

from omnitui.api.models import Ticket
from omnitui.sandbox import SandboxServer
from omnitui.storage.drafts import DraftStore
from omnitui.tui.forms.base import FormScreen
from omnitui.tui.forms.create import CreateTicketForm
from omnitui.tui.forms.message import NoteForm, ReplyForm
from omnitui.tui.forms.update import UpdateTicketForm

from .conftest import (
    FormHost,
    app_for,
    field_errors,
    fill,
    flat,
    open_form,
    open_ticket_app,
    posts,
    screen_text,
    settle,
    type_keys,
)

DRAFT = "Dear Grace,\nthe new one is on its way.\nKind regards"


async def test_a_restored_reply_draft_is_continued_at_its_end(ticket: Ticket) -> None:
    drafts = DraftStore("sandbox")
    drafts.save("reply", ticket.id, {"to": "grace@test.com", "body": DRAFT})
    form = ReplyForm(ticket, drafts=drafts)
    app = FormHost(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert form.restored
        assert app.focused is form.query_one("#input-body", TextArea)
        await type_keys(pilot, "XYZ")
        assert form.values()["body"] == DRAFT + "XYZ"

        # The one-line fields too: Tab into the restored address and go on typing.
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab")
        assert app.focused is form.query_one("#input-to", Input)
        await type_keys(pilot, "XYZ")
        assert form.values()["to"] == "grace@test.com" + "XYZ"


async def test_a_restored_edit_keeps_its_title_when_the_agent_types_on(ticket: Ticket) -> None:
    """Non-autosave forms come back after a failed send; the first field is an Input."""
    drafts = DraftStore("sandbox")
    drafts.save("update", ticket.id, {"title": "Printer broken again", "status": ""})
    form = UpdateTicketForm(ticket, drafts=drafts)
    app = FormHost(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert form.restored
        assert app.focused is form.query_one("#input-title", Input)
        await type_keys(pilot, " XYZ")
        assert form.values()["title"] == "Printer broken again XYZ"


async def test_after_a_failed_send_typing_goes_on_at_the_end_of_the_text(
    ticket: Ticket, shared: SandboxServer
) -> None:
    form = NoteForm(ticket, drafts=DraftStore("sandbox"))
    app = FormHost(form, shared)
    shared.faults.add(kind="500", method="POST", path="/api/v2/message")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill(pilot, body=DRAFT)
        form.query_one("#input-body", TextArea).move_cursor((0, 0))
        form.query_one("#form-submit").focus()
        await pilot.press("enter")  # the button, not ctrl+s
        await settle(pilot)
        assert "Server error from Omnidesk (HTTP 500)" in form.message
        assert app.focused is form.query_one("#input-body", TextArea)
        await type_keys(pilot, "XYZ")
        assert form.values()["body"] == DRAFT + "XYZ"
    assert len(posts(shared)) == 1


async def test_too_short_is_no_longer_said_once_the_text_is_long_enough(
    ticket: Ticket, shared: SandboxServer
) -> None:
    form = NoteForm(ticket)
    app = FormHost(form, shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_keys(pilot, "Hi")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert field_errors(form) == {"body": "Write at least 5 characters."}
        assert "Write at least 5 characters." in flat(screen_text(app))

        await type_keys(pilot, " y")  # still too short: the message stays
        assert field_errors(form) == {"body": "Write at least 5 characters."}
        await type_keys(pilot, "ou")
        assert field_errors(form) == {}
        assert "Write at least 5" not in flat(screen_text(app))
        assert form.values()["body"] == "Hi you"
        assert app.results == []  # fixing the text does not send it
    assert posts(shared) == []


async def test_a_fixed_field_loses_its_message_and_the_others_keep_theirs(
    ticket: Ticket,
) -> None:
    form = CreateTicketForm(ticket)
    app = FormHost(form)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await fill(pilot, title="", brand="two")
        await pilot.press("ctrl+s")
        await pilot.pause()
        before = field_errors(form)
        assert before["title"] == "Required."
        assert before["brand"] == "Enter a whole number (digits only)."

        await fill(pilot, title="Printer")
        after = field_errors(form)
        assert "title" not in after
        assert after["brand"] == before["brand"]  # still wrong: still said
        assert {name for name in after} <= set(before)  # nothing new while typing
        await fill(pilot, brand="2")
        assert "brand" not in field_errors(form)


async def test_no_letter_key_acts_while_a_form_field_has_the_focus(
    shared: SandboxServer,
) -> None:
    """The app's single-letter keys (g, ?, q …) are text inside a form, whatever is focused."""
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        form: FormScreen[Any] = await open_form(pilot, "r", ReplyForm)
        for target in ("#input-body", "#input-cc", "#input-status", "#form-submit"):
            form.query_one(target).focus()
            await pilot.pause()
            await pilot.press("g", "question_mark", "q", "r", "e")
            await pilot.pause()
            assert app.screen is form, f"a letter left the form from {target}"
        assert form.values()["body"] == "g?qre"
        assert form.values()["cc"] == "g?qre"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_at_any_size_the_whole_reply_form_is_on_screen(
    ticket: Ticket, size: tuple[int, int]
) -> None:
    form = ReplyForm(ticket)
    app = FormHost(form)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen.region
        for selector in ("#input-to", "#input-status", "#input-body", "#form-submit"):
            region = form.query_one(selector).region
            assert region.area and screen.contains_region(region), selector


async def test_the_reply_editor_grows_with_the_terminal(ticket: Ticket) -> None:
    heights = {}
    for size in ((80, 24), (120, 40)):
        form = ReplyForm(ticket)
        app = FormHost(form)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            heights[size] = form.query_one("#input-body").region.height
    assert heights[(80, 24)] >= 6
    assert heights[(120, 40)] >= heights[(80, 24)] + 12
