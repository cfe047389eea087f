"""Going through a list of tickets from the ticket screen: ``>`` the next one, ``<`` the one before.

The ticket screen's two actions are one line each, here; the list itself (its pages, the
ticket last opened) is :class:`~omnitui.tui.ticket_list.TicketList`. A step replaces the
ticket screen with the neighbour's, so ``q`` still goes straight back to the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from omnitui.api.errors import ApiError

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widgets import DataTable

    from omnitui.tui.ticket_list import TicketList

#: The worker group of a step: a second ``>`` while the first is reading a page replaces it.
STEP_GROUP = "ticket-list"


class Listed(Protocol):
    """What a step needs of the ticket screen (which imports this module, so it is not named)."""

    ticket_id: int
    ticket_list: TicketList | None


def place_text(screen: Listed) -> str:
    """The ticket's place in its list, for the ticket screen's status line ("" without one)."""
    ticket_list = screen.ticket_list
    if ticket_list is None:
        return ""
    place = ticket_list.place(screen.ticket_id)
    where = f" {place[0]}/{place[1]}" if place is not None else ""
    return f" · {ticket_list.title}{where} · < >"


def step(screen: Screen[None], delta: int) -> None:
    """``>`` (``delta`` 1) or ``<`` (-1) on the ticket screen: open the neighbour in its place."""
    ticket_list = _listed(screen).ticket_list
    if ticket_list is None:
        screen.notify(
            "> and < go through a queue or a search: this ticket was not opened from one.",
            severity="warning",
        )
        return
    screen.run_worker(
        _step(screen, ticket_list, delta),
        group=STEP_GROUP,
        exclusive=True,
        exit_on_error=False,
        description="next ticket",
    )


async def _step(screen: Screen[None], ticket_list: TicketList, delta: int) -> None:
    try:
        neighbour = await ticket_list.neighbour(_listed(screen).ticket_id, delta)
    except ApiError as exc:
        screen.notify(f"Could not read more of {ticket_list.title}: {exc}", severity="error")
        return
    if neighbour is None:
        end = "last" if delta > 0 else "first"
        screen.notify(f"This is the {end} ticket of {ticket_list.title}.", severity="information")
        return
    if not screen.is_current:
        return  # the agent went elsewhere while the page was read
    ticket_list.opened(neighbour)
    # The same kind of screen, for the neighbour (the class is not imported: it imports this).
    screen.app.switch_screen(type(screen)(neighbour, ticket_list=ticket_list))  # type: ignore[call-arg]


def _listed(screen: object) -> Listed:
    assert hasattr(screen, "ticket_list") and hasattr(screen, "ticket_id")
    return screen  # type: ignore[return-value]


def highlight(table: DataTable[object], ticket_list: TicketList | None) -> None:
    """Put the list's highlight on the ticket last opened from it (if it is on the table)."""
    if ticket_list is None or ticket_list.current is None:
        return
    from textual.widgets.data_table import RowDoesNotExist

    try:
        row = table.get_row_index(str(ticket_list.current))
    except RowDoesNotExist:  # it left the list since: the ticket now in its place
        row = min(ticket_list.index, max(table.row_count - 1, 0))
    table.move_cursor(row=row, animate=False)
