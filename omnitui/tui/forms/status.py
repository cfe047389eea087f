"""Set the status of one ticket or many (``s``): the open one, typed numbers, or marked rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Button, Select, TextArea

from omnitui.api.models import Ticket, TicketStatus
from omnitui.core.sanitize import sanitize_line
from omnitui.core.ticket_numbers import parse_ticket_numbers
from omnitui.core.wording import plural
from omnitui.tui import verify
from omnitui.tui.forms.base import FormScreen
from omnitui.tui.forms.conflict import NotSaved, changed_meanwhile
from omnitui.tui.forms.fields import FormField, select_value
from omnitui.tui.forms.validation import FormProblem
from omnitui.tui.verify import Outcome

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from omnitui.api.client import OmnideskClient
    from omnitui.storage.drafts import DraftStore

STATUSES: list[tuple[Text, str]] = [(Text(status.value), status.value) for status in TicketStatus]
#: How many numbers the hint and the toast list before saying "and N more".
SHOWN_NUMBERS = 8


@dataclass(frozen=True, slots=True)
class StatusChange:
    """What the form asks for (and, once dismissed with it, what Omnidesk confirmed and each
    ticket read back afterwards says: tui/verify.py)."""

    ticket_ids: tuple[int, ...]
    status: TicketStatus
    message: str = ""
    outcome: Outcome | None = None


def numbers_text(ticket_ids: Sequence[int]) -> str:
    """``858462, 100001 and 3 more``: short enough for one line."""
    shown = ", ".join(str(number) for number in ticket_ids[:SHOWN_NUMBERS])
    more = len(ticket_ids) - SHOWN_NUMBERS
    return f"{shown} and {more} more" if more > 0 else shown


def status_request(values: Mapping[str, str]) -> StatusChange:
    """The tickets and the status; FormProblem names each field that is wrong."""
    problems: dict[str, str] = {}
    status = values.get("status", "")
    if status not in {known.value for known in TicketStatus}:
        problems["status"] = "Choose the new status."
    numbers, bad = parse_ticket_numbers(values.get("tickets", ""))
    if bad:
        words = ", ".join(f"“{sanitize_line(word[:20])}”" for word in bad[:5])
        problems["tickets"] = (
            f"Not ticket numbers: {words}. Use digits, separated by commas, spaces or new lines."
        )
    elif not numbers:
        problems["tickets"] = "Type or paste at least one ticket number."
    if problems:
        raise FormProblem(problems)
    return StatusChange(tuple(numbers), TicketStatus(status))


class SetStatusForm(FormScreen[StatusChange]):
    """Say how many tickets will change before sending; report what changed afterwards."""

    DRAFT_KIND = "status"
    SUBMIT_LABEL = "Set status"

    def __init__(
        self,
        ticket_ids: Sequence[int] = (),
        *,
        draft_ticket_id: int | None = None,
        drafts: DraftStore | None = None,
        shown: Ticket | None = None,
        on_reload: Callable[[], None] | None = None,
    ) -> None:
        """``ticket_ids``: the open ticket or the marked rows; ``draft_ticket_id`` keys drafts.

        ``shown``: the open ticket as the agent saw it; before its status is set, the form checks
        nobody changed it meanwhile. ``on_reload`` refreshes the view behind after a reload.
        """
        prefill = {"status": "", "tickets": ", ".join(str(number) for number in ticket_ids)}
        self.initial_ids = list(ticket_ids)
        self.shown = shown
        self.on_reload = on_reload
        super().__init__(prefill=prefill, ticket_id=draft_ticket_id, drafts=drafts)

    def heading(self) -> Text:
        if len(self.initial_ids) == 1:
            return Text(f"Set the status of #{self.initial_ids[0]}", style="bold")
        if self.initial_ids:
            count = plural(len(self.initial_ids), "ticket")
            return Text(f"Set the status of {count}", style="bold")
        return Text("Set the status of tickets", style="bold")

    def compose_fields(self) -> Iterable[Widget]:
        yield FormField(
            "status",
            "New status",
            Select(
                STATUSES,
                value=select_value(STATUSES, self.start["status"]),
                prompt="choose a status",
                id="input-status",
                compact=True,
            ),
        )
        yield FormField(
            "tickets",
            "Tickets",
            TextArea(
                self.start["tickets"],
                id="input-tickets",
                soft_wrap=True,
                tab_behavior="focus",
                compact=True,
                placeholder="ticket numbers: comma, space or one per line",
            ),
            hint=" ",
        )

    def first_focus(self) -> Widget | None:
        return self.query_one("#input-status")

    def edited(self) -> None:
        """Count the tickets as they are typed, so the agent sees what will change."""
        values = self.values()
        numbers, bad = parse_ticket_numbers(values.get("tickets", ""))
        status = values.get("status", "")
        if numbers:
            target = f" will be set to {status}" if status else ""
            hint = f"{plural(len(numbers), 'ticket')}{target}: {numbers_text(numbers)}"
        else:
            hint = "No ticket numbers yet."
        if bad:
            hint += f" · {len(bad)} not a number"
        self.field("tickets").show_hint(hint)
        label = self.SUBMIT_LABEL
        if numbers and status:
            label = f"Set {plural(len(numbers), 'ticket')} to {status}"
        self.query_one("#form-submit", Button).label = Text(label)

    def build_request(self, values: Mapping[str, str]) -> StatusChange:
        return status_request(values)

    async def send(self, client: OmnideskClient, request: StatusChange) -> StatusChange:
        shown = self.shown
        if shown is not None and request.ticket_ids == (shown.id,):
            await self._check_unchanged(client, shown, request)
        before = {shown.id: shown} if shown is not None else None
        readbacks = await verify.set_status(
            client, request.ticket_ids, request.status, verify.memory_for(self.app), before
        )
        outcome = Outcome.of(f"Status {request.status.value}", readbacks)
        return StatusChange(request.ticket_ids, request.status, outcome=outcome)

    async def _check_unchanged(
        self, client: OmnideskClient, shown: Ticket, request: StatusChange
    ) -> None:
        """Ask the agent when someone else changed the ticket since they saw it (conflict.py)."""
        typed = {"status": request.status.value}
        current = await changed_meanwhile(self, client, shown, typed)
        if current is None:
            return
        self.shown = current
        if self.on_reload is not None:
            self.on_reload()
        now = sanitize_line(str(current.status))
        raise NotSaved(
            f"Not saved: the ticket is now {now}; the status you chose is still here. "
            "Check it and save again."
        )

    def success_message(self, outcome: StatusChange) -> str:
        count = len(outcome.ticket_ids)
        checked = outcome.outcome
        if checked is not None and not checked.ok:
            return checked.text()
        if count == 1 and checked is not None:
            return f"#{outcome.ticket_ids[0]}: {checked.text()}"
        return (
            f"Status is now {outcome.status.value} on {plural(count, 'ticket')}, as read back: "
            f"{numbers_text(list(outcome.ticket_ids))}."
        )

    def success_severity(self, outcome: StatusChange) -> SeverityLevel:
        ok = outcome.outcome is None or outcome.outcome.ok
        return "information" if ok else "warning"
