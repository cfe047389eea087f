"""How each form looks (SVG snapshots; ``--snapshot-update`` after a deliberate change).

The forms are shown by a bare host app over the seed's documented ticket, so nothing on screen
depends on the clock, a port or the sandbox: the snapshots are the same on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from omnitui.api.models import TicketStatus
from omnitui.tui.forms.conflict import ConflictScreen, editable_values, find_changes
from omnitui.tui.forms.create import CreateTicketForm
from omnitui.tui.forms.message import NoteForm, ReplyForm
from omnitui.tui.forms.status import SetStatusForm
from omnitui.tui.forms.update import UpdateTicketForm

from .conftest import FormHost, fill, seed_ticket

SnapCompare = Callable[..., bool]


async def still_cursor(pilot: Pilot[Any]) -> None:
    """A blinking cursor would make the picture depend on timing."""
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause()


def host(form: Screen[Any]) -> FormHost:
    return FormHost(form)


def test_create_form_at_80x24(snap_compare: SnapCompare) -> None:
    assert snap_compare(host(CreateTicketForm(seed_ticket())), run_before=still_cursor)


def test_create_form_with_validation_errors(snap_compare: SnapCompare) -> None:
    async def mistakes(pilot: Pilot[Any]) -> None:
        await still_cursor(pilot)
        await fill(pilot, customer_address="anna at klant", brand="two", form_id="0")
        await pilot.press("ctrl+s")

    assert snap_compare(
        host(CreateTicketForm(seed_ticket())), run_before=mistakes, terminal_size=(100, 30)
    )


def test_update_form(snap_compare: SnapCompare) -> None:
    assert snap_compare(
        host(UpdateTicketForm(seed_ticket())), run_before=still_cursor, terminal_size=(100, 30)
    )


def test_status_form_counting_tickets(snap_compare: SnapCompare) -> None:
    async def numbers(pilot: Pilot[Any]) -> None:
        await still_cursor(pilot)
        await fill(pilot, tickets="858462, 100001\n100002 oops")

    assert snap_compare(host(SetStatusForm([858462])), run_before=numbers, terminal_size=(100, 30))


def test_reply_form(snap_compare: SnapCompare) -> None:
    async def typed(pilot: Pilot[Any]) -> None:
        await still_cursor(pilot)
        await fill(pilot, body="Beste Thomas,\n\nDank voor uw vraag. [b]Dit blijft tekst.[/b]")

    assert snap_compare(host(ReplyForm(seed_ticket())), run_before=typed, terminal_size=(100, 30))


def test_note_form_at_80x24(snap_compare: SnapCompare) -> None:
    assert snap_compare(host(NoteForm(seed_ticket())), run_before=still_cursor)


def test_canned_reply_picker_at_80x24(snap_compare: SnapCompare, isolated_home: Path) -> None:
    folder = isolated_home / "config" / "snippets"
    folder.mkdir(parents=True)
    (folder / "Thanks for waiting.txt").write_text(
        "Dear {customer_first_name},\n\nThank you for waiting on #{ticket_id}.\n", "utf-8"
    )
    (folder / "Refund sent.md").write_text("Hi {customer_first_name}, it is on its way.", "utf-8")

    async def picking(pilot: Pilot[Any]) -> None:
        await still_cursor(pilot)
        await pilot.press("ctrl+t")
        await still_cursor(pilot)

    assert snap_compare(host(ReplyForm(seed_ticket())), run_before=picking)


def test_closing_with_text_asks_first(snap_compare: SnapCompare) -> None:
    async def typed_then_escape(pilot: Pilot[Any]) -> None:
        await still_cursor(pilot)
        await fill(pilot, body="Half af.")
        await pilot.press("escape")

    assert snap_compare(host(NoteForm(seed_ticket())), run_before=typed_then_escape)


def test_a_colleagues_change_asks_what_to_save(snap_compare: SnapCompare) -> None:
    """The question before an edit is saved over a change someone else made meanwhile."""
    shown = seed_ticket()
    current = shown.model_copy(
        update={
            "title": "Thomas belt morgen terug",
            "status": TicketStatus.PENDING,
            "last_update": "2024-10-09 09:12:44",
        }
    )
    typed = {**editable_values(shown), "title": "Vraag van Thomas: printer defect", "status": ""}
    changes = find_changes(shown, current, typed)
    assert changes is not None
    conflict = ConflictScreen(shown.id, current, changes)
    assert snap_compare(host(conflict), run_before=still_cursor, terminal_size=(100, 30))
