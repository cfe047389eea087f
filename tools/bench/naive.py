"""The comparison: a timeline that mounts one ``Static`` widget per entry, as a first version would.

It gets the same response body and does the same decoding and validation (json + the pydantic
``Ticket``); each entry becomes a Static holding its header and its raw text, so it does less work
per entry than omnitui (no HTML conversion) and the ratio flatters it, if anything.
"""

from __future__ import annotations

import json
import time

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from omnitui.api.models import Ticket
from tools.bench.harness import SIZE, CountingDriver, Frames


class NaiveApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("naive timeline", id="title")

    async def show(self, body: bytes) -> int:
        ticket = Ticket.model_validate(json.loads(body)["item"])
        widgets = [
            Static(Text(f"{e.created_at} · {e.author or e.user_name}\n{e.content[:4000]}"))
            for e in ticket.timeline
        ]
        await self.mount(VerticalScroll(*widgets, id="naive"))
        return len(widgets)


async def open_naive(body: bytes) -> float:
    """Milliseconds from "response received" to the first frame showing the mounted entries."""
    app = NaiveApp()
    app.driver_class = CountingDriver
    frames = Frames()
    frames.install(app)
    async with app.run_test(headless=False, size=SIZE) as pilot:
        await pilot.pause()
        painted = frames.wait_for(lambda: bool(app.query("#naive")))
        started = time.perf_counter()
        await app.show(body)
        await painted.wait()
        elapsed = frames.reached_at - started
    return elapsed * 1000
