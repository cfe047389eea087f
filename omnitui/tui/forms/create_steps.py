"""What follows the create call: the first message, then priority and tags, then the read-back.

The create call takes none of them (docs/omnidesk-api.md §3.3): the message is POST /message, on
an outbound e-mail ticket the e-mail to the customer (the customer's address is ``to`` there, the
seed's inversion, so it is the message's ``toAddress``), otherwise an internal note (the API has
no call for the customer's own words); priority and tags are one PUT (§10.5). Once the ticket
exists nothing is sent twice: a step that fails is told, and a first message that did not go is
kept as the new ticket's reply (or note) draft.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from omnitui.api.errors import ApiError
from omnitui.api.models import Channel, Direction, Priority, Ticket
from omnitui.api.readback import Value, WriteField, asked_by
from omnitui.api.requests import (
    MIN_MESSAGE_LENGTH,
    MessageKind,
    NewMessage,
    TicketCreate,
    TicketUpdate,
    clean_tags,
)
from omnitui.core.sanitize import sanitize_line
from omnitui.tui import verify
from omnitui.tui.forms.validation import FormProblem

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient
    from omnitui.tui.forms.base import FormScreen


@dataclass(frozen=True, slots=True)
class NewTicketPlan:
    """The ticket to create and what to do with it once it exists."""

    ticket: TicketCreate
    body: str = ""
    priority: Priority | None = None
    tags: tuple[str, ...] = ()

    @property
    def emails_customer(self) -> bool:
        """The first message is an e-mail to the customer (else an internal note)."""
        return (
            self.ticket.direction is Direction.OUTBOUND and self.ticket.channel_id == Channel.EMAIL
        )

    def first_message(self, ticket_id: int, user_id: int | None) -> NewMessage | None:
        if not self.body.strip():
            return None
        if self.emails_customer:
            return NewMessage(
                ticket_id=ticket_id,
                kind=MessageKind.REPLY,
                body=self.body,
                channel_id=Channel.EMAIL,
                to_address=self.ticket.customer_address,
                user_id=user_id,
            )
        return NewMessage(
            ticket_id=ticket_id, kind=MessageKind.NOTE, body=self.body, user_id=user_id
        )

    def follow_up(self) -> TicketUpdate | None:
        """The PUT of priority and tags, if either was given."""
        update = TicketUpdate(priority=self.priority, tags=self.tags or None)
        return None if update.is_empty else update


def problems_of(values: Mapping[str, str]) -> dict[str, str]:
    """What is wrong with the first message and the tags, by field (checked with the rest)."""
    problems: dict[str, str] = {}
    body = values.get("body", "").strip()
    if body and len(body) < MIN_MESSAGE_LENGTH:
        problems["body"] = f"Write at least {MIN_MESSAGE_LENGTH} characters, or nothing."
    try:
        clean_tags(values.get("tags", ""))
    except ValueError as exc:
        problems["tags"] = f"{str(exc).capitalize()}."
    return problems


def plan(ticket: TicketCreate, values: Mapping[str, str]) -> NewTicketPlan:
    """The ticket with what follows it; raises FormProblem for a bad message or tag."""
    problems = problems_of(values)
    if problems:
        raise FormProblem(problems)
    priority = values.get("priority", "")
    return NewTicketPlan(
        ticket,
        body=values.get("body", ""),
        priority=Priority(priority) if priority else None,
        tags=clean_tags(values.get("tags", "")),
    )


def first_message_hint(direction: str, channel: str) -> str:
    if direction == Direction.OUTBOUND.value and channel == str(Channel.EMAIL.value):
        return "optional: e-mailed to the customer's address once the ticket exists"
    return "optional: added as an internal note (the API cannot add the customer's own message)"


@dataclass(frozen=True, slots=True)
class Done:
    """What the toast says, and whether all of it went as asked."""

    text: str
    ok: bool


async def after_create(
    form: FormScreen[Ticket], client: OmnideskClient, plan: NewTicketPlan, created: Ticket
) -> Done:
    """Send what follows the create call, read the ticket back, and say what it is now."""
    parts = [f"Ticket #{created.id} created."]
    ok = True
    message = plan.first_message(created.id, verify.my_user_id(form.app))
    if message is not None:
        try:
            await client.add_message(message)
        except ApiError as exc:
            ok = False
            parts.append(_unsent(form, plan, created.id, message, exc))
        else:
            to = sanitize_line(message.to_address)
            sent = f"e-mailed to {to}" if plan.emails_customer else "added as an internal note"
            parts.append(f"First message {sent}.")
    asked: dict[WriteField, Value] = {}
    update = plan.follow_up()
    if update is not None:
        try:
            await client.update_ticket(created.id, update)
        except ApiError as exc:
            ok = False
            parts.append(f"Priority and tags were not set: {str(exc).rstrip('.')}.")
        else:
            asked.update(asked_by(update))
    if plan.ticket.group_id:
        asked[WriteField.GROUP] = plan.ticket.group_id  # the create call's assignedGroupID
    if asked:
        memory = verify.memory_for(form.app)
        readback = await verify.read_back(client, created.id, asked, created, memory)
        ok = ok and readback.ok
        parts.append(readback.text())
    return Done(" ".join(part for part in parts if part), ok)


def _unsent(
    form: FormScreen[Ticket],
    plan: NewTicketPlan,
    ticket_id: int,
    message: NewMessage,
    exc: ApiError,
) -> str:
    """Keep the first message as the new ticket's draft, and say so."""
    kind = "reply" if message.kind is MessageKind.REPLY else "note"
    fields = {"status": "", "body": plan.body}
    if kind == "reply":
        fields = {"to": message.to_address, "cc": "", "bcc": "", **fields}
    kept = ""
    if form.drafts is not None:
        try:
            form.drafts.save(kind, ticket_id, fields)
            kept = f" It is kept as the ticket's {kind} draft ({'r' if kind == 'reply' else 'i'})."
        except OSError:
            kept = ""
    maybe = "may not have been sent" if exc.may_have_reached_server else "was not sent"
    return f"The first message {maybe}: {str(exc).rstrip('.')}.{kept}"
