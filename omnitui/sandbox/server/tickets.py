"""What the sandbox's ticket and message calls do, on top of the store.

Handlers in ``routes.py`` validate the wire format and call these with typed values; this module
applies Omnidesk's rules (who may be linked or assigned, what a change records, which ids are
new) inside one transaction per call, so a refused call changes nothing. The rules of a PUT are
in ``changes``, those of a message in ``messages``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from omnitui.sandbox.data import catalog, documents, views
from omnitui.sandbox.data.documents import Doc
from omnitui.sandbox.data.store import Store, dumps
from omnitui.sandbox.server import messages
from omnitui.sandbox.server.changes import (
    TicketChange,
    apply_change,
    change_priority,
    check_assignment,
)
from omnitui.sandbox.server.history import Entries, change_status, wall_clock
from omnitui.sandbox.server.messages import NewMessage
from omnitui.sandbox.server.responses import ApiError, bad_request

NOT_FOUND = "Ticket not found."

__all__ = ["NOT_FOUND", "NewMessage", "NewTicket", "TicketChange", "TicketService", "wall_clock"]


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


class TicketService:
    """The ticket calls of the sandbox; thread-safe because the store is."""

    def __init__(self, store: Store, clock: Callable[[], str] = wall_clock) -> None:
        self.store = store
        self.clock = clock

    def get(self, ticket_id: int, *, history: bool, base_url: str = "") -> str:
        """Return the JSON of GET /ticket/{id}: the ticket and its timeline in storage order.

        Files' download URLs are made absolute on ``base_url``, the address the client used.
        """
        stored = self.store.ticket(ticket_id, history=history)
        if stored is None:
            raise ApiError(404, NOT_FOUND)
        # Splice the stored entry texts in: decoding and re-encoding 5,000 entries is slow.
        token = f"@timeline-{uuid.uuid4().hex}@"
        doc = stored.doc
        doc["timeline"] = token
        text = dumps({"type": "item", "item": doc})
        entries = documents.absolute_urls(",".join(stored.entries), base_url)
        return text.replace(dumps(token), "[" + entries + "]", 1)

    def search(
        self,
        *,
        query: str | None,
        status: str | None,
        view: str | None,
        start: int,
        limit: int,
    ) -> Doc:
        """Return the list envelope of GET /ticket: a view's tickets, narrowed by the filters."""
        chosen = views.Selection()
        if view is not None:
            found = views.selection(view)
            if found is None:
                raise bad_request("This view does not exist.")
            chosen = found
        if status is not None:
            chosen = chosen.narrowed(views.equals("status", status))
        text = (query or "").strip()
        total, docs = self.store.find_tickets(
            text=text or None,
            ticket_id=int(text) if text.isdigit() and len(text) <= 18 else None,
            selection=chosen,
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

    def update(self, ticket_id: int, change: TicketChange) -> None:
        """Apply PUT /ticket/{id}: check, change the given fields and record them."""
        now = self.clock()
        with self.store.transaction():
            stored = self.store.ticket(ticket_id, entries=False)
            if stored is None:
                raise ApiError(404, NOT_FOUND)
            doc = stored.doc
            check_assignment(doc, change)
            entries = apply_change(self.store, doc, change, now)
            doc["last_update"] = now
            doc["last_update_agent"] = now
            self.store.put_ticket(doc)
            self.store.add_entries(ticket_id, entries)

    def set_status(self, ticket_ids: Sequence[int], status: str | None) -> None:
        """Apply POST /ticket/setstatus to every ticket, or to none if one does not exist.

        ``status=None`` (an ignored field) checks the ids and changes nothing.
        """
        self._each(
            ticket_ids,
            "status",
            lambda doc, now: [] if status is None else change_status(self.store, doc, status, now),
        )

    def set_priority(self, ticket_ids: Sequence[int], priority: str | None) -> None:
        """Apply POST /ticket/setPriority, like setstatus: every ticket or none."""
        self._each(
            ticket_ids,
            "priority",
            lambda doc, now: (
                [] if priority is None else change_priority(self.store, doc, priority, now)
            ),
        )

    def _each(
        self, ticket_ids: Sequence[int], what: str, change: Callable[[Doc, str], list[Doc]]
    ) -> None:
        unique = list(dict.fromkeys(ticket_ids))
        now = self.clock()
        with self.store.transaction():
            existing = self.store.ticket_ids(unique)
            missing = [tid for tid in unique if tid not in existing]
            if missing:
                raise bad_request(f"Ticket {missing[0]} does not exist; no {what} was changed.")
            for ticket_id in unique:
                stored = self.store.ticket(ticket_id, entries=False)
                assert stored is not None  # checked above, inside the same transaction
                doc = stored.doc
                history = change(doc, now)
                if history:
                    doc["last_update"] = now
                    self.store.put_ticket(doc)
                    self.store.add_entries(ticket_id, [(True, entry) for entry in history])

    def add_message(self, new: NewMessage) -> None:
        """Apply POST /message: append a reply or a note and apply ``submitStatus``."""
        messages.check_sender(new.user_id)
        now = self.clock()
        with self.store.transaction():
            stored = self.store.ticket(new.ticket_id, entries=False)
            if stored is None:
                raise ApiError(404, NOT_FOUND)
            doc = stored.doc
            messages.check_channel(doc, new)
            messages.check_respond(self.store, new.ticket_id, new.respond_message_id)
            status_after = new.submit_status or str(doc.get("status"))
            entry_id = self.store.next_id("entry_id")
            entry = messages.message_entry(entry_id, doc, new, status_after, now)
            entries: Entries = [(False, entry)]
            if new.submit_status is not None:
                changed = change_status(self.store, doc, new.submit_status, now)
                entries += [(True, e) for e in changed]
            doc["last_update"] = now
            doc["last_update_agent"] = now
            self.store.put_ticket(doc)
            self.store.add_entries(new.ticket_id, entries)
