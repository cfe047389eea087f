"""One ticket: its header and its whole timeline."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from omnitui.render.status_line import LoadState, TimelineState, not_ready_text, status_text
from omnitui.tui.screens import quick_changes, ticket_queue
from omnitui.tui.screens import ticket_forms as forms
from omnitui.tui.screens import ticket_sharing as sharing
from omnitui.tui.screens.ticket_bodies import convert_wanted
from omnitui.tui.screens.ticket_keys import TICKET_KEYS
from omnitui.tui.screens.ticket_loading import TicketLoader
from omnitui.tui.screens.ticket_refresh import LOAD_GROUP, AutoRefresh
from omnitui.tui.services import AppServices
from omnitui.tui.widgets.pinned import PinnedNotes
from omnitui.tui.widgets.ticket_header import TicketHeader
from omnitui.tui.widgets.timeline import TimelineView

if TYPE_CHECKING:
    from collections.abc import Sequence

    from omnitui.api.models import Ticket, TimelineEntry
    from omnitui.api.partial_ticket import PartialTicket
    from omnitui.render.entry_filter import EntryFilter
    from omnitui.render.export import ExportFormat, ExportScope
    from omnitui.tui.ticket_list import TicketList


class TicketScreen(Screen[None]):
    """Read a ticket; every network call runs in a worker, newest request wins."""

    CSS_PATH = Path(__file__).parent.parent / "ticket.tcss"

    #: Every key with its id (ticket_keys.py); each names one of the ``action_…`` methods below.
    BINDINGS = TICKET_KEYS

    def __init__(
        self,
        ticket_id: int,
        *,
        ticket: Ticket | PartialTicket | None = None,
        ticket_list: TicketList | None = None,
    ) -> None:
        super().__init__()
        self.ticket_id = ticket_id
        #: The queue or search it was opened from: ``>``/``<`` (ticket_queue.py).
        self.ticket_list = ticket_list
        #: The whole ticket once read; None while loading (and while the rest of a big one is).
        self.ticket: Ticket | None = None
        #: Names the timeline of the answer ``ticket`` came from (auto-refresh compares it).
        self.ticket_digest: str | None = None
        self._given = ticket
        self.history = False
        self._converting = False
        #: The first screenful's small mails are converted at once (ticket_bodies.py).
        self._first_bodies = True
        self.loader = TicketLoader(self)
        self.refresher = AutoRefresh(self)
        self._status_text: str | None = None

    @property
    def keys_wait(self) -> bool:
        """Keys typed before the ticket arrives wait for it (tui/key_order.py): else they would
        only say "still loading", or act on an empty screen."""
        return self.loader.state is LoadState.LOADING

    @property
    def services(self) -> AppServices:
        """What the app provides (the client, the stores, navigation); see ``services.py``."""
        return cast(AppServices, self.app)

    @property
    def header(self) -> TicketHeader:
        return self.query_one(TicketHeader)

    @property
    def timeline(self) -> TimelineView:
        return self.query_one(TimelineView)

    def compose(self) -> ComposeResult:
        # In one container: Textual's compositor draws each of the screen's children again on
        # every frame (a page-down), but not the children of a container the frame misses.
        with Vertical(id="ticket-top"):
            yield TicketHeader(clock=self.services.clock, id="ticket-header")
            yield Static("", id="ticket-error")
            yield PinnedNotes(id="pinned")
        yield TimelineView(id="timeline")
        yield Input(placeholder="Find in this ticket — Enter, then n / N", id="find-input")
        yield Static("", id="timeline-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#find-input").display = False
        self.query_one("#ticket-error").display = False
        self.query_one(PinnedNotes).display = False
        self.load(start=self._given)
        self._given = None
        timeline = self.timeline
        timeline.focus()
        self.watch(timeline, "scroll_y", self.refresher.scrolled, init=False)
        if self.services.ticket_refresh > 0:
            self.set_interval(self.services.ticket_refresh, self.refresher.tick)

    # ------------------------------------------------------------------------------------------
    # Loading (ticket_loading.py)

    @work(exclusive=True, group=LOAD_GROUP, exit_on_error=False, description="load ticket")
    async def load(
        self, keep_position: bool = False, start: Ticket | PartialTicket | None = None
    ) -> None:
        """Fetch and show the ticket (or show ``start``, already fetched by the lookup screen)."""
        await self.loader.load(keep_position, start)

    def show_ticket(self, ticket: Ticket, *, keep_position: bool) -> None:
        self.loader.show(ticket, keep_position=keep_position)

    def show_pinned(self, entries: Sequence[TimelineEntry]) -> None:
        """Pinned notes first (in the panel above the timeline)."""
        self.query_one(PinnedNotes).show_from(entries, self.services.converter)

    def action_pinned(self) -> None:
        panel = self.query_one(PinnedNotes)
        if not panel.entries:
            self.notify("This ticket has no pinned notes.", severity="information")
            return
        from omnitui.tui.screens.pinned import PinnedScreen

        self.app.push_screen(PinnedScreen(panel.entries, panel.bodies))

    @on(TicketHeader.Resized)
    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)  # once the header's new height is laid out

    def _fit(self) -> None:
        """Half the screen stays the timeline's: the pinned notes get what the header leaves."""
        height = self.size.height
        taken = sum(
            self.query_one(name).outer_size.height
            for name in (TicketHeader, "#ticket-error", "#timeline-status", Footer)
        )
        self.query_one(PinnedNotes).fit(min(height // 4, height // 2 - taken) - 1)  # its rule

    def show_error(self, text: str | None) -> None:
        error = self.query_one("#ticket-error", Static)
        error.display = text is not None
        if text is not None:
            error.update(Text(text))
            self._status("")

    # ------------------------------------------------------------------------------------------
    # HTML conversion, off the event loop

    @on(TimelineView.BodiesWanted)
    def _bodies_wanted(self) -> None:
        if not self._converting:
            self._converting = True
            self.convert_bodies()

    @work(group="convert", exit_on_error=False, description="convert mail")
    async def convert_bodies(self) -> None:
        first, self._first_bodies = self._first_bodies, False
        try:
            await convert_wanted(
                self.timeline,
                lambda: self.services.converter,
                first=first,
                converted=lambda: self.call_after_refresh(self.services.first_ticket_shown),
            )
        finally:
            self._converting = False

    # ------------------------------------------------------------------------------------------
    # Actions

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_next_ticket(self) -> None:
        ticket_queue.step(self, 1)

    def action_previous_ticket(self) -> None:
        ticket_queue.step(self, -1)

    def action_cancel(self) -> None:
        find = self.query_one("#find-input", Input)
        if find.display:
            find.display = False
            self.timeline.focus()
            return
        if self.workers and any(w.group == LOAD_GROUP and w.is_running for w in self.workers):
            self.workers.cancel_group(self, LOAD_GROUP)
            self.loader.stopped()

    def action_refresh(self) -> None:
        self.load(keep_position=True)

    def reload(self) -> None:
        """Fetch the ticket again, keeping the reader's place (after a form changed it)."""
        self.load(keep_position=True)

    def action_toggle_history(self) -> None:
        self.history = not self.history
        self.notify("Showing the event history." if self.history else "Hiding the event history.")
        self.load(keep_position=True)

    def action_toggle_order(self) -> None:
        timeline = self.timeline
        timeline.newest_first = not timeline.newest_first
        self.status()

    def action_filter(self) -> None:
        from omnitui.tui.screens.filter import FilterScreen

        timeline = self.timeline
        self.app.push_screen(FilterScreen(timeline.entries, timeline.entry_filter), self._filtered)

    def _filtered(self, entry_filter: EntryFilter | None) -> None:
        if entry_filter is None:
            return
        timeline = self.timeline
        timeline.set_filter(entry_filter)
        timeline.focus()
        self.status()

    def action_search(self) -> None:
        find = self.query_one("#find-input", Input)
        find.display = True
        find.focus()

    @on(Input.Changed, "#find-input")
    def _scrub_find(self, event: Input.Changed) -> None:
        from omnitui.tui.forms.fields import scrub  # the forms' module: not for the first frame

        scrub(event.input)  # a pasted escape sequence must not reach the terminal

    @on(Input.Submitted, "#find-input")
    async def _find(self, event: Input.Submitted) -> None:
        """Keys pressed while a long ticket is searched wait for it (this screen's queue)."""
        timeline = self.timeline
        self.query_one("#find-input").display = False
        timeline.focus()
        if event.value:
            self._status(f"Finding “{event.value[:40]}”…")
        count = await timeline.search(event.value)
        if event.value and count:
            timeline.next_match()
        elif event.value:
            self.notify(f"“{event.value[:40]}” is not in this ticket.", severity="warning")
        self.status()

    def action_next_match(self) -> None:
        self._go_match(backwards=False)

    def action_previous_match(self) -> None:
        self._go_match(backwards=True)

    def _go_match(self, *, backwards: bool) -> None:
        timeline = self.timeline
        if not timeline.query_text:
            self.action_search()
            return
        timeline.next_match(backwards=backwards)
        self.status()

    # ------------------------------------------------------------------------------------------
    # Taking the ticket elsewhere (ticket_sharing.py)

    def action_copy_entry(self) -> None:
        sharing.copy_entry(self, self.timeline.current_entry_text())

    def action_copy_url(self) -> None:
        sharing.copy_url(self, self._agent_url())

    def action_copy_brand_url(self) -> None:
        sharing.copy_url(self, sharing.brand_url(self, self._shown_ticket()))

    def action_download(self) -> None:
        from omnitui.tui.screens.ticket_attachments import download

        download(self)

    def action_export(self) -> None:
        from omnitui.tui.screens.export import ExportScreen

        if self._loaded_ticket() is None:
            return
        shown = self.timeline.shown_count
        modal = ExportScreen(self.ticket.id, self._export_text, shown=shown)
        self.app.push_screen(modal, self._exported)

    async def _export_text(self, fmt: ExportFormat, scope: ExportScope) -> str:
        assert self.ticket is not None  # the ticket as it is when the agent chose the format
        return await sharing.export_text(
            self.ticket,
            self.services.converter,
            fmt,
            scope,
            shows=self.timeline.entry_filter.shows,
            history_shown=self.history,
            with_history=self._with_history,
        )

    async def _with_history(self) -> Ticket:
        client = await self.services.wait_for_client()
        return await client.get_ticket(self.ticket_id, history=True)

    def _exported(self, result: str | None) -> None:
        if result:
            self.notify(result)

    def action_open_browser(self) -> None:
        sharing.open_in_browser(self, self._agent_url())

    def action_open_brand_page(self) -> None:
        sharing.open_in_browser(self, sharing.brand_url(self, self._shown_ticket()))

    def _shown_ticket(self) -> Ticket | None:
        """The ticket, or the header of a big one whose timeline is not all read."""
        partial = self.loader.partial
        return self.ticket or (partial.ticket if partial is not None else None)

    def _agent_url(self) -> str | None:
        if self.loader.state is LoadState.NOT_FOUND:
            self.notify(not_ready_text(self.ticket_id, self.loader.state), severity="warning")
            return None
        shown = self._shown_ticket()
        brand_page = shown.external_gui_url if shown is not None else None
        return sharing.agent_url(self, self.ticket_id, brand_page)

    # ------------------------------------------------------------------------------------------
    # Changing the ticket: a form over this screen, which reloads the ticket once it was sent

    def action_reply(self) -> None:
        """Reply to the customer."""
        cursor = self.timeline.cursor_entry  # the message it answers, if one
        self._open_form(partial(forms.reply_form, answering=cursor), to_newest=True)

    def action_note(self) -> None:
        """Add an internal note."""
        self._open_form(forms.note_form, to_newest=True)

    def action_update_ticket(self) -> None:
        """Edit the title, status or customer."""
        self._open_form(forms.update_form)

    def action_set_status(self) -> None:
        """Set the status of this ticket (the form takes more numbers too)."""
        form = forms.status_form(self.ticket_id, self.ticket, self.services, self._reload_if_shown)
        self.app.push_screen(form, self._changed)

    def action_quick(self, kind: str) -> None:
        """``a``, ``p``, ``t``: assign, priority, tags (quick_changes.py); reloads after."""
        quick_changes.on_ticket(self, kind, self._shown_ticket(), self._changed)

    def action_create_ticket(self) -> None:
        """Create a ticket, starting from this one's brand, channel and address."""
        self.app.push_screen(forms.create_form(self.ticket, self.services), self._created)

    def _open_form(self, make: forms.FormMaker, *, to_newest: bool = False) -> None:
        """``to_newest``: once sent, show the newest entry (what was just sent) in the reload."""
        if (ticket := self._loaded_ticket()) is not None:
            form = make(ticket, self.services, self._reload_if_shown)
            self.app.push_screen(form, partial(self._changed, to_newest=to_newest))

    def _loaded_ticket(self) -> Ticket | None:
        """The whole ticket, or None after telling the agent why there is none yet."""
        if self.ticket is None:
            self.notify(not_ready_text(self.ticket_id, self.loader.state), severity="warning")
        return self.ticket

    def _changed(self, outcome: object | None, *, to_newest: bool = False) -> None:
        if outcome is not None:
            self.loader.to_newest = to_newest
            self._reload_if_shown()

    def _reload_if_shown(self) -> None:
        if self.is_attached:
            self.reload()

    def _created(self, created: Ticket | None) -> None:
        if created is not None:
            self.services.open_ticket(created.id)

    # ------------------------------------------------------------------------------------------
    # Status line

    @on(TimelineView.CurrentChanged)
    def _current_changed(self) -> None:
        self.status()

    def status(self, text: str | None = None) -> None:
        """Show ``text`` in the status line, or (None) what the timeline shows."""
        if text is None:
            place = ticket_queue.place_text(self)
            timeline = self.timeline
            partial = self.loader.partial
            text = status_text(
                TimelineState(
                    count=len(timeline.entries),
                    shown=timeline.shown_count,
                    pending=None if partial is None else partial.pending or 0,
                    rest_counted=partial is None or partial.pending is not None,
                    reading_rest=self.loader.reading_rest,
                    unseen=self.refresher.unseen,
                    newest_first=timeline.newest_first,
                    history=self.history,
                    query=timeline.query_text,
                    found=len(timeline.matches),
                    filter_text=None
                    if timeline.entry_filter.is_all
                    else timeline.entry_filter.describe(),
                ),
                width=max(20, self.size.width - 2 - len(place)),  # less the line's padding
            )
            text += place  # where it is in the list it was opened from
        self._status(text)

    def _status(self, text: str) -> None:
        # Called on every move through the timeline, mostly with the same words: updating a
        # Static lays the screen out again, which costs more than the key itself.
        if text == self._status_text:
            return
        self._status_text = text
        self.query_one("#timeline-status", Static).update(Text(text))
