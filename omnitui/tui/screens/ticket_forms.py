"""The forms the ticket screen opens over itself (``r``, ``i``, ``e``, ``s``, ``c``).

Each maker builds its form from the whole ticket; the screen checks first that it has one (a
reply addressed from half a timeline would go to the wrong people) and reloads the ticket once
a form has changed it. ``on_reload`` lets a form that found the ticket changed by someone else
show the newer copy underneath it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

    from omnitui.api.models import Ticket, TimelineEntry
    from omnitui.tui.services import AppServices

FormMaker = Callable[["Ticket", "AppServices", Callable[[], None]], "Screen[Any]"]


def reply_form(
    ticket: Ticket,
    services: AppServices,
    on_reload: Callable[[], None],
    *,
    answering: TimelineEntry | None = None,
) -> Screen[Any]:
    """Reply to the customer: to ``answering`` when it is a message (the cursor's), else to the
    newest message of the customer."""
    from omnitui.tui.forms.message import ReplyForm

    return ReplyForm(ticket, drafts=services.drafts, answering=answering)


def note_form(ticket: Ticket, services: AppServices, on_reload: Callable[[], None]) -> Screen[Any]:
    """Add an internal note."""
    from omnitui.tui.forms.message import NoteForm

    return NoteForm(ticket, drafts=services.drafts)


def update_form(
    ticket: Ticket, services: AppServices, on_reload: Callable[[], None]
) -> Screen[Any]:
    """Edit the title, status or customer."""
    from omnitui.tui.forms.update import UpdateTicketForm

    return UpdateTicketForm(ticket, drafts=services.drafts, on_reload=on_reload)


def status_form(
    ticket_id: int, shown: Ticket | None, services: AppServices, on_reload: Callable[[], None]
) -> Screen[Any]:
    """Set the status of this ticket (the form takes more numbers too, so no whole ticket is
    needed: ``shown`` is the copy on screen, if any, for the conflict check)."""
    from omnitui.tui.forms.status import SetStatusForm

    return SetStatusForm(
        [ticket_id],
        draft_ticket_id=ticket_id,
        drafts=services.drafts,
        shown=shown,
        on_reload=on_reload,
    )


def create_form(start: Ticket | None, services: AppServices) -> Screen[Any]:
    """Create a ticket, starting from this one's brand, channel and address (when loaded)."""
    from omnitui.tui.forms.create import CreateTicketForm

    return CreateTicketForm(start, drafts=services.drafts)
