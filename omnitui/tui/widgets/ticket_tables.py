"""The lookup screen's lists of tickets: the recent ones, and the search results.

Their colours are Rich styles taken from the theme (``palette``): the screen fills them again
when the theme changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from omnitui.render.badges import learn_account_time
from omnitui.tui.text import badge_cell, status_text

if TYPE_CHECKING:
    from textual.widgets.data_table import RowKey

    from omnitui.api.models import Ticket
    from omnitui.core.clock import Clock
    from omnitui.storage.recent import RecentTicket

COLUMNS = ("Number", "Title", "Status", "SLA", "Priority", "Customer", "Last update")


class RecentTable(DataTable[Text]):
    """The tickets opened lately, newest first; Enter opens one again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def add_recent_columns(self) -> None:
        self.add_columns("Number", "Title", "Status")

    def show_recent(self, items: Sequence[RecentTicket], palette: Mapping[str, str]) -> None:
        self.clear()
        for item in items:
            self.add_row(
                Text(str(item.id)),
                Text(item.title),
                status_text(item.status, palette),
                key=str(item.id),
            )
        self.display = bool(items)


class ResultsTable(DataTable[Text]):
    """Search results, marked ones with ✓ (space marks, ``s`` sets their status)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def add_result_columns(self) -> None:
        self.add_column(" ", key="mark", width=1)
        for name in COLUMNS:
            self.add_column(name, key=name.lower())

    def show_tickets(
        self,
        tickets: Sequence[Ticket],
        *,
        marked: Set[int],
        clock: Clock,
        palette: Mapping[str, str],
        width: int,
    ) -> None:
        """Fill the table with ``tickets``; ``width`` is the screen's, which the titles fit."""
        self.clear()
        learn_account_time(clock, tickets)
        now = clock.account_now()
        # Titles are cut to what leaves the status and SLA columns in sight (30 at 80 columns).
        title_width = max(20, min(60, width - 50))
        for ticket in tickets:
            customer = ticket.customer.name if ticket.customer else ticket.from_
            title = Text(ticket.title)
            title.truncate(title_width, overflow="ellipsis")
            self.add_row(
                _mark(ticket.id in marked),
                Text(str(ticket.id)),
                title,
                status_text(str(ticket.status), palette),
                badge_cell(ticket, now, palette),
                Text(str(ticket.priority)),
                Text(customer),
                Text(ticket.last_update or ""),
                key=str(ticket.id),
            )

    def set_mark(self, row_key: RowKey, marked: bool) -> None:
        self.update_cell(row_key, "mark", _mark(marked))


def _mark(marked: bool) -> Text:
    return Text("✓" if marked else " ")
