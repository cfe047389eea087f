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

#: After the ✓ of a marked row: a reply or note of the agent's not sent yet (its draft is kept).
DRAFT_MARK = "✎"
#: The first column: ✓ and ✎.
MARK_WIDTH = 2
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
    """Search results or a queue's tickets, marked ones with ✓ (space marks, ``s`` sets their
    status), and ✎ beside those with a reply or note not sent yet, in the same first column.

    The columns fit the table's width (:func:`fit_columns`): a cut header (``Priorit``) or a
    column out of sight to the right is information the agent does not know is missing.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._shown: _Shown | None = None
        self._fitted_width = 0

    def add_result_columns(self) -> None:
        """The columns before any search (the table shows its headers at once)."""
        self._add_columns({name: len(name) for name in COLUMNS})

    def show_tickets(
        self,
        tickets: Sequence[Ticket],
        *,
        marked: Set[int],
        drafted: Set[int] = frozenset(),
        clock: Clock,
        palette: Mapping[str, str],
        width: int,
    ) -> None:
        """Fill the table with ``tickets``; ``width`` (the screen's) is used until the table
        has a width of its own, and the columns are fitted again whenever that changes."""
        learn_account_time(clock, tickets)
        now = clock.account_now()
        rows: list[tuple[str, dict[str, Text]]] = []
        for ticket in tickets:
            customer = ticket.customer.name if ticket.customer else ticket.from_
            cells = {
                "Number": Text(str(ticket.id)),
                "Title": Text(ticket.title),
                "Status": status_text(str(ticket.status), palette),
                "SLA": badge_cell(ticket, now, palette),
                "Priority": Text(str(ticket.priority)),
                "Customer": Text(customer),
                "Last update": Text(ticket.last_update or ""),
            }
            rows.append((str(ticket.id), cells))
        self._shown = _Shown(rows, set(marked), set(drafted))
        self._fill(self.size.width or width)

    def set_mark(self, row_key: RowKey, marked: bool) -> None:
        drafted = False
        if self._shown is not None and row_key.value is not None:
            number = int(row_key.value)
            (self._shown.marked.add if marked else self._shown.marked.discard)(number)
            drafted = number in self._shown.drafted
        self.update_cell(row_key, "mark", _mark(marked, drafted))

    def on_resize(self) -> None:
        if self._shown is not None and self.size.width != self._fitted_width:
            row = self.cursor_row
            self._fill(self.size.width)
            self.move_cursor(row=row, animate=False)

    def _fill(self, width: int) -> None:
        assert self._shown is not None
        self._fitted_width = width
        natural = {
            name: max([len(name), *(cells[name].cell_len for _, cells in self._shown.rows)])
            for name in COLUMNS
        }
        # The vertical scrollbar takes its share whether or not it is showing yet.
        room = width - self.styles.scrollbar_size_vertical - _cost(MARK_WIDTH, self.cell_padding)
        widths = fit_columns(natural, room, self.cell_padding)
        self.clear(columns=True)
        self._add_columns(widths)
        for key, cells in self._shown.rows:
            shown = []
            for name, column_width in widths.items():
                cell = cells[name].copy()
                cell.truncate(column_width, overflow="ellipsis")
                shown.append(cell)
            number = int(key)
            mark = _mark(number in self._shown.marked, number in self._shown.drafted)
            self.add_row(mark, *shown, key=key)

    def _add_columns(self, widths: Mapping[str, int]) -> None:
        self.add_column(" ", key="mark", width=MARK_WIDTH)
        for name, width in widths.items():
            self.add_column(name, key=name.lower(), width=width)


class _Shown:
    """What the table shows, kept to fit it again to a new width."""

    def __init__(
        self, rows: list[tuple[str, dict[str, Text]]], marked: set[int], drafted: set[int]
    ) -> None:
        self.rows = rows
        self.marked = marked
        self.drafted = drafted


#: Columns that give way, in turn, and how narrow each may get: the title first.
SHRINK = (("Title", 24), ("Customer", 14), ("SLA", 17))
#: Columns left out, in turn, when the others do not fit even at those widths.
DROP = ("Last update", "Customer")
#: How narrow the title gets when only the essential columns are left.
TITLE_LAST = 10


def highlighted_ticket(table: object) -> list[int]:
    """The ticket under a list's cursor, as a list of one (empty when ``table`` is no list of
    tickets, or empty, or its row is not a ticket: the queue list's rows are queues)."""
    if not isinstance(table, DataTable) or table.row_count == 0:
        return []
    value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return [int(value)] if value and value.isdigit() else []


def fit_columns(natural: Mapping[str, int], room: int, padding: int = 1) -> dict[str, int]:
    """Column widths (in COLUMNS' order, some perhaps left out) whose total fits ``room``.

    ``natural`` is each column's widest cell or header. Columns give way in the order of
    SHRINK, down to their minimum; if that is not enough, the columns of DROP go, and what they
    leave goes back to the ones that gave way. Headers are never cut.
    """
    shown = [name for name in COLUMNS if name in natural]
    for dropped in (None, *DROP):
        if dropped is not None and dropped in shown:
            shown.remove(dropped)
        widths = {name: natural[name] for name in shown}
        over = sum(_cost(w, padding) for w in widths.values()) - room
        for name, least in SHRINK:
            if over <= 0:
                break
            if name in widths:
                give = min(over, max(0, widths[name] - max(least, len(name))))
                widths[name] -= give
                over -= give
        if over <= 0:
            return widths
    widths["Title"] = max(len("Title"), TITLE_LAST, widths["Title"] - over)
    return widths


def _cost(width: int, padding: int) -> int:
    return width + 2 * padding


def _mark(marked: bool, drafted: bool = False) -> Text:
    return Text(("✓" if marked else " ") + (DRAFT_MARK if drafted else ""))
