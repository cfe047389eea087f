"""Fetching the ticket screen's ticket and showing it: whole, or a big one in two steps.

A big ticket is shown as soon as its header and oldest entries are read, which is what the first
screen needs; the rest of the timeline is read in a thread meanwhile and added below. The screen
owns one :class:`TicketLoader` and runs :meth:`TicketLoader.load` in its worker; the loader
reaches the screen through :class:`LoadHost`, so it does not import the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from omnitui.render.status_line import LoadState
from omnitui.tui.screens.ticket_refresh import POLL_GROUP, TicketHost

if TYPE_CHECKING:
    from omnitui.api.models import Ticket
    from omnitui.api.partial_ticket import PartialTicket


async def finish_ticket(start: PartialTicket) -> Ticket:
    """:meth:`OmnideskClient.finish_ticket` without the client: a ticket fetched while the app
    started is shown before the client exists. A whole one needs nothing more imported."""
    if start.whole:
        return start.ticket
    from omnitui.api.ticket_rest import finish

    return await finish(start)


class LoadHost(TicketHost, Protocol):
    """What loading needs of the ticket screen besides."""

    def show_error(self, text: str | None) -> None:
        """Show ``text`` in place of the timeline's top; None hides it."""
        ...

    def notify(self, message: str, **options: Any) -> None: ...

    def call_after_refresh(self, callback: Callable[[], object]) -> bool: ...


class TicketLoader:
    """Where the loading of one ticket got to, and the steps that show it."""

    def __init__(self, host: LoadHost) -> None:
        self.host = host
        #: A big ticket shown before all of its timeline is read.
        self.partial: PartialTicket | None = None
        self.reading_rest = False
        #: Why the last load showed no ticket (not found, failed, cancelled); None if none did.
        self.failed: LoadState | None = None
        #: Show the newest entry once the ticket is loaded again (after a reply or note).
        self.to_newest = False

    @property
    def state(self) -> LoadState:
        if self.host.ticket is not None:
            return LoadState.LOADED
        if self.failed is not None:
            return self.failed
        if self.partial is not None:
            return LoadState.READING_REST if self.reading_rest else LoadState.STOPPED
        return LoadState.LOADING

    async def load(self, keep_position: bool, start: Ticket | PartialTicket | None) -> None:
        """Fetch and show the ticket (or show ``start``, already fetched by the lookup screen).

        A reload (which keeps the reader's place) and newest-first order wait for it all.
        """
        from omnitui.api.errors import ApiError, NotFoundError
        from omnitui.api.models import Ticket

        host = self.host
        # A quiet auto-refresh in flight would bring an older copy after this one: stop it.
        host.workers.cancel_group(host, POLL_GROUP)  # type: ignore[arg-type]
        timeline = host.timeline
        timeline.loading = host.ticket is None and start is None
        host.status("Loading…")
        self.failed = None
        try:
            if start is None and not host.history:
                start = await self._prefetched()
            if start is None:
                client = await host.services.wait_for_client()
                start = await client.get_ticket_start(host.ticket_id, history=host.history)
            timeline.loading = False
            if isinstance(start, Ticket):
                self.show(start, keep_position=keep_position)
                return
            if keep_position or timeline.newest_first or start.whole:
                ticket = await finish_ticket(start)
                self.show(ticket, keep_position=keep_position, digest=start.digest)
                return
            self.reading_rest = True
            try:
                self._show_first(start)
                # The first frame is drawn before the thread starts: it would share the GIL.
                await self._next_frame()
                ticket = await finish_ticket(start)
            finally:
                self.reading_rest = False
        except NotFoundError:
            self.failed = LoadState.NOT_FOUND
            host.show_error(f"Ticket {host.ticket_id} not found. Press g to look up another.")
            return
        except ApiError as exc:
            self._could_not_read(
                str(exc), broken=self.partial is not None and self.partial is start
            )
            return
        finally:
            timeline.loading = False
        self._show_rest(start, ticket)

    def _could_not_read(self, why: str, *, broken: bool) -> None:
        """A load failed. A ticket shown in full stays; the first entries of one whose answer
        was ``broken`` (its rest not JSON) go: it is as if no answer had come."""
        host = self.host
        if host.ticket is not None:
            host.notify(why, title="Could not refresh", severity="error")
            host.status()
            return
        from omnitui.render.html import render_body

        if broken:
            self.partial = None
            host.timeline.set_entries([], plain_body=render_body)
            host.show_pinned([])
        self.failed = LoadState.FAILED
        host.show_error(f"{why} Press R to try again, g for another ticket.")

    async def _prefetched(self) -> PartialTicket | None:
        """The ticket fetched while the app started (``omnitui TICKET``), if it was; the app's
        deferred start-up work waits until it is shown (or did not come)."""
        services = self.host.services
        prefetch = services.take_prefetch(self.host.ticket_id)
        if prefetch is None:
            return None
        try:
            start = await prefetch.result()
        except BaseException:
            services.first_ticket_shown()
            raise
        if start is None:
            services.first_ticket_shown()  # the client fetches it: let it connect
        return start  # the screen says when its first screenful is drawn

    def stopped(self) -> None:
        """Escape stopped the load: a big ticket stays as far as it was read."""
        self.host.timeline.loading = False
        if self.partial is not None:
            self.reading_rest = False
            self.host.status()
        else:
            self.failed = LoadState.CANCELLED
            self.host.status("Loading cancelled. Press R to try again.")

    async def _next_frame(self) -> None:
        import asyncio

        drawn = asyncio.Event()
        self.host.call_after_refresh(drawn.set)
        await drawn.wait()

    def show(self, ticket: Ticket, *, keep_position: bool, digest: str | None = None) -> None:
        """Show the whole ``ticket`` in place of what is shown; ``digest`` names its answer's
        timeline (:attr:`PartialTicket.digest`), for auto-refresh."""
        from omnitui.render.html import render_body

        host = self.host
        host.ticket = ticket
        host.ticket_digest = digest
        self.partial = None
        host.show_error(None)
        host.header.show(ticket)
        timeline = host.timeline
        timeline.set_entries(ticket.timeline, plain_body=render_body, keep_position=keep_position)
        if self.to_newest:
            self.to_newest = False
            timeline.go_to_newest()
        host.show_pinned(ticket.timeline)
        self._opened(ticket)
        host.status()
        self._drawn_unless_converting()

    def _show_first(self, start: PartialTicket) -> None:
        """The header and the oldest entries of a big ticket; ``host.ticket`` stays None (forms
        and export wait) until :meth:`_show_rest` has it all."""
        from omnitui.render.html import render_body

        host = self.host
        head = start.ticket
        self.partial = start
        host.show_error(None)
        host.header.show(head)
        host.timeline.set_entries(head.timeline, plain_body=render_body)
        host.show_pinned([*head.timeline, *start.pinned])
        host.status()
        self._drawn_unless_converting()

    def _drawn_unless_converting(self) -> None:
        """Tell the app once this is drawn, unless mail on screen is still to be converted (the
        screen tells it then): held-back start-up work must not delay the mail's text."""
        host = self.host
        if not host.timeline.wanted_bodies(1):
            host.call_after_refresh(host.services.first_ticket_shown)

    def _show_rest(self, start: PartialTicket, ticket: Ticket) -> None:
        """The rest of a big ticket's timeline, added below without moving the reader; or, when
        the entries shown first turned out not to be the oldest (the server's order), the
        whole timeline sorted, the reader kept at the same place."""
        from omnitui.render.html import render_body

        host = self.host
        host.ticket = ticket
        host.ticket_digest = start.digest
        self.partial = None
        shown = start.ticket.timeline
        entries = ticket.timeline
        if len(entries) >= len(shown) and all(a is b for a, b in zip(shown, entries, strict=False)):
            added = entries[len(shown) :]
            host.timeline.append_entries(added)
            if start.lazy is not None and any(e.pinned for e in added):
                host.show_pinned(entries)  # pinned notes among the entries decoded last
        else:
            host.header.show(ticket)  # the answer may have been read again whole
            host.timeline.set_entries(entries, plain_body=render_body, keep_position=True)
            host.show_pinned(entries)
        self._opened(ticket)
        host.status()

    def _opened(self, ticket: Ticket) -> None:
        self.host.services.remember(ticket)
        if ticket.skipped_entries:
            self.host.notify(
                f"{ticket.skipped_entries} timeline entries could not be read and are not shown.",
                severity="warning",
            )
