"""Converting the ticket's mail for the timeline: the first screenful at once, the rest off the
event loop.

The converter hands each batch to its thread (or, for a large mail, its process) and back; that
costs a few frames while the screen is busy painting, which for the first screenful of a ticket
is what the agent waits for. So the small HTML mails of the first batch are converted right on
the event loop: about 0.25 ms per kilobyte, a few milliseconds in all (INLINE_BUDGET), and the
mail text is in the first frames of the ticket. Everything after that goes to the converter,
as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from omnitui.api.models import TimelineEntry
    from omnitui.render.html_worker import HtmlConverter
    from omnitui.tui.widgets.timeline import TimelineView

#: A mail this long (characters) or shorter may be converted on the event loop: about 2 ms.
INLINE_CHARS = 8_000
#: At most this many characters of the first batch are converted that way (about 6 ms).
INLINE_BUDGET = 24_000


def small_ones(batch: Sequence[int], entries: Sequence[TimelineEntry]) -> list[int]:
    """The positions of ``batch`` converted on the loop: small mails, within the budget."""
    chosen: list[int] = []
    budget = INLINE_BUDGET
    for position in batch:
        size = len(entries[position].content)
        if size <= INLINE_CHARS and size <= budget:
            chosen.append(position)
            budget -= size
    return chosen


async def convert_wanted(
    timeline: TimelineView,
    converter: Callable[[], HtmlConverter],
    *,
    first: bool,
    converted: Callable[[], object],
) -> None:
    """Convert what the timeline wants until it wants nothing; ``converted`` after each batch
    is set. ``first``: the screen's first screenful (its small mails on the loop)."""
    from omnitui.render.html import render_body

    while batch := timeline.wanted_bodies():
        entries = timeline.entries
        if first:
            first = False
            if inline := small_ones(batch, entries):
                timeline.set_bodies({i: render_body(entries[i].content) for i in inline})
                converted()
                continue  # what is left of the batch goes to the converter
        contents = [entries[i].content for i in batch]
        bodies = await converter().render_many(contents)
        if timeline.entries is not entries:
            continue  # the ticket was reloaded meanwhile; start over with the new one
        timeline.set_bodies(dict(zip(batch, bodies, strict=True)))
        converted()
