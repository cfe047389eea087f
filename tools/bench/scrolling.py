"""Page-down and End anywhere in the big ticket: app work per key, and bytes per page-down.

"App work" is the CPU time of the event-loop thread from the moment the key is sent until the
frame it caused has been written (``time.thread_time``: waiting for the next refresh tick costs
nothing, and the HTML worker's threads and process are not counted). It includes the key's
dispatch, the scroll, laying out what comes into view, rendering the lines and the screen
update. Bytes are what that frame wrote to the terminal.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Any

from textual import events

from tools.bench.harness import Frames


@dataclass
class KeySamples:
    page_down_ms: list[float] = field(default_factory=list)
    end_ms: list[float] = field(default_factory=list)
    page_down_bytes: list[int] = field(default_factory=list)


async def press(pilot: Any, frames: Frames, key: str) -> tuple[float, int] | None:
    """CPU ms of the loop thread and terminal bytes for one key and its frame.

    The key goes in where a terminal's would (the driver's message queue), not through Pilot,
    whose own waiting costs more CPU than the key (about 20 ms of polling for "idle").
    """
    await pilot.pause()
    before_frames = len(frames.times)
    before_bytes = frames.bytes_at[-1] if frames.bytes_at else 0
    event = events.Key(key, None)
    event.set_sender(pilot.app)
    cpu = time.thread_time()
    pilot.app._driver.send_message(event)
    if not await frames.next_frame(before_frames, poll=False):
        return None  # nothing changed on screen (already at the end): not a sample
    work = time.thread_time() - cpu
    return work * 1000, frames.bytes_at[-1] - before_bytes


async def measure(app: Any, pilot: Any, frames: Frames, *, spots: int, seed: int = 1) -> KeySamples:
    """From ``spots`` random places: three page-downs, then (from another place) End."""
    from omnitui.tui.widgets.timeline import TimelineView

    timeline = app.screen.query_one(TimelineView)
    timeline.focus()
    rng = random.Random(seed)
    samples = KeySamples()
    count = len(timeline.entries)
    for _ in range(spots):
        timeline.go_to_position(rng.randrange(count))
        await pilot.pause()
        for _ in range(3):
            found = await press(pilot, frames, "pagedown")
            if found is not None:
                samples.page_down_ms.append(found[0])
                samples.page_down_bytes.append(found[1])
        timeline.go_to_position(rng.randrange(count))
        await pilot.pause()
        found = await press(pilot, frames, "end")
        if found is not None:
            samples.end_ms.append(found[0])
    return samples
