"""The lookup screen's search field: every letter is text here, so Esc is the way out."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchField(Input):
    """Search text (title, customer, address); Esc leaves it for the results.

    Unlike the number field, it must take every printable key as text, so the screen's letter
    keys (``?``, ``g``, ``q`` …) cannot work while it has focus. Esc, shown in the footer, says
    how to get them back.
    """

    BINDINGS = [
        Binding(
            "escape",
            "leave",
            "Leave search",
            tooltip="Leave the search field (for the results and the letter keys)",
            id="lookup.leave_search",
        )
    ]

    class Left(Message):
        """The agent pressed Esc: the screen decides where the focus goes."""

    def action_leave(self) -> None:
        self.post_message(self.Left())
