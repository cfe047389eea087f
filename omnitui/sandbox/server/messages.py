"""POST /message's rules: who sends, what it answers, and which channel can carry it.

The entry is built like a seeded one (``documents``), with the sender's name for ``userID``
and the answered message's id for ``respondMessageID``. Two refusals mirror what a helpdesk
cannot do: a telephone message cannot be sent (type 2 is not among the documented sendable
types), and an e-mail reply on a ticket that did not come in by e-mail needs the customer to
have an e-mail channel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from omnitui.sandbox.data import catalog, documents
from omnitui.sandbox.data.documents import Doc
from omnitui.sandbox.data.store import Store
from omnitui.sandbox.server.responses import bad_request

EMAIL = 1
TELEPHONE = 2


@dataclass(frozen=True)
class NewMessage:
    """The fields of POST /message, already validated."""

    ticket_id: int
    channel: str
    message: str
    to_addresses: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    bcc: list[str] = field(default_factory=list)
    user_id: int = 0
    submit_status: str | None = None
    send_at: str | None = None
    respond_message_id: int = 0


def check_sender(user_id: int) -> None:
    """Refuse a ``userID`` that is not an active agent of the account (0 is anonymous)."""
    if not user_id:
        return
    agent = catalog.AGENTS.get(user_id)
    if agent is None:
        raise bad_request("This user does not exist.")
    if not agent.active:
        raise bad_request("This user is not active.")


def channel_of(message_type: str) -> int:
    """Return the channel id a message ``type`` sends on (calllog: telephone)."""
    if message_type == "calllog":
        return TELEPHONE
    if message_type == "contactform":
        return 12
    return int(message_type)


def check_channel(doc: Doc, new: NewMessage) -> None:
    """Refuse a message the ticket's channel and customer cannot carry."""
    if new.channel == str(TELEPHONE):
        raise bad_request(
            "A telephone message cannot be sent; reply by e-mail (type 1) or log the call "
            "(type calllog)."
        )
    if new.channel != str(EMAIL) or doc.get("channel_id") == EMAIL:
        return
    channels = doc.get("customer_channels") or []
    if not any(isinstance(ch, dict) and ch.get("channel_id") == EMAIL for ch in channels):
        kind = catalog.channel_name(int(doc.get("channel_id") or 0))
        raise bad_request(
            f"The customer of this {kind} ticket has no e-mail address; "
            "an e-mail reply cannot be sent."
        )


def check_respond(store: Store, ticket_id: int, respond_message_id: int) -> None:
    """Refuse a ``respondMessageID`` that is not a message or note of this ticket."""
    if not respond_message_id:
        return
    answered = store.entry(ticket_id, respond_message_id)
    if answered is None or answered.get("type") == "event":
        raise bad_request("The message to respond to does not exist in this ticket.")


def _reply_from(doc: Doc) -> str:
    """Return the address an e-mail reply goes out from: ours, whichever way the ticket went."""
    if doc.get("channel_id") == EMAIL:
        ours = doc.get("from") if doc.get("direction") == "outbound" else doc.get("to")
        if ours:
            return str(ours)
    brand = doc.get("brand_id")
    fallback = str(doc.get("to") or "")
    return catalog.BRAND_ADDRESSES.get(brand if isinstance(brand, int) else 0, fallback)


def message_entry(entry_id: int, doc: Doc, new: NewMessage, status_after: str, now: str) -> Doc:
    """Return the timeline entry of a reply or note (type 0), as the seed's entries look."""
    user = catalog.user_name(new.user_id)
    if new.channel == "0":
        return documents.note(
            entry_id,
            new.ticket_id,
            created_at=now,
            content=new.message,
            user_id=new.user_id,
            user_name=user,
            status_new=status_after,
            respond_message_id=new.respond_message_id,
        )
    channel_id = channel_of(new.channel)
    return documents.message(
        entry_id,
        new.ticket_id,
        created_at=now,
        content=new.message,
        channel_id=channel_id,
        direction="outbound",
        from_address=_reply_from(doc) if channel_id == EMAIL else str(doc.get("to") or ""),
        to_address=", ".join(new.to_addresses),
        user_id=new.user_id,
        user_name=user,
        status_new=status_after,
        entry_type="calllog" if new.channel == "calllog" else "message",
        meta=documents.meta_data(new.to_addresses, new.cc, new.bcc),
        send_at=new.send_at,
        cc=new.cc,
        respond_message_id=new.respond_message_id,
    )
