"""The current entry (what z, y, [ and ] act on) is marked, and always one the agent can see."""

from __future__ import annotations

import base64
import re

from omnitui.sandbox import SandboxServer

from .conftest import app_for, settle, widget_text
from .test_ticket import open_ticket

LONG = 100010  # its last reply quotes the mail before it
#: What marks the current entry: no colour needed (render/timeline.py, mark_current).
CURRENT_MARK, CURRENT_GUTTER = "▶ ", "█ "
FOLD = re.compile(r"▸ .*\d+ lines? \(z shows them\)")


def marked_rows(text: str) -> list[str]:
    """The rows of the current entry: ▶ on its first, a full bar beside the others."""
    return [
        row
        for row in text.split("\n")
        if row.lstrip().startswith((CURRENT_MARK.strip(), CURRENT_GUTTER.strip()))
    ]


def copied(written: list[str]) -> list[str]:
    return [
        base64.b64decode(found).decode()
        for data in written
        for found in re.findall(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", data)
    ]


async def test_after_end_z_and_y_act_on_the_marked_entry_on_screen(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=LONG)
    written: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = await open_ticket(pilot, shared, LONG)
        assert CURRENT_MARK in widget_text(timeline)  # the first entry, from the start
        await pilot.press("end")
        await settle(pilot)
        rows = marked_rows(widget_text(timeline))
        assert rows, "the current entry is marked on screen after End"
        assert rows[0].lstrip().startswith(CURRENT_MARK.strip())
        assert any(FOLD.search(row) for row in rows)  # the newest reply, folded

        await pilot.press("z")
        await settle(pilot)
        rows = marked_rows(widget_text(timeline))
        assert any("│ " in row for row in rows), "z unfolds the marked entry, on screen"

        app._driver.write = written.append  # type: ignore[union-attr, method-assign]
        await pilot.press("y")
        await settle(pilot)
    header = copied(written)[0].split("\n")[0]
    assert header in rows[0]  # the copied entry is the marked one


async def test_the_mark_follows_scrolling(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=900001)
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = await open_ticket(pilot, shared, 900001)
        for keys in (["pagedown"] * 3, ["end"], ["pageup"] * 2, ["home"], ["j"] * 5):
            await pilot.press(*keys)
            await settle(pilot)
            assert marked_rows(widget_text(timeline)), f"after {keys}"
        await pilot.press("end")
        await settle(pilot)
        assert timeline.current_position == timeline.shown_count - 1  # End marks the newest
