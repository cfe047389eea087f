"""Pinned notes, above the timeline: what the team wants every reader to see first."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from omnitui.api.models import TimelineEntry
from omnitui.render.html import RenderedBody
from omnitui.render.timeline import pinned_summary

#: No more lines than the panel can show (a quarter of the terminal, 12 at 48 rows) are made.
MAX_LINES = 12


class PinnedNotes(Static):
    """One block per pinned entry; hidden when the ticket has none. API text goes in as Text."""

    DEFAULT_CSS = """
    PinnedNotes {
        height: auto;
        max-height: 25vh;  /* at 24 rows, 6: the timeline keeps most of the screen */
        padding: 0 1;
        background: $warning 15%;
        border-bottom: solid $warning 50%;
    }
    """

    def show(self, entries: Sequence[TimelineEntry], bodies: Sequence[RenderedBody | None]) -> None:
        self.display = bool(entries)
        text = Text()
        shown = 0
        for number, (entry, body) in enumerate(zip(entries, bodies, strict=True)):
            if shown >= MAX_LINES:
                # Below the panel's height nothing shows, but Textual would still wrap every
                # line to measure it: 68 pinned notes cost 20 ms per layout of the screen.
                break
            heading, lines = pinned_summary(entry, body)
            if number:
                text.append("\n")
            text.append(heading, style="bold")
            for line in lines:
                text.append("\n  ")
                text.append(line)
            shown += 1 + len(lines)
        self.update(text)
