"""Pydantic models of Omnidesk's wire format.

Reading is tolerant (the API's types drift: ids flip between int and str, booleans are 0/1,
``meta_data`` is JSON inside a string, unknown keys and entry types appear), and every string is
sanitised here, once, so nothing downstream has to remember to. Writing is strict: the request
models validate what the user typed before anything is sent.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from omnitui.core.sanitize import sanitize, sanitize_line

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)


# --------------------------------------------------------------------------------------------
# Enumerations


class TicketStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    HOLDING = "holding"
    SOLVED = "solved"
    CLOSED = "closed"


#: What ``PUT /ticket/{id}`` accepts for ``status`` (the docs: ``^(solved|closed)$``).
UPDATE_STATUSES = (TicketStatus.SOLVED, TicketStatus.CLOSED)
#: What ``submitStatus`` of ``POST /message`` accepts.
SUBMIT_STATUSES = (
    TicketStatus.OPEN,
    TicketStatus.PENDING,
    TicketStatus.HOLDING,
    TicketStatus.SOLVED,
)


class Priority(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    URGENT = "urgent"


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class Channel(IntEnum):
    """Channel ids known from the docs; others are kept as plain ints."""

    NOTE = 0
    EMAIL = 1
    TELEPHONE = 2
    CHAT = 8


class EntryKind(StrEnum):
    MESSAGE = "message"
    NOTE = "note"
    EVENT = "event"
    OTHER = "other"


_KINDS = {kind.value: kind for kind in EntryKind}


# --------------------------------------------------------------------------------------------
# Coercions for drifting wire types


def _line(value: Any) -> str:
    if value is None:
        return ""
    return sanitize_line(value if isinstance(value, str) else str(value)).strip()


def _body(value: Any) -> str:
    if value is None:
        return ""
    return sanitize(value if isinstance(value, str) else str(value))


def _opt_line(value: Any) -> str | None:
    text = _line(value)
    return text or None


def _id_str(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        raise ValueError("not an id")
    return _line(value)


def _opt_int(value: Any) -> Any:
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.lstrip("-").isdigit():
            return None
    return value


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def _json_in_string(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value) if value.strip() else None
        except (ValueError, RecursionError):
            return None
    return value


def _tags(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif isinstance(value, list):
        items = (v.get("name", "") if isinstance(v, dict) else v for v in value)
    else:
        items = [value]
    return [tag for tag in (_line(v) for v in items) if tag]


def _list_or_empty(value: Any) -> Any:
    return [] if value is None or value == "" else value


Line = Annotated[str, BeforeValidator(_line)]
"""A one-line field (title, name, address): sanitised, newlines folded, never None."""
OptLine = Annotated[str | None, BeforeValidator(_opt_line)]
OptInt = Annotated[int | None, BeforeValidator(_opt_int)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Tags = Annotated[list[str], BeforeValidator(_tags)]
StatusValue = Annotated[TicketStatus | Line, Field(union_mode="left_to_right")]
"""A known status as the enum, anything new kept as text so it can be shown as "unknown (x)"."""
PriorityValue = Annotated[Priority | Line, Field(union_mode="left_to_right")]
DirectionValue = Annotated[Direction | Line, Field(union_mode="left_to_right")]


def _files(value: Any) -> list[Any]:
    value = _list_or_empty(value)
    if not isinstance(value, list):
        return []
    return [f for f in value if isinstance(f, (dict, str))]


@dataclass(frozen=True, slots=True)
class Mend:
    """How :func:`_mend_entry` makes what the API sent fit a timeline entry's field."""

    #: None: kept as sent.
    fn: Callable[[Any], Any] | None
    #: One line of text: printable ASCII, most of what the API sends, is only stripped.
    line: bool = False


AS_SENT = Mend(None)

# The types of TimelineEntry's fields: plain types that pydantic checks natively, each saying
# how it is mended (pydantic ignores the Mend; _mend_entry reads it from the model's fields).
EntryLine = Annotated[str, Mend(_line, line=True)]
EntryBody = Annotated[str, Mend(_body)]
EntryId = Annotated[str, Mend(_id_str)]
EntryInt = Annotated[int | None, Mend(_opt_int)]
EntryFlag = Annotated[bool, Mend(_flag)]
EntryOptLine = Annotated[str | None, Mend(_opt_line)]


def _mend_entry(data: dict[str, Any]) -> dict[str, Any]:
    """A timeline entry's fields, sanitised and of the types the model declares.

    Each field's :class:`Mend` (the coercions of ``Line``, ``OptInt``... above),
    applied in one pass over the keys an entry has; unknown keys are left out. Printable ASCII,
    most of what the API sends, is taken as it is without a call.
    """
    mended: dict[str, Any] = {}
    get = data.get
    for key in _ENTRY_LINES:
        value = get(key)
        if value is None:
            if key in data:
                mended[key] = ""
        elif type(value) is str and value.isascii() and value.isprintable():
            mended[key] = value.strip()
        else:
            mended[key] = _line(value)
    for key, mend in _ENTRY_MENDERS:
        if key in data:
            mended[key] = mend(data[key])
    for key in _ENTRY_AS_SENT:
        if key in data:
            mended[key] = data[key]
    return mended


_Menders = tuple[tuple[str, Callable[[Any], Any]], ...]


def _mending(model: type[BaseModel]) -> tuple[tuple[str, ...], _Menders, tuple[str, ...]]:
    """From ``model``'s fields: the keys of one-line fields, the other keys with their menders,
    and the keys kept as sent. A field's key is its alias and its name (pydantic takes both)."""
    lines: list[str] = []
    menders: list[tuple[str, Callable[[Any], Any]]] = []
    as_sent: list[str] = []
    for name, field in model.model_fields.items():
        mend = next((m for m in field.metadata if isinstance(m, Mend)), None)
        if mend is None:
            raise TypeError(f"{model.__name__}.{name} needs a Mend, or _mend_entry drops it")
        for key in dict.fromkeys((field.alias or name, name)):
            if mend.line:
                lines.append(key)
            elif mend.fn is None:
                as_sent.append(key)
            else:
                menders.append((key, mend.fn))
    return tuple(lines), tuple(menders), tuple(as_sent)


class WireModel(BaseModel):
    """Base of everything parsed from a response: unknown keys ignored, aliases accepted."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)


def tolerant_list(model: type[M], raw: Any, what: str) -> tuple[list[M], int]:
    """Parse each item on its own, so one odd item does not fail the whole list.

    Returns the parsed items and how many were skipped. The list is validated in one call (one
    per item costs a Python round trip each, thousands for a big timeline); only when something
    in it is bad are the items taken one by one.
    """
    if not isinstance(raw, list):
        return [], 0
    try:
        return _list_adapter(model).validate_python(raw), 0
    except ValidationError:
        pass
    items: list[M] = []
    skipped = 0
    for item in raw:
        try:
            items.append(model.model_validate(item))
        except ValidationError as exc:
            skipped += 1
            log.warning("skipped a %s the API sent: %s", what, exc.error_count())
    return items, skipped


_ADAPTERS: dict[type[BaseModel], TypeAdapter[Any]] = {}


def _list_adapter(model: type[M]) -> TypeAdapter[list[M]]:
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        adapter = _ADAPTERS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return adapter


# --------------------------------------------------------------------------------------------
# Response models


class Attachment(WireModel):
    id: OptLine = None
    name: Line = Field(default="", validation_alias="name")
    size: OptInt = None

    @model_validator(mode="before")
    @classmethod
    def _name_from_any_key(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"name": data}
        if isinstance(data, dict) and not data.get("name"):
            for key in ("file_name", "filename", "original_name", "title"):
                if data.get(key):
                    return {**data, "name": data[key]}
        return data


class AssignOption(WireModel):
    id: int
    name: Line = ""


class Customer(WireModel):
    id: OptInt = None
    brand_id: OptInt = None
    external_primary_id: OptLine = None
    firstname: Line = ""
    lastname: Line = ""
    created_at: OptLine = None

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.firstname, self.lastname) if part)


class CustomerChannel(WireModel):
    id: OptInt = None
    channel_id: OptInt = None
    unique_reference: Line = ""
    name: Line = ""
    icon: Line = ""


class TimelineEntry(WireModel):
    """One item of a ticket's timeline: a message, an internal note, an event, or something new.

    One tolerant model rather than a union, because the API adds entry types without notice and
    an unknown type must still be shown.

    A big ticket has thousands of entries, so the drifting wire types are mended in one Python
    pass per entry (:func:`_mend_entry`) and the fields themselves are plain types that pydantic
    checks natively: a Python validator per field cost 50 µs per entry, most of the time it takes
    to open a 5,000-entry ticket. Each field's type carries its :class:`Mend`, so a field is
    declared here only.
    """

    id: EntryId = ""
    type: EntryLine = ""
    created_at: EntryLine = ""
    ticket_id: EntryInt = None
    # messages and notes
    content: EntryBody = ""
    user_id: EntryInt = None
    user_name: EntryLine = ""
    from_: EntryLine = Field(default="", alias="from")
    from_name: EntryLine = ""
    to: EntryLine = ""
    to_name: EntryLine = ""
    direction: EntryLine = ""
    channel_id: EntryInt = None
    channel_name: EntryLine = ""
    status_new: EntryLine = ""
    pinned: EntryFlag = False
    files: Annotated[list[Attachment], Mend(_files)] = Field(default_factory=list)
    #: ``meta_data`` as sent (JSON inside a string): decoded when asked for, since nothing on
    #: screen needs it and decoding 5,000 of them took 50 ms of every open.
    meta_data_raw: Annotated[Any, AS_SENT] = Field(default=None, alias="meta_data")
    email_details: EntryLine = ""
    send_at: EntryOptLine = None
    in_queue: EntryFlag = False
    # events
    item_type: EntryLine = ""
    item_type_id: EntryLine = ""
    description: EntryLine = ""
    initiated_by: EntryLine = ""

    @model_validator(mode="before")
    @classmethod
    def _mend(cls, data: Any) -> Any:
        return _mend_entry(data) if isinstance(data, dict) else data

    @property
    def meta_data(self) -> Any:
        return _json_in_string(self.meta_data_raw)

    @property
    def kind(self) -> EntryKind:
        # A dict, not ``EntryKind(self.type)``: the timeline asks thousands of times per ticket,
        # and the enum's lookup (an exception for every unknown type) cost 3 µs a time.
        return _KINDS.get(self.type, EntryKind.OTHER)

    @property
    def author(self) -> str:
        """Who wrote it, in the words an agent would use."""
        if self.kind is EntryKind.EVENT:
            return self.initiated_by
        if self.direction == Direction.INBOUND:
            name = self.from_name or self.user_name
            if name and name != "Anonymous" and self.from_:
                return f"{name} <{self.from_}>"
            return self.from_ or name
        return self.user_name or self.from_name or self.from_


_ENTRY_LINES, _ENTRY_MENDERS, _ENTRY_AS_SENT = _mending(TimelineEntry)


class Ticket(WireModel):
    id: int
    title: Line = ""
    status: StatusValue = ""
    priority: PriorityValue = ""
    direction: DirectionValue = ""
    channel_id: OptInt = None
    channel_name: Line = ""
    channel_account_id: Line = ""
    brand_id: OptInt = None
    brand_name: Line = ""
    from_: Line = Field(default="", alias="from")
    from_name: Line = ""
    to: Line = ""
    to_name: Line = ""
    customer_id: OptInt = None
    customer: Customer | None = None
    customer_channels: list[CustomerChannel] = Field(default_factory=list)
    assigned_group_id: OptInt = None
    assigned_user_id: OptInt = None
    assign_options_groups: list[AssignOption] = Field(default_factory=list)
    assign_options_users: list[AssignOption] = Field(default_factory=list)
    tags: Tags = Field(default_factory=list)
    form_id: OptInt = None
    external_id: OptLine = None
    external_gui_url: OptLine = None
    created_at: OptLine = None
    last_update: OptLine = None
    last_update_agent: OptLine = None
    last_update_customer: OptLine = None
    closed_at: OptLine = None
    snooze_time: OptLine = None
    sla_policy_id: OptInt = None
    sla_next_breach: OptLine = None
    sla_next_breach_current_status: OptLine = None
    sla_next_breach_seconds: OptInt = None
    show_timeline: Flag = True
    following: Flag = False
    timeline: list[TimelineEntry] = Field(default_factory=list)
    #: How many timeline entries were dropped because they could not be read at all.
    skipped_entries: int = 0

    @model_validator(mode="before")
    @classmethod
    def _tolerant_parts(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        raw = sorted_timeline(data.get("timeline"))
        data["timeline"], data["skipped_entries"] = tolerant_list(
            TimelineEntry, raw, "timeline entry"
        )
        for key, model in (
            ("customer_channels", CustomerChannel),
            ("assign_options_groups", AssignOption),
            ("assign_options_users", AssignOption),
        ):
            data[key] = tolerant_list(model, data.get(key), key)[0]
        if not isinstance(data.get("customer"), dict):
            data["customer"] = None
        return data

    @property
    def group_name(self) -> str | None:
        return _option_name(self.assign_options_groups, self.assigned_group_id)

    @property
    def user_name(self) -> str | None:
        return _option_name(self.assign_options_users, self.assigned_user_id)


def _entry_time(raw: Any) -> str:
    """An entry's ``created_at`` as the model will hold it, to sort entries before reading them."""
    if not isinstance(raw, dict):
        return ""
    value = raw.get("created_at")
    if type(value) is str and value.isascii() and value.isprintable():
        return value.strip()
    return _line(value)


def sorted_timeline(raw: Any) -> list[Any]:
    """A timeline as sent, oldest first.

    Dates are "YYYY-MM-DD HH:MM:SS", so text order is time order; the API sends them unsorted.
    Sorted before the entries are read, so that the oldest can be read (and shown) first.
    """
    return sorted(raw, key=_entry_time) if isinstance(raw, list) else []


@dataclass(frozen=True, slots=True)
class PartialTicket:
    """A ticket whose header and oldest entries are read, the rest of its timeline not yet.

    Reading 5,000 entries takes longer than showing the first screenful of them, so a big ticket
    is shown from this while :meth:`finish` reads the rest (in a thread).
    """

    ticket: Ticket
    #: The entries not read yet, as sent, oldest first (all newer than ``ticket.timeline``).
    rest: list[Any]
    #: The pinned ones among ``rest``, read: pinned notes are shown above the timeline at once.
    pinned: list[TimelineEntry]

    @classmethod
    def read(cls, item: Any, first: int) -> PartialTicket:
        """Read the header and the oldest ``first`` entries of a ticket as sent."""
        if not isinstance(item, dict):
            return cls(Ticket.model_validate(item), [], [])
        raw = sorted_timeline(item.get("timeline"))
        head = Ticket.model_validate({**item, "timeline": raw[:first]})
        rest = raw[first:]
        pinned_raw = [e for e in rest if isinstance(e, dict) and _flag(e.get("pinned"))]
        pinned = tolerant_list(TimelineEntry, pinned_raw, "timeline entry")[0]
        return cls(head, rest, pinned)

    @property
    def pending(self) -> int:
        return len(self.rest)

    def finish(self) -> Ticket:
        """The whole ticket: the rest of the timeline read and added."""
        if not self.rest:
            return self.ticket
        entries, skipped = tolerant_list(TimelineEntry, self.rest, "timeline entry")
        return self.ticket.model_copy(
            update={
                "timeline": [*self.ticket.timeline, *entries],
                "skipped_entries": self.ticket.skipped_entries + skipped,
            }
        )


def _option_name(options: list[AssignOption], wanted: int | None) -> str | None:
    if not wanted:
        return None
    return next((o.name for o in options if o.id == wanted), None)


class TicketPage(WireModel):
    """One page of ``GET /ticket``."""

    items: list[Ticket] = Field(default_factory=list)
    total: int = 0
    start: int = 0
    limit: int = 0
    skipped: int = 0


# --------------------------------------------------------------------------------------------
# Request models: strict, validated before anything is sent


class RequestModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=True)


_email = TypeAdapter(EmailStr)


def _check_address(value: str, message: str) -> str:
    if not _is_address(value):
        raise ValueError(message)
    return value


def _is_address(value: str) -> bool:
    try:
        _email.validate_python(value)
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


class TicketUpdate(RequestModel):
    """Changes to a ticket; only the fields that are set go over the wire."""

    title: str | None = Field(default=None, min_length=1, max_length=500)
    status: TicketStatus | None = None
    external_primary_id: str | None = Field(default=None, max_length=200)

    @field_validator("status")
    @classmethod
    def _updatable_status(cls, value: TicketStatus | None) -> TicketStatus | None:
        if value is not None and value not in UPDATE_STATUSES:
            allowed = " or ".join(s.value for s in UPDATE_STATUSES)
            raise ValueError(f"the update call only sets status to {allowed}; use Set status")
        return value

    def form(self) -> list[tuple[str, str]]:
        names = {"title": "title", "status": "status", "external_primary_id": "externalPrimaryID"}
        return [
            (names[field], str(value))
            for field, value in self.model_dump(exclude_none=True).items()
        ]

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
