"""Pinned notes, above the timeline: what the team wants every reader to see first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.widgets import Static

from omnitui.api.models import TimelineEntry
from omnitui.render.html import RenderedBody
from omnitui.render.pinned import pinned_entries, pinned_panel

if TYPE_CHECKING:
    from omnitui.render.html_worker import HtmlConverter


class PinnedNotes(Static):
    """One line per row, in the rows the screen gives it (:meth:`fit`): whole notes when they
    fit, else a count that names ``P`` (which lists them all). Hidden when the ticket has none.
    API text goes in as Text."""

    DEFAULT_CSS = """
    PinnedNotes {
        height: auto;
        max-height: 25vh;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;  /* a long line ends in …: cut, and saying so */
        background: $warning 15%;
        border-bottom: solid $warning 50%;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        #: The pinned entries, newest first, and their converted bodies: for ``P``'s list.
        self.entries: list[TimelineEntry] = []
        self.bodies: list[RenderedBody | None] = []
        self.rows = 3

    @work(exclusive=True, group="pinned", exit_on_error=False, description="pinned notes")
    async def show_from(self, entries: Sequence[TimelineEntry], converter: HtmlConverter) -> None:
        """The pinned ones of ``entries``; HTML is converted off the event loop like the
        timeline's."""
        from omnitui.render.html import render_body
        from omnitui.render.mail_input import needs_converter

        pinned = pinned_entries(entries)
        html = [e.content for e in pinned if needs_converter(e.content)]
        converted = iter(await converter.render_many(html) if html else [])
        bodies = [
            next(converted) if needs_converter(e.content) else render_body(e.content)
            for e in pinned
        ]
        self.show(pinned, bodies)

    def show(self, entries: Sequence[TimelineEntry], bodies: Sequence[RenderedBody | None]) -> None:
        self.entries, self.bodies = list(entries), list(bodies)
        self.display = bool(entries)
        self._paint()

    def fit(self, rows: int) -> None:
        """Use at most ``rows`` rows of text (the screen keeps half of itself for the timeline)."""
        rows = max(1, rows)
        if rows != self.rows:
            self.rows = rows
            self._paint()

    def _paint(self) -> None:
        text = Text()
        for number, (line, bold) in enumerate(pinned_panel(self.entries, self.bodies, self.rows)):
            if number:
                text.append("\n")
            text.append(line, style="bold" if bold else "")
        self.update(text)
