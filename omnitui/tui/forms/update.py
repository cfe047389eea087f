"""Edit a ticket (``e``): title, status, customer; only what changed goes over the wire."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from omnitui.api.models import Ticket, TicketStatus
from omnitui.api.requests import UPDATE_STATUSES, TicketUpdate
from omnitui.tui.forms.base import FormScreen
from omnitui.tui.forms.conflict import NotSaved, changed_meanwhile
from omnitui.tui.forms.fields import choice_field, text_field
from omnitui.tui.forms.validation import FORM, FormProblem

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient
    from omnitui.storage.drafts import DraftStore

STATUSES: list[tuple[Text, str]] = [
    (Text(status.value), status.value) for status in UPDATE_STATUSES
]
NOTHING_CHANGED = "Nothing changed: edit a field first, or press Escape to close."
WORDS = {"title": "title", "status": "status", "external_primary_id": "customer"}


def update_prefill(ticket: Ticket) -> dict[str, str]:
    """The ticket as it is now; the status starts as "unchanged"."""
    customer = ticket.customer.external_primary_id if ticket.customer else None
    return {"title": ticket.title, "status": "", "external_id": customer or ""}


def update_request(values: Mapping[str, str], baseline: Mapping[str, str]) -> TicketUpdate:
    """Only the fields that differ from ``baseline``; raises FormProblem when none does."""

    def changed(name: str) -> str | None:
        value = values.get(name, "")
        return value if value.strip() != baseline.get(name, "").strip() else None

    update = TicketUpdate.model_validate(
        {
            "title": changed("title"),
            "status": values.get("status", "") or None,
            "external_primary_id": changed("external_id"),
        }
    )
    if update.is_empty:
        raise FormProblem({FORM: NOTHING_CHANGED})
    return update


class UpdateTicketForm(FormScreen[TicketUpdate]):
    """Change the open ticket; dismisses with the update that was sent."""

    DRAFT_KIND = "update"
    SUBMIT_LABEL = "Save changes"
    MODEL_FIELDS = {"external_primary_id": "external_id"}

    def __init__(
        self,
        ticket: Ticket,
        *,
        drafts: DraftStore | None = None,
        on_reload: Callable[[], None] | None = None,
    ) -> None:
        """``ticket``: as the agent was shown it; ``on_reload`` refreshes the view behind."""
        self.ticket = ticket
        self.on_reload = on_reload
        super().__init__(prefill=update_prefill(ticket), ticket_id=ticket.id, drafts=drafts)

    def heading(self) -> Text:
        return Text.assemble((f"Edit #{self.ticket.id}", "bold"), " · ", self.ticket.title)

    def compose_fields(self) -> Iterable[Widget]:
        start = self.start
        yield text_field("title", "Title", start["title"])
        # A Select prompt is markup: only a status we know goes in it, never the API's text.
        status = self.ticket.status
        current = f"unchanged ({status.value})" if isinstance(status, TicketStatus) else "unchanged"
        yield choice_field(
            "status",
            "Status",
            STATUSES,
            start["status"],
            prompt=current,
            hint="Other statuses: press s on the ticket (Set status).",
        )
        yield text_field(
            "external_id",
            "Customer's external id",
            start["external_id"],
            placeholder="none",
            hint="Links the ticket to that customer; empty unlinks it.",
        )

    def build_request(self, values: Mapping[str, str]) -> TicketUpdate:
        return update_request(values, self.baseline)

    async def send(self, client: OmnideskClient, request: TicketUpdate) -> TicketUpdate:
        # Check first that nobody changed the ticket since the agent saw it (see conflict.py).
        current = await changed_meanwhile(self, client, self.ticket, self.values())
        if current is not None:
            self.start_from(current)
            raise NotSaved(
                "Not saved: the form now starts from the ticket as it is, with your changes "
                "still in it. Check them and save again."
            )
        await client.update_ticket(self.ticket.id, request)
        return request

    def start_from(self, current: Ticket) -> None:
        """Make ``current`` what the form compares with; fields the agent edited keep the edit.

        A field left alone follows the ticket, or saving would put back the old value over the
        colleague's change.
        """
        typed, before = self.values(), self.baseline
        self.ticket = current
        self.baseline = update_prefill(current)
        for name in ("title", "external_id"):
            if typed[name].strip() == before[name].strip():
                self.query_one(f"#input-{name}", Input).value = self.baseline[name]
        status = self.query_one("#input-status", Select)
        if isinstance(current.status, TicketStatus):
            status.prompt = f"unchanged ({current.status.value})"
        self.query_one("#form-title", Static).update(self.heading())
        if self.on_reload is not None:
            self.on_reload()

    def success_message(self, outcome: TicketUpdate) -> str:
        changed = [WORDS[name] for name in outcome.model_dump(exclude_none=True)]
        return f"Ticket #{self.ticket.id} updated: {', '.join(changed)}."
