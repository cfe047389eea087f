"""The ``?`` screen: every key of the screen underneath, generated from its bindings."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def binding_rows(screen: Screen) -> list[tuple[str, str]]:
    """(keys, what they do) for every described binding active on ``screen``."""
    rows: dict[str, list[str]] = {}
    # omnitui's own keys (they all have ids) before Textual's generic scrolling and focus keys.
    ordered = sorted(screen.active_bindings.items(), key=lambda item: not item[1].binding.id)
    for key, active in ordered:
        binding = active.binding
        if not binding.description:
            continue
        label = binding.tooltip or binding.description
        rows.setdefault(label, [])
        shown = screen.app.get_key_display(binding)
        if shown not in rows[label]:
            rows[label].append(shown or key)
    return [(" ".join(keys), label) for label, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    """Keys of the screen that was showing when ``?`` was pressed."""

    CSS_PATH = Path(__file__).parent.parent / "help.tcss"

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("j", "scroll(1)", "Down", show=False, id="help.down", tooltip="Scroll down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="help.up", tooltip="Scroll up"),
    ]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self._under = under

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text("Keys"), id="help-title")
            yield Static(self._table(), id="help-table")
            yield Static(
                Text(
                    "Every action is also in the command palette (ctrl+p). "
                    "Scroll with j/k, arrows, PgUp/PgDn, Home/End. Esc closes this."
                ),
                id="help-footer",
            )

    def _table(self) -> Table:
        """A table whose descriptions wrap: at 80 columns none is cut off."""
        table = Table(box=None, padding=(0, 2, 0, 0), expand=True, header_style="bold")
        table.add_column("Key", no_wrap=True)
        table.add_column("Does", ratio=1)
        for keys, label in binding_rows(self._under):
            table.add_row(Text(keys), Text(label))
        return table

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=lines, animate=False)
