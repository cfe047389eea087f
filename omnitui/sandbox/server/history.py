"""What a change records in a ticket's timeline: events, dated on the sandbox's clock.

Every call that changes a ticket appends events the way Omnidesk's timeline shows them
(``item_type``, ``item_type_id``, ``description``, ``initiated_by``), so a client reading the
ticket back sees what happened; most of them only with ``getTicketHistory``.
"""

from __future__ import annotations

from datetime import datetime

from omnitui.core.clock import api_date
from omnitui.sandbox.data import documents
from omnitui.sandbox.data.documents import Doc
from omnitui.sandbox.data.store import Store

API_ACTOR = "api"
"""``initiated_by`` of the events an API call causes."""

Entries = list[tuple[bool, Doc]]
"""Timeline entries to append; ``True`` marks one shown only with ``getTicketHistory``."""


def wall_clock() -> str:
    """Return the local time in the API's date format (no zone, as Omnidesk sends dates)."""
    return api_date(datetime.now())


def event(store: Store, ticket_id: int, item_type: str, item_id: str, text: str, now: str) -> Doc:
    """Return a new event of ``ticket_id`` with the next event id (inside a transaction)."""
    return documents.event(
        store.next_id("event_id"),
        ticket_id,
        item_type=item_type,
        item_type_id=item_id,
        description=text,
        initiated_by=API_ACTOR,
        created_at=now,
    )


def change_status(store: Store, doc: Doc, status: str, now: str) -> list[Doc]:
    """Set the ticket's status (and ``closed_at``); return the event, none if unchanged."""
    old = doc.get("status")
    if status == old:
        return []
    doc["status"] = status
    if status == "closed":
        doc["closed_at"] = now
    elif old == "closed":
        doc["closed_at"] = None
    description = f"Status changed from {old} to {status}"
    return [event(store, int(doc["id"]), "status", status, description, now)]
