"""The timeline's own keys, each with the id that ``[keymap]`` in the config remaps it by.

The ticket screen has the others (ticket_keys.py); the README's table lists both.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

TIMELINE_KEYS: list[BindingType] = [
    Binding("j", "scroll_down", "Down", show=False, id="timeline.down", tooltip="Scroll down"),
    Binding("k", "scroll_up", "Up", show=False, id="timeline.up", tooltip="Scroll up"),
    Binding(
        "left_square_bracket",
        "previous_entry",
        "Prev entry",
        show=False,
        id="timeline.prev",
        tooltip="Previous entry",
    ),
    Binding(
        "right_square_bracket",
        "next_entry",
        "Next entry",
        show=False,
        id="timeline.next",
        tooltip="Next entry",
    ),
    Binding(
        "z",
        "toggle_quotes",
        "Quotes",
        show=False,
        id="timeline.quotes",
        tooltip="Show or fold quoted history in the current entry",
    ),
]
