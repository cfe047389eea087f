"""Running the real app in-process at 120×40 with a terminal that counts instead of drawing.

Textual's headless driver skips rendering altogether, which would hide the cost of painting; the
:class:`CountingDriver` claims to be a terminal, so every frame is rendered to escape sequences
exactly as for a user, and only the final write is replaced by counting bytes. A hook on the
app's ``post_display_hook`` timestamps every frame, and :class:`StallMonitor` is a timer that
measures its own lateness: the longest time the event loop could not run anything else.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver

SIZE = (120, 40)


class CountingDriver(HeadlessDriver):
    """A driver that renders like a real terminal but only counts the bytes."""

    written = 0

    @property
    def is_headless(self) -> bool:
        return False

    def write(self, data: str) -> None:
        type(self).written += len(data.encode("utf-8"))


@dataclass
class Frames:
    """Every displayed frame's time (perf_counter) and the terminal bytes written so far."""

    times: list[float] = field(default_factory=list)
    bytes_at: list[int] = field(default_factory=list)
    condition: Callable[[], bool] | None = None
    reached: asyncio.Event = field(default_factory=asyncio.Event)
    reached_at: float = 0.0

    def install(self, app: App[object]) -> None:
        original = app.post_display_hook

        def hook() -> None:
            original()
            now = time.perf_counter()
            self.times.append(now)
            self.bytes_at.append(CountingDriver.written)
            if self.condition is not None and not self.reached.is_set() and self.condition():
                self.reached_at = now
                self.reached.set()

        app.post_display_hook = hook  # type: ignore[method-assign]

    def wait_for(self, condition: Callable[[], bool]) -> asyncio.Event:
        """An event set at the first frame displayed while ``condition()`` holds."""
        self.reached = asyncio.Event()
        self.condition = condition
        return self.reached

    async def next_frame(self, after: int, timeout: float = 2.0, poll: bool = True) -> bool:
        """Wait until more than ``after`` frames were displayed; False on timeout.

        ``poll=False`` waits on an event set by the display hook instead of polling, so the
        waiting costs the event loop nothing (for measuring CPU time per key).
        """
        if not poll:
            arrived = self.wait_for(lambda: len(self.times) > after)
            if len(self.times) > after:
                return True
            try:
                await asyncio.wait_for(arrived.wait(), timeout)
            except TimeoutError:
                return False
            return True
        deadline = time.perf_counter() + timeout
        while len(self.times) <= after:
            if time.perf_counter() > deadline:
                return False
            await asyncio.sleep(0.001)
        return True


class StallMonitor:
    """A 5 ms timer on the event loop that records how late it fires.

    ``worst`` is wall-clock lateness, the figure the target is about. ``worst_busy`` counts only
    the CPU time the loop's thread used meanwhile: it leaves out time the operating system gave
    to other processes on a busy machine (and time spent waiting for the GIL), so a large gap
    between the two says the machine, not the app, was the cause.
    """

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.worst = 0.0
        self.worst_busy = 0.0
        #: (seconds since start, lateness) of every stall over 20 ms, for diagnosis.
        self.stalls: list[tuple[float, float]] = []
        self._task: asyncio.Task[None] | None = None
        self._started = 0.0
        #: When the wait in progress began (perf_counter, thread_time).
        self._waiting: tuple[float, float] | None = None

    async def _run(self) -> None:
        clock = time.perf_counter
        self._started = clock()
        while True:
            self._waiting = (clock(), time.thread_time())
            await asyncio.sleep(self.interval)
            self._record()

    def _record(self) -> None:
        """Count the wait in progress (its lateness so far) and start none."""
        if self._waiting is None:
            return
        before, cpu = self._waiting
        self._waiting = None
        late = time.perf_counter() - before - self.interval
        self.worst = max(self.worst, late)
        self.worst_busy = max(self.worst_busy, min(late, time.thread_time() - cpu))
        if late > 0.02:
            self.stalls.append((before - self._started, late))

    def start(self) -> StallMonitor:
        self.worst = 0.0
        self.worst_busy = 0.0
        self.stalls = []
        self._waiting = None
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    async def stop(self) -> float:
        # A stall that ends just before the caller stops the monitor (the app's work done, the
        # caller's own poll run first) would be lost with the cancelled wait: count it here.
        self._record()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        return self.worst


class ReplayTransport(httpx.AsyncBaseTransport):
    """Answers every request with a body received earlier: "the response already received"."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.requests = 0
        #: When set, requests wait for it: the bench lets the screen settle ("Loading…" painted)
        #: before the response "arrives", as it would over a real network.
        self.gate: asyncio.Event | None = None
        self.waiting = asyncio.Event()
        self.released_at = 0.0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.gate is not None:
            self.waiting.set()
            await self.gate.wait()
        self.released_at = time.perf_counter()
        return httpx.Response(
            200, content=self.body, headers={"content-type": "application/json; charset=utf-8"}
        )


class CountingTransport(httpx.AsyncBaseTransport):
    """The real transport, counting requests and the distinct connections that carried them."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.requests = 0
        self._streams: list[object] = []  # kept alive so that ids stay unique

    @property
    def connections(self) -> int:
        return len(self._streams)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        response = await self._inner.handle_async_request(request)
        stream = response.extensions.get("network_stream")
        if stream is not None and all(stream is not s for s in self._streams):
            self._streams.append(stream)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def fetch(url: str, api_key: str, ticket: int) -> bytes:
    """The ticket's raw response body, as the app would receive it."""
    response = httpx.get(f"{url}/api/v2/ticket/{ticket}", headers={"apiKey": api_key}, timeout=60.0)
    response.raise_for_status()
    return response.content
