"""One queue's tickets, listed like search results: status, SLA, priority, customer, last update.

Paged as the search is (``n``/``p``), marked with Space, ``s`` sets the status of the marked
ones. A ticket opened here carries the list (screens/ticket_queue.py), so ``>`` and ``<`` on it go
through the queue; back here, the list shows the page the agent got to, the highlight on the
ticket last opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from omnitui.api.errors import ApiError
from omnitui.core.sanitize import sanitize
from omnitui.core.wording import plural
from omnitui.tui import queues
from omnitui.tui.queues import AgentUnknown, Queue, QueueTickets
from omnitui.tui.screens import ticket_queue
from omnitui.tui.ticket_list import TicketList
from omnitui.tui.widgets.ticket_tables import ResultsTable, highlighted_ticket

if TYPE_CHECKING:
    from omnitui.api.models import TicketPage
    from omnitui.tui.forms.status import StatusChange
    from omnitui.tui.services import AppServices

QUEUE_KEYS: list[BindingType] = [
    Binding(
        "space",
        "toggle_mark",
        "Mark",
        id="queue.mark",
        tooltip="Mark or unmark the highlighted ticket (the highlight stays)",
    ),
    Binding(
        "s",
        "set_status",
        "Status",
        id="queue.status",
        tooltip="Set the status of the marked tickets, or else of the highlighted one",
    ),
    Binding(
        "a",
        "quick('assign')",
        "Assign",
        show=False,
        id="queue.assign",
        tooltip="Assign the marked tickets (or the highlighted one) to a group and/or an agent",
    ),
    Binding(
        "p",
        "quick('priority')",
        "Priority",
        show=False,
        id="queue.priority",
        tooltip="With tickets marked: set their priority (else p is the previous page)",
    ),
    Binding(
        "t",
        "quick('tags')",
        "Tags",
        show=False,
        id="queue.tags",
        tooltip="Add or remove tags of the marked tickets (or the highlighted one)",
    ),
    Binding("n", "next_page", "Next page", id="queue.next_page", show=False),
    Binding("p", "previous_page", "Prev page", id="queue.previous_page", show=False),
    Binding(
        "R", "reload", "Refresh", id="queue.refresh", tooltip="Read the queue again", show=False
    ),
    Binding("q", "back", "Back", id="queue.back", tooltip="Back to the queues"),
    Binding("escape", "back", "Back", id="queue.escape", show=False, tooltip="Back to the queues"),
]


class QueueScreen(Screen[None]):
    """The tickets of one queue; Enter opens one (and ``>``/``<`` there go on through them)."""

    BINDINGS = QUEUE_KEYS

    def __init__(self, queue: Queue) -> None:
        super().__init__()
        self.queue = queue
        #: The queue's list, once the client is there: what the opened tickets step through.
        self.ticket_list: TicketList | None = None
        self._tickets: QueueTickets | None = None
        self._shown: TicketPage | None = None
        self._marked: set[int] = set()

    @property
    def services(self) -> AppServices:
        return cast("AppServices", self.app)

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Queue · {self.queue.title}"), id="queue-title")
        yield ResultsTable(id="queue-results")
        yield Static("Reading the queue…", id="queue-results-info")
        yield Footer()

    def on_mount(self) -> None:
        self.table.add_result_columns()
        self.table.focus()
        self.load(0)

    @property
    def table(self) -> ResultsTable:
        return self.query_one("#queue-results", ResultsTable)

    def _info(self, text: str) -> None:
        self.query_one("#queue-results-info", Static).update(Text(sanitize(text)))

    # ------------------------------------------------------------------------------------------
    # Reading and showing pages

    @work(exclusive=True, group="queue", exit_on_error=False, description="read the queue")
    async def load(self, start: int) -> None:
        self._info("Reading the queue…")
        self.table.loading = True
        try:
            if self.ticket_list is None:
                client = await self.services.wait_for_client()
                user_id = None
                if self.queue.filter is queues.Filter.MINE:
                    user_id = await queues.agent_user_id(self.app)
                self._tickets = QueueTickets(self.queue, client, user_id)
                self.ticket_list = TicketList(self.queue.title, self._tickets.page)
            page = await self.ticket_list.load(start)
        except AgentUnknown as exc:
            self._info(str(exc))
            return
        except ApiError as exc:
            self._info(f"{self.queue.title} could not be read: {exc} R tries again.")
            return
        finally:
            self.table.loading = False
        self._show(page)

    def _show(self, page: TicketPage) -> None:
        self._shown = page
        drafted = queues.drafted(self.services.drafts)
        self.table.show_tickets(
            page.items,
            marked=self._marked,
            drafted=drafted,
            clock=self.services.clock,
            palette=self.app.theme_variables,
            width=self.size.width,
        )
        ticket_queue.highlight(self.table, self.ticket_list)
        shown = {ticket.id for ticket in page.items}
        text = queues.page_text(page, drafts=bool(drafted & shown))
        if self._tickets is not None and self._tickets.capped:
            text += f" · only the newest {queues.SCAN_LIMIT} read"
        self._info(text)
        count = plural(page.total, "ticket")
        self.query_one("#queue-title", Static).update(Text(f"Queue · {self.queue.title} · {count}"))

    def on_screen_resume(self) -> None:
        """Back from a ticket: the page ``>``/``<`` got to, the highlight on the last opened,
        and the ✎ of a draft saved there."""
        ticket_list = self.ticket_list
        if ticket_list is None or ticket_list.page is None or not ticket_list.returning:
            return
        ticket_list.returning = False
        self._show(ticket_list.page)
        self.table.focus()

    def action_next_page(self) -> None:
        page = self._shown
        if page is not None and page.start + len(page.items) < page.total:
            self.load(page.start + queues.PAGE_SIZE)

    def action_previous_page(self) -> None:
        page = self._shown
        if page is not None and page.start > 0:
            self.load(max(0, page.start - queues.PAGE_SIZE))

    def action_reload(self) -> None:
        if self._tickets is not None:
            self._tickets.reset()
        self.load(self._shown.start if self._shown is not None else 0)

    def action_back(self) -> None:
        self.dismiss(None)

    # ------------------------------------------------------------------------------------------
    # Opening, marking, changing

    @on(DataTable.RowSelected, "#queue-results")
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is None or self.ticket_list is None:
            return
        number = int(event.row_key.value)
        self.ticket_list.opened(number)
        self.services.open_ticket(number, ticket_list=self.ticket_list)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_mark":
            return self.table.has_focus
        if action == "previous_page" or parameters == ("priority",):  # p: priority when marked
            return bool(self._marked) == (action == "quick")
        return True

    def action_quick(self, kind: str) -> None:
        """``a``, ``t``: assign, tags of the marked tickets or else the highlighted one; ``p``:
        the priority of the marked ones (as on the lookup screen: quick_changes.py)."""
        from omnitui.tui.screens import quick_changes

        marked = self.marked_ticket_ids()
        rows = marked if kind == "priority" or marked else self.highlighted_ticket()
        quick_changes.on_marked(self, kind, rows)

    def action_toggle_mark(self) -> None:
        table = self.table
        if table.row_count == 0:
            return
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        if row_key.value is None:
            return
        number = int(row_key.value)
        self._marked.symmetric_difference_update({number})
        table.set_mark(row_key, number in self._marked)
        if self._marked:
            self.notify(f"{plural(len(self._marked), 'ticket')} marked; s sets their status.")
        else:
            self.notify("No ticket marked; s sets the status of the highlighted one.")

    def marked_ticket_ids(self) -> list[int]:
        """The marked tickets, for changes to many at once."""
        return sorted(self._marked)

    def highlighted_ticket(self) -> list[int]:
        return highlighted_ticket(self.table)

    def clear_marks(self) -> None:
        self._marked.clear()
        if self._shown is not None:
            self._show(self._shown)

    def refresh_results(self) -> None:
        """Read the page again (after a form changed tickets: some may have left the queue)."""
        self.action_reload()

    def action_set_status(self) -> None:
        from omnitui.tui.forms.status import SetStatusForm

        numbers = self.marked_ticket_ids() or self.highlighted_ticket()
        self.app.push_screen(SetStatusForm(numbers, drafts=self.services.drafts), self._status_set)

    def _status_set(self, change: StatusChange | None) -> None:
        if change is not None:
            self._marked.clear()
            self.refresh_results()
