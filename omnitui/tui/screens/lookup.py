"""The first screen: type a ticket number, pick a recent ticket, or search."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from omnitui.core.sanitize import sanitize
from omnitui.core.ticket_numbers import parse_ticket_number
from omnitui.core.wording import plural
from omnitui.tui.screens import quick_changes
from omnitui.tui.screens.lookup_keys import LOOKUP_KEYS
from omnitui.tui.services import AppServices
from omnitui.tui.widgets.ticket_number import TicketNumberInput

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.widgets import Button, DataTable, Select

    from omnitui.api.models import Ticket, TicketPage
    from omnitui.tui.forms.status import StatusChange
    from omnitui.tui.ticket_list import TicketList
    from omnitui.tui.widgets.search_field import SearchField
    from omnitui.tui.widgets.ticket_tables import RecentTable, ResultsTable

STATUSES = ("new", "open", "pending", "holding", "solved", "closed")
PAGE_SIZE = 50


class LookupScreen(Screen[None]):
    """Look a ticket up by number, reopen a recent one, or search.

    The first frame holds only the number field, its message line and the footer: that is what
    a user needs at once, and all :func:`tools.bench.startup` waits for. The Recent and Search
    tabs (tables, a select, a progress bar: a few hundred milliseconds of styles and widgets) are
    mounted right after that frame, into the space the footer leaves free, so nothing moves.
    Until then the methods that need them wait (:meth:`_when_complete`) or have nothing to do.
    """

    #: Every key with its id (lookup_keys.py); each names one of the ``action_…`` methods below.
    BINDINGS = LOOKUP_KEYS

    def __init__(self) -> None:
        super().__init__()
        self._page_start = 0
        self._page: TicketPage | None = None
        self._marked: set[int] = set()
        #: The search results as a list ``>``/``<`` go through (ticket_queue.py).
        self.search_list: TicketList | None = None
        #: The ticket being fetched by the number field, while it is (Escape stops it).
        self._opening: int | None = None
        #: Whether the tabs are mounted yet; what was asked of them before, in order.
        self._complete = False
        self._pending: list[Callable[[], object]] = []
        #: The start-up progress (None: no bar), kept for a bar that is not mounted yet.
        self._progress: float | None = None

    @property
    def services(self) -> AppServices:
        """What the app provides (the client, the stores, navigation); see ``services.py``."""
        return cast(AppServices, self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="lookup-top"):
            yield Static(Text(f"omnitui · {self.services.backend.label}"), id="title-bar")
            with Horizontal(id="lookup-row"):
                # A Static, not a Label: one widget stylesheet less to parse before the frame.
                yield Static("Ticket number", id="lookup-label")
                yield TicketNumberInput(
                    placeholder="e.g. 858462 — Enter opens it", id="lookup-input"
                )
            yield Static("", id="lookup-message")
        yield Footer()

    def _compose_tabs(self) -> ComposeResult:
        from textual.widgets import Button, Select, TabbedContent, TabPane

        from omnitui.tui.widgets.queue_list import QueueList
        from omnitui.tui.widgets.search_field import SearchField
        from omnitui.tui.widgets.ticket_tables import RecentTable, ResultsTable

        with TabbedContent(id="lookup-tabs"):
            with TabPane("Queues", id="tab-queues"):
                yield QueueList(id="queue-list")
            with TabPane("Recent", id="tab-recent"):
                yield RecentTable(id="recent-table")
                yield Static(
                    "No recent tickets yet. Type a number above, or / to search.",
                    id="recent-empty",
                )
            with TabPane("Search", id="tab-search"):
                with Horizontal(id="search-row"):
                    yield SearchField(
                        placeholder="Search text (title, customer, address)", id="query"
                    )
                    yield Select(
                        [(s, s) for s in STATUSES],
                        prompt="any status",
                        id="status-filter",
                        allow_blank=True,
                    )
                    yield Button("Search", id="search-button", variant="primary")
                yield ResultsTable(id="results-table")
                yield Static("", id="results-info")

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._restyle)
        self.focus_lookup()
        if self.services.client is None and self.services.connection_error is None:
            self._message("Connecting…", "info")
        self.services.after_first_frame(self._mount_tabs)

    async def _mount_tabs(self) -> None:
        """After the first frame: the progress bar (hidden) and the tabs, where they belong."""
        from textual.widgets import ProgressBar

        if not self.is_attached:
            return
        bar = ProgressBar(id="startup-progress", show_eta=False)
        bar.display = False
        await self.query_one("#lookup-top").mount(bar)
        await self.mount_compose(self._compose_tabs(), before=self.query_one(Footer))
        if not self.is_attached:
            return  # the app was closed meanwhile (a quick q, or a test that only starts it)
        self._recent_table().add_recent_columns()
        self._results_table().add_result_columns()
        self._complete = True
        self._show_progress()
        self.refresh_recent()
        pending, self._pending = self._pending, []
        for callback in pending:
            callback()

    def _when_complete(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` now if the tabs are mounted, else as soon as they are."""
        if self._complete:
            callback()
        else:
            self._pending.append(callback)

    # ------------------------------------------------------------------------------------------
    # Start-up feedback, called by the app

    def show_progress(self, text: str, fraction: float | None) -> None:
        self._message(text, "info")
        self._progress = fraction
        self._show_progress()

    def connected(self) -> None:
        self._progress = None
        self._show_progress()
        self._message("", "info")

    def show_connection_error(self, text: str) -> None:
        self._progress = None
        self._show_progress()
        self._message(text, "error")

    def _show_progress(self) -> None:
        from textual.widgets import ProgressBar

        if not self._complete:
            return  # _mount_tabs calls again
        bar = self.query_one("#startup-progress", ProgressBar)
        if self._progress is None:
            bar.display = False
        else:
            bar.display = True
            bar.update(total=100, progress=round(self._progress * 100))

    # ------------------------------------------------------------------------------------------
    # Lookup by number

    def focus_lookup(self, *, select: bool = False) -> None:
        """Focus the number field; ``select`` its text, so that typing a new number replaces the
        last one (back from a ticket, or ``g``) instead of adding to it."""
        field = self.query_one("#lookup-input", Input)
        field.focus()
        if select:
            field.select_all()

    def action_focus_lookup(self) -> None:
        """Escape: stop waiting for a ticket that is being opened, and go to the number field."""
        if self._opening is not None:
            self.workers.cancel_group(self, "lookup")
            self._message(f"Stopped opening ticket {self._opening}.", "info")
            self._opening = None
        self.focus_lookup()

    @on(Input.Changed, "#query")
    @on(Input.Changed, "#lookup-input")
    def _scrub(self, event: Input.Changed) -> None:
        from omnitui.tui.forms.fields import scrub

        scrub(event.input)

    @on(Input.Submitted, "#lookup-input")
    def _submitted(self, event: Input.Submitted) -> None:
        number = parse_ticket_number(event.value)
        if number is None:
            self._message(
                f"“{event.value.strip()[:40]}” is not a ticket number: use digits only, "
                "like 858462.",
                "error",
            )
            return
        self.open_number(number)

    @property
    def keys_wait(self) -> bool:
        """Keys typed after Enter are for the ticket being opened (see tui/key_order.py)."""
        return self._opening is not None

    @work(exclusive=True, group="lookup", exit_on_error=False, description="open ticket")
    async def open_number(self, number: int, ticket_list: TicketList | None = None) -> None:
        from omnitui.api.errors import ApiError, NotFoundError

        self._opening = number
        self._message(f"Opening ticket {number}… (Esc stops waiting)", "info")
        try:
            client = await self.services.wait_for_client()
            # Its header and first entries: the ticket screen reads the rest while it shows them.
            ticket = await client.get_ticket_start(number)
        except NotFoundError:
            self._message(f"Ticket {number} not found.", "error")
            return
        except ApiError as exc:
            self._message(str(exc), "error")
            return
        finally:
            if self._opening == number:
                self._opening = None
        self._message("", "info")
        self.services.open_ticket(number, ticket, ticket_list=ticket_list)

    def _message(self, text: str, kind: str) -> None:
        widget = self.query_one("#lookup-message", Static)
        widget.update(Text(sanitize(text)))  # it may quote what was pasted: ESC and all
        widget.set_class(kind == "error", "error")

    # ------------------------------------------------------------------------------------------
    # Recent tickets

    def on_screen_resume(self) -> None:
        self.refresh_recent()

    def back_from_ticket(self, ticket_list: TicketList | None) -> None:
        """Back from a ticket opened from the results: the page ``>``/``<`` got to, the
        highlight on the ticket last opened, ✎ on a draft saved there. From any other ticket:
        the number field, its number selected (the next one typed replaces it)."""
        from omnitui.tui.screens import ticket_queue

        listed = self.search_list
        if not self._complete or ticket_list is None or ticket_list is not listed:
            self.focus_lookup(select=True)
            return
        listed.returning = False
        if listed.page is not None:
            self._show_page(listed.page)
        ticket_queue.highlight(self._results_table(), listed)
        self._results_table().focus()

    def _restyle(self, _theme: object) -> None:
        """The lists' colours are Rich styles taken from the theme: fill them again."""
        self.refresh_recent()
        if self._complete and self._page is not None:
            self._fill_results(self._page.items)

    def refresh_recent(self) -> None:
        if not self._complete:
            return  # _mount_tabs calls again
        items = self.services.recent.load()
        self._recent_table().show_recent(items, self.app.theme_variables)
        self.query_one("#recent-empty").display = not items

    # Named handlers rather than @on(DataTable.RowSelected) and the like: the widget classes
    # are imported after the first frame (_mount_tabs), not when this module is.
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            number, listed = int(event.row_key.value), None
            if event.data_table.id == "results-table" and self.search_list is not None:
                listed = self.search_list
                listed.opened(number)
            self.open_number(number, listed)

    # ------------------------------------------------------------------------------------------
    # Search

    def action_focus_search(self) -> None:
        self._when_complete(self._focus_search)

    def _focus_search(self) -> None:
        from textual.widgets import TabbedContent

        self.query_one(TabbedContent).active = "tab-search"
        self.query_one("#query", Input).focus()

    def on_search_field_left(self, event: SearchField.Left) -> None:
        """Esc in the search field: to the results if there are any, else the number field."""
        table = self._results_table()
        if table.row_count:
            table.focus()
        else:
            self.focus_lookup()

    @on(Input.Submitted, "#query")
    def _search_requested(self) -> None:
        self._page_start = 0
        self._marked.clear()
        self.run_search()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "search-button":
            self._search_requested()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "status-filter":
            self._page_start = 0
            self.run_search()

    def action_next_page(self) -> None:
        if self._page and self._page_start + PAGE_SIZE < self._page.total:
            self._page_start += PAGE_SIZE
            self.run_search()

    def action_previous_page(self) -> None:
        if self._page_start > 0:
            self._page_start = max(0, self._page_start - PAGE_SIZE)
            self.run_search()

    @work(exclusive=True, group="search", exit_on_error=False, description="search tickets")
    async def run_search(self) -> None:
        from textual.widgets import Select

        from omnitui.api.errors import ApiError
        from omnitui.tui import queues
        from omnitui.tui.ticket_list import TicketList

        query = self.query_one("#query", Input).value.strip()
        status = self.query_one("#status-filter", Select).value
        info = self.query_one("#results-info", Static)
        info.update(Text("Searching…"))
        table = self._results_table()
        table.loading = True
        try:
            client = await self.services.wait_for_client()
            page = await queues.search_page(client, query, status, self._page_start)
        except ApiError as exc:
            info.update(Text(str(exc)))
            return
        finally:
            table.loading = False
        fetch = functools.partial(queues.search_page, client, query, status)
        self.search_list = TicketList("search", fetch, page)
        self._show_page(page)

    def _show_page(self, page: TicketPage) -> None:
        from omnitui.tui import queues

        self._page, self._page_start = page, page.start
        shown = {ticket.id for ticket in page.items}
        drafted = self._fill_results(page.items)
        text = queues.page_text(page, drafts=bool(drafted & shown))
        self.query_one("#results-info", Static).update(Text(text))

    def marked_ticket_ids(self) -> list[int]:
        """Search results marked with space, for changes to many tickets at once."""
        return sorted(self._marked)

    def clear_marks(self) -> None:
        self._marked.clear()
        if self._page is not None:
            self._fill_results(self._page.items)

    def refresh_results(self) -> None:
        """Search again with the same query and page (after a form changed tickets)."""
        if self._page is not None:
            self.run_search()

    def action_set_status(self) -> None:
        """Set the status of the marked results; with none marked, of the highlighted ticket
        of the list in focus (or of numbers typed into the form)."""
        from omnitui.tui.forms.status import SetStatusForm

        numbers = self.marked_ticket_ids() or self._highlighted_ticket()
        form = SetStatusForm(numbers, drafts=self.services.drafts)
        self.app.push_screen(form, self._status_set)

    def action_quick(self, kind: str) -> None:
        """``a``, ``t``: assign, tags of the marked results or else the highlighted one; ``p``:
        the priority of the marked ones (quick_changes.py)."""
        marked = self.marked_ticket_ids()
        rows = marked if kind == "priority" or marked else self._highlighted_ticket()
        quick_changes.on_marked(self, kind, rows)

    def _highlighted_ticket(self) -> list[int]:
        """The ticket under the cursor of the focused list (results or recent), if any."""
        from omnitui.tui.widgets.ticket_tables import highlighted_ticket

        return highlighted_ticket(self.focused)

    def _status_set(self, change: StatusChange | None) -> None:
        if change is not None:
            self.clear_marks()
            self.refresh_results()

    def action_create_ticket(self) -> None:
        """Create a ticket."""
        from omnitui.tui.forms.create import CreateTicketForm

        self.app.push_screen(CreateTicketForm(None, drafts=self.services.drafts), self._created)

    def _created(self, created: Ticket | None) -> None:
        if created is not None:
            self.services.open_ticket(created.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space marks only in the search results: elsewhere it is not offered (nor shown).

        In the search field "/" is text; the footer must not offer it as a key there (Textual
        does not hide it by itself: it knows no character for the key name "slash")."""
        if action == "toggle_mark":
            return self._complete and self._results_table().has_focus
        if action == "previous_page" or parameters == ("priority",):  # p: priority when marked
            return bool(self._marked) == (action == "quick")
        if action == "focus_search":
            return not (self._complete and self.query_one("#query", Input).has_focus)
        return True

    def action_toggle_mark(self) -> None:
        if not self._complete:
            return
        table = self._results_table()
        if not table.has_focus or table.row_count == 0:
            return
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        if row_key.value is None:
            return
        number = int(row_key.value)
        self._marked.symmetric_difference_update({number})
        # The highlight stays on the row: Down moves on, a second space unmarks.
        table.set_mark(row_key, number in self._marked)
        if self._marked:
            count = plural(len(self._marked), "ticket")
            self.notify(f"{count} marked: s status, a assign, p priority, t tags.")
        else:
            self.notify("No ticket marked; s sets the status of the highlighted one.")

    def _fill_results(self, tickets: list[Ticket]) -> set[int]:
        """Show ``tickets``; returns those with an unsent draft (marked ✎)."""
        from omnitui.tui import queues

        drafted = queues.drafted(self.services.drafts)
        self._results_table().show_tickets(
            tickets,
            marked=self._marked,
            drafted=drafted,
            clock=self.services.clock,
            palette=self.app.theme_variables,
            width=self.size.width,
        )
        return drafted

    def _results_table(self) -> ResultsTable:
        from omnitui.tui.widgets.ticket_tables import ResultsTable

        return self.query_one("#results-table", ResultsTable)

    def _recent_table(self) -> RecentTable:
        from omnitui.tui.widgets.ticket_tables import RecentTable

        return self.query_one("#recent-table", RecentTable)
