"""What the sandbox's ticket and message calls do, on top of the store.

Handlers in ``routes.py`` validate the wire format and call these with typed values; this module
applies Omnidesk's rules (who may be linked, what a status change records, which ids are new)
inside one transaction per call, so a refused call changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from omnitui.sandbox.data import catalog, documents
from omnitui.sandbox.data.documents import Doc
from omnitui.sandbox.data.store import Store, dumps
from omnitui.sandbox.server.responses import ApiError, bad_request

NOT_FOUND = "Ticket not found."
API_ACTOR = "api"


def wall_clock() -> str:
    """Return the local time in the API's date format (no zone, as Omnidesk sends dates)."""
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class NewTicket:
    """The fields of POST /ticket, already validated."""

    title: str = ""
    from_address: str = ""
    from_name: str = ""
    to_address: str = ""
    direction: str = "inbound"
    channel_id: int = 1
    brand_id: int = 2
    assigned_group_id: int = 0
    form_id: int | None = None


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


class TicketService:
    """The ticket calls of the sandbox; thread-safe because the store is."""

    def __init__(self, store: Store, clock: Callable[[], str] = wall_clock) -> None:
        self.store = store
        self.clock = clock

    def get(self, ticket_id: int, *, history: bool) -> str:
        """Return the JSON of GET /ticket/{id}: the ticket and its timeline in storage order."""
        stored = self.store.ticket(ticket_id, history=history)
        if stored is None:
            raise ApiError(404, NOT_FOUND)
        # Splice the stored entry texts in: decoding and re-encoding 5,000 entries is slow.
        token = f"@timeline-{uuid.uuid4().hex}@"
        doc = stored.doc
        doc["timeline"] = token
        text = dumps({"type": "item", "item": doc})
        return text.replace(dumps(token), "[" + ",".join(stored.entries) + "]", 1)

    def search(
        self,
        *,
        query: str | None,
        status: str | None,
        view: str | None,
        start: int,
        limit: int,
    ) -> Doc:
        """Return the list envelope of GET /ticket."""
        statuses: tuple[str, ...] | None = None
        if view is not None:
            if view not in catalog.VIEWS:
                raise bad_request("This view does not exist.")
            statuses = catalog.VIEWS[view]
        if status is not None:
            statuses = (status,) if statuses is None or status in statuses else ()
        text = (query or "").strip()
        total, docs = self.store.find_tickets(
            text=text or None,
            ticket_id=int(text) if text.isdigit() and len(text) <= 18 else None,
            statuses=statuses,
            unassigned=view == "unassigned",
            start=start,
            limit=limit,
        )
        return {
            "type": "items",
            "itemStart": start,
            "itemTotal": total,
            "itemLimit": limit,
            "items": [documents.list_item(doc) for doc in docs],
        }

    def create(self, new: NewTicket) -> Doc:
        """Create an empty ticket; return the item envelope with the id as a string."""
        if new.brand_id not in catalog.BRANDS:
            raise bad_request("This brand does not exist.")
        if new.assigned_group_id and new.assigned_group_id not in catalog.GROUPS:
            raise bad_request("This group does not exist.")
        now = self.clock()
        with self.store.transaction():
            ticket_id = self.store.max_ticket_id() + 1
            found = None
            for address in (new.from_address, new.to_address):
                if address and found is None:
                    found = self.store.customer_by_address(address)
            doc = documents.ticket(
                ticket_id,
                title=new.title,
                created_at=now,
                direction=new.direction,
                channel_id=new.channel_id,
                brand_id=new.brand_id,
                from_address=new.from_address,
                from_name=new.from_name,
                to_address=new.to_address,
                assigned_group_id=new.assigned_group_id,
                form_id=new.form_id,
                customer=found.doc if found else None,
                customer_channels=found.channels if found else (),
            )
            self.store.put_ticket(doc)
        # The documented response has "id" as a string; the stored ticket keeps an int.
        return {"type": "item", "item": {**doc, "id": str(ticket_id)}}

    def update(
        self,
        ticket_id: int,
        *,
        title: str | None,
        status: str | None,
        external_primary_id: str | None,
    ) -> None:
        """Apply PUT /ticket/{id}: change the given fields and record them in the history."""
        now = self.clock()
        with self.store.transaction():
            stored = self.store.ticket(ticket_id, entries=False)
            if stored is None:
                raise ApiError(404, NOT_FOUND)
            doc = stored.doc
            history: list[Doc] = []
            if title is not None and title != doc.get("title"):
                doc["title"] = title
                history.append(self._event(ticket_id, "title", "", "Title changed", now))
            if status is not None:
                history += self._change_status(doc, status, now)
            if external_primary_id is not None:
                history.append(self._link_customer(doc, external_primary_id, now))
            doc["last_update"] = now
            doc["last_update_agent"] = now
            self.store.put_ticket(doc)
            self.store.add_entries(ticket_id, [(True, entry) for entry in history])

    def set_status(self, ticket_ids: Sequence[int], status: str) -> None:
        """Apply POST /ticket/setstatus to every ticket, or to none if one does not exist."""
        unique = list(dict.fromkeys(ticket_ids))
        now = self.clock()
        with self.store.transaction():
            existing = self.store.ticket_ids(unique)
            missing = [tid for tid in unique if tid not in existing]
            if missing:
                raise bad_request(f"Ticket {missing[0]} does not exist; no status was changed.")
            for ticket_id in unique:
                stored = self.store.ticket(ticket_id, entries=False)
                assert stored is not None  # checked above, inside the same transaction
                doc = stored.doc
                history = self._change_status(doc, status, now)
                if history:
                    doc["last_update"] = now
                    self.store.put_ticket(doc)
                    self.store.add_entries(ticket_id, [(True, entry) for entry in history])

    def add_message(self, new: NewMessage) -> None:
        """Apply POST /message: append a reply or a note and apply ``submitStatus``."""
        if new.user_id and new.user_id not in catalog.USERS:
            raise bad_request("This user does not exist.")
        now = self.clock()
        with self.store.transaction():
            stored = self.store.ticket(new.ticket_id, entries=False)
            if stored is None:
                raise ApiError(404, NOT_FOUND)
            doc = stored.doc
            status_after = new.submit_status or str(doc.get("status"))
            entry_id = self.store.next_id("entry_id")
            user = catalog.user_name(new.user_id)
            entry: Doc
            if new.channel == "0":
                entry = documents.note(
                    entry_id,
                    new.ticket_id,
                    created_at=now,
                    content=new.message,
                    user_id=new.user_id,
                    user_name=user,
                    status_new=status_after,
                )
            else:
                channel_id = _channel_of(new.channel)
                entry = documents.message(
                    entry_id,
                    new.ticket_id,
                    created_at=now,
                    content=new.message,
                    channel_id=channel_id,
                    direction="outbound",
                    from_address=str(doc.get("to") or ""),
                    to_address=", ".join(new.to_addresses),
                    user_id=new.user_id,
                    user_name=user,
                    status_new=status_after,
                    entry_type="calllog" if new.channel == "calllog" else "message",
                    meta=documents.meta_data(new.to_addresses, new.cc, new.bcc),
                    send_at=new.send_at,
                    cc=new.cc,
                )
            entries: list[tuple[bool, Doc]] = [(False, entry)]
            if new.submit_status is not None:
                entries += [(True, e) for e in self._change_status(doc, new.submit_status, now)]
            doc["last_update"] = now
            doc["last_update_agent"] = now
            self.store.put_ticket(doc)
            self.store.add_entries(new.ticket_id, entries)

    def _change_status(self, doc: Doc, status: str, now: str) -> list[Doc]:
        old = doc.get("status")
        if status == old:
            return []
        doc["status"] = status
        if status == "closed":
            doc["closed_at"] = now
        elif old == "closed":
            doc["closed_at"] = None
        description = f"Status changed from {old} to {status}"
        return [self._event(int(doc["id"]), "status", status, description, now)]

    def _link_customer(self, doc: Doc, external_primary_id: str, now: str) -> Doc:
        found = None
        if external_primary_id:
            brand = doc.get("brand_id")
            found = self.store.customer_by_external_id(
                external_primary_id, brand_id=brand if isinstance(brand, int) else None
            )
        ticket_id = int(doc["id"])
        if found is None:
            doc["customer_id"] = 0
            doc["customer"] = None
            doc["customer_channels"] = []
            return self._event(ticket_id, "customer_id", "0", "Customer removed", now)
        doc["customer_id"] = found.doc["id"]
        doc["customer"] = found.doc
        doc["customer_channels"] = found.channels
        name = f"{found.doc.get('firstname', '')} {found.doc.get('lastname', '')}".strip()
        description = f"Linked to customer {name}"
        return self._event(ticket_id, "customer_id", str(found.doc["id"]), description, now)

    def _event(self, ticket_id: int, item_type: str, item_id: str, text: str, now: str) -> Doc:
        return documents.event(
            self.store.next_id("event_id"),
            ticket_id,
            item_type=item_type,
            item_type_id=item_id,
            description=text,
            initiated_by=API_ACTOR,
            created_at=now,
        )


def _channel_of(message_type: str) -> int:
    """Return the channel id a message ``type`` sends on (calllog: telephone)."""
    if message_type == "calllog":
        return 2
    if message_type == "contactform":
        return 12
    return int(message_type)
