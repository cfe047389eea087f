"""The ticket screen's keys, each with the id that ``[keymap]`` in the config remaps it by.

The actions they name are the ticket screen's own (``action_reply`` …); the README's table of
them is generated from this list (``tools.keys_doc``).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

#: The footer shows the keys an agent uses on every ticket; the rest are in ? and ctrl+p.
TICKET_KEYS: list[BindingType] = [
    Binding("r", "reply", "Reply", id="ticket.reply", tooltip="Reply to the customer"),
    Binding("i", "note", "Note", id="ticket.note", tooltip="Add an internal note"),
    Binding(
        "e",
        "update_ticket",
        "Edit",
        id="ticket.edit",
        tooltip="Edit the title, status, customer, assignment, priority or tags",
    ),
    Binding("s", "set_status", "Status", id="ticket.status", tooltip="Set the status"),
    Binding(
        "a",
        "quick('assign')",
        "Assign",
        show=False,
        id="ticket.assign",
        tooltip="Assign to a group and/or an agent, picked by name",
    ),
    Binding(
        "p",
        "quick('priority')",
        "Priority",
        show=False,
        id="ticket.priority",
        tooltip="Set the priority",
    ),
    Binding(
        "t", "quick('tags')", "Tags", show=False, id="ticket.tags", tooltip="Add or remove tags"
    ),
    Binding("slash", "search", "Find", id="ticket.find", tooltip="Find text in the timeline"),
    Binding(
        "f",
        "filter",
        "Filter",
        id="ticket.filter",
        tooltip="Show only messages, notes or some events",
    ),
    Binding(
        "q",
        "back",
        "Back",
        id="ticket.back",
        tooltip="Back to the list it was opened from, or the lookup screen",
    ),
    Binding(
        "greater_than_sign",
        "next_ticket",
        "Next ticket",
        show=False,
        id="ticket.next_ticket",
        tooltip="Open the next ticket of the queue or search this one was opened from",
    ),
    Binding(
        "less_than_sign",
        "previous_ticket",
        "Previous ticket",
        show=False,
        id="ticket.previous_ticket",
        tooltip="Open the previous ticket of that queue or search",
    ),
    Binding("n", "next_match", "Next match", show=False, id="ticket.next_match"),
    Binding("N", "previous_match", "Prev match", show=False, id="ticket.previous_match"),
    Binding(
        "h",
        "toggle_history",
        "History",
        show=False,
        id="ticket.history",
        tooltip="Show or hide the event history",
    ),
    Binding(
        "o",
        "toggle_order",
        "Order",
        show=False,
        id="ticket.order",
        tooltip="Newest entries first or last",
    ),
    Binding(
        "y",
        "copy_entry",
        "Copy entry",
        show=False,
        id="ticket.copy_entry",
        tooltip="Copy the current entry to the clipboard",
    ),
    Binding(
        "u",
        "copy_url",
        "Copy URL",
        show=False,
        id="ticket.copy_url",
        tooltip="Copy the ticket's address in Omnidesk (web_url) to the clipboard",
    ),
    Binding(
        "U",
        "copy_brand_url",
        "Copy brand URL",
        show=False,
        id="ticket.copy_brand_url",
        tooltip="Copy the ticket's page of its brand (external_gui_url)",
    ),
    Binding(
        "d",
        "download",
        "Download",
        show=False,
        id="ticket.download",
        tooltip="Save an attachment of the current entry (over SSH: copy its address)",
    ),
    Binding(
        "x",
        "export",
        "Export",
        show=False,
        id="ticket.export",
        tooltip="Export the ticket as Markdown or text, to a file or the clipboard",
    ),
    Binding(
        "b",
        "open_browser",
        "Browser",
        show=False,
        id="ticket.browser",
        tooltip="Open the ticket in Omnidesk in the web browser (over SSH: copy its URL)",
    ),
    Binding(
        "B",
        "open_brand_page",
        "Brand page",
        show=False,
        id="ticket.brand_page",
        tooltip="Open the ticket's page of its brand (external_gui_url) in the browser",
    ),
    Binding(
        "P",
        "pinned",
        "Pinned",
        show=False,
        id="ticket.pinned",
        tooltip="List every pinned note in full",
    ),
    Binding(
        "R",
        "refresh",
        "Refresh",
        show=False,
        id="ticket.refresh",
        tooltip="Load the ticket again",
    ),
    Binding(
        "c",
        "create_ticket",
        "New",
        show=False,
        id="ticket.create",
        tooltip="Create a new ticket",
    ),
    Binding(
        "escape",
        "cancel",
        "Cancel",
        show=False,
        id="ticket.cancel",
        tooltip="Stop loading, or close the find bar",
    ),
]
