"""Opening the big ticket in the real app, from "response received" to its first painted timeline.

The app is the real :class:`~omnitui.tui.app.OmniApp` at 120×40, connected to the sandbox; its
client is then given a transport that replays the ticket's response body received earlier, so
network and server time are left out. The ticket screen is opened and left to paint "Loading…"
(as it does while a real request travels); then the response is released, and the clock runs
from that moment to the first frame showing the timeline: decoding, validation, the header,
layout of the first screenful, painting. While the ticket opens and its HTML converts
(until every entry is converted and laid out), a timer measures the longest event-loop stall, and
the characters converted on and off the loop are counted.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from omnitui.api.client import OmnideskClient
from omnitui.render import html as html_module
from omnitui.render import html_worker
from omnitui.runtime.backends import AccountBackend
from tools.bench.harness import SIZE, CountingDriver, Frames, ReplayTransport, StallMonitor


@dataclass
class OpenResult:
    open_ms: float
    whole_ms: float
    stall_ms: float
    busy_stall_ms: float
    converted_ms: float
    chars_on_loop: int
    chars_off_loop: int
    stalls: list[tuple[float, float]]


class _ConversionCounter:
    """Counts the characters converted on the event loop and in the worker process."""

    def __init__(self) -> None:
        self.on_loop = 0
        self.off_loop = 0
        self._render_body = html_module.render_body
        self._render_many = html_worker.HtmlConverter.render_many

    def __enter__(self) -> _ConversionCounter:
        counter = self
        original_body, original_many = self._render_body, self._render_many

        def render_body(content: str, *args: Any, **kwargs: Any) -> Any:
            counter.on_loop += len(content)
            return original_body(content, *args, **kwargs)

        async def render_many(self: Any, contents: Any, *args: Any, **kwargs: Any) -> Any:
            counter.off_loop += sum(len(c) for c in contents)
            return await original_many(self, contents, *args, **kwargs)

        html_module.render_body = render_body  # type: ignore[assignment]
        html_worker.HtmlConverter.render_many = render_many  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        html_module.render_body = self._render_body
        html_worker.HtmlConverter.render_many = self._render_many  # type: ignore[method-assign]


async def _until(condition: Callable[[], bool], timeout: float, every: float = 0.02) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(every)


def converted(app: Any) -> bool:
    """Every entry converted and laid out exactly (nothing left for the background)."""
    from omnitui.tui.screens.ticket import TicketScreen
    from omnitui.tui.widgets.timeline import TimelineView

    screen = app.screen
    if not isinstance(screen, TicketScreen):
        return False
    timeline = screen.query_one(TimelineView)
    return (
        whole(app)
        and not timeline.wanted_bodies(1)
        and not any(w.is_running and w.group == "convert" for w in app.workers)
        and timeline.model.heights.all_exact
    )


def whole(app: Any) -> bool:
    """The whole ticket read and in the timeline (a big one is shown before it is all read)."""
    from omnitui.tui.screens.ticket import TicketScreen
    from omnitui.tui.widgets.timeline import TimelineView

    screen = app.screen
    if not isinstance(screen, TicketScreen) or screen.ticket is None:
        return False
    return len(screen.query_one(TimelineView).entries) == len(screen.ticket.timeline)


def _state(app: Any) -> str:
    from omnitui.tui.widgets.timeline import TimelineView

    timeline = app.screen.query_one(TimelineView)
    return (
        f"screen={type(app.screen).__name__} entries={len(timeline.entries)} "
        f"wanted={timeline.wanted_bodies(5)} converting={timeline.model.converting} "
        f"inexact={sum(1 for _ in timeline.model.heights.inexact())} "
        f"background={timeline._background_scheduled} "
        f"workers={[(w.group, w.state.name) for w in app.workers]}"
    )


async def open_in_app(
    url: str,
    api_key: str,
    ticket: int,
    body: bytes,
    after: Callable[[Any, Any, Frames], Awaitable[None]] | None = None,
    *,
    convert: bool = True,
) -> OpenResult:
    """Open ``ticket`` once in a fresh app; ``after(app, pilot, frames)`` runs once converted.

    ``convert=False`` stops once every entry is read (for first-paint figures: converting
    50,000 mails takes a minute nobody measures there); ``converted_ms`` is then 0.
    """
    from omnitui.tui.app import OmniApp
    from omnitui.tui.screens.ticket import TicketScreen
    from omnitui.tui.widgets.timeline import TimelineView

    # Each run starts from a clean interpreter state: the app freezes what exists at its first
    # frame and changes the collector's thresholds, as it does once per process for a user.
    gc.unfreeze()
    gc.collect()
    thresholds = gc.get_threshold()
    app = OmniApp(AccountBackend(url, api_key, "bench"))
    app.driver_class = CountingDriver
    frames = Frames()
    frames.install(app)
    async with app.run_test(headless=False, size=SIZE) as pilot:
        client = await app.wait_for_client()
        transport = ReplayTransport(body)
        app.client = OmnideskClient(url, api_key, transport=transport)  # the cap as shipped
        await client.aclose()
        # The idle app as a user finds it: whatever it warms up after its first frame is warm.
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()

        def painted() -> bool:
            screen = app.screen
            if not isinstance(screen, TicketScreen):
                return False
            timeline = screen.query_one(TimelineView)
            return bool(timeline.entries) and not timeline.loading

        with _ConversionCounter() as counter:
            transport.gate = asyncio.Event()
            app.open_ticket(ticket)
            await asyncio.wait_for(transport.waiting.wait(), 30)
            await pilot.pause()  # the ticket screen is up and says "Loading…"
            reached = frames.wait_for(painted)
            monitor = StallMonitor().start()
            transport.gate.set()  # the response arrives
            await asyncio.wait_for(reached.wait(), 60 + len(body) / 1_000_000)
            started = transport.released_at
            first_frame_at = frames.reached_at
            await asyncio.wait_for(
                frames.wait_for(lambda: whole(app)).wait(), 60 + len(body) / 1_000_000
            )
            whole_at = frames.reached_at
            converted_at = started
            if convert:
                try:
                    await _until(lambda: converted(app), 60 + len(body) / 200_000)
                except TimeoutError:
                    raise TimeoutError(f"conversion did not finish: {_state(app)}") from None
                converted_at = time.perf_counter()
            stall = await monitor.stop()
        result = OpenResult(
            open_ms=(first_frame_at - started) * 1000,
            whole_ms=(whole_at - started) * 1000,
            stall_ms=stall * 1000,
            busy_stall_ms=monitor.worst_busy * 1000,
            converted_ms=(converted_at - started) * 1000,
            chars_on_loop=counter.on_loop,
            chars_off_loop=counter.off_loop,
            stalls=[(round(t * 1000), round(late * 1000)) for t, late in monitor.stalls],
        )
        if after is not None:
            await after(app, pilot, frames)
    gc.set_threshold(*thresholds)
    gc.unfreeze()
    return result
