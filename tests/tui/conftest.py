"""Helpers for driving the real app against a sandbox over loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widget import Widget

from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp


def app_for(server: SandboxServer, ticket: int | None = None) -> OmniApp:
    return OmniApp(AccountBackend(server.url, server.api_key, "sandbox"), ticket=ticket)


async def settle(pilot: Pilot[None], *, timeout: float = 20.0) -> None:
    """Wait until every worker of the app and its screens is done, then for a repaint."""
    app = pilot.app
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            break
    await pilot.pause()


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
