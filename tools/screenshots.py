"""``make screenshots``: the README's pictures, taken from the real app on the sandbox.

Every shot drives the app the way an agent would (keys, not widget pokes) at a fixed size, with
the clock frozen at the sandbox's "now", so a rerun only changes pictures whose screens changed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from textual.worker import WorkerState

from omnitui.core.clock import FrozenClock
from omnitui.runtime.backends import AccountBackend
from omnitui.tui.app import OmniApp

SIZE = (110, 32)
SANDBOX_NOW = datetime(2026, 11, 25, 9, 0, 0)
Steps = Callable[[Pilot[None]], Awaitable[None]]


async def _settle(pilot: Pilot[None]) -> None:
    app = pilot.app
    for _ in range(200):
        await pilot.pause(0.05)
        # Watched, not awaited: a worker that ends cancelled or failed is done too.
        busy = any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)
        timeline = app.screen.query("TimelineView")
        wanted = timeline and timeline.first().wanted_bodies()  # type: ignore[attr-defined]
        if not busy and not wanted:
            break
    for widget in app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False  # a blink caught mid-way would differ on every run
    app.screen.refresh_bindings()
    await pilot.pause(0.1)


async def _open(pilot: Pilot[None], number: str) -> None:
    await pilot.press(*number, "enter")
    await _settle(pilot)


async def lookup_search(pilot: Pilot[None]) -> None:
    await _open(pilot, "858462")  # so that "Recent" has something too
    await pilot.press("q", "slash", *"retourneren", "enter")
    await _settle(pilot)


async def ticket_seed(pilot: Pilot[None]) -> None:
    await _open(pilot, "858462")


async def long_html_mail(pilot: Pilot[None]) -> None:
    await _open(pilot, "100001")


async def hostile_mail(pilot: Pilot[None]) -> None:
    await _open(pilot, "900100")


def _form(key: str, *typed: str) -> Steps:
    async def steps(pilot: Pilot[None]) -> None:
        await _open(pilot, "858462")
        await pilot.press(key)
        await _settle(pilot)
        if typed:
            await pilot.press(*typed)
            await _settle(pilot)

    return steps


async def help_screen(pilot: Pilot[None]) -> None:
    await _open(pilot, "858462")
    await pilot.press("question_mark")
    await _settle(pilot)


async def queues(pilot: Pilot[None]) -> None:
    await _settle(pilot)  # the counts arrive in the background
    await pilot.press("tab", "tab")  # the Queues tab's list
    await _settle(pilot)


async def queue_unassigned(pilot: Pilot[None]) -> None:
    await queues(pilot)
    await pilot.press("down", "enter")  # Mine, then Unassigned
    await _settle(pilot)


async def ticket_attachments(pilot: Pilot[None]) -> None:
    await _open(pilot, "100302")


def _on_ticket(number: str, key: str) -> Steps:
    async def steps(pilot: Pilot[None]) -> None:
        await _open(pilot, number)
        await pilot.press(key)
        await _settle(pilot)

    return steps


SHOTS: dict[str, tuple[Steps, tuple[int, int]]] = {
    "queues": (queues, SIZE),
    "queue-unassigned": (queue_unassigned, SIZE),
    "ticket-attachments": (ticket_attachments, SIZE),
    "form-assign": (_on_ticket("100301", "a"), SIZE),
    "form-tags": (_on_ticket("100117", "t"), SIZE),
    "lookup-search": (lookup_search, SIZE),
    "ticket-858462": (ticket_seed, SIZE),
    "ticket-long-html-mail": (long_html_mail, SIZE),
    "ticket-hostile-mail": (hostile_mail, SIZE),
    "form-reply": (_form("r", *"Beste Thomas, dank voor uw vraag."), SIZE),
    "form-note": (_form("i", *"Klant belt morgen terug."), SIZE),
    "form-edit": (_form("e"), SIZE),
    "form-status": (_form("s"), SIZE),
    "form-new-ticket": (_form("c"), SIZE),
    "filter": (_form("f"), SIZE),
    "export": (_form("x"), SIZE),
    "help": (help_screen, SIZE),
    "ticket-80x24": (ticket_seed, (80, 24)),
}


async def take(name: str, url: str, api_key: str, out: Path) -> Path:
    steps, size = SHOTS[name]
    app = OmniApp(AccountBackend(url, api_key, "sandbox"), clock=FrozenClock(SANDBOX_NOW))
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        await steps(pilot)
        path = Path(app.save_screenshot(f"{name}.svg", str(out)))
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("names", nargs="*", help=f"only these shots ({', '.join(SHOTS)})")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(SHOTS))
    if unknown:
        parser.error(f"unknown shots: {', '.join(unknown)}")

    from omnitui.sandbox import SandboxServer, seed_database

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="omnitui-shots-") as tmp:
        # Recent tickets and drafts go to the temporary home, not the user's.
        os.environ["OMNITUI_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["OMNITUI_CONFIG_DIR"] = str(Path(tmp) / "config")
        os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
        db = Path(tmp) / "sandbox.db"
        seed_database(db)
        with SandboxServer(db, api_key="screenshots") as server:
            for name in args.names or SHOTS:
                path = asyncio.run(take(name, server.url, server.api_key, args.out))
                print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
