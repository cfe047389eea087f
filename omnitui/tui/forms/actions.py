"""The app-level actions the screens' keys call (``app.reply`` …), opening the right form.

A mixin for ``OmniApp`` (``class OmniApp(FormActions, App[None])``): each action finds its context
on the current screen (the open ticket, or the marked search results), opens the form, and when
the form succeeds refreshes what the agent is looking at or opens the new ticket.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from omnitui.api.models import Ticket
    from omnitui.tui.app import OmniApp
    from omnitui.tui.screens.ticket import TicketScreen


class FormActions:
    """``action_reply``, ``action_note``, ``action_update_ticket``, ``action_set_status`` and
    ``action_create_ticket`` for the app; Textual finds them on the app instance."""

    @property
    def _omni(self) -> OmniApp:
        return cast("OmniApp", self)

    # ------------------------------------------------------------------------------------------
    # The actions

    def action_reply(self) -> None:
        """Reply to the customer of the open ticket."""
        from omnitui.tui.forms.message import ReplyForm

        found = self._open_ticket("reply to")
        if found is not None:
            screen, ticket = found
            form = ReplyForm(ticket, drafts=self._omni.drafts)
            self._omni.push_screen(form, lambda sent: self._reload(screen) if sent else None)

    def action_note(self) -> None:
        """Add an internal note to the open ticket."""
        from omnitui.tui.forms.message import NoteForm

        found = self._open_ticket("add a note to")
        if found is not None:
            screen, ticket = found
            form = NoteForm(ticket, drafts=self._omni.drafts)
            self._omni.push_screen(form, lambda sent: self._reload(screen) if sent else None)

    def action_update_ticket(self) -> None:
        """Edit the open ticket's title, status or customer."""
        from omnitui.tui.forms.update import UpdateTicketForm

        found = self._open_ticket("edit")
        if found is not None:
            screen, ticket = found
            form = UpdateTicketForm(
                ticket, drafts=self._omni.drafts, on_reload=lambda: self._reload(screen)
            )
            self._omni.push_screen(form, lambda sent: self._reload(screen) if sent else None)

    def action_set_status(self) -> None:
        """Set the status of the open ticket, of the marked results, or of typed numbers."""
        from omnitui.tui.forms.status import SetStatusForm, StatusChange
        from omnitui.tui.screens.lookup import LookupScreen
        from omnitui.tui.screens.ticket import TicketScreen

        screen = self._omni.screen
        shown = None
        if isinstance(screen, TicketScreen):
            ids, key, shown = [screen.ticket_id], screen.ticket_id, screen.ticket
        elif isinstance(screen, LookupScreen):
            ids, key = screen.marked_ticket_ids(), None
        else:
            ids, key = [], None

        def done(change: StatusChange | None) -> None:
            if change is None:
                return
            if isinstance(screen, TicketScreen):
                self._reload(screen)
            elif isinstance(screen, LookupScreen):
                screen.clear_marks()
                screen.refresh_results()

        reload = (lambda: self._reload(screen)) if isinstance(screen, TicketScreen) else None
        form = SetStatusForm(
            ids, draft_ticket_id=key, drafts=self._omni.drafts, shown=shown, on_reload=reload
        )
        self._omni.push_screen(form, done)

    def action_create_ticket(self) -> None:
        """Create a ticket, starting from the open one's brand, channel and address."""
        from omnitui.tui.forms.create import CreateTicketForm
        from omnitui.tui.screens.ticket import TicketScreen

        screen = self._omni.screen
        ticket = screen.ticket if isinstance(screen, TicketScreen) else None

        def done(created: Ticket | None) -> None:
            if created is not None:
                self._omni.open_ticket(created.id)

        self._omni.push_screen(CreateTicketForm(ticket, drafts=self._omni.drafts), done)

    # ------------------------------------------------------------------------------------------
    # Context

    def _open_ticket(self, doing: str) -> tuple[TicketScreen, Ticket] | None:
        """The ticket screen and its loaded ticket, or None after telling the agent why not."""
        from omnitui.tui.screens.ticket import TicketScreen

        screen = self._omni.screen
        if not isinstance(screen, TicketScreen):
            self._omni.notify(f"Open a ticket first to {doing} it.", severity="warning")
            return None
        if screen.ticket is None:
            self._omni.notify(
                f"Ticket {screen.ticket_id} is still loading; try again in a moment.",
                severity="warning",
            )
            return None
        return screen, screen.ticket

    def _reload(self, screen: TicketScreen) -> None:
        if screen.is_attached:
            screen.reload()
