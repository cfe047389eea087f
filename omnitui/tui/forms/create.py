"""Create a ticket (``c``): the customer's address and ours, mapped to to/from by direction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Select

from omnitui.api.models import AssignOption, Channel, Direction, Ticket
from omnitui.api.requests import TicketCreate
from omnitui.tui.forms.base import FormScreen
from omnitui.tui.forms.fields import choice_field, text_field

if TYPE_CHECKING:
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
FIELDS = (
    "title",
    "direction",
    "channel",
    "customer_address",
    "customer_name",
    "our_address",
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
        """Say which wire field each address becomes, since that flips with the direction."""
        direction = self.query_one("#input-direction", Select).value
        self.field("customer_address").show_hint(address_hint(str(direction)))

    def build_request(self, values: Mapping[str, str]) -> TicketCreate:
        return create_request(values)

    async def send(self, client: OmnideskClient, request: TicketCreate) -> Ticket:
        return await client.create_ticket(request)

    def success_message(self, outcome: Ticket) -> str:
        return f"Ticket #{outcome.id} created."
