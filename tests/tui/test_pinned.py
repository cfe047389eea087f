"""Pinned notes are shown first, above the timeline."""

from __future__ import annotations

from omnitui.sandbox import SandboxServer
from omnitui.tui.widgets.pinned import PinnedNotes
from omnitui.tui.widgets.timeline import TimelineView

from .conftest import app_for, screen_text, settle
from .test_ticket import open_ticket


async def test_a_pinned_note_is_shown_above_the_timeline(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=100009)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 100009)
        rows = screen_text(app).split("\n")
    heading = next(n for n, row in enumerate(rows) if "📌 pinned · marleen" in row)
    assert "2026-09-07 00:00:31" in rows[heading]
    assert "Gecheckt bij magazijn: pakket is op 03-09-2026 verstuurd." in rows[heading + 1]
    # The timeline starts below it, from the oldest entry.
    first_entry = next(n for n, row in enumerate(rows) if row.lstrip().startswith("▌"))
    assert first_entry > heading + 1


async def test_no_pinned_notes_no_panel(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        assert not app.screen.query_one(PinnedNotes).display
        assert "📌" not in screen_text(app)


async def test_many_pinned_notes_leave_the_timeline_half_of_a_small_terminal(
    shared: SandboxServer,
) -> None:
    """Ticket 900001 has dozens of pinned notes; at 80×24 the timeline keeps half the rows."""
    app = app_for(shared, ticket=900001)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, 900001)
        assert app.screen.query_one(PinnedNotes).size.height <= 6
        assert app.screen.query_one(TimelineView).size.height >= 12
        assert "📌" in screen_text(app)


def pinned_count(app: object) -> int:
    from omnitui.tui.screens.ticket import TicketScreen

    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, TicketScreen)
    return sum(1 for e in screen.timeline.entries if e.pinned)


async def test_many_pinned_notes_are_counted_and_p_lists_them_all(shared: SandboxServer) -> None:
    """900001 has dozens of pinned notes: the panel says how many and P shows every one."""
    app = app_for(shared, ticket=900001)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, 900001)
        count = pinned_count(app)
        assert count > 10
        assert f"📌 {count} pinned — P lists them" in screen_text(app)
        assert app.screen.query_one(TimelineView).size.height >= 12  # half of 24 rows

        await pilot.press("P")
        await settle(pilot)
        assert f"{count} pinned notes" in screen_text(app)
        oldest = min(e.created_at for e in app.screen.pinned if e.pinned)  # type: ignore[attr-defined]
        assert oldest not in screen_text(app)  # below, to scroll to
        await pilot.press("end")
        await settle(pilot)
        assert oldest in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "📌" in screen_text(app)  # back on the ticket


async def test_at_120_by_40_the_panel_shows_more_and_still_counts(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=900001)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_ticket(pilot, shared, 900001)
        count = pinned_count(app)
        text = screen_text(app)
        assert f"📌 {count} pinned — P lists them" in text
        assert text.count("📌") >= 5  # the count and the newest notes, a line each
        assert app.screen.query_one(TimelineView).size.height >= 20


async def test_a_single_pinned_note_at_80_by_24_keeps_half_the_screen_for_the_timeline(
    shared: SandboxServer,
) -> None:
    app = app_for(shared, ticket=100117)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, 100117)
        assert "Customer also phoned about this." in screen_text(app)
        assert app.screen.query_one(TimelineView).size.height >= 12
