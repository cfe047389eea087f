"""The lookup screen's keys, each with the id that ``[keymap]`` in the config remaps it by.

The actions they name are the lookup screen's own (``action_set_status`` …); the README's table
of them is generated from this list (``tools.keys_doc``). The number field, focused when the
screen opens, takes only the keys a number is typed with and leaves the rest to these
(widgets/ticket_number.py).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

LOOKUP_KEYS: list[BindingType] = [
    Binding("slash", "focus_search", "Search", id="lookup.search", tooltip="Search tickets"),
    Binding("n", "next_page", "Next page", id="lookup.next_page", show=False),
    Binding("p", "previous_page", "Prev page", id="lookup.previous_page", show=False),
    Binding(
        "space",
        "toggle_mark",
        "Mark",
        id="lookup.mark",
        tooltip="Mark or unmark the highlighted result (the highlight stays)",
    ),
    Binding(
        "s",
        "set_status",
        "Status",
        id="lookup.status",
        tooltip="Set the status of the marked results, or else of the highlighted one",
    ),
    Binding(
        "a",
        "quick('assign')",
        "Assign",
        show=False,
        id="lookup.assign",
        tooltip="Assign the marked results (or the highlighted one) to a group and/or an agent",
    ),
    Binding(
        "p",
        "quick('priority')",
        "Priority",
        show=False,
        id="lookup.priority",
        tooltip="With results marked: set their priority (else p is the previous page)",
    ),
    Binding(
        "t",
        "quick('tags')",
        "Tags",
        show=False,
        id="lookup.tags",
        tooltip="Add or remove tags of the marked results (or the highlighted one)",
    ),
    # Not in the footer: at 80 columns it leaves room for ? and g (it is in ? and ctrl+p).
    Binding("c", "create_ticket", "New", id="lookup.create", tooltip="Create a ticket", show=False),
    Binding("q", "app.quit", "Quit", id="lookup.quit"),
    Binding(
        "escape",
        "focus_lookup",
        "Ticket number",
        show=False,
        id="lookup.focus",
        tooltip="Go to the ticket number field (and stop opening a ticket)",
    ),
]
