"""Every word on screen reads in every built-in theme: a contrast ratio of at least 4.5:1.

Measured on what the terminal would get: the composed screen, after Textual's filters (its
``dim`` blends text into the background), for each text segment with a letter or digit in it.
Box drawing, rules and the gutter bar are decoration and not counted. ANSI themes leave the
colours to the terminal, so there is nothing to measure.
"""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import TextArea

from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.contrast import MINIMUM, contrast_ratio, label_colours, readable_on
from omnitui.tui.screens.ticket import TicketScreen

from .conftest import app_for, settle, wait_until


def themes() -> list[str]:
    return sorted(name for name in OmniApp(None).available_themes if not name.startswith("ansi"))


def unreadable(app: OmniApp) -> dict[str, tuple[str, str, float]]:
    """Text on screen below the minimum: its words -> (text colour, background, ratio)."""
    found: dict[str, tuple[str, str, float]] = {}
    background = Color.parse(app.theme_variables["background"])
    # Behind a dialog the screen is faded on purpose: only the dialog's own text counts.
    screen = app.screen
    area = screen.region
    if isinstance(screen, ModalScreen) and screen.children:
        area = Region.from_union([child.region for child in screen.children])
    for y, strip in enumerate(screen._compositor.render_strips()):
        for line_filter in app.get_line_filters():
            strip = strip.apply_filter(line_filter, background)
        x = 0
        for segment in strip:
            start, x = x, x + segment.cell_length
            if not (area.y <= y < area.bottom and area.x <= start and x <= area.right):
                continue
            words = segment.text.strip()
            style = segment.style
            if not any(c.isalnum() for c in words) or style is None:
                continue
            if style.color is None or style.bgcolor is None:
                continue
            fg, bg = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
            if style.reverse:
                fg, bg = bg, fg
            ratio = contrast_ratio(fg, bg)
            if ratio < MINIMUM:
                found.setdefault(words[:40], (fg.hex, bg.hex, round(ratio, 2)))
    return found


async def every_theme(pilot: Pilot[None]) -> dict[str, dict[str, tuple[str, str, float]]]:
    app = pilot.app
    assert isinstance(app, OmniApp)
    bad: dict[str, dict[str, tuple[str, str, float]]] = {}
    for theme in themes():
        app.theme = theme
        await pilot.pause()
        await pilot.pause()
        if found := unreadable(app):
            bad[theme] = found
    return bad


async def test_the_ticket_screen_reads_in_every_theme(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        await pilot.press("h")  # the event history too: events were the unreadable ones
        await settle(pilot)
        await pilot.press("slash", "n", "o", "t", "e", "enter")  # a find match, highlighted
        await settle(pilot)
        assert await every_theme(pilot) == {}


async def test_search_results_read_in_every_theme(shared: SandboxServer) -> None:
    app = app_for(shared)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "enter")
        await settle(pilot)
        assert await every_theme(pilot) == {}


async def test_a_form_reads_in_every_theme(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        for area in app.screen.query(TextArea):
            area.cursor_blink = False  # the cursor's character is measured too, shown
        assert await every_theme(pilot) == {}


@pytest.mark.parametrize("page", ["#FFFFFF", "#E0E0E0", "#1E1E1E", "#268BD2", "#808080"])
@pytest.mark.parametrize("start", ["#F4F4F4", "#0178D4", "#FEA62B", "#000000", "#777777"])
def test_a_colour_is_moved_only_until_it_reads(page: str, start: str) -> None:
    bg, color = Color.parse(page), Color.parse(start)
    moved = readable_on(color, [bg])
    assert contrast_ratio(moved, bg) >= MINIMUM
    if contrast_ratio(color, bg) >= MINIMUM:
        assert moved == color
    text, fill = label_colours(bg)
    assert contrast_ratio(text, fill) >= MINIMUM
