"""What the assign, priority and tags pickers share: one ticket or many, asked first, verified.

A picker is a form (:class:`~omnitui.tui.forms.base.FormScreen`: sent in a worker, an error shown
in it with the choice kept, Escape asks before dropping a choice). On one ticket it sends at once;
on many (marked rows) it first asks "Assign 7 tickets to Finance / marleen?", then sends ticket by
ticket with the progress in its message line. Every write is read back (:mod:`omnitui.tui.verify`)
and the toast says what is true afterwards; on many, :class:`ResultsScreen` then lists each
ticket's result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from omnitui.api.models import Ticket
from omnitui.api.readback import WriteField
from omnitui.core.sanitize import sanitize_line
from omnitui.core.wording import plural
from omnitui.tui.forms.base import FormScreen
from omnitui.tui.forms.confirm import FORMS_CSS, STAY, ConfirmClose
from omnitui.tui.forms.conflict import NotSaved
from omnitui.tui.verify import Outcome

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient
    from omnitui.storage.write_support import WriteSupport

GO = "go"
#: Ticket numbers a question lists before "and N more".
SHOWN_NUMBERS = 8


class QuickForm(FormScreen[Outcome]):
    """A change of one kind to ``tickets``; subclasses say what is picked and how it is sent."""

    #: The fields this picker changes (what the write memory is asked about).
    FIELDS: ClassVar[tuple[WriteField, ...]] = ()
    #: "Assign": the verb of the heading.
    VERB: ClassVar[str] = ""

    def __init__(
        self,
        tickets: Sequence[Ticket],
        *,
        memory: WriteSupport | None,
        unavailable: Mapping[WriteField, str] | None = None,
        prefill: Mapping[str, str],
    ) -> None:
        """``tickets``: the open ticket, or the marked rows as read just now. ``unavailable``:
        the fields the account is known to ignore, with the reason (write_support.py)."""
        if not tickets:
            raise ValueError("a picker needs a ticket")
        self.tickets = list(tickets)
        self.memory = memory
        self.unavailable = dict(unavailable or {})
        super().__init__(prefill=prefill, ticket_id=None, drafts=None)

    @property
    def many(self) -> bool:
        return len(self.tickets) > 1

    @property
    def ticket(self) -> Ticket:
        """The one ticket (on many: the first)."""
        return self.tickets[0]

    def heading(self) -> Text:
        if self.many:
            return Text(f"{self.VERB} {plural(len(self.tickets), 'ticket')}", style="bold")
        ticket = self.ticket
        return Text.assemble((f"{self.VERB} #{ticket.id}", "bold"), " · ", ticket.title)

    def values(self) -> dict[str, str]:
        """The choice, not the text typed to find it: a filter alone is nothing to lose."""
        return self.choice()

    def choice(self) -> dict[str, str]:
        raise NotImplementedError

    def numbers(self) -> str:
        shown = ", ".join(f"#{t.id}" for t in self.tickets[:SHOWN_NUMBERS])
        more = len(self.tickets) - SHOWN_NUMBERS
        return f"{shown} and {more} more" if more > 0 else shown

    # ------------------------------------------------------------------------------------------
    # Sending

    def preview(self, request: Any) -> tuple[str, str]:
        """On many: the question ("Assign 7 tickets to Finance / marleen?") and its button."""
        raise NotImplementedError

    async def apply(self, client: OmnideskClient, request: Any) -> Outcome:
        """Send the change and read each ticket back."""
        raise NotImplementedError

    async def send(self, client: OmnideskClient, request: Any) -> Outcome:
        if self.many:
            question, label = self.preview(request)
            answer = await self.app.push_screen_wait(
                ConfirmClose(f"{question}\n\n{self.numbers()}", [(GO, label), (STAY, "Back")])
            )
            if answer != GO:
                raise NotSaved("Not sent.")
        return await self.apply(client, request)

    def progress(self, text: str) -> None:
        """Where a change to many says how far it is."""
        if self.is_attached:
            self.show_message(text, error=False)

    def success_message(self, outcome: Outcome) -> str:
        return outcome.text()

    def success_severity(self, outcome: Outcome) -> SeverityLevel:
        return "information" if outcome.ok else "warning"


def names_text(names: Iterable[str]) -> str:
    return ", ".join(sanitize_line(name) for name in names)


class ResultsScreen(ModalScreen[None]):
    """Each ticket of a change to many, as read back; Enter or Escape closes."""

    CSS_PATH = FORMS_CSS
    BINDINGS = [
        Binding(
            "escape,enter",
            "close",
            "Close",
            id="results.close",
            tooltip="Close the list of results of a change to many tickets",
        ),
    ]

    def __init__(self, title: str, outcome: Outcome) -> None:
        super().__init__(classes="form-screen")
        self.title_text = title
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        with Vertical(id="results-box"):
            yield Static(Text(self.title_text, style="bold"), id="results-title")
            with VerticalScroll(id="results-lines"):
                for line in self.outcome.lines():
                    yield Static(Text(line), classes="results-line")
            with Horizontal(id="form-buttons"):
                yield Button("Close", id="results-close", variant="primary", compact=True)
                yield Static(Text("Enter or Esc closes"), id="form-keys")

    def on_mount(self) -> None:
        self.query_one("#results-close").focus()

    @on(Button.Pressed, "#results-close")
    def _pressed(self) -> None:
        self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)
