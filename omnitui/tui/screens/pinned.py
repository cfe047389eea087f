"""``P`` on a ticket: every pinned note in full, newest first, to scroll through.

The panel above the timeline has a few rows; a ticket may have dozens of pinned notes. Here each
is shown whole: heading, text (quotes as ``>``), links and attachments, as export writes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from omnitui.api.models import TimelineEntry
from omnitui.core.wording import plural
from omnitui.render.html import RenderedBody
from omnitui.render.timeline import entry_plain_text


class PinnedScreen(ModalScreen[None]):
    """All pinned notes of one ticket. API text goes in as Text."""

    BINDINGS = [
        Binding("escape,q,P", "dismiss", "Close", id="pinned.close", tooltip="Back to the ticket"),
        Binding("j", "scroll(1)", "Down", show=False, id="pinned.down", tooltip="Scroll down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="pinned.up", tooltip="Scroll up"),
    ]

    DEFAULT_CSS = """
    PinnedScreen { align: center middle; }
    #pinned-box {
        width: 90%;
        max-width: 110;
        height: 90%;
        padding: 0 1;
        background: $surface;
        border: round $warning;
    }
    #pinned-title { text-style: bold; }
    .pinned-note { margin: 1 0 0 0; }
    """

    def __init__(
        self, entries: Sequence[TimelineEntry], bodies: Sequence[RenderedBody | None]
    ) -> None:
        super().__init__()
        self.pinned = list(entries)
        self._bodies = list(bodies)

    def compose(self) -> ComposeResult:
        title = f"{plural(len(self.pinned), 'pinned note')}, newest first — Esc closes"
        with VerticalScroll(id="pinned-box"):
            yield Static(Text(title), id="pinned-title")
            for entry, body in zip(self.pinned, self._bodies, strict=True):
                heading, _, rest = entry_plain_text(entry, body).partition("\n")
                note = Text("📌 ")
                note.append(heading, style="bold")
                if rest.strip():
                    note.append("\n" + rest.rstrip())
                yield Static(note, classes="pinned-note")

    def action_scroll(self, lines: int) -> None:
        self.query_one("#pinned-box", VerticalScroll).scroll_relative(y=lines, animate=False)
