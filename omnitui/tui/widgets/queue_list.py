"""The lookup screen's Queues tab: the account's views with their ticket counts, Mine, Unassigned.

The list is shown as soon as the views are read; each count is asked for in the background, a
few at a time, and shown as it arrives, so a slow or failing count never holds the list back:
a count that fails shows "?" and, under the list, why. Enter lists the queue's tickets
(screens/queues.py). Keyboard only, like everything else.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from omnitui.api.errors import ApiError, ForbiddenError
from omnitui.core.sanitize import sanitize
from omnitui.tui import queues
from omnitui.tui.queues import AgentUnknown, Queue

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient
    from omnitui.tui.services import AppServices

#: Counts asked for at once: enough to fill the list quickly, few enough for a rate limit.
AT_ONCE = 3
VIEWS_FORBIDDEN = (
    "Views need the VIEW_READ permission, which this API key does not have, so the account's "
    "queues cannot be listed. Search (/) and ticket numbers still work; Mine and Unassigned are "
    "picked out of every ticket."
)


class QueueList(Vertical):
    """The queues, Mine and Unassigned first; Enter lists one, ``R`` counts them all again."""

    BINDINGS = [
        Binding(
            "R",
            "recount",
            "Recount",
            id="lookup.queues_recount",
            tooltip="Read the views and count their tickets again",
            show=False,
        )
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.queues: list[Queue] = []
        #: What each queue's Tickets column says, and why when it is "?" (by key).
        self._counts: dict[str, str] = {}
        self._problems: dict[str, str] = {}
        self._views_problem = ""

    @property
    def services(self) -> AppServices:
        return cast("AppServices", self.app)

    def compose(self) -> ComposeResult:
        yield DataTable(id="queue-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="queue-problem")
        yield Static("Reading the account's views…", id="queue-info")

    def on_mount(self) -> None:
        table = self.table
        table.add_column("Queue", key="queue")
        table.add_column("Tickets", key="count", width=7)
        table.add_column("", key="note")
        self.query_one("#queue-problem").display = False
        self.load()

    @property
    def table(self) -> DataTable[Text]:
        return cast("DataTable[Text]", self.query_one("#queue-table", DataTable))

    def action_recount(self) -> None:
        self.load()

    def recount(self) -> None:
        """Count the listed queues again (back from one, whose tickets may have moved)."""
        if self.queues:
            self.count_all()

    # ------------------------------------------------------------------------------------------
    # Reading the views, then the counts

    @work(exclusive=True, group="queues", exit_on_error=False, description="read the views")
    async def load(self) -> None:
        client = await self._client()
        if client is None:
            self.query_one("#queue-info", Static).update("")
            return  # the lookup screen says why there is no connection
        self._views_problem = ""
        try:
            views = await client.list_views()
        except ForbiddenError:
            views, self._views_problem = None, VIEWS_FORBIDDEN
        except ApiError as exc:  # the account does not answer: no queue would either
            self._say_views_problem(f"The account's views could not be read: {exc} R tries again.")
            self._show([])
            return
        self._say_views_problem(self._views_problem)
        self._show(queues.queues_for(views))
        self.count_all()

    async def _client(self) -> OmnideskClient | None:
        """The client once connected; None if connecting failed (not waited for forever)."""
        waiting = asyncio.ensure_future(self.services.wait_for_client())
        while not waiting.done():
            if self.services.connection_error is not None:
                waiting.cancel()
                return None
            await asyncio.wait({waiting}, timeout=0.25)
        return waiting.result()

    def _say_views_problem(self, text: str) -> None:
        self._views_problem = text
        problem = self.query_one("#queue-problem", Static)
        problem.update(Text(sanitize(text)))
        problem.display = bool(text)

    def _show(self, listed: list[Queue]) -> None:
        table = self.table
        row = table.cursor_row
        self.queues = listed
        self._counts = {queue.key: "…" for queue in listed}
        self._problems = {}
        table.clear()
        for queue in listed:
            table.add_row(Text(queue.title), Text("…", justify="right"), Text(""), key=queue.key)
        table.move_cursor(row=max(0, min(row, len(listed) - 1)), animate=False)
        if not listed:
            self.query_one("#queue-info", Static).update("")
        self._describe()

    @work(exclusive=True, group="queue-counts", exit_on_error=False, description="count queues")
    async def count_all(self) -> None:
        client = await self._client()
        if client is None:
            return
        limit = asyncio.Semaphore(AT_ONCE)

        async def one(queue: Queue) -> None:
            user_id = None
            if queue.filter is queues.Filter.MINE:  # the app may still be finding the agent
                user_id = await queues.agent_user_id(self.app)
            async with limit:
                self._set(queue, "…", "counting…")
                try:
                    found = await queues.count(client, queue, user_id)
                except AgentUnknown as exc:
                    self._set(queue, "—", "agent unknown", str(exc))
                except ApiError as exc:
                    self._set(queue, "?", "count failed", f"Its count failed: {exc}")
                else:
                    note = "by omnitui" if queue.filter is not None else ""
                    if found.at_least:
                        note = f"first {queues.SCAN_LIMIT} read"
                    self._set(queue, str(found), note)

        await asyncio.gather(*(one(queue) for queue in self.queues))

    def _set(self, queue: Queue, count: str, note: str, problem: str = "") -> None:
        if not self.is_attached or queue.key not in self._counts:
            return  # the list was read again meanwhile
        self._counts[queue.key] = count
        if problem:
            self._problems[queue.key] = problem
        else:
            self._problems.pop(queue.key, None)
        table = self.table
        table.update_cell(queue.key, "count", Text(count, justify="right"))
        table.update_cell(queue.key, "note", Text(note), update_width=True)
        self._describe()

    # ------------------------------------------------------------------------------------------
    # The highlighted queue, and opening it

    @on(DataTable.RowHighlighted, "#queue-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._describe()

    def highlighted(self) -> Queue | None:
        table = self.table
        if not self.queues or table.row_count == 0:
            return None
        return self.queues[min(table.cursor_row, len(self.queues) - 1)]

    def _describe(self) -> None:
        """Under the list: how the highlighted queue is made, and why its count failed."""
        queue = self.highlighted()
        if queue is None:
            return
        words = [queue.describe(), self._problems.get(queue.key, "")]
        words.append("Enter lists its tickets.")
        self.query_one("#queue-info", Static).update(
            Text(sanitize(" ".join(w for w in words if w)))
        )

    @on(DataTable.RowSelected, "#queue-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # not the screen's: a queue is no ticket number
        queue = self.highlighted()
        if queue is None:
            return
        from omnitui.tui.screens.queues import QueueScreen

        self.app.push_screen(QueueScreen(queue), self._back_from_queue)

    def _back_from_queue(self, _result: object) -> None:
        self.recount()
