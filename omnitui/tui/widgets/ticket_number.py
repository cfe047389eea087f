"""The lookup screen's ticket-number field: digits only, checked when Enter is pressed."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.validation import Regex
from textual.widgets import Input

TICKET_NUMBER = r"^\s*#?\s*\d{1,12}\s*$"


class TicketNumberInput(Input):
    """A ticket number never holds "/", so "/" typed here means what it means elsewhere.

    A binding, not a look at the value: a pasted "858462/" is kept and explained, not split.
    """

    BINDINGS = [
        # Priority: an Input takes printable keys before its non-priority bindings see them.
        # Shown: it hides the screen's "/" in the footer, so it has to say "Search" itself.
        Binding(
            "slash",
            "screen.focus_search",
            "Search",
            tooltip="Search tickets",
            priority=True,
            id="lookup.number_search",
        )
    ]

    def __init__(self, **options: Any) -> None:
        super().__init__(
            validators=[Regex(TICKET_NUMBER, failure_description="digits only")],
            validate_on=["submitted"],
            **options,
        )
