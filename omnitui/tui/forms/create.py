"""Create a ticket (``c``): the customer's address and ours, mapped to to/from by direction.

Optionally with a first message, a priority and tags, none of which the create call takes
(docs/omnidesk-api.md §3.3), so they are the calls that follow it (create_steps.py): the message
goes as POST /message (on an outbound e-mail ticket, the e-mail to the customer), priority and
tags as a PUT, and the new ticket is read back to check them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from pydantic import ValidationError
from rich.text import Text
from textual.widget import Widget
from textual.widgets import Select, TextArea

from omnitui.api.models import AssignOption, Channel, Direction, Priority, Ticket
from omnitui.api.requests import TicketCreate
from omnitui.tui.forms.base import FormScreen
from omnitui.tui.forms.create_steps import (
    NewTicketPlan,
    after_create,
    first_message_hint,
    plan,
    problems_of,
)
from omnitui.tui.forms.fields import FormField, choice_field, text_field
from omnitui.tui.forms.validation import FormProblem, explain

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from omnitui.api.client import OmnideskClient
    from omnitui.storage.drafts import DraftStore

DIRECTIONS: list[tuple[Text, str]] = [
    (Text("Inbound: the customer wrote to us"), Direction.INBOUND.value),
    (Text("Outbound: we write to the customer"), Direction.OUTBOUND.value),
]
CHANNELS: list[tuple[Text, str]] = [
    (Text("e-mail"), str(Channel.EMAIL.value)),
    (Text("telephone"), str(Channel.TELEPHONE.value)),
    (Text("chat"), str(Channel.CHAT.value)),
]
PRIORITIES: list[tuple[Text, str]] = [(Text(p.value), p.value) for p in Priority]
FIELDS = (
    "title",
    "direction",
    "channel",
    "customer_address",
    "customer_name",
    "our_address",
    "body",
    "priority",
    "tags",
    "brand",
    "group",
    "form_id",
)


def create_prefill(ticket: Ticket | None) -> dict[str, str]:
    """Start from the open ticket's channel, brand and our address: the usual "one more" case."""
    values = dict.fromkeys(FIELDS, "")
    values["direction"] = Direction.INBOUND.value
    values["channel"] = str(Channel.EMAIL.value)
    if ticket is not None:
        if any(str(ticket.channel_id) == value for _, value in CHANNELS):
            values["channel"] = str(ticket.channel_id)
        values["brand"] = str(ticket.brand_id or "")
        outbound = ticket.direction == Direction.OUTBOUND
        values["our_address"] = ticket.from_ if outbound else ticket.to
    return values


def create_request(values: Mapping[str, str]) -> TicketCreate:
    """The form's text as a new ticket; raises pydantic's ValidationError when it is not one."""

    def optional(name: str) -> str | None:
        return values.get(name, "").strip() or None

    return TicketCreate.model_validate(
        {
            "title": values.get("title", ""),
            "direction": values.get("direction", "") or Direction.INBOUND.value,
            "channel_id": values.get("channel", "") or Channel.EMAIL.value,
            "customer_address": values.get("customer_address", ""),
            "customer_name": optional("customer_name"),
            "our_address": values.get("our_address", ""),
            "brand_id": optional("brand"),
            "group_id": optional("group"),
            "form_id": optional("form_id"),
        }
    )


def address_hint(direction: str) -> str:
    """Which wire field each address becomes: the seed swaps to/from for outbound tickets."""
    if direction == Direction.OUTBOUND.value:
        return "sent as “to”; our address as “from”"
    return "sent as “from”; our address as “to”"


class CreateTicketForm(FormScreen[Ticket]):
    """A new ticket; on success the app opens it."""

    DRAFT_KIND = "create"
    SUBMIT_LABEL = "Create ticket"
    MODEL_FIELDS = {"channel_id": "channel", "brand_id": "brand", "group_id": "group"}
    #: What the toast says once the ticket and what follows it are done (create_steps.py).
    summary = ""
    summary_ok = True

    def __init__(
        self,
        ticket: Ticket | None = None,
        *,
        groups: list[AssignOption] | None = None,
        drafts: DraftStore | None = None,
    ) -> None:
        if groups is None:
            groups = ticket.assign_options_groups if ticket is not None else []
        self.groups = list(groups)
        super().__init__(prefill=create_prefill(ticket), ticket_id=None, drafts=drafts)

    def heading(self) -> Text:
        return Text("New ticket", style="bold")

    def compose_fields(self) -> Iterable[Widget]:
        start = self.start
        yield text_field("title", "Title", start["title"])
        yield choice_field("direction", "Direction", DIRECTIONS, start["direction"])
        yield choice_field("channel", "Channel", CHANNELS, start["channel"])
        yield text_field(
            "customer_address",
            "Customer's address",
            start["customer_address"],
            placeholder="customer@example.com",
            hint=address_hint(start["direction"]),
        )
        yield text_field(
            "customer_name", "Customer's name", start["customer_name"], placeholder="optional"
        )
        yield text_field(
            "our_address", "Our address", start["our_address"], placeholder="support@ourbrand.com"
        )
        body = TextArea(
            start["body"],
            id="input-body",
            soft_wrap=True,
            tab_behavior="focus",
            compact=True,
            placeholder="optional",
        )
        hint = first_message_hint(start["direction"], start["channel"])
        yield FormField("body", "First message", body, hint=hint)
        yield choice_field(
            "priority", "Priority", PRIORITIES, start["priority"], prompt="Omnidesk's default"
        )
        yield text_field(
            "tags", "Tags", start["tags"], placeholder="optional: vip, refund", hint=" "
        )
        yield text_field("brand", "Brand number", start["brand"], placeholder="e.g. 2")
        if self.groups:
            options = [(Text(group.name or str(group.id)), str(group.id)) for group in self.groups]
            yield choice_field("group", "Group", options, start["group"], prompt="no group")
        else:
            yield text_field(
                "group", "Group", start["group"], placeholder="group number (optional)"
            )
        yield text_field("form_id", "Form number", start["form_id"], placeholder="optional")

    def edited(self) -> None:
        """Say which wire field each address becomes, since that flips with the direction,
        and what becomes of the first message."""
        direction = str(self.query_one("#input-direction", Select).value)
        channel = str(self.query_one("#input-channel", Select).value)
        self.field("customer_address").show_hint(address_hint(direction))
        self.field("body").show_hint(first_message_hint(direction, channel))
        self.field("tags").show_hint("set after the ticket is created, then checked")

    def build_request(self, values: Mapping[str, str]) -> NewTicketPlan:
        # Every mistake at once: the ticket's fields and those of what follows it.
        try:
            ticket = create_request(values)
        except ValidationError as exc:
            problems = {**explain(exc, fields=self.MODEL_FIELDS), **problems_of(values)}
            raise FormProblem(problems) from exc
        return plan(ticket, values)

    async def send(self, client: OmnideskClient, request: NewTicketPlan) -> Ticket:
        created = await client.create_ticket(request.ticket)
        # From here on the ticket exists: whatever else fails is said, never sent twice.
        done = await after_create(self, client, request, created)
        self.summary, self.summary_ok = done.text, done.ok
        return created

    def success_message(self, outcome: Ticket) -> str:
        return self.summary or f"Ticket #{outcome.id} created."

    def success_severity(self, outcome: Ticket) -> SeverityLevel:
        return "information" if self.summary_ok else "warning"
