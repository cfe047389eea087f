"""Where a reply goes and what it answers, worked out from the ticket; and whether Omnidesk did it.

Pure functions over the response models, so that the reply form is only about its fields and
these rules are tested without a screen. The wire format is docs/omnidesk-api.md §10.7: a
reply's ``type`` must be a sendable channel (a telephone ticket is answered by e-mail, when the
customer has an address), ``respondMessageID`` names the message answered and ``userID`` the
agent; §10.10: the ticket read back tells whether the account took them.
"""

from __future__ import annotations

from dataclasses import dataclass

from omnitui.api.models import Channel, Direction, EntryKind, Ticket, TimelineEntry
from omnitui.api.requests import SENDABLE_CHANNELS, MessageKind, NewMessage

#: How many of the newest entries are read back to find the one just sent: it is the newest,
#: unless the customer or a colleague wrote in the same second.
READ_BACK = 10


@dataclass(frozen=True, slots=True)
class ReplyRoute:
    """How a reply to one ticket goes out."""

    #: The ``type`` it is sent with.
    channel_id: int
    #: The e-mail recipient to start with ("" off e-mail).
    to_address: str = ""
    #: Why it goes another way than the ticket came in ("" when it does not).
    note: str = ""
    #: Why no reply can go out at all ("" when one can); notes still can.
    refusal: str = ""


def customer_address(ticket: Ticket) -> str:
    """Where an e-mail reply goes: the newest inbound message's sender, else the ticket's
    customer side.

    The seed swaps ``to``/``from`` for outbound tickets, so the customer is ``from`` on an
    inbound ticket and ``to`` on an outbound one.
    """
    for entry in reversed(ticket.timeline):
        if entry.kind is EntryKind.MESSAGE and entry.direction == Direction.INBOUND and entry.from_:
            return entry.from_
    return ticket.to if ticket.direction == Direction.OUTBOUND else ticket.from_


def customer_email(ticket: Ticket) -> str:
    """The customer's e-mail address from their channels ("" when they have none).

    Of several, the one they last wrote from, if it is one of them.
    """
    addresses = [
        ch.unique_reference
        for ch in ticket.customer_channels
        if ch.channel_id == Channel.EMAIL and ch.unique_reference
    ]
    latest = customer_address(ticket)
    if latest in addresses:
        return latest
    return addresses[0] if addresses else ""


def reply_route(ticket: Ticket) -> ReplyRoute:
    """The ticket's own channel when Omnidesk can send on it; else e-mail, or nothing."""
    channel = ticket.channel_id if ticket.channel_id and ticket.channel_id > 0 else Channel.EMAIL
    if channel == Channel.EMAIL:
        return ReplyRoute(Channel.EMAIL, customer_address(ticket))
    if channel in SENDABLE_CHANNELS:
        return ReplyRoute(channel)
    kind = ticket.channel_name or (
        "telephone" if channel == Channel.TELEPHONE else f"channel {channel}"
    )
    address = customer_email(ticket)
    if address:
        note = f"This reply goes by e-mail: Omnidesk cannot send on {kind}."
        return ReplyRoute(Channel.EMAIL, address, note=note)
    if channel == Channel.TELEPHONE:
        phone = ticket.from_ if ticket.direction != Direction.OUTBOUND else ticket.to
        call = f"call them ({phone})" if phone else "call them"
        refusal = f"This customer has no e-mail address: add a note (i), or {call}."
    else:
        refusal = (
            f"Omnidesk cannot send on {kind} and this customer has no e-mail address: "
            "add a note (i) instead."
        )
    return ReplyRoute(channel, refusal=refusal)


def answered_entry(ticket: Ticket, cursor: TimelineEntry | None = None) -> TimelineEntry | None:
    """The message a reply answers: the one under the cursor when it is a message of this
    ticket, else the newest inbound (customer) message, else none."""
    if (
        cursor is not None
        and cursor.kind is EntryKind.MESSAGE
        and _numeric(cursor.id)
        and any(entry.id == cursor.id for entry in ticket.timeline)
    ):
        return cursor
    for entry in reversed(ticket.timeline):
        if (
            entry.kind is EntryKind.MESSAGE
            and entry.direction == Direction.INBOUND
            and _numeric(entry.id)
        ):
            return entry
    return None


def _numeric(entry_id: str) -> bool:
    """``respondMessageID`` is sent as the entry id's digits; other ids cannot be answered."""
    return entry_id.isdigit() and entry_id.isascii()


# ------------------------------------------------------------------------------------------------
# After sending: did Omnidesk take the sender and the answered message?


def sent_entry(
    message: NewMessage, before: set[str], newest: list[TimelineEntry]
) -> TimelineEntry | None:
    """The entry ``message`` became: the newest of ``newest`` that was not in the ticket
    ``before`` (their ids) and is of its kind (an outbound message, or a note)."""
    for entry in reversed(newest):
        if entry.id in before:
            continue
        if message.kind is MessageKind.NOTE and entry.kind is EntryKind.NOTE:
            return entry
        if (
            message.kind is MessageKind.REPLY
            and entry.kind is not EntryKind.NOTE
            and entry.kind is not EntryKind.EVENT
            and entry.direction != Direction.INBOUND
        ):
            return entry
    return None


def attribution_problems(
    message: NewMessage,
    entry: TimelineEntry | None,
    *,
    agent_name: str,
    answered: str = "",
) -> list[str]:
    """What Omnidesk did not take of ``message``, in the agent's words (empty: all of it).

    ``agent_name`` is who the message was sent as; ``answered`` describes the message it
    answers ("Thomas's message of 28 Sep 22:06").
    """
    what = "reply" if message.kind is MessageKind.REPLY else "note"
    if entry is None:
        return [
            f"Omnidesk accepted the {what}, but it is not in the ticket yet, so who it shows "
            "as was not checked: refresh (R) to see it."
        ]
    problems: list[str] = []
    if message.user_id and not _from_user(entry, message.user_id, agent_name):
        shown = entry.user_name or "Anonymous"
        problems.append(
            f"Omnidesk accepted the {what} but shows it as from {shown}: it was sent as "
            f"{agent_name} (user {message.user_id}), which this account did not take."
        )
    wanted = message.respond_message_id
    if wanted and entry.respond_message_id is not None and entry.respond_message_id != wanted:
        of = f" to {answered}" if answered else ""
        problems.append(f"Omnidesk did not record the {what} as an answer{of}.")
    return problems


def _from_user(entry: TimelineEntry, user_id: int, name: str) -> bool:
    if entry.user_id is not None:
        return entry.user_id == user_id
    return bool(name) and entry.user_name.casefold() == name.casefold()
