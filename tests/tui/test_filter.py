"""Filtering the timeline by kind and event type (``f``)."""

from __future__ import annotations

from textual.widgets import SelectionList

from omnitui.api.models import EntryKind
from omnitui.sandbox import SandboxServer
from omnitui.tui.screens.filter import FilterScreen

from .conftest import app_for, screen_text, settle, wait_until, widget_text
from .test_ticket import open_ticket


async def test_only_notes_and_messages(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_ticket(pilot, shared, 858462)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterScreen))
        await settle(pilot)
        modal = screen_text(app)
        for label in ("Messages (1)", "Notes (1)", "Events: assigned group id (1)"):
            assert label in modal, label
        assert modal.count("▐X▌") == 3  # all ticked
        # The cursor starts on the first option; the event type is the third.
        await pilot.press("down", "down", "space")
        await settle(pilot)
        # Unticked reads without colour too (NO_COLOR, monochrome terminals).
        assert "▐ ▌ Events: assigned group id (1)" in screen_text(app)
        assert screen_text(app).count("▐X▌") == 2
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "2 of 3 entries" in text
        assert "showing messages and notes — f to change" in text
        shown = widget_text(timeline)
        assert "Internal note · marleen" in shown
        assert "HTML email content" in shown
        assert "Assigned to Servicee" not in shown

        # Search looks at what is shown only.
        await pilot.press("slash", *"Servicee", "enter")
        await settle(pilot)
        assert "“Servicee” is not in this ticket." in [str(n.message) for n in app._notifications]

        # Ticking everything again brings the event back and the notice goes.
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterScreen))
        await pilot.press("a", "enter")
        await settle(pilot)
        assert "Assigned to Servicee" in widget_text(timeline)
        assert "f to change" not in screen_text(app)


async def test_events_by_type_with_the_history(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_ticket(pilot, shared, 858462)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterScreen))
        await settle(pilot)
        options = app.screen.query_one(SelectionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == [
            "Messages (1)",
            "Notes (1)",
            "Events: assigned group id (1)",
            "Events: priority (1)",
            "Events: status (2)",
            "Events: viewed (1)",
        ]
        # Only status events: untick messages, notes and the other event types.
        await pilot.press("space", "down", "space", "down", "space", "down", "space")
        await pilot.press("down", "down", "space", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "showing events (status) — f to change" in text
        shown = widget_text(timeline)
        assert "Status set to new" in shown
        assert "Status changed from new to open" in shown
        assert "Ticket viewed by marleen" not in shown
        assert "HTML email content" not in shown
        assert "2 of 7 entries" in text


async def test_escape_keeps_the_old_view(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_ticket(pilot, shared, 858462)
        before = widget_text(timeline)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterScreen))
        await pilot.press("space", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, FilterScreen)
        assert widget_text(timeline) == before
        assert "f to change" not in screen_text(app)


async def test_the_entry_being_read_stays_in_view(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=900001)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_ticket(pilot, shared, 900001)
        # Walk to a message in the middle of the long ticket.
        message = next(
            i for i, e in enumerate(timeline.entries) if i > 2500 and e.kind is EntryKind.MESSAGE
        )
        timeline.go_to_position(message)
        await settle(pilot)
        top = widget_text(timeline).split("\n")[0]
        assert timeline.entries[message].created_at in top
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterScreen))
        await pilot.press("down", "space", "enter")  # hide the notes
        await settle(pilot)
        assert "4251 of 5000 entries" in screen_text(app)
        assert "showing messages and events — f to change" in screen_text(app)
        assert widget_text(timeline).split("\n")[0] == top


async def test_a_hidden_entry_gives_its_place_to_the_next_shown(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=900001)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_ticket(pilot, shared, 900001)
        note = next(
            i for i, e in enumerate(timeline.entries) if i > 2500 and e.kind is EntryKind.NOTE
        )
        after = next(e for e in timeline.entries[note + 1 :] if e.kind is not EntryKind.NOTE)
        timeline.go_to_position(note)
        await settle(pilot)
        assert "Internal note" in widget_text(timeline).split("\n")[0]
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterScreen))
        await pilot.press("down", "space", "enter")  # hide the notes
        await settle(pilot)
        assert widget_text(timeline).split("\n")[0].endswith(after.created_at)


async def test_enter_without_changes_keeps_showing_everything(shared: SandboxServer) -> None:
    """858462 has no "other" entries, so that row is not offered; it must stay on all the same."""
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = await open_ticket(pilot, shared, 858462)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterScreen))
        assert "Other entries" not in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert timeline.entry_filter.is_all
        assert "f to change" not in screen_text(app)
