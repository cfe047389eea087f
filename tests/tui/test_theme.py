"""A theme chosen in the app (command palette) is there again next time, and is used at once."""

from __future__ import annotations

from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.storage.prefs import Preferences
from omnitui.tui.app import OmniApp
from omnitui.tui.screens.ticket import TicketScreen
from omnitui.tui.widgets.ticket_header import TicketHeader
from omnitui.tui.widgets.timeline import TimelineView

from .conftest import app_for, settle, wait_until


async def test_the_chosen_theme_is_remembered() -> None:
    backend = AccountBackend("http://127.0.0.1:9", "key", "nowhere")
    app = OmniApp(backend, preferences=Preferences.load())
    async with app.run_test() as pilot:
        app.theme = "nord"
        await pilot.pause()

    assert Preferences.load().theme == "nord"
    again = OmniApp(backend, preferences=Preferences.load())
    async with again.run_test():
        assert again.theme == "nord"


async def test_the_ticket_header_follows_a_change_of_theme(shared: SandboxServer) -> None:
    """The header draws its badges in colours taken from the theme: a new theme redraws them."""
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        header = app.screen.query_one(TicketHeader)

        def badge_colour() -> object:
            first = next(seg for seg in header.render_line(0) if seg.text.strip())
            assert first.text.strip() == "new"
            return first.style.bgcolor if first.style else None

        before = badge_colour()
        app.theme = "nord"
        await settle(pilot)
        assert badge_colour() != before


async def test_the_timeline_follows_a_change_of_theme(shared: SandboxServer) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        timeline = app.screen.query_one(TimelineView)

        def heading_colour() -> object:
            line = next(
                strip
                for y in range(timeline.size.height)
                if "thomas@test.com" in (strip := timeline.render_line(y)).text
            )
            segment = next(seg for seg in line if "thomas@test.com" in seg.text)
            return segment.style.color if segment.style else None

        before = heading_colour()
        app.theme = "nord"
        await settle(pilot)
        assert heading_colour() != before
