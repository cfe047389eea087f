"""PUT /ticket/{id}'s changes: title, status, customer link, assignment, priority and tags.

The docs name only ``title``, ``status`` and ``externalPrimaryID`` (the field list is cut off);
assignment, priority and tags are the sandbox's inference (docs/omnidesk-api.md §3.4, §3.11).
Each change is checked against the ticket first (a group or agent must be one of its
``assign_options_*``), then applied and recorded, so a refused call changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from omnitui.sandbox.data import catalog
from omnitui.sandbox.data.documents import Doc
from omnitui.sandbox.data.store import Store
from omnitui.sandbox.server.history import Entries, change_status, event
from omnitui.sandbox.server.responses import bad_request


@dataclass(frozen=True)
class TicketChange:
    """The fields of a PUT, already validated; None leaves a field as it is."""

    title: str | None = None
    status: str | None = None
    external_primary_id: str | None = None
    assigned_group_id: int | None = None
    assigned_user_id: int | None = None
    priority: str | None = None
    tags: tuple[str, ...] | None = None


def _option_ids(doc: Doc, key: str) -> set[int]:
    options = doc.get(key)
    if not isinstance(options, list):
        return set()
    return {int(o["id"]) for o in options if isinstance(o, dict) and str(o.get("id")).isdigit()}


def check_assignment(doc: Doc, change: TicketChange) -> None:
    """Refuse a group or agent that does not exist or is not among the ticket's options."""
    group, user = change.assigned_group_id, change.assigned_user_id
    if group:
        if group not in catalog.GROUPS:
            raise bad_request("This group does not exist.")
        if group not in _option_ids(doc, "assign_options_groups"):
            raise bad_request("This group cannot be assigned to this ticket.")
    if user:
        agent = catalog.AGENTS.get(user)
        if agent is None:
            raise bad_request("This user does not exist.")
        if not agent.active or user not in _option_ids(doc, "assign_options_users"):
            raise bad_request("This user cannot be assigned to this ticket.")


def _option_name(doc: Doc, key: str, option_id: int) -> str:
    for option in doc.get(key) or []:
        if isinstance(option, dict) and str(option.get("id")) == str(option_id):
            return str(option.get("name"))
    return str(option_id)


def apply_change(store: Store, doc: Doc, change: TicketChange, now: str) -> Entries:
    """Apply a checked change to the ticket ``doc``; return the timeline entries it records."""
    ticket_id = int(doc["id"])
    entries: Entries = []
    if change.title is not None and change.title != doc.get("title"):
        doc["title"] = change.title
        entries.append((True, event(store, ticket_id, "title", "", "Title changed", now)))
    if change.status is not None:
        entries += [(True, e) for e in change_status(store, doc, change.status, now)]
    if change.external_primary_id is not None:
        entries.append((True, _link_customer(store, doc, change.external_primary_id, now)))
    group = change.assigned_group_id
    if group is not None and group != doc.get("assigned_group_id"):
        doc["assigned_group_id"] = group
        name = _option_name(doc, "assign_options_groups", group)
        text = f"Assigned to {name}" if group else "Group assignment removed"
        entries.append((False, event(store, ticket_id, "assigned_group_id", str(group), text, now)))
    user = change.assigned_user_id
    if user is not None and user != doc.get("assigned_user_id"):
        doc["assigned_user_id"] = user
        name = _option_name(doc, "assign_options_users", user)
        text = f"Assigned to agent {name}" if user else "Agent assignment removed"
        entries.append((False, event(store, ticket_id, "assigned_user_id", str(user), text, now)))
    if change.priority is not None:
        entries += [(True, e) for e in change_priority(store, doc, change.priority, now)]
    if change.tags is not None:
        tags = ",".join(change.tags)
        if tags != (doc.get("tags") or ""):
            doc["tags"] = tags
            text = f"Tags changed to: {', '.join(change.tags)}" if tags else "Tags removed"
            entries.append((True, event(store, ticket_id, "tags", tags, text, now)))
    return entries


def change_priority(store: Store, doc: Doc, priority: str, now: str) -> list[Doc]:
    """Set the ticket's priority; return the event, none if unchanged."""
    old = doc.get("priority")
    if priority == old:
        return []
    doc["priority"] = priority
    text = f"Priority changed from {old} to {priority}"
    return [event(store, int(doc["id"]), "priority", priority, text, now)]


def _link_customer(store: Store, doc: Doc, external_primary_id: str, now: str) -> Doc:
    found = None
    if external_primary_id:
        brand = doc.get("brand_id")
        found = store.customer_by_external_id(
            external_primary_id, brand_id=brand if isinstance(brand, int) else None
        )
    ticket_id = int(doc["id"])
    if found is None:
        doc["customer_id"] = 0
        doc["customer"] = None
        doc["customer_channels"] = []
        return event(store, ticket_id, "customer_id", "0", "Customer removed", now)
    doc["customer_id"] = found.doc["id"]
    doc["customer"] = found.doc
    doc["customer_channels"] = found.channels
    name = f"{found.doc.get('firstname', '')} {found.doc.get('lastname', '')}".strip()
    text = f"Linked to customer {name}"
    return event(store, ticket_id, "customer_id", str(found.doc["id"]), text, now)
