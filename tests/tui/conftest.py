"""Helpers for driving the real app against a sandbox over loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerState

from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp


def app_for(server: SandboxServer, ticket: int | None = None) -> OmniApp:
    return OmniApp(AccountBackend(server.url, server.api_key, "sandbox"), ticket=ticket)


async def settle(pilot: Pilot[None], *, timeout: float = 20.0) -> None:
    """Wait until no worker of the app or its screens is pending or running, then for a repaint.

    The workers' states are watched, not awaited: a worker that ends cancelled or failed has
    ended too (the app, not this wait, says what became of it), and one that never ends fails
    the wait after ``timeout``, by name, instead of hanging the test.
    """
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    quiet = False
    while True:
        await pilot.pause()  # at least 20 ms, longer while the process is busy
        busy = [worker for worker in app.workers if worker.state in _BUSY]
        if not busy:
            if quiet:  # and still so after a pause: what the last worker did is painted
                return
            quiet = True
            continue
        quiet = False
        if loop.time() > deadline:
            names = sorted({worker.description or worker.name for worker in busy})
            raise AssertionError(f"workers still busy after {timeout:g} s: {', '.join(names)}")


_BUSY = (WorkerState.PENDING, WorkerState.RUNNING)


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], bool], *, timeout: float = 20.0
) -> None:
    """Poll ``condition`` while the app runs; fail with a clear message after ``timeout``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


def screen_text(app: OmniApp) -> str:
    """What the terminal shows, as plain text: one line per row, trailing spaces dropped."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


def widget_text(widget: Widget) -> str:
    """The visible lines of one Line-API widget (the timeline) as plain text."""
    return "\n".join(
        "".join(seg.text for seg in widget.render_line(y)).rstrip()
        for y in range(widget.size.height)
    )
