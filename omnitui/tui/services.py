"""What the screens, forms and commands may ask of the app, as types, without importing the app.

``OmniApp`` provides all of it; a screen reaches it through ``self.services``, which is
``cast(AppServices, self.app)``. Textual's own ``App`` methods (``push_screen``, ``notify``,
``copy_to_clipboard`` …) stay on ``self.app``. The app imports the screens, so the screens
must not import it back: this module is what they share. It is imported before the first
frame, so it imports nothing at run time but ``typing``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.worker import Worker

    from omnitui.api.agents import AgentIdentity
    from omnitui.api.client import OmnideskClient
    from omnitui.api.models import Ticket
    from omnitui.api.partial_ticket import PartialTicket
    from omnitui.core.clock import Clock
    from omnitui.render.html_worker import HtmlConverter
    from omnitui.runtime.backends import Backend
    from omnitui.runtime.prefetch import Prefetch
    from omnitui.settings.load import Settings
    from omnitui.storage.drafts import DraftStore
    from omnitui.storage.recent import RecentTickets
    from omnitui.tui.ticket_list import TicketList


class Connection(Protocol):
    """What a form needs to send: the API client, once connected."""

    #: Why the backend could not be started, if it could not (the form says so instead).
    connection_error: str | None

    async def wait_for_client(self) -> OmnideskClient:
        """The client, once the backend is up (the demo sandbox may take a few seconds)."""
        ...


class AgentSource(Protocol):
    """Who the agent is: what replies and notes are sent as (``userID``)."""

    #: The agent's Omnidesk user once found; None while it is being looked up.
    identity: AgentIdentity | None

    async def agent_identity(self) -> AgentIdentity:
        """The agent's user, waiting a little for the lookup; Anonymous (saying why) else."""
        ...


class AppServices(Connection, AgentSource, Protocol):
    """The app's shared pieces: the account, the client, the clock, the stores, navigation."""

    clock: Clock
    #: Seconds between refreshes of the open ticket; 0 is off.
    ticket_refresh: float
    #: The account in use; None until one is configured (the welcome screen).
    backend: Backend | None
    #: None until connected.
    client: OmnideskClient | None
    #: The loaded configuration (its profiles), None when there is none.
    settings: Settings | None
    #: The recent tickets of the account in use.
    recent: RecentTickets

    @property
    def converter(self) -> HtmlConverter:
        """Converts e-mail HTML off the event loop."""
        ...

    @property
    def drafts(self) -> DraftStore:
        """The form drafts of the account in use."""
        ...

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once a frame has really been painted."""
        ...

    def take_prefetch(self, ticket_id: int) -> Prefetch | None:
        """The command line's ticket being fetched by a second process, once, if it is this."""
        ...

    def first_ticket_shown(self) -> None:
        """The command line's ticket is on screen (or will be fetched by the client): the
        start-up work held back for it may run now."""
        ...

    def open_ticket(
        self,
        ticket_id: int,
        ticket: Ticket | PartialTicket | None = None,
        *,
        ticket_list: TicketList | None = None,
    ) -> None:
        """Show a ticket; ``ticket`` when it was fetched already; ``ticket_list``: the queue or
        search it was opened from."""
        ...

    def remember(self, ticket: Ticket) -> Worker[None]:
        """Add ``ticket`` to the recent tickets."""
        ...

    def use_backend(self, backend: Backend) -> Worker[None]:
        """Talk to another account (or the demo) from now on."""
        ...

    async def switch_profile(self, name: str) -> None:
        """Switch to another ``[profiles.NAME]`` from the config file."""
        ...
