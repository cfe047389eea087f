"""Pydantic models of what is sent to Omnidesk: a new ticket, a ticket's changes, a message.

Strict, unlike the response models: they validate what the user typed before anything is sent,
each error naming its field so a form can show every mistake at once, and each model knows its
own wire format (:meth:`form`, the fields of the call's url-encoded body).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from enum import StrEnum

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from omnitui.api.models import Channel, Direction, Priority, TicketStatus

#: What ``PUT /ticket/{id}`` accepts for ``status`` (the docs: ``^(solved|closed)$``).
UPDATE_STATUSES = (TicketStatus.SOLVED, TicketStatus.CLOSED)
#: Tags the sandbox (and, we infer, Omnidesk) takes per ticket, and the longest tag.
MAX_TAGS = 50
MAX_TAG_LENGTH = 100
#: What ``submitStatus`` of ``POST /message`` accepts.
SUBMIT_STATUSES = (
    TicketStatus.OPEN,
    TicketStatus.PENDING,
    TicketStatus.HOLDING,
    TicketStatus.SOLVED,
)


class RequestModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=True)


@functools.cache
def _email() -> TypeAdapter[str]:
    """Made at the first address checked: it imports email_validator, milliseconds that
    opening a ticket does not need."""
    return TypeAdapter(EmailStr)


def _check_address(value: str, message: str) -> str:
    if not _is_address(value):
        raise ValueError(message)
    return value


def _is_address(value: str) -> bool:
    try:
        _email().validate_python(value)
    except ValidationError:
        return False
    return True


class TicketCreate(RequestModel):
    """A new ticket, described the way an agent thinks of it.

    The seed says ``to`` and ``from`` are inverted for outbound tickets, so callers give the
    customer's address and ours, and :meth:`form` decides which is which.
    """

    direction: Direction = Direction.INBOUND
    channel_id: int = Field(default=Channel.EMAIL, ge=0)
    brand_id: int | None = Field(default=None, ge=1)
    group_id: int | None = Field(default=None, ge=1)
    title: str = Field(min_length=1, max_length=500)
    customer_address: str = Field(min_length=1, max_length=500)
    customer_name: str | None = Field(default=None, max_length=200)
    our_address: str = Field(min_length=1, max_length=500)
    form_id: int | None = Field(default=None, ge=1)

    @field_validator("customer_address", "our_address")
    @classmethod
    def _addresses(cls, value: str, info: ValidationInfo) -> str:
        # A field validator, not a model one: both addresses are checked and each error names
        # its own field, so the form can show every mistake at once.
        if info.data.get("channel_id") == Channel.EMAIL:
            return _check_address(value, "not a valid e-mail address")
        return value

    @property
    def sender(self) -> str:
        return self.customer_address if self.direction is Direction.INBOUND else self.our_address

    @property
    def recipient(self) -> str:
        return self.our_address if self.direction is Direction.INBOUND else self.customer_address

    def form(self) -> list[tuple[str, str]]:
        fields = [
            ("title", self.title),
            ("direction", self.direction.value),
            ("channelID", str(self.channel_id)),
            ("from", self.sender),
            ("to", self.recipient),
        ]
        if self.customer_name and self.direction is Direction.INBOUND:
            fields.append(("fromName", self.customer_name))
        optional = (
            ("brandID", self.brand_id),
            ("assignedGroupID", self.group_id),
            ("formID", self.form_id),
        )
        fields += [(name, str(value)) for name, value in optional if value is not None]
        return fields


def clean_tags(value: str | Iterable[object] | None) -> tuple[str, ...]:
    """Tags as Omnidesk keeps them: trimmed, each once (in any case), in the order given.

    Takes a comma-separated string (what an agent types, what GET returns) or a list. A comma
    cannot be part of a tag: it is the separator of the wire format (docs/omnidesk-api.md §10.5).
    """
    if value is None:
        return ()
    parts = [value] if isinstance(value, str) else [str(v) for v in value]
    tags: list[str] = []
    seen: set[str] = set()
    for part in (p for raw in parts for p in raw.split(",")):
        tag = part.strip()
        if not tag or tag.casefold() in seen:
            continue
        if len(tag) > MAX_TAG_LENGTH or not tag.isprintable():
            raise ValueError(f"a tag must be printable text of at most {MAX_TAG_LENGTH} characters")
        seen.add(tag.casefold())
        tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValueError(f"a ticket can have at most {MAX_TAGS} tags")
    return tuple(tags)


class TicketUpdate(RequestModel):
    """Changes to a ticket; only the fields that are set go over the wire.

    ``title``, ``status`` and ``external_primary_id`` are documented; the assignment, priority
    and tags are inferred (docs/omnidesk-api.md §10.5), and their wire format is :meth:`form`
    alone. ``0`` removes the group or the agent; ``tags`` is the whole new list (empty: none).
    """

    title: str | None = Field(default=None, min_length=1, max_length=500)
    status: TicketStatus | None = None
    external_primary_id: str | None = Field(default=None, max_length=200)
    assigned_group_id: int | None = Field(default=None, ge=0)
    assigned_user_id: int | None = Field(default=None, ge=0)
    priority: Priority | None = None
    tags: tuple[str, ...] | None = None

    @field_validator("status")
    @classmethod
    def _updatable_status(cls, value: TicketStatus | None) -> TicketStatus | None:
        if value is not None and value not in UPDATE_STATUSES:
            allowed = " or ".join(s.value for s in UPDATE_STATUSES)
            raise ValueError(f"the update call only sets status to {allowed}; use Set status")
        return value

    @field_validator("tags", mode="before")
    @classmethod
    def _tags(cls, value: str | Iterable[object] | None) -> tuple[str, ...] | None:
        return None if value is None else clean_tags(value)

    def form(self) -> list[tuple[str, str]]:
        """The url-encoded body: the one place the inferred field names and formats live."""
        names = {
            "title": "title",
            "status": "status",
            "external_primary_id": "externalPrimaryID",
            "assigned_group_id": "assignedGroupID",  # [INF] the create call's name
            "assigned_user_id": "assignedUserID",  # [INF] by analogy
            "priority": "priority",  # [INF] low, medium, high, urgent
            "tags": "tags",  # [INF] the whole list, comma-separated, as GET returns it
        }
        fields = []
        for field, value in self.model_dump(exclude_none=True).items():
            text = ",".join(value) if field == "tags" else str(value)
            fields.append((names[field], text))
        return fields

    @property
    def is_empty(self) -> bool:
        return not self.model_dump(exclude_none=True)


class MessageKind(StrEnum):
    REPLY = "reply"
    NOTE = "note"


#: The ``type`` the API takes for an internal note. Undocumented (docs/omnidesk-api.md §3.7): notes
#: show channel 0 in the timeline, so 0 it is, kept in one place in case a real account differs.
NOTE_TYPE = "0"
MIN_MESSAGE_LENGTH = 5
#: The channels a reply's ``type`` may name (docs/omnidesk-api.md §4): telephone (2) is not one
#: of them, and the sandbox refuses it as a real account would (§10.7).
SENDABLE_CHANNELS: frozenset[int] = frozenset({1, 3, 5, 7, 8, 9, 10, 12, 13})


def _address_list(value: str) -> list[str]:
    return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]


class NewMessage(RequestModel):
    """A reply to the customer or an internal note on a ticket."""

    ticket_id: int = Field(ge=1)
    kind: MessageKind = MessageKind.REPLY
    body: str
    channel_id: int = Field(default=Channel.EMAIL, ge=1)
    to_address: str = ""
    cc: str = ""
    bcc: str = ""
    submit_status: TicketStatus | None = None
    respond_message_id: int | None = Field(default=None, ge=1)
    user_id: int | None = Field(default=None, ge=1)

    @field_validator("body")
    @classmethod
    def _long_enough(cls, value: str) -> str:
        if len(value.strip()) < MIN_MESSAGE_LENGTH:
            raise ValueError(f"write at least {MIN_MESSAGE_LENGTH} characters")
        return value

    @field_validator("channel_id")
    @classmethod
    def _sendable(cls, value: int, info: ValidationInfo) -> int:
        """Never a reply on a channel Omnidesk cannot send on (a telephone call)."""
        if info.data.get("kind") is MessageKind.REPLY and value not in SENDABLE_CHANNELS:
            name = "telephone" if value == Channel.TELEPHONE else f"channel {value}"
            raise ValueError(f"a reply cannot be sent on {name}; reply by e-mail or add a note")
        return value

    @field_validator("submit_status")
    @classmethod
    def _submit_status(cls, value: TicketStatus | None) -> TicketStatus | None:
        if value is not None and value not in SUBMIT_STATUSES:
            allowed = ", ".join(s.value for s in SUBMIT_STATUSES)
            raise ValueError(f"the status after sending must be one of {allowed}")
        return value

    @field_validator("to_address", "cc", "bcc")
    @classmethod
    def _recipients(cls, value: str, info: ValidationInfo) -> str:
        """Each address field is checked on its own, so every mistake is reported at once."""
        if info.data.get("kind") is not MessageKind.REPLY:
            return value
        if info.data.get("channel_id") != Channel.EMAIL:
            return value
        addresses = _address_list(value)
        if info.field_name == "to_address" and not addresses:
            raise ValueError("an e-mail reply needs a recipient")
        bad = [address for address in addresses if not _is_address(address)]
        if bad:
            raise ValueError(f"not a valid e-mail address: {', '.join(bad)}")
        return value

    def form(self) -> list[tuple[str, str]]:
        from html import escape

        html = "<br>\n".join(escape(line) for line in self.body.splitlines())
        fields = [
            ("ticketID", str(self.ticket_id)),
            ("type", NOTE_TYPE if self.kind is MessageKind.NOTE else str(self.channel_id)),
            ("message", html),
        ]
        if self.kind is MessageKind.REPLY:
            fields += [("plaintext", self.body), ("toAddress", self.to_address)]
            fields += [(n, v) for n, v in (("ccInput", self.cc), ("bccInput", self.bcc)) if v]
        optional = (
            ("submitStatus", self.submit_status.value if self.submit_status else None),
            ("respondMessageID", self.respond_message_id),
            ("userID", self.user_id),
        )
        fields += [(name, str(value)) for name, value in optional if value is not None]
        return fields
