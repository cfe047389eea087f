"""The lookup screen's ticket-number field: digits only, checked when Enter is pressed."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.validation import Regex
from textual.widgets import Input

TICKET_NUMBER = r"^\s*#?\s*\d{1,12}\s*$"
#: What a typed ticket number is made of (TICKET_NUMBER): only these keys are the field's.
NUMBER_KEYS = frozenset("0123456789# ")


class TicketNumberInput(Input):
    """A ticket number is digits, so any other key typed here is one of the screen's keys.

    ``?`` shows the help, ``g`` selects the number, ``q`` quits, ``/`` goes to the search, as on
    every other screen: a field that took them as text would leave the agent with no key but
    Tab on the first screen. A key that no binding takes (``x``) is still typed, so Enter can
    say why it is no ticket number. Pasted text is never a key (Textual delivers it as one
    Paste event): a pasted ``858462/`` is kept and explained, not split.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(
            validators=[Regex(TICKET_NUMBER, failure_description="digits only")],
            validate_on=["submitted"],
            **options,
        )

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Only the keys of a number are the field's: the screen's other bindings stay active
        (and in the footer) while it has focus."""
        return super().check_consume_key(key, character) and character in NUMBER_KEYS

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable or self.check_consume_key(event.key, event.character):
            return  # Input's own handler (or binding) takes it
        if event.key in self.screen.active_bindings:
            # Not typed, and not stopped: it bubbles up to the app, which runs the binding.
            event.prevent_default()
