"""Keys typed ahead arrive at the widget that has focus when each one is processed, in order."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot

from omnitui.sandbox import SandboxServer
from omnitui.tui.forms.create import CreateTicketForm

from .conftest import app_for, settle, wait_until

#: Key names Textual gives the characters typed here.
NAMES = {" ": "space", "@": "at", ".": "full_stop", "\t": "tab", "\r": "enter"}


def burst(pilot: Pilot[None], text: str) -> None:
    """Post every key at once, as one read from a laggy link: nothing is processed in between."""
    for character in text:
        pilot.app.post_message(events.Key(NAMES.get(character, character), character))


async def test_a_burst_into_the_new_ticket_form_fills_each_field_in_turn(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(pilot, "cBroken desk\t\t\ta@b.nl\tAnna")
        await wait_until(pilot, lambda: isinstance(app.screen, CreateTicketForm))
        await settle(pilot)
        values = app.screen.values()
        assert values["title"] == "Broken desk"
        assert values["customer_address"] == "a@b.nl"
        assert values["customer_name"] == "Anna"


async def test_keys_typed_before_the_ticket_arrives_wait_for_it(sandbox: SandboxServer) -> None:
    sandbox.faults.latency_ms = 600  # the ticket is still on its way when the keys arrive
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst(pilot, "cBroken desk\t\t\ta@b.nl\tAnna")
        await wait_until(pilot, lambda: isinstance(app.screen, CreateTicketForm))
        await settle(pilot)
        values = app.screen.values()
        # Opened from the ticket once it was there: its brand and our address are filled in.
        assert values["our_address"] == "service@mybrand.com"
        assert (values["title"], values["customer_address"]) == ("Broken desk", "a@b.nl")
        assert values["customer_name"] == "Anna"
