"""One huge mail (a monthly report of 3,000 paragraphs) opens whole: its start, its end, a find."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from omnitui.sandbox import SandboxServer
from omnitui.sandbox.data import documents
from omnitui.sandbox.data.store import Store
from omnitui.tui.screens.ticket import TicketScreen
from omnitui.tui.widgets.timeline import TimelineView

from ..conftest import API_KEY
from .conftest import app_for, screen_text, settle, wait_until

REPORT = 900900
PARAGRAPHS = 3000
LAST = "That is all for this month: the last line of the report."


def report_html() -> str:
    paragraphs = "".join(
        f"<p>Section {n}: the invoices, orders and deliveries of the month, one by one.</p>"
        for n in range(1, PARAGRAPHS + 1)
    )
    return f"<html><body><h1>Monthly report</h1>{paragraphs}<p>{LAST}</p></body></html>"


@pytest.fixture
def server(fresh_db: Path) -> Iterator[SandboxServer]:
    """A sandbox with one more ticket: one inbound mail, the whole report."""
    store = Store(fresh_db)
    try:
        with store.transaction():
            doc, mail = documents.forwarded_mail(
                REPORT,
                99_900_001,
                title="The monthly report, forwarded whole",
                content=report_html(),
                created_at="2026-11-20 09:00:00",
            )
            store.put_ticket(doc)
            store.add_entries(REPORT, [(False, mail)])
    finally:
        store.close()
    with SandboxServer(fresh_db, api_key=API_KEY) as running:
        yield running


async def test_a_huge_mail_opens_whole_and_reads_to_its_last_line(server: SandboxServer) -> None:
    app = app_for(server, ticket=REPORT)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await wait_until(pilot, lambda: "Section 1:" in screen_text(app), timeout=60)
        text = screen_text(app)
        assert "Monthly report" in text
        assert "converting…" not in text

        await pilot.press("end")
        await settle(pilot)
        await wait_until(pilot, lambda: LAST in screen_text(app))
        assert f"Section {PARAGRAPHS}:" in screen_text(app)
        timeline = app.screen.query_one(TimelineView)
        assert timeline.scroll_y == timeline.max_scroll_y > 3 * PARAGRAPHS // 2

        await pilot.press("home")
        await settle(pilot)
        await pilot.press("slash", *"Section 2500:", "enter")
        await settle(pilot)
        assert "Section 2500: the invoices" in screen_text(app)
