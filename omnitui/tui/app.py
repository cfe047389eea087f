"""The Textual application: starts the backend after the first paint and owns the shared pieces."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from omnitui.core import paths
from omnitui.core.clock import Clock
from omnitui.runtime.backends import Backend, BackendError, DemoBackend
from omnitui.storage.recent import RecentTickets
from omnitui.tui.commands import ProfileCommands
from omnitui.tui.contrast import ReadableThemeApp
from omnitui.tui.key_order import KeysInOrder
from omnitui.tui.screens.lookup import LookupScreen

log = logging.getLogger(__name__)

#: Seconds a send waits for the agent's user to be found before it goes as Anonymous.
IDENTITY_WAIT = 15.0
#: Seconds start-up work waits for the command line's prefetched ticket at most: a slow answer
#: must not keep the client, the lookup tabs and the rest from starting.
PREFETCH_HOLD = 1.0
#: Young collections as usual; a full one only every 1,000 middle ones (the default is 10).
GC_THRESHOLDS = (700, 10, 1000)

if TYPE_CHECKING:
    from omnitui.api.agents import AgentIdentity
    from omnitui.api.client import OmnideskClient
    from omnitui.api.models import Ticket
    from omnitui.api.partial_ticket import PartialTicket
    from omnitui.api.transport import RetryNotice
    from omnitui.render.html_worker import HtmlConverter
    from omnitui.runtime.prefetch import Prefetch
    from omnitui.settings.load import Settings
    from omnitui.storage.drafts import DraftStore
    from omnitui.storage.prefs import Preferences
    from omnitui.tui.hangup import HangupWatch
    from omnitui.tui.ticket_list import TicketList


class OmniApp(KeysInOrder, ReadableThemeApp):
    """omnitui: look a ticket up, read it, change it.

    The screens reach what it shares (the client, the converter, the stores …) through
    :class:`~omnitui.tui.services.AppServices`; it implements all of that interface.
    """

    # forms.tcss comes with the first form (FORMS_CSS): the first frame does not parse it. The
    # ticket screen's rules are read at start instead: a screen's own stylesheet, read when it is
    # first pushed, restyles every widget of the app (about 200 ms, the first ticket's wait).
    CSS_PATH = [Path(__file__).with_name("app.tcss"), Path(__file__).with_name("ticket.tcss")]
    TITLE = "omnitui"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Show every key"),
        Binding("g", "go_to_ticket", "Go to ticket", id="app.goto", tooltip="Look a ticket up"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False, priority=True),
    ]

    COMMANDS = App.COMMANDS | {ProfileCommands}

    def __init__(
        self,
        backend: Backend | None,
        *,
        ticket: int | None = None,
        preferences: Preferences | None = None,
        keymap: dict[str, str] | None = None,
        clock: Clock | None = None,
        settings: Settings | None = None,
        welcome_url: str = "",
        auto_refresh: float = 0,
        prefetch: Prefetch | None = None,
    ) -> None:
        """``backend`` None means nothing is configured yet: the welcome screen comes first;
        ``prefetch``: ``ticket`` being fetched by a second process (runtime/prefetch.py)."""
        super().__init__()
        self.clock = clock or Clock()
        #: Seconds between refreshes of the open ticket (settings.auto_refresh); 0 is off.
        #: Not ``auto_refresh``: Textual's widgets already have one (their repaint interval).
        self.ticket_refresh = auto_refresh
        self.initial_ticket = ticket
        self.preferences = preferences
        self.settings = settings
        self._keymap = keymap or {}
        self._welcome_url = welcome_url
        self.client: OmnideskClient | None = None
        self._converter: HtmlConverter | None = None
        self._drafts: DraftStore | None = None
        self._connected = asyncio.Event()
        #: The agent's Omnidesk user (storage/identity.py); None while it is being found.
        self.identity: AgentIdentity | None = None
        self._identity_found = asyncio.Event()
        #: Set once the first frame has been painted: what it does not need waits for it.
        self._first_frame = asyncio.Event()
        self._hangup: HangupWatch | None = None
        self._prefetch = prefetch
        #: While the prefetched ticket is on its way: what waits for the first frame waits for
        #: that ticket's instead (the client's import, the lookup tabs …), then runs in order.
        self._held: list[Callable[[], object]] | None = [] if prefetch is not None else None
        self.connection_error: str | None = None
        self.backend: Backend | None = None
        if backend is not None:
            self._set_backend(backend)
        if preferences is not None and preferences.theme in self.available_themes:
            self.theme = preferences.theme

    def _set_backend(self, backend: Backend) -> None:
        self.backend = backend
        self._drafts = None  # drafts are kept per account
        self.sub_title = backend.label
        self.recent = RecentTickets(
            paths.data_dir() / "recent" / f"{paths.account_slug(backend.label)}.json"
        )

    # ------------------------------------------------------------------------------------------
    # Start-up and shut-down

    async def on_mount(self) -> None:
        if self._keymap:
            self.set_keymap(self._keymap)
        if not self.is_headless:
            from omnitui.tui.hangup import watch_terminal

            self._hangup = watch_terminal(self)  # an SSH drop must not leave it spinning
        if self.backend is None:
            from omnitui.tui.screens.welcome import WelcomeScreen

            await self.push_screen(WelcomeScreen(url=self._welcome_url))
        else:
            self.connect()  # the lookup screen is the first screen (get_default_screen)
            if self.initial_ticket is not None and not isinstance(self.backend, DemoBackend):
                # Straight to a ticket: its screen is the first frame, and it waits for the
                # client itself. (The demo's lookup screen shows the sandbox starting first.)
                self.open_ticket(self.initial_ticket)
                self.initial_ticket = None
        # After what the screen scheduled for then (the lookup screen's tabs): callbacks run
        # in turn, and this one lets the client's long import start.
        self.after_first_frame(self._after_first_frame)
        if self._held is not None:
            self.set_timer(PREFETCH_HOLD, self.first_ticket_shown)

    def get_default_screen(self) -> Screen[object]:
        """With an account, the lookup screen is Textual's first screen rather than pushed over
        an empty one: a screen less to build and style before the first frame (about 40 ms)."""
        return LookupScreen() if self.backend is not None else super().get_default_screen()

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once a frame has really been painted (start-up: the first one).

        ``on_mount`` (with all it awaits, such as the first screen's mount) runs inside
        Textual's start-up batch, where ``call_after_refresh`` callbacks run without painting
        anything. The app's own message queue is only processed after that batch, so going
        through it first puts the callback after a real frame.
        """
        if self._held is not None:
            self._held.append(callback)
            return
        self.call_later(self.call_after_refresh, callback)

    def take_prefetch(self, ticket_id: int) -> Prefetch | None:
        prefetch = self._prefetch
        if prefetch is None or prefetch.ticket_id != ticket_id:
            return None
        self._prefetch = None
        return prefetch

    def first_ticket_shown(self) -> None:
        held, self._held = self._held, None
        for callback in held or ():
            self.after_first_frame(callback)

    def _after_first_frame(self) -> None:
        """Once the first frame is out: prepare what the first ticket would otherwise wait for.

        ``gc.freeze()`` moves everything start-up created (Textual, the models, the stylesheet)
        out of the collector's sight, and full collections become rare (GC_THRESHOLDS): with a
        5,000-entry ticket open one takes about 100 ms, which would stall scrolling. Instead
        the app collects when the reader leaves a ticket (:meth:`pop_screen`). No HTML worker
        process is started: the converter starts one only for a large mail (issue 16: memory
        per agent). Tests (headless) keep the interpreter's defaults.
        """
        self._first_frame.set()
        if self.is_headless:
            return
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)
        gc.enable()  # the command line switches it off for start-up
        self.call_after_refresh(self._warm_styles)

    def _warm_styles(self) -> None:
        """Read the forms' and help's stylesheets now, while the lookup screen is all there is.

        Textual reads a screen's own stylesheet when the screen is first pushed and then restyles
        every widget of the app: the first reply form opened over a long ticket waited for that.
        Here it is one restyle of a few widgets, once the first frame is out; the ticket screen's
        modules are imported now too.
        """
        importlib.import_module("omnitui.tui.screens.ticket")
        sources = [Path(__file__).with_name(name) for name in ("forms.tcss", "help.tcss")]
        missing = [path for path in sources if not self.stylesheet.has_source(str(path), "")]
        for path in missing:
            self.stylesheet.read(path)
        if missing:
            self.stylesheet.reparse()
            self.stylesheet.update(self)

    @work(exclusive=True, group="backend", exit_on_error=False, description="switch account")
    async def use_backend(self, backend: Backend) -> None:
        """Talk to another account (or the demo) from now on: a fresh lookup screen, new client."""
        self.workers.cancel_group(self, "connect")
        self.workers.cancel_group(self, "identity")
        old_client, old_backend = self.client, self.backend
        self.client = None
        self._connected.clear()
        self.identity = None
        self._identity_found.clear()
        self.connection_error = None
        self.initial_ticket = None  # a number from the command line belongs to the first account
        # The old account's screens go first, so nothing they finish lands in the new one.
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        # The first screen stays (Textual cannot swap the bottom of the stack safely: switching
        # it failed on a later mount), idle under the new account's lookup screen.
        self.workers.cancel_node(self.screen)
        self._set_backend(backend)
        await self.push_screen(LookupScreen())
        if old_client is not None:
            await old_client.aclose()
        if old_backend is not None and old_backend is not backend:
            await old_backend.stop()
        self.connect()

    async def switch_profile(self, name: str) -> None:
        """Switch to another ``[profiles.NAME]`` from the config file (command palette)."""
        from omnitui.runtime.backends import AccountBackend
        from omnitui.settings.load import ConfigError, resolve_account

        if self.settings is None:
            return
        try:
            # api_key_command may take a moment (a password manager): not on the event loop.
            account = await asyncio.to_thread(resolve_account, self.settings, name, env={})
        except ConfigError as exc:
            self.notify(str(exc), title="Could not switch profile", severity="error")
            return
        self.use_backend(
            AccountBackend(
                account.url,
                account.api_key.get_secret_value(),
                label=account.profile,
                agent_email=account.agent_email,
                user_id=account.user_id,
            )
        )
        self.notify(f"Now using the profile {name!r} ({account.url}).", title="Profile")

    @work(exclusive=True, group="connect", exit_on_error=False, description="connect")
    async def connect(self) -> None:
        """Start the backend (the demo sandbox may need a few seconds) and make the client.

        Not before the first frame: importing the client (httpx, pydantic, the models) takes
        longer than everything that frame needs.
        """
        await self._first_frame.wait()
        from omnitui.api.client import OmnideskClient

        lookup = self._lookup_screen()
        assert self.backend is not None
        try:
            endpoint = await self.backend.start(
                lambda text, fraction: lookup.show_progress(text, fraction) if lookup else None
            )
            self.client = OmnideskClient(
                endpoint.url, endpoint.api_key, on_retry=self._tell_retrying
            )
        except (BackendError, ValueError) as exc:
            self.connection_error = str(exc)
            while len(self.screen_stack) > 1 and self.screen is not lookup:
                await self.pop_screen()  # a ticket opened at once: the error is said below
            if lookup:
                lookup.show_connection_error(self.connection_error)
            return
        self._connected.set()
        self.find_agent(endpoint.url)
        if lookup:
            lookup.connected()
        if self.initial_ticket is not None:
            self.open_ticket(self.initial_ticket)
            self.initial_ticket = None

    @work(exclusive=True, group="identity", exit_on_error=False, description="find the agent")
    async def find_agent(self, url: str) -> None:
        """Find who the agent is on this account, once; a problem is said once, here."""
        from omnitui.storage.identity import AgentIdentity, AgentSetting, IdentityStore, find_agent

        backend, client = self.backend, self.client
        assert backend is not None and client is not None
        setting = AgentSetting(backend.agent_email.strip(), backend.user_id)
        try:
            identity = await find_agent(client, setting, IdentityStore(backend.label), url)
        except Exception:  # a bug must not stop replies: they go out as Anonymous, said so
            log.exception("finding the agent's user failed")
            identity = AgentIdentity(
                problem="Replies and notes are sent as Anonymous: omnitui could not find your "
                "Omnidesk user (see the log)."
            )
        if self.backend is not backend:
            return  # the account was switched meanwhile
        self.identity = identity
        self._identity_found.set()
        if identity.problem:
            self.notify(identity.problem, title="Who you are", severity="warning", timeout=20)

    async def agent_identity(self) -> AgentIdentity:
        """The agent's user, waiting a while for it to be found; never holds a reply back."""
        from omnitui.api.agents import AgentIdentity

        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._identity_found.wait(), IDENTITY_WAIT)
        if self.identity is None:
            return AgentIdentity(
                problem="Your Omnidesk user was still being looked up, so this was sent as "
                "Anonymous."
            )
        return self.identity

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Toasts carry ticket titles, URLs and server messages: always plain text.

        ``markup`` is ignored on purpose: ``Widget.notify`` passes ``markup=True`` by default,
        and one forgotten ``markup=False`` would let ``[@click=…]`` in API text become an action.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _tell_retrying(self, notice: RetryNotice) -> None:
        """Say why the app seems to wait, instead of looking hung."""
        from omnitui.api.errors import ErrorKind

        seconds = max(1, round(notice.delay))
        if notice.error.kind is ErrorKind.RATE_LIMITED:
            title, text = "Omnidesk asks to slow down", "Omnidesk is limiting requests (HTTP 429)."
        else:
            title, text = "Omnidesk is not answering", notice.error.message
        self.notify(
            f"{text} Retrying in {seconds} s…",
            title=title,
            severity="warning",
            timeout=max(3.0, notice.delay),
        )

    async def wait_for_client(self) -> OmnideskClient:
        await self._connected.wait()
        assert self.client is not None
        return self.client

    @property
    def converter(self) -> HtmlConverter:
        if self._converter is None:
            from omnitui.render.html_worker import HtmlConverter

            self._converter = HtmlConverter()
        return self._converter

    @property
    def drafts(self) -> DraftStore:
        """The form drafts of the account the app is connected to."""
        if self._drafts is None:
            from omnitui.storage.drafts import DraftStore

            assert self.backend is not None
            self._drafts = DraftStore(self.backend.label)
        return self._drafts

    async def on_unmount(self) -> None:
        if self._hangup is not None:
            self._hangup.stop()
        if self.client is not None:
            await self.client.aclose()
        if self._converter is not None:
            self._converter.close()
        if self._prefetch is not None:
            self._prefetch.close()
        if self.backend is not None:
            await self.backend.stop()

    # ------------------------------------------------------------------------------------------
    # Navigation

    def pop_screen(self) -> AwaitComplete:
        """Leaving a ticket frees it: collect now, while nothing is being read or scrolled."""
        from omnitui.tui.screens.ticket import TicketScreen

        leaving = self.screen
        done = super().pop_screen()
        if isinstance(leaving, TicketScreen):
            if isinstance(self.screen, LookupScreen):
                self.screen.back_from_ticket(leaving.ticket_list)
            if not self.is_headless:
                self.call_after_refresh(gc.collect)
        return done

    @work(group="recent", exit_on_error=False, description="recent tickets")
    async def remember(self, ticket: Ticket) -> None:
        """Add ``ticket`` to the recent tickets: in a thread, since the file is synced to disk
        (20 ms on a busy disk), then shown if the lookup screen is in front by then."""
        recent = self.recent
        await asyncio.to_thread(recent.add, ticket.id, ticket.title, str(ticket.status))
        lookup = self._lookup_screen()
        if lookup is not None and lookup is self.screen and self.recent is recent:
            lookup.refresh_recent()

    def open_ticket(
        self,
        ticket_id: int,
        ticket: Ticket | PartialTicket | None = None,
        *,
        ticket_list: TicketList | None = None,
    ) -> None:
        """Show a ticket; ``ticket`` when it was fetched already (by the lookup screen);
        ``ticket_list``: the queue or search it was opened from (``>``/``<`` go through it)."""
        from omnitui.tui.screens.ticket import TicketScreen

        self.push_screen(TicketScreen(ticket_id, ticket=ticket, ticket_list=ticket_list))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The welcome screen: nothing to look up yet, so not in the footer (None would show it
        # greyed out).
        return not (action == "go_to_ticket" and self.backend is None)

    def action_go_to_ticket(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, LookupScreen):
            self.pop_screen()
        if isinstance(self.screen, LookupScreen):
            self.screen.focus_lookup(select=True)

    def action_help(self) -> None:
        from omnitui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def watch_theme(self, theme: str) -> None:
        if self.preferences is not None and self.preferences.theme != theme:
            self.preferences.theme = theme
            self.preferences.save()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen is also a command in the palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or binding.action == "help":
                continue
            seen.add(binding.action)
            node = active.node

            async def run(node=node, action=binding.action) -> None:
                await self.run_action(action, node)

            yield SystemCommand(binding.description, binding.tooltip or binding.description, run)

    def _lookup_screen(self) -> LookupScreen | None:
        # The newest: after a switch of account, the first one may still be under it.
        return next((s for s in reversed(self.screen_stack) if isinstance(s, LookupScreen)), None)
