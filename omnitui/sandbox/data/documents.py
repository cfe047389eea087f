"""Build tickets and timeline entries with exactly the keys, key order and types Omnidesk sends.

The seed's example ticket is the model: every builder here emits its keys in the same order and
with the same type drift (event ids are ints, note and message ids strings, ``channel_account_id``
is ``"0"``, ``meta_data`` is JSON inside a string). The demo data and the API's create/reply calls
both use these builders, so a ticket made through the API looks like a seeded one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from omnitui.sandbox.data import catalog

Doc = dict[str, Any]
"""A JSON object as the API sends it (key order matters: clients may show it raw)."""

LIST_HIDDEN_KEYS = frozenset(
    {"timeline", "assign_options_groups", "assign_options_users", "customer_channels"}
)
"""Keys a ticket in a list response leaves out (they are only in GET /ticket/{id})."""


def ticket(
    ticket_id: int,
    *,
    title: str,
    created_at: str,
    direction: str = "inbound",
    channel_id: int = 1,
    brand_id: int = 2,
    from_address: str = "",
    from_name: str = "",
    to_address: str = "",
    to_name: str = "",
    status: str = "new",
    priority: str = "medium",
    assigned_group_id: int = 0,
    assigned_user_id: int = 0,
    form_id: int | None = None,
    customer: Doc | None = None,
    customer_channels: Iterable[Doc] = (),
) -> Doc:
    """Return a ticket in the seed's key order, with an empty timeline and no SLA.

    Callers change further fields by assignment; that keeps the order because the keys exist.
    """
    channel = catalog.channel_icon(channel_id)
    return {
        "assigned_group_id": assigned_group_id,
        "assigned_user_id": assigned_user_id,
        "channel_account_id": "0",
        "channel_id": channel_id,
        "closed_at": None,
        "created_at": created_at,
        "customer_id": customer["id"] if customer else 0,
        "direction": direction,
        "external_gui_url": None,
        "external_id": None,
        "form_id": form_id,
        "from": from_address,
        "from_name": from_name,
        "grade_by_customer": None,
        "icon": channel,
        "last_update": created_at,
        "last_update_agent": created_at if direction == "outbound" else None,
        "last_update_customer": created_at if direction == "inbound" else None,
        "priority": priority,
        "show_timeline": 1,
        "sla_breach_customer_wait_time": None,
        "sla_breach_first_reply_time": None,
        "sla_breach_next_reply_time": None,
        "sla_breach_user_work_time": None,
        "sla_next_breach": None,
        "sla_next_breach_current_status": None,
        "sla_policy_id": None,
        "snooze_time": None,
        "snooze_time_sent": None,
        "title": title,
        "to": to_address,
        "to_name": to_name,
        "status": status,
        "id": ticket_id,
        "channel_name": catalog.channel_name(channel_id),
        "channel_icon": channel,
        "brand_name": catalog.BRANDS.get(brand_id, f"Brand {brand_id}"),
        "brand_id": brand_id,
        "timeline": [],
        "following": False,
        "sla_next_breach_seconds": None,
        "customer": customer,
        "customer_channels": list(customer_channels),
        "tags": "",
        "customer_custom_fields": [],
        "assign_options_groups": catalog.assign_options_groups(),
        "assign_options_users": catalog.assign_options_users(),
        "original_channel_id": 0,
    }


def list_item(doc: Mapping[str, Any]) -> Doc:
    """Return the shape a ticket has in a list response: no timeline, no assign options."""
    return {key: value for key, value in doc.items() if key not in LIST_HIDDEN_KEYS}


def customer(
    customer_id: int,
    *,
    brand_id: int,
    external_primary_id: str,
    firstname: str,
    lastname: str,
    created_at: str,
) -> Doc:
    """Return the ``customer`` object a ticket embeds."""
    return {
        "id": customer_id,
        "brand_id": brand_id,
        "external_primary_id": external_primary_id,
        "firstname": firstname,
        "lastname": lastname,
        "created_at": created_at,
    }


def customer_channel(
    channel_row_id: int, *, brand_id: int, customer_id: int, channel_id: int, reference: str
) -> Doc:
    """Return one entry of ``customer_channels`` (an address or number the customer uses)."""
    return {
        "id": channel_row_id,
        "brand_id": brand_id,
        "customer_id": customer_id,
        "channel_id": channel_id,
        "unique_reference": reference,
        "linked_by_user_id": 0,
        "name": catalog.channel_name(channel_id),
        "icon": catalog.channel_icon(channel_id),
    }


def event(
    entry_id: int,
    ticket_id: int,
    *,
    item_type: str,
    item_type_id: str,
    description: str,
    initiated_by: str,
    created_at: str,
) -> Doc:
    """Return a timeline event (assignment, status change, ...); its id is an int."""
    return {
        "id": entry_id,
        "ticket_id": ticket_id,
        "item_type": item_type,
        "item_type_id": item_type_id,
        "description": description,
        "initiated_by": initiated_by,
        "created_at": created_at,
        "type": "event",
    }


def meta_data(to: Iterable[str] = (), cc: Iterable[str] = (), bcc: Iterable[str] = ()) -> str:
    """Return the ``meta_data`` string: a JSON document inside a string, as Omnidesk sends it."""
    data: dict[str, list[dict[str, str]]] = {}
    for key, addresses in (("to", to), ("cc", cc), ("bcc", bcc)):
        listed = [{"address": address, "name": ""} for address in addresses]
        if listed:
            data[key] = listed
    return json.dumps(data, separators=(",", ":")) if data else "[]"


def message(
    entry_id: int | str,
    ticket_id: int,
    *,
    created_at: str,
    content: str,
    channel_id: int = 1,
    direction: str = "inbound",
    from_address: str | None = None,
    to_address: str | None = None,
    from_name: str = "",
    to_name: str = "",
    user_id: int = 0,
    user_name: str = "Anonymous",
    status_new: str = "open",
    entry_type: str = "message",
    external_id: str | None = None,
    meta: str = "[]",
    files: list[Doc] | None = None,
    send_at: str | None = None,
    content_whole: str | None = None,
    cc: Iterable[str] = (),
    respond_message_id: int | None = None,
) -> Doc:
    """Return a message-like entry (message, chat, calllog, ...); its id is a string.

    E-mail messages carry the three e-mail-only keys of the seed's example after ``send_at``.
    Entries the API creates also record ``respond_message_id`` (0: not a reply to one).
    """
    doc: Doc = {
        "to": to_address,
        "from": from_address,
        "image": "",
        "created_at": created_at,
        "pinned": 0,
        "id": str(entry_id),
        "channel_name": catalog.channel_name(channel_id),
        "channel_icon": catalog.channel_icon(channel_id),
        "type": entry_type,
        "status_new": status_new,
        "user_id": user_id,
        "user_name": user_name,
        "user_avatar": "",
        "channel_id": channel_id,
        "direction": direction,
        "content": content,
        "ticket_id": ticket_id,
        "external_id": external_id,
        "from_name": from_name,
        "to_name": to_name,
        "meta_data": meta,
        "in_queue": 1 if send_at else 0,
        "send_at": send_at,
    }
    if channel_id == 1:
        cc_list = list(cc)
        details = f"to: {to_address or ''}" + (f", cc: {', '.join(cc_list)}" if cc_list else "")
        doc["content_whole"] = content if content_whole is None else content_whole
        doc["email_details"] = details
        doc["email_show_reply_all"] = bool(cc_list)
    if respond_message_id is not None:
        doc["respond_message_id"] = respond_message_id
    doc["files"] = files if files is not None else []
    return doc


def forwarded_mail(
    ticket_id: int, entry_id: int, *, title: str, content: str, created_at: str
) -> tuple[Doc, Doc]:
    """An open ticket of one inbound mail from a reports address, and that mail: how a report
    or newsletter forwarded to the helpdesk arrives (the bench's 5 MB mail, the tests' big one).
    """
    addresses = {"from_address": "reports@example.com", "to_address": "service@mybrand.com"}
    doc = ticket(ticket_id, title=title, created_at=created_at, status="open", **addresses)
    mail = message(entry_id, ticket_id, created_at=created_at, content=content, **addresses)
    return doc, mail


def note(
    entry_id: int | str,
    ticket_id: int,
    *,
    created_at: str,
    content: str,
    user_id: int,
    user_name: str,
    status_new: str = "open",
    pinned: int = 0,
    files: list[Doc] | None = None,
    respond_message_id: int | None = None,
) -> Doc:
    """Return an internal note (channel 0, no addresses); its id is a string."""
    doc: Doc = {
        "to": None,
        "from": None,
        "image": "",
        "created_at": created_at,
        "pinned": pinned,
        "id": str(entry_id),
        "channel_name": None,
        "channel_icon": None,
        "type": "note",
        "status_new": status_new,
        "user_id": user_id,
        "user_name": user_name,
        "user_avatar": "",
        "channel_id": 0,
        "direction": "",
        "content": content,
        "ticket_id": ticket_id,
        "external_id": None,
        "from_name": "",
        "to_name": "",
        "meta_data": "[]",
        "in_queue": 0,
        "send_at": None,
    }
    if respond_message_id is not None:
        doc["respond_message_id"] = respond_message_id
    doc["files"] = files if files is not None else []
    return doc


FILE_PATH = "/api/v2/file/"
"""Where a file is downloaded; stored relative, made absolute per response (``absolute_urls``)."""


def attachment(
    file_id: int, name: str, size: int, mime_type: str, *, downloadable: bool = False
) -> Doc:
    """Return one entry of a message's ``files`` list; a downloadable one carries its ``url``."""
    doc: Doc = {
        "id": file_id,
        "name": name,
        "file_name": name,
        "size": size,
        "mime_type": mime_type,
        "inline": 0,
    }
    if downloadable:
        doc["url"] = f"{FILE_PATH}{file_id}"
    return doc


def absolute_urls(text: str, base_url: str) -> str:
    """Return a response's JSON with every stored file ``url`` made absolute on ``base_url``.

    Stored JSON is compact, and a ``"`` inside a string value is escaped, so only real
    ``"url"`` keys match.
    """
    return text.replace(f'"url":"{FILE_PATH}', f'"url":"{base_url.rstrip("/")}{FILE_PATH}')
