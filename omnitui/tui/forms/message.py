"""Reply to the customer (``r``) or add an internal note (``i``), with drafts kept per ticket."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.widget import Widget

from omnitui.api.models import Channel, Direction, EntryKind, Ticket
from omnitui.api.requests import SUBMIT_STATUSES, MessageKind, NewMessage
from omnitui.tui.forms.compose import ComposeArea, ComposeForm
from omnitui.tui.forms.fields import FormField, choice_field, text_field

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient
    from omnitui.storage.drafts import DraftStore

STATUSES: list[tuple[Text, str]] = [
    (Text(status.value), status.value) for status in SUBMIT_STATUSES
]


def customer_address(ticket: Ticket) -> str:
    """Where a reply goes: the latest inbound message's sender, else the ticket's customer side.

    The seed swaps ``to``/``from`` for outbound tickets, so the customer is ``from`` on an
    inbound ticket and ``to`` on an outbound one.
    """
    for entry in reversed(ticket.timeline):
        if entry.kind is EntryKind.MESSAGE and entry.direction == Direction.INBOUND and entry.from_:
            return entry.from_
    return ticket.to if ticket.direction == Direction.OUTBOUND else ticket.from_


def reply_channel(ticket: Ticket) -> int:
    """Replies go out on the ticket's channel (e-mail when it has none a reply can use)."""
    return ticket.channel_id if ticket.channel_id and ticket.channel_id > 0 else Channel.EMAIL


def message_prefill(ticket: Ticket, kind: MessageKind) -> dict[str, str]:
    values = {"status": "", "body": ""}
    if kind is MessageKind.REPLY and reply_channel(ticket) == Channel.EMAIL:
        values = {"to": customer_address(ticket), "cc": "", "bcc": "", **values}
    return values


def message_request(
    values: Mapping[str, str], *, ticket_id: int, kind: MessageKind, channel_id: int
) -> NewMessage:
    """The form's text as a message; raises pydantic's ValidationError when it is not one."""
    return NewMessage.model_validate(
        {
            "ticket_id": ticket_id,
            "kind": kind,
            "body": values.get("body", ""),
            "channel_id": channel_id,
            "to_address": values.get("to", ""),
            "cc": values.get("cc", ""),
            "bcc": values.get("bcc", ""),
            "submit_status": values.get("status", "") or None,
        }
    )


class MessageForm(ComposeForm[NewMessage]):
    """A multi-line editor plus, for e-mail replies, the recipients; dismisses with the message.

    The editor's own keys (``ctrl+e``, canned replies) come from :class:`ComposeForm`.
    """

    AUTOSAVE = True
    KIND: ClassVar[MessageKind]
    MODEL_FIELDS = {"to_address": "to", "submit_status": "status"}

    def __init__(self, ticket: Ticket, *, drafts: DraftStore | None = None) -> None:
        self.ticket = ticket
        #: Notes ignore it; replies go out on it.
        self.channel_id = reply_channel(ticket)
        super().__init__(
            prefill=message_prefill(ticket, self.KIND), ticket_id=ticket.id, drafts=drafts
        )
        self.add_class("message-form")

    def compose_fields(self) -> Iterable[Widget]:
        start = self.start
        if "to" in start:
            yield text_field("to", "To", start["to"])
            yield text_field("cc", "Cc", start["cc"], placeholder="optional")
            yield text_field("bcc", "Bcc", start["bcc"], placeholder="optional")
        yield choice_field("status", "Status after", STATUSES, start["status"], prompt="unchanged")
        yield FormField(
            "body",
            "Message",
            ComposeArea(
                start["body"],
                id="input-body",
                soft_wrap=True,
                tab_behavior="focus",
                placeholder=self.placeholder(),
            ),
        )

    def placeholder(self) -> str:
        raise NotImplementedError

    def first_focus(self) -> Widget | None:
        return self.query_one("#input-body")

    def build_request(self, values: Mapping[str, str]) -> NewMessage:
        return message_request(
            values, ticket_id=self.ticket.id, kind=self.KIND, channel_id=self.channel_id
        )

    async def send(self, client: OmnideskClient, request: NewMessage) -> NewMessage:
        await client.add_message(request)
        return request


class ReplyForm(MessageForm):
    """A reply to the customer, on the ticket's channel."""

    KIND = MessageKind.REPLY
    DRAFT_KIND = "reply"
    SUBMIT_LABEL = "Send reply"

    def heading(self) -> Text:
        channel = self.ticket.channel_name or "e-mail"
        return Text.assemble(
            (f"Reply to #{self.ticket.id}", "bold"), f" ({channel}) · ", self.ticket.title
        )

    def placeholder(self) -> str:
        return "Write your reply to the customer…"

    def success_message(self, outcome: NewMessage) -> str:
        return f"Reply sent on #{self.ticket.id}."


class NoteForm(MessageForm):
    """An internal note: agents see it, the customer does not."""

    KIND = MessageKind.NOTE
    DRAFT_KIND = "note"
    SUBMIT_LABEL = "Add note"

    def heading(self) -> Text:
        return Text.assemble(
            (f"Internal note on #{self.ticket.id}", "bold"), " · ", self.ticket.title
        )

    def placeholder(self) -> str:
        return "Write a note for your colleagues (the customer does not see it)…"

    def success_message(self, outcome: NewMessage) -> str:
        return f"Note added to #{self.ticket.id}."
