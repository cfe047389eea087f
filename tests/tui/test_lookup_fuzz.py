"""Whatever is typed or pasted into the lookup field: a ticket or a plain message, never a crash.

Hypothesis drives the real lookup screen (a few examples, each a batch of inputs, so one app
start covers many) and the number parser directly (many examples, it is fast).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input, Static

from omnitui.core.ticket_numbers import MAX_DIGITS, parse_ticket_number
from omnitui.sandbox import SandboxServer
from omnitui.tui.screens.lookup import LookupScreen
from omnitui.tui.screens.ticket import TicketScreen

from .conftest import app_for, settle, wait_until
from .test_hostile import assert_inert, terminal_bytes

LOOKUP_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.text("0123456789 #\t", max_size=16),
    st.sampled_from(
        [
            "",
            " ",
            "#",
            "0",
            "-1",
            "858462",
            " #858462 ",
            "9" * 13,
            "1e3",
            "١٢٣",  # Arabic-Indic digits: digits to str.isdigit, not to Omnidesk
            "²",
            "858462/",
            "[@click=app.quit]x[/]",
            "[bold]",
            "\x1b]52;c;cHduZWQ=\x07",
            "\x9b2J",
            "\u202e123",
            "x" * 500,
        ]
    ),
)
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@given(st.text(max_size=30))
def test_the_number_parser_never_raises(text: str) -> None:
    number = parse_ticket_number(text)
    if number is not None:
        digits = text.strip().lstrip("#").strip()
        assert digits.isascii() and len(digits) <= MAX_DIGITS and int(digits) == number


@pytest.mark.timeout(400)  # a few app runs; a loaded CI machine must not turn them red
@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(LOOKUP_TEXT, min_size=1, max_size=6))
async def test_anything_typed_into_the_lookup_gives_a_message_not_a_traceback(
    shared: SandboxServer, texts: list[str]
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: app.client is not None)
        for text in texts:
            if not isinstance(app.screen, LookupScreen):
                await pilot.press("q")  # a valid number opened a ticket: back to the lookup
                await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
            screen = app.screen
            field = screen.query_one("#lookup-input", Input)
            field.focus()
            field.value = ""
            app.post_message(events.Paste(text))  # as a terminal delivers a paste
            await pilot.pause()
            typed = field.value
            await pilot.press("enter")
            await settle(pilot)

            assert app.is_running and app._exception is None
            message = str(screen.query_one("#lookup-message", Static).render())
            assert "Traceback" not in message
            assert not CONTROL.search(message), repr(message)
            assert_inert(terminal_bytes(app))  # the field and the message reach the terminal inert
            number = parse_ticket_number(typed)
            if number is None:
                assert "is not a ticket number: use digits only, like 858462." in message
                assert field.value == typed  # nothing typed is lost
            elif not isinstance(app.screen, TicketScreen):
                assert message == f"Ticket {number} not found."
                assert field.value == typed
