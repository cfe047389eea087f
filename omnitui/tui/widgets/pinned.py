"""Pinned notes, above the timeline: what the team wants every reader to see first."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from omnitui.api.models import TimelineEntry
from omnitui.render.html import RenderedBody
from omnitui.render.timeline import pinned_summary


class PinnedNotes(Static):
    """One block per pinned entry; hidden when the ticket has none. API text goes in as Text."""

    DEFAULT_CSS = """
    PinnedNotes {
        height: auto;
        max-height: 12;
        padding: 0 1;
        background: $warning 15%;
        border-bottom: solid $warning 50%;
    }
    """

    def show(self, entries: Sequence[TimelineEntry], bodies: Sequence[RenderedBody | None]) -> None:
        self.display = bool(entries)
        text = Text()
        for number, (entry, body) in enumerate(zip(entries, bodies, strict=True)):
            heading, lines = pinned_summary(entry, body)
            if number:
                text.append("\n")
            text.append(heading, style="bold")
            for line in lines:
                text.append("\n  ")
                text.append(line)
        self.update(text)
