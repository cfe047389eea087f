"""The ``f`` modal: tick which kinds of entries (and which event types) the timeline shows."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from omnitui.api.models import EntryKind, TimelineEntry
from omnitui.render.entry_filter import (
    KIND_LABELS,
    EntryFilter,
    choices_of,
    event_type_label,
    from_choices,
    kind_counts,
)
from omnitui.tui.widgets.choices import TickList


class FilterScreen(ModalScreen[EntryFilter | None]):
    """Dismisses with the new filter on Enter, or None on Escape (nothing changes)."""

    DEFAULT_CSS = """
    FilterScreen {
        align: center middle;
    }
    #filter-box {
        width: 60;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    #filter-title {
        text-style: bold;
    }
    #filter-list {
        height: auto;
        max-height: 20;
    }
    #filter-hint {
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("enter", "apply", "Apply", priority=True, id="filter.apply"),
        Binding("escape", "cancel", "Cancel", id="filter.cancel"),
        Binding("a", "everything", "Show all", id="filter.all", tooltip="Tick everything"),
    ]

    def __init__(self, entries: Sequence[TimelineEntry], current: EntryFilter) -> None:
        super().__init__()
        kinds, types = kind_counts(entries)
        self._types = sorted(types)
        chosen = choices_of(current, self._types)
        options: list[Selection[str]] = []
        #: Ticks of rows not shown (no such entries yet): kept, so "all" stays all.
        self._carried: set[str] = set()
        for kind, label in KIND_LABELS.items():
            if kind is EntryKind.EVENT and self._types:
                continue
            if kind is EntryKind.OTHER and not kinds[kind] and kind.value in chosen:
                self._carried.add(kind.value)
                continue
            text = f"{label.capitalize()} ({kinds[kind]})"
            options.append(Selection(Text(text), kind.value, kind.value in chosen))
        for item_type in self._types:
            value = f"event:{item_type}"
            text = f"Events: {event_type_label(item_type)} ({types[item_type]})"
            options.append(Selection(Text(text), value, value in chosen))
        self._options = options

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-box"):
            yield Static(Text("Show in the timeline"), id="filter-title")
            yield TickList(*self._options, id="filter-list")
            yield Static(
                Text("space ticks · a ticks all · Enter shows them · Esc keeps the old view"),
                id="filter-hint",
            )

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_apply(self) -> None:
        chosen = {*self.query_one(SelectionList).selected, *self._carried}
        self.dismiss(from_choices(chosen, self._types))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_everything(self) -> None:
        self.query_one(SelectionList).select_all()
