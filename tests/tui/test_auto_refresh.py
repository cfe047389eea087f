"""Auto-refresh of the open ticket: new entries arrive without moving what the reader reads."""

from __future__ import annotations

import pytest

from omnitui.api.client import OmnideskClient
from omnitui.api.json_lazy import LazyArray, Rest
from omnitui.api.models import TimelineEntry
from omnitui.api.requests import MessageKind, NewMessage
from omnitui.sandbox import SandboxServer
from omnitui.tui.app import OmniApp
from omnitui.tui.screens.ticket import TicketScreen
from omnitui.tui.widgets.timeline import TimelineView

from .conftest import app_for, screen_text, settle, wait_until, widget_text
from .test_ticket import open_ticket

TICKET = 100010  # 13 entries: more than a 24-row terminal shows


async def second_agent_writes(server: SandboxServer, body: str) -> None:
    async with OmnideskClient(server.url, server.api_key) as client:
        await client.add_message(NewMessage(ticket_id=TICKET, kind=MessageKind.NOTE, body=body))


async def test_new_entries_do_not_move_the_reader(sandbox: SandboxServer) -> None:
    app = app_for(sandbox, ticket=TICKET)
    app.ticket_refresh = 0.2
    async with app.run_test(size=(100, 24)) as pilot:
        timeline = await open_ticket(pilot, sandbox, TICKET)
        await pilot.press("right_square_bracket", "right_square_bracket", "j")
        await settle(pilot)
        assert 0 < timeline.scroll_y < timeline.max_scroll_y
        before_y = timeline.scroll_y
        before_text = widget_text(timeline)
        entries = len(timeline.entries)

        await second_agent_writes(sandbox, "Second agent: called the carrier.")
        await second_agent_writes(sandbox, "Second agent: refund approved.")
        await wait_until(pilot, lambda: len(timeline.entries) == entries + 2)
        await settle(pilot)

        assert timeline.scroll_y == before_y
        assert widget_text(timeline) == before_text
        assert "2 new entries — End shows them" in screen_text(app)
        assert f"{entries + 2} entries" in screen_text(app)

        await pilot.press("end")
        await settle(pilot)
        assert "Second agent: refund approved." in widget_text(timeline)
        assert "new entries" not in screen_text(app)

        # The arrivals are full members of the timeline: reordering and filtering take them.
        await pilot.press("o", "home")
        await settle(pilot)
        assert app.is_running and "newest first" in screen_text(app)
        assert "Second agent: refund approved." in widget_text(timeline)


async def test_a_reader_at_the_end_sees_new_entries_arrive(sandbox: SandboxServer) -> None:
    app = app_for(sandbox, ticket=TICKET)
    app.ticket_refresh = 0.2
    async with app.run_test(size=(100, 24)) as pilot:
        timeline = await open_ticket(pilot, sandbox, TICKET)
        await pilot.press("end")
        await settle(pilot)
        entries = len(timeline.entries)
        await second_agent_writes(sandbox, "Second agent: parcel found.")
        await wait_until(pilot, lambda: len(timeline.entries) == entries + 1)
        await settle(pilot)
        assert "Second agent: parcel found." in widget_text(timeline)
        assert timeline.scroll_y == timeline.max_scroll_y
        assert "new entr" not in screen_text(app)


async def test_off_by_default(sandbox: SandboxServer) -> None:
    app = app_for(sandbox, ticket=TICKET)
    assert app.ticket_refresh == 0
    async with app.run_test(size=(100, 24)) as pilot:
        timeline = await open_ticket(pilot, sandbox, TICKET)
        requests = len(sandbox.requests)
        entries = len(timeline.entries)
        await second_agent_writes(sandbox, "Second agent: nobody polls.")
        await pilot.press("j", "k", "j")
        await settle(pilot)
        assert len(timeline.entries) == entries
        assert [sandbox.requests[n].path for n in range(requests, len(sandbox.requests))] == [
            "/api/v2/message"
        ]


async def test_newest_first_new_entries_arrive_on_top(sandbox: SandboxServer) -> None:
    app = app_for(sandbox, ticket=TICKET)
    app.ticket_refresh = 0.2
    async with app.run_test(size=(100, 24)) as pilot:
        timeline = await open_ticket(pilot, sandbox, TICKET)
        await pilot.press("o", "home")
        await settle(pilot)
        entries = len(timeline.entries)
        await second_agent_writes(sandbox, "Second agent: on top.")
        await wait_until(pilot, lambda: len(timeline.entries) == entries + 1)
        await settle(pilot)
        assert "Second agent: on top." in widget_text(timeline).split("\n")[1]
        assert "new entr" not in screen_text(app)

        await pilot.press("j", "j", "j")
        await settle(pilot)
        before = widget_text(timeline)
        await second_agent_writes(sandbox, "Second agent: above the reader.")
        await wait_until(pilot, lambda: len(timeline.entries) == entries + 2)
        await settle(pilot)
        assert widget_text(timeline) == before
        assert "1 new entry — Home shows them" in screen_text(app)
        await pilot.press("home")
        await settle(pilot)
        assert "Second agent: above the reader." in widget_text(timeline)
        assert "new entr" not in screen_text(app)


BIG = 900001  # 5,000 entries: decoded lazily, so its timeline has a digest
BIG_ENTRIES = 5000


def ticket_gets(server: SandboxServer, number: int) -> int:
    path = f"/api/v2/ticket/{number}"
    return sum(1 for n in range(len(server.requests)) if server.requests[n].path == path)


def counting_rest_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How often the bulk of a big answer is decoded (``LazyArray.rest``)."""
    calls: list[int] = []
    rest = LazyArray.rest

    def counted(self: LazyArray) -> Rest:
        calls.append(1)
        return rest(self)

    monkeypatch.setattr(LazyArray, "rest", counted)
    return calls


def held_entries(app: OmniApp) -> list[TimelineEntry]:
    screen = app.screen
    assert isinstance(screen, TicketScreen) and screen.ticket is not None
    return screen.ticket.timeline


async def test_an_unchanged_big_ticket_is_neither_decoded_nor_copied_again(
    shared: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoded = counting_rest_reads(monkeypatch)
    app = app_for(shared, ticket=BIG)
    app.ticket_refresh = 0.2
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_until(pilot, lambda: f"{BIG_ENTRIES} entries · " in screen_text(app))
        timeline = app.screen.query_one(TimelineView)
        shown = list(timeline.entries)
        assert decoded == [1]  # the open read the rest once
        opened = ticket_gets(shared, BIG)

        await wait_until(pilot, lambda: ticket_gets(shared, BIG) >= opened + 3)
        await settle(pilot)

        assert decoded == [1]  # three refreshes: the same timeline bytes, not decoded again
        held = held_entries(app)
        assert len(held) == len(timeline.entries) == BIG_ENTRIES
        assert all(a is b for a, b in zip(timeline.entries, held, strict=True))
        assert all(a is b for a, b in zip(shown, held, strict=True))
        assert f"{BIG_ENTRIES} entries · oldest first" in screen_text(app)


async def test_a_big_ticket_that_changed_is_read_and_keeps_the_entries_it_had(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox, ticket=BIG)
    app.ticket_refresh = 0.2
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_until(pilot, lambda: f"{BIG_ENTRIES} entries · " in screen_text(app))
        timeline = app.screen.query_one(TimelineView)
        shown = list(timeline.entries)

        async with OmnideskClient(sandbox.url, sandbox.api_key) as client:
            note = NewMessage(ticket_id=BIG, kind=MessageKind.NOTE, body="Second agent: on it.")
            await client.add_message(note)
        await wait_until(pilot, lambda: len(timeline.entries) == BIG_ENTRIES + 1)
        await settle(pilot)

        text = screen_text(app)
        assert f"1 new entry — End shows them · {BIG_ENTRIES + 1} entries" in text
        held = held_entries(app)
        assert held[-1].content == "Second agent: on it."
        assert all(a is b for a, b in zip(timeline.entries, held, strict=True))
        assert all(a is b for a, b in zip(shown, held[:BIG_ENTRIES], strict=True))
