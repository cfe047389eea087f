"""Auto-refresh of the open ticket (``auto_refresh`` in the config): new entries are added below
the reader, never under them, and the status line counts the ones not seen yet.

The ticket screen owns one :class:`AutoRefresh`; it reaches the screen through
:class:`RefreshHost`, so this module does not import the screen (no import cycle).
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from collections.abc import Coroutine, Sequence

    from textual.worker import WorkerManager

    from omnitui.api.models import Ticket, TimelineEntry
    from omnitui.tui.services import AppServices
    from omnitui.tui.widgets.ticket_header import TicketHeader
    from omnitui.tui.widgets.timeline import TimelineView

#: The worker groups of the ticket screen: a full load, and a quiet refresh.
LOAD_GROUP = "ticket"
POLL_GROUP = "poll"


class TicketHost(Protocol):
    """What both loading and auto-refresh need of the ticket screen."""

    ticket_id: int
    #: The whole ticket once read; None while loading (and while the rest of a big one is).
    ticket: Ticket | None
    #: Names the timeline of the answer ``ticket`` was read from (``PartialTicket.digest``):
    #: set with ``ticket``, so that a refresh can tell an unchanged timeline without reading it.
    ticket_digest: str | None
    history: bool
    workers: WorkerManager

    @property
    def services(self) -> AppServices: ...

    @property
    def header(self) -> TicketHeader: ...

    @property
    def timeline(self) -> TimelineView: ...

    def show_pinned(self, entries: Sequence[TimelineEntry]) -> object: ...

    def status(self, text: str | None = None) -> None:
        """Show ``text`` in the status line, or (None) what the timeline shows."""
        ...


class RefreshHost(TicketHost, Protocol):
    """What auto-refresh needs of the ticket screen besides."""

    def show_ticket(self, ticket: Ticket, *, keep_position: bool) -> None:
        """Show ``ticket`` in full, replacing what is shown."""
        ...

    def run_worker(self, work: Coroutine[None, None, None], **options: Any) -> object:
        """Textual's ``DOMNode.run_worker``."""
        ...


class AutoRefresh:
    """Fetches the ticket every ``every`` seconds while nothing else loads it."""

    def __init__(self, host: RefreshHost) -> None:
        self.host = host
        #: Entries auto-refresh added that the reader has not scrolled to yet.
        self.unseen = 0

    def tick(self) -> None:
        """The timer's call: a refresh starts only when no load or refresh is under way."""
        if self.host.ticket is not None and not self._busy(LOAD_GROUP, POLL_GROUP):
            self.host.run_worker(
                self.poll(),
                group=POLL_GROUP,
                exclusive=True,
                exit_on_error=False,
                description="auto-refresh",
            )

    def _busy(self, *groups: str) -> bool:
        return any(w.group in groups and w.is_running for w in self.host.workers)

    async def poll(self) -> None:
        """Fetch the ticket quietly; new entries are added below the reader, not under them.

        The ticket held afterwards keeps the entry objects it had (the timeline shows those):
        a refresh that found them unchanged must not leave a second copy of a 50,000-entry
        timeline behind, and one whose answer has the same timeline bytes does not decode it.
        """
        from omnitui.api.errors import ApiError

        host = self.host
        try:
            client = await host.services.wait_for_client()
            found = await client.refresh_ticket(
                host.ticket_id, history=host.history, seen=host.ticket_digest
            )
        except ApiError as exc:
            host.status(f"Auto-refresh failed: {exc}")
            return
        old = host.ticket
        if old is None or self._busy(LOAD_GROUP):
            return  # a full load is under way and will show the newest anyway
        ticket = found.ticket
        count = len(old.timeline)
        if found.same_timeline:
            added: list[TimelineEntry] = []
        elif await _same_entries(old.timeline, ticket.timeline[:count]):
            added = ticket.timeline[count:]
        else:
            host.show_ticket(ticket, keep_position=True)  # edited or removed entries: all again
            host.ticket_digest = found.digest
            return
        ticket = ticket.model_copy(
            update={
                "timeline": [*old.timeline, *added] if added else old.timeline,
                "skipped_entries": old.skipped_entries
                if found.same_timeline
                else ticket.skipped_entries,
            }
        )
        host.ticket = ticket
        host.ticket_digest = found.digest
        host.header.show(ticket)
        if not added:
            return
        timeline = host.timeline
        at_newest = timeline.at_newest
        timeline.append_entries(added)
        if any(e.pinned for e in added):
            host.show_pinned(ticket.timeline)
        if at_newest:
            timeline.go_to_newest()
        else:
            self.unseen += sum(timeline.entry_filter.shows(e) for e in added)
        host.status()

    def scrolled(self) -> None:
        """The reader scrolled: once they see the newest end, nothing is unseen any more."""
        if self.unseen and self.host.timeline.at_newest:
            self.unseen = 0
            self.host.status()


#: Timelines longer than this are compared in a thread: comparing 50,000 entries field by
#: field holds the event loop for tens of milliseconds.
_OFF_LOOP_ENTRIES = 1000


async def _same_entries(held: Sequence[TimelineEntry], read: Sequence[TimelineEntry]) -> bool:
    """Whether the entries read again are the ones held (no entry edited or removed)."""
    if len(held) != len(read):
        return False
    if len(held) > _OFF_LOOP_ENTRIES:
        import asyncio

        return await asyncio.to_thread(operator.eq, list(held), list(read))
    return list(held) == list(read)
