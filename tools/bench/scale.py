"""Scale: the long ticket next to one ten times longer, and a single very big HTML mail.

Both run in-process like :mod:`ticket_open` (the real app at 120×40, responses replayed):

- First paint of the 5,000- and the 50,000-entry ticket, alternating, one pair per run; the
  figure is the ratio of each pair. The first screenful must not depend on the ticket's length.
- Page-down and End in the 50,000-entry ticket once it is read and converted, as
  :mod:`scrolling` measures them in the 5,000-entry one.
- The 5 MB mail: the longest event-loop stall from its response to its conversion, then while
  scrolling through it (jumps to random lines with a few page-downs after each, End, Home).
"""

from __future__ import annotations

import random
from typing import Any

from tools.bench.common import Stat, percentile
from tools.bench.harness import StallMonitor
from tools.bench.scrolling import KeySamples, press
from tools.bench.scrolling import measure as measure_keys
from tools.bench.ticket_open import open_in_app


async def first_paint_pairs(
    url: str, api_key: str, base: tuple[int, bytes], big: tuple[int, bytes], runs: int, spots: int
) -> dict[str, Any]:
    """First paint of ``base`` and ``big`` (ticket, body) alternating; keys in ``big``."""
    base_ms: list[float] = []
    big_ms: list[float] = []
    ratios: list[float] = []
    for _ in range(runs):
        small = await open_in_app(url, api_key, *base, convert=False)
        large = await open_in_app(url, api_key, *big, convert=False)
        base_ms.append(small.open_ms)
        big_ms.append(large.open_ms)
        ratios.append(large.open_ms / small.open_ms)
    keys = KeySamples()

    async def scroll(app: Any, pilot: Any, frames: Any) -> None:
        found = await measure_keys(app, pilot, frames, spots=spots, seed=7)
        keys.page_down_ms.extend(found.page_down_ms)
        keys.end_ms.extend(found.end_ms)

    converted = await open_in_app(url, api_key, *big, scroll)
    return {
        "scale_base_open_ms": Stat.of(base_ms),
        "scale_open_ms": Stat.of(big_ms),
        "scale_open_ratio": Stat.of(ratios),
        "scale_whole_ms": Stat.of([converted.whole_ms]),
        "scale_converted_ms": Stat.of([converted.converted_ms]),
        "scale_page_down_ms_p99": percentile(keys.page_down_ms, 0.99),
        "scale_end_ms_p99": percentile(keys.end_ms, 0.99),
        "scale_key_samples": {"page_down": len(keys.page_down_ms), "end": len(keys.end_ms)},
    }


async def big_mail(url: str, api_key: str, ticket: int, body: bytes, jumps: int) -> dict[str, Any]:
    """The longest stall opening the one-mail ticket, and while scrolling through its mail."""
    scrolled: dict[str, float] = {}

    async def scroll(app: Any, pilot: Any, frames: Any) -> None:
        from omnitui.tui.widgets.timeline import TimelineView

        timeline = app.screen.query_one(TimelineView)
        timeline.focus()
        lines = timeline.model.heights.total
        rng = random.Random(5)
        monitor = StallMonitor().start()
        for _ in range(jumps):
            timeline.go_to_position(0, rng.randrange(max(1, lines)))
            await pilot.pause()
            for _ in range(3):
                await press(pilot, frames, "pagedown")
        await press(pilot, frames, "end")
        await press(pilot, frames, "home")
        await monitor.stop()
        scrolled["stall"] = monitor.worst * 1000
        scrolled["busy"] = monitor.worst_busy * 1000
        scrolled["lines"] = lines

    opened = await open_in_app(url, api_key, ticket, body, scroll)
    return {
        "mail_open_stall_ms": Stat.of([opened.stall_ms]),
        "mail_scroll_stall_ms": Stat.of([scrolled["stall"]]),
        "mail_stall_ms": Stat.of([max(opened.stall_ms, scrolled["stall"])]),
        "mail_busy_stall_ms": Stat.of([max(opened.busy_stall_ms, scrolled["busy"])]),
        "mail_converted_ms": Stat.of([opened.converted_ms]),
        "mail_lines": int(scrolled["lines"]),
        "mail_stalls": opened.stalls,
    }
