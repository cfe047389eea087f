"""Pinned notes are shown first, above the timeline."""

from __future__ import annotations

from omnitui.sandbox import SandboxServer
from omnitui.tui.widgets.pinned import PinnedNotes
from omnitui.tui.widgets.timeline import TimelineView

from .conftest import app_for, screen_text
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


async def test_many_pinned_notes_leave_the_timeline_most_of_a_small_terminal(
    shared: SandboxServer,
) -> None:
    """Ticket 900001 has dozens of pinned notes; at 80×24 they get a quarter of the rows."""
    app = app_for(shared, ticket=900001)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, 900001)
        assert app.screen.query_one(PinnedNotes).size.height <= 6
        assert app.screen.query_one(TimelineView).size.height >= 6
        assert "📌" in screen_text(app)
