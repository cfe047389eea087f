"""The ticket screen: reading a ticket, moving through it, finding things, copying them."""

from __future__ import annotations

import base64
import re

import pytest
from textual.pilot import Pilot

from omnitui.sandbox import SandboxServer
from omnitui.tui.screens.lookup import LookupScreen
from omnitui.tui.screens.ticket import TicketScreen
from omnitui.tui.widgets import timeline as timeline_widget
from omnitui.tui.widgets.timeline import TimelineView

from .conftest import app_for, screen_text, settle, wait_until, widget_text


async def open_ticket(pilot: Pilot[None], server: SandboxServer, number: int) -> TimelineView:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
    await settle(pilot)
    timeline = app.screen.query_one(TimelineView)
    await wait_until(pilot, lambda: not timeline.wanted_bodies())
    await settle(pilot)
    return timeline


async def test_the_seed_ticket_reads_as_documented(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        text = screen_text(app)

    for expected in (
        "#858462 vraag van Thomas",
        " new ",
        "medium",
        "e-mail · MyBrand · inbound · thomas@test.com → service@mybrand.com",
        "Customer: T van Test · ext 20164564646592575 · thomas@test.com, +3164568456",
        "Assigned: Customer Support / no agent",
        "Created 2019-09-28 22:06:16",
        "SLA: next breach in 2d",
    ):
        assert expected in text, expected
    message = text.index("← thomas@test.com · e-mail · 2019-09-28 22:06:17")
    body = text.index("HTML email content")
    event = text.index("· Assigned to Servicee · trigger: Assign to service · 2019-09-28 22:06:23")
    note = text.index("Internal note · marleen · 2019-09-28 23:30:13")
    assert message < body < event < note
    assert "My intern note on this ticket" in text
    assert "<b>" not in text and "<p>" not in text


async def test_scrolling_a_5000_entry_ticket(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=900001)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_ticket(pilot, shared, 900001)
        first = widget_text(timeline)
        assert "5000 entries · oldest first" in screen_text(app)
        await pilot.press("end")
        await settle(pilot)
        last_entry = timeline.entries[-1]
        assert timeline.scroll_y == timeline.max_scroll_y > 0
        assert last_entry.created_at in screen_text(app)
        await pilot.press("pageup", "pageup", "k", "j", "home")
        await settle(pilot)
        assert widget_text(timeline) == first


async def test_entry_navigation_order_and_quotes(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=100001)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_ticket(pilot, shared, 100001)
        fold = re.compile(r"▸ .+, \d+ lines? \(z shows them\)")
        for _ in timeline.entries:
            if fold.search(widget_text(timeline).split("\n")[0] + widget_text(timeline)):
                break
            await pilot.press("right_square_bracket")
            await settle(pilot)
        folded = widget_text(timeline)
        assert fold.search(folded)
        await pilot.press("z")
        await settle(pilot)
        unfolded = widget_text(timeline)
        assert len(fold.findall(unfolded)) < len(fold.findall(folded))
        assert "│ " in unfolded

        # Flipping the order keeps the entry being read in view; Home then shows the newest.
        await pilot.press("home")
        await settle(pilot)
        oldest_first = widget_text(timeline).split("\n")[0]
        await pilot.press("o")
        await settle(pilot)
        assert "newest first" in screen_text(app)
        assert widget_text(timeline).split("\n")[0] == oldest_first
        await pilot.press("home")
        await settle(pilot)
        assert widget_text(timeline).split("\n")[0].endswith(timeline.entries[-1].created_at)


async def test_find_in_the_timeline_highlights_and_moves(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=900001)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_ticket(pilot, shared, 900001)
        word = "Internal note"
        await pilot.press("slash", *word, "enter")
        await settle(pilot)
        count = len(timeline.matches)
        assert count > 10
        assert f"“{word}”: {count} entries" in screen_text(app)
        first = timeline.current_position
        await pilot.press("n")
        await settle(pilot)
        second = timeline.current_position
        assert second is not None and first is not None and second > first
        await pilot.press("N")
        await settle(pilot)
        assert timeline.current_position == first
        strip_styles = [
            seg.style
            for y in range(timeline.size.height)
            for seg in timeline.render_line(y)
            if seg.text.lower() == word.lower()
        ]
        assert strip_styles and all(s is not None and s.bgcolor is not None for s in strip_styles)


async def test_find_in_a_long_ticket_gives_way_and_keys_typed_meanwhile_wait(
    shared: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Searched a slice at a time (the smallest here: every slice gives the loop a turn), the
    5,000 entries are all found, and ``n`` typed before the search is done acts on its result."""
    monkeypatch.setattr(timeline_widget, "SEARCH_BUDGET", 0.0)
    app = app_for(shared, ticket=900001)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_ticket(pilot, shared, 900001)
        word = "Internal note"
        await pilot.press("slash", *word, "enter", "n")
        await settle(pilot)
        model = timeline.model
        expected = [
            p for p in range(timeline.shown_count) if word.lower() in model.entry_text(p).lower()
        ]
        assert timeline.matches == expected and len(expected) > 10
        assert timeline.current_position == expected[1]  # the first match, then n: the second
        assert f"“{word}”: {len(expected)} entries" in screen_text(app)


async def test_event_history_is_fetched_on_request(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_ticket(pilot, shared, 858462)
        before = len(timeline.entries)
        await pilot.press("h")
        await settle(pilot)
        assert shared.requests[-1].query == "getTicketHistory=1"
        assert len(timeline.entries) > before
        assert "with event history" in screen_text(app)
        await pilot.press("h")
        await settle(pilot)
        assert len(timeline.entries) == before


async def test_copy_entry_and_url_go_out_as_osc_52(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    written: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        app._driver.write = written.append  # type: ignore[union-attr, method-assign]
        await pilot.press("y")
        await pilot.press("U")  # the brand's page; u copies Omnidesk's (test_browser.py)
        await settle(pilot)

    payloads = [
        base64.b64decode(found).decode()
        for data in written
        for found in re.findall(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", data)
    ]
    assert payloads[0].startswith("← thomas@test.com · e-mail · 2019-09-28 22:06:17")
    assert "HTML email content" in payloads[0]
    assert payloads[1] == "https://guiurl.brand.com/?ticketID=858462#20164564646592575"


async def test_refresh_and_back(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        requests = len(shared.requests)
        await pilot.press("R")
        await settle(pilot)
        assert len(shared.requests) == requests + 1
        await pilot.press("q")
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))


async def test_a_failed_load_is_shown_in_place_and_retried(shared: SandboxServer) -> None:
    shared.faults.add("500", count=1)
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        assert "Server error from Omnidesk (HTTP 500)" in screen_text(app)
        assert "Press R to try again" in screen_text(app)
        await pilot.press("R")
        await settle(pilot)
        assert "HTML email content" in screen_text(app)


async def test_help_lists_the_keys_of_the_screen(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_ticket(pilot, shared, 858462)
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(app)
        for words in (
            "Find text in the timeline",
            "event history",
            "Copy the current",
            "Next entry",
        ):
            assert words in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)


async def test_help_wraps_long_descriptions_and_scrolls_with_j_and_k(
    shared: SandboxServer,
) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, 858462)
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Scroll down" in screen_text(app)
        presses = 0
        while "copy its URL)" not in screen_text(app) and presses < 40:  # b's line, far down
            await pilot.press("j")
            presses += 1
        await settle(pilot)
        text = screen_text(app)
        assert "Scroll down" not in text  # scrolled past the first rows
        assert "(over SSH:" in text and "copy its URL)" in text  # wrapped, not cut off
        await pilot.press(*"k" * presses)
        await settle(pilot)
        assert "Scroll down" in screen_text(app)


async def test_a_retry_is_announced_and_the_ticket_still_opens(shared: SandboxServer) -> None:
    shared.faults.add("503", count=1)
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        messages = [str(n.message) for n in app._notifications]
        assert any("Server error from Omnidesk (HTTP 503)" in m for m in messages)
        assert any("Retrying in" in m for m in messages)
        assert "HTML email content" in screen_text(app)
