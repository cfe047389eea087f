"""Pydantic models of what Omnidesk answers: tickets, their timelines, pages of them.

Reading is tolerant: each field's type (from :mod:`omnitui.api.wire`) mends what the API's
drifting types make of it and sanitises its text, and lists are read item by item when one is
bad, so an odd ticket is shown rather than refused. The enumerations here are shared with what
is sent (:mod:`omnitui.api.requests`).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import Annotated, Any

from pydantic import Field, model_validator

from omnitui.api.wire import (
    AS_SENT,
    EntryBody,
    EntryFlag,
    EntryId,
    EntryInt,
    EntryLine,
    EntryOptLine,
    Flag,
    Line,
    Mend,
    OptInt,
    OptLine,
    Tags,
    WireModel,
    json_in_string,
    mender,
    to_file_list,
    to_flag,
    to_line,
    to_opt_int,
    tolerant_list,
)

# --------------------------------------------------------------------------------------------
# Enumerations


class TicketStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    HOLDING = "holding"
    SOLVED = "solved"
    CLOSED = "closed"


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


StatusValue = Annotated[TicketStatus | Line, Field(union_mode="left_to_right")]
"""A known status as the enum, anything new kept as text so it can be shown as "unknown (x)"."""
PriorityValue = Annotated[Priority | Line, Field(union_mode="left_to_right")]
DirectionValue = Annotated[Direction | Line, Field(union_mode="left_to_right")]


# --------------------------------------------------------------------------------------------
# Response models


class Attachment(WireModel):
    """One file of a message or note (its ``files``; docs/omnidesk-api.md §10.8).

    Every field may be missing, and a value that cannot be read is dropped before validation,
    so an odd file costs only that detail, never its entry. ``url`` is where the file can be
    downloaded (absolute; absent when it cannot be); ``name`` is for showing, never a path.
    """

    id: OptLine = None
    name: Line = ""
    size: OptInt = None
    mime_type: Line = ""
    inline: Flag = False
    url: OptLine = None

    @model_validator(mode="before")
    @classmethod
    def _readable(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"name": data}
        return _readable_file(data) if isinstance(data, dict) else data


_FILE_NAME_KEYS = ("name", "file_name", "filename", "original_name", "title")


def _readable_file(data: dict[str, Any]) -> dict[str, Any]:
    """The fields of a file as sent, each only if it is of a type that can be read."""
    clean: dict[str, Any] = {}
    names = (data.get(key) for key in _FILE_NAME_KEYS)
    name = next((n for n in names if _is_text_or_number(n) and str(n).strip()), None)
    if name is not None:
        clean["name"] = name
    if _is_text_or_number(data.get("id")):
        clean["id"] = data["id"]
    size = data.get("size")
    if isinstance(size, float) and size == size and abs(size) < 2**63:
        size = int(size)
    if _is_text_or_number(size):
        number = to_opt_int(size)
        if isinstance(number, str) and len(number) <= 18:  # int() refuses 4,300 digits
            number = int(number)
        if isinstance(number, int) and 0 <= number < 2**63:
            clean["size"] = number
    for key in ("mime_type", "url"):
        if isinstance(data.get(key), str):
            clean[key] = data[key]
    if "inline" in data:
        clean["inline"] = to_flag(data["inline"])
    return clean


def _is_text_or_number(value: Any) -> bool:
    return isinstance(value, str | int) and not isinstance(value, bool)


class User(WireModel):
    """An agent of the account, as ``GET /user`` lists them (docs/omnidesk-api.md §10.3);
    ``id`` is what a message's ``userID`` takes."""

    id: int
    name: Line = ""
    email: Line = ""
    phone: Line = ""
    active: Flag = True


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
    pass per entry (a :func:`~omnitui.api.wire.mender`) and the fields themselves are plain
    types that pydantic checks natively: a Python validator per field cost 50 µs per entry, most
    of the time it takes to open a 5,000-entry ticket. Each field's type carries its
    :class:`~omnitui.api.wire.Mend`, so a field is declared here only.
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
    files: Annotated[list[Attachment], Mend(to_file_list)] = Field(default_factory=list)
    #: The entry this one answers (``respondMessageID`` when it was sent); 0 when none, None
    #: when the account does not say (docs/omnidesk-api.md §10.7).
    respond_message_id: EntryInt = None
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
        return json_in_string(self.meta_data_raw)

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


_mend_entry = mender(TimelineEntry)


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


def entry_time(raw: Any) -> str:
    """An entry's ``created_at`` as the model will hold it, to sort entries before reading them."""
    if not isinstance(raw, dict):
        return ""
    value = raw.get("created_at")
    if type(value) is str and value.isascii() and value.isprintable():
        return value.strip()
    return to_line(value)


def sorted_timeline(raw: Any) -> list[Any]:
    """A timeline as sent, oldest first.

    Dates are "YYYY-MM-DD HH:MM:SS", so text order is time order; the API sends them unsorted.
    Sorted before the entries are read, so that the oldest can be read (and shown) first.
    """
    return sorted(raw, key=entry_time) if isinstance(raw, list) else []


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


class View(WireModel):
    """One of the account's views (``GET /view``): what the first screen shows as a queue."""

    id: int
    title: Line = ""
