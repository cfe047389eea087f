"""After a reply or a note is sent, the ticket shows it: the view goes to the newest entry."""

from __future__ import annotations

import pytest

from omnitui.sandbox import SandboxServer
from omnitui.tui.forms.message import NoteForm, ReplyForm
from omnitui.tui.screens.ticket import TicketScreen

from .conftest import app_for, settle, wait_until, widget_text
from .forms.conftest import fill, open_form
from .test_ticket import open_ticket

LONG = 100010  # longer than the screen: the newest entry is far below the top


@pytest.mark.parametrize(
    ("key", "form", "words"),
    [("r", ReplyForm, "Refund sent today."), ("i", NoteForm, "Checked the refund.")],
)
async def test_the_sent_message_is_in_view(
    sandbox: SandboxServer, key: str, form: type, words: str
) -> None:
    app = app_for(sandbox, ticket=LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = await open_ticket(pilot, sandbox, LONG)
        assert words not in widget_text(timeline)
        await open_form(pilot, key, form)
        await fill(pilot, body=words)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await wait_until(pilot, lambda: any(words in e.content for e in timeline.entries))
        await settle(pilot)
        assert words in widget_text(timeline)
        assert timeline.at_newest
        assert timeline.current_position == timeline.shown_count - 1  # and marked
