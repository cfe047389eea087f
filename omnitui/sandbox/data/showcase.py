"""The shift's showcase tickets (100301 and up): what an agent works through in the demo.

Written by hand rather than drawn at random, so that the queues open on something to do: the
"Unassigned" view starts with a fresh e-mail, then a damaged parcel with real attachments, then
a phone ticket whose customer has no e-mail address (an e-mail reply is refused); one ticket is
the demo agent's own and one is urgent in Finance. They are built after every other ticket, with
the same id counters, so the rest of the demo database stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from html import escape
from typing import Any

from omnitui.sandbox.data import catalog, documents, packaged
from omnitui.sandbox.data.attachments import DAMAGE_PHOTO, PACKING_SLIP, SERIAL_NUMBERS
from omnitui.sandbox.data.customers import Customer
from omnitui.sandbox.data.documents import Doc
from omnitui.sandbox.data.timeline import NOW, Built, Ids, fmt

FIRST_TICKET = 100301
BRAND = 2
DESK = catalog.BRAND_ADDRESSES[BRAND]


def _texts() -> dict[str, Any]:
    return packaged.load_toml("showcase.toml")


def _html(paragraphs: Iterable[str]) -> str:
    body = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return f"<html><body>{body}</body></html>"


def _customer(
    ids: Ids, number: int, first: str, last: str, *, email: str | None, phone: str | None
) -> Customer:
    customer_id = 700200 + number
    channels = [
        documents.customer_channel(
            ids.next_channel(), brand_id=BRAND, customer_id=customer_id, channel_id=channel,
            reference=reference,
        )
        for channel, reference in ((1, email), (2, phone))
        if reference
    ]  # fmt: skip
    doc = documents.customer(
        customer_id,
        brand_id=BRAND,
        external_primary_id=f"C-2{number:05d}",
        firstname=first,
        lastname=last,
        created_at="2025-03-14 10:12:00",
    )
    return Customer(doc, channels, "nl", email or "", phone or "", "")


class _Ticket:
    """One showcase ticket, built entry by entry at minutes before the demo's NOW."""

    def __init__(self, ids: Ids, ticket_id: int, customer: Customer, **fields: Any) -> None:
        self.ids = ids
        self.id = ticket_id
        self.customer = customer
        self.name = f"{customer.doc['firstname']} {customer.doc['lastname']}"
        channel = int(fields.pop("channel_id", 1))
        self.doc = documents.ticket(
            ticket_id,
            created_at=fmt(NOW),
            channel_id=channel,
            brand_id=BRAND,
            from_address=customer.email if channel == 1 else customer.phone,
            from_name=self.name,
            to_address=DESK,
            customer=customer.doc,
            customer_channels=customer.channels,
            **fields,
        )
        self.entries: list[tuple[bool, Doc]] = []

    def at(self, minutes_before: float) -> str:
        return fmt(NOW - timedelta(minutes=minutes_before))

    def event(self, minutes: float, kind: str, value: object, text: str, by: str, *,
              history: bool = True) -> None:  # fmt: skip
        entry = documents.event(
            self.ids.next_event(), self.id, item_type=kind, item_type_id=str(value),
            description=text, initiated_by=by, created_at=self.at(minutes),
        )  # fmt: skip
        self.entries.append((history, entry))

    def mail_in(self, minutes: float, paragraphs: Sequence[str], files: list[Doc] | None = None,
                status: str = "new") -> None:  # fmt: skip
        html = _html(paragraphs)
        entry = documents.message(
            self.ids.next_entry(), self.id, created_at=self.at(minutes), content=html,
            content_whole=html, from_address=self.customer.email, to_address=DESK,
            from_name=self.name, status_new=status, meta=documents.meta_data([DESK]),
            external_id=f"SHOWCASE-{self.id}.{len(self.entries) + 1}", files=files,
        )  # fmt: skip
        self.entries.append((False, entry))
        self.doc["last_update_customer"] = entry["created_at"]

    def mail_out(
        self, minutes: float, paragraphs: Sequence[str], user_id: int, status: str
    ) -> None:
        html = _html(paragraphs)
        entry = documents.message(
            self.ids.next_entry(), self.id, created_at=self.at(minutes), content=html,
            content_whole=html, direction="outbound", from_address=DESK,
            to_address=self.customer.email, to_name=self.name, user_id=user_id,
            user_name=catalog.user_name(user_id), status_new=status,
            meta=documents.meta_data([self.customer.email]),
        )  # fmt: skip
        self.entries.append((False, entry))
        self.doc["last_update_agent"] = entry["created_at"]

    def note(self, minutes: float, text: str, user_id: int, status: str = "open") -> None:
        entry = documents.note(
            self.ids.next_entry(), self.id, created_at=self.at(minutes), content=text,
            user_id=user_id, user_name=catalog.user_name(user_id), status_new=status,
        )  # fmt: skip
        self.entries.append((False, entry))
        self.doc["last_update_agent"] = entry["created_at"]

    def call(self, minutes: float, text: str, seconds: int) -> None:
        entry = documents.message(
            self.ids.next_entry(), self.id, created_at=self.at(minutes), content=text,
            channel_id=2, from_address=self.customer.phone, to_address=None,
            from_name=self.name, status_new="new", entry_type="calllog",
            meta=f'{{"duration":{seconds},"number":"{self.customer.phone}","direction":"inbound"}}',
        )  # fmt: skip
        self.entries.append((False, entry))
        self.doc["last_update_customer"] = entry["created_at"]

    def sla(self, minutes_ahead: int) -> None:
        breach = NOW + timedelta(minutes=minutes_ahead)
        self.doc.update(
            sla_policy_id=5, sla_next_breach=fmt(breach), sla_next_breach_current_status="active",
            sla_breach_first_reply_time=fmt(breach), sla_next_breach_seconds=minutes_ahead * 60,
        )  # fmt: skip

    def built(self) -> Built:
        times = [str(entry["created_at"]) for _, entry in self.entries]
        self.doc["created_at"] = min(times)
        self.doc["last_update"] = max(times)
        first = next((e for _, e in self.entries if e.get("external_id")), None)
        self.doc["external_id"] = first["external_id"] if first else None
        # Stored out of order, as the API's timelines are.
        return Built(self.doc, [self.entries[-1], *self.entries[:-1]])


def showcase(ids: Ids) -> tuple[list[Customer], list[Built]]:
    """Return the showcase customers and tickets, in id order."""
    text = _texts()
    people = [
        _customer(ids, 1, "Lieke", "Verbeek", email="lieke.verbeek@gmail.com", phone=None),
        _customer(ids, 2, "Bas", "Hoekstra", email="bas.hoekstra@ziggo.nl", phone="+31687654321"),
        _customer(ids, 3, "Henk", "Mulder", email=None, phone="+31612345678"),
        _customer(ids, 4, "Grace", "Walker", email="grace.walker@outlook.com", phone=None),
        _customer(ids, 5, "Noor", "de Boer", email="noor.deboer@kpnmail.nl", phone=None),
    ]
    route = "trigger: Assign to service"
    tickets: list[Built] = []

    t = _Ticket(ids, FIRST_TICKET, people[0], title=text["double_charge"]["title"],
                assigned_group_id=10003)  # fmt: skip
    t.mail_in(13, text["double_charge"]["mail"])
    t.event(12.9, "assigned_group_id", 10003, "Assigned to Customer Support", route, history=False)
    t.sla(227)
    tickets.append(t.built())

    t = _Ticket(ids, FIRST_TICKET + 1, people[1], title=text["damaged_parcel"]["title"],
                status="open", priority="high", assigned_group_id=10004)  # fmt: skip
    t.mail_in(29, text["damaged_parcel"]["mail"], [DAMAGE_PHOTO.doc(), PACKING_SLIP.doc()])
    t.event(28.9, "assigned_group_id", 10004, "Assigned to Returns", "trigger: Route by keyword",
            history=False)  # fmt: skip
    t.event(28.8, "priority", "high", "Priority set to high", "trigger: Damaged goods")
    t.mail_in(22, text["damaged_parcel"]["followup"], [SERIAL_NUMBERS.doc()], status="open")
    t.doc["tags"] = "retour"
    t.sla(91)
    tickets.append(t.built())

    t = _Ticket(ids, FIRST_TICKET + 2, people[2], title=text["callback"]["title"], channel_id=2,
                priority="high", assigned_group_id=10003)  # fmt: skip
    t.call(55, text["callback"]["call"], 161)
    t.event(54.9, "assigned_group_id", 10003, "Assigned to Customer Support", route, history=False)
    t.note(48, text["callback"]["note"], 3, status="new")
    t.sla(180)
    tickets.append(t.built())

    t = _Ticket(ids, FIRST_TICKET + 3, people[3], title=text["vat_number"]["title"],
                status="pending", assigned_group_id=10002,
                assigned_user_id=catalog.DEMO_AGENT_ID)  # fmt: skip
    t.mail_in(24 * 60 + 30, text["vat_number"]["mail"])
    t.event(24 * 60 + 29.9, "assigned_group_id", 10002, "Assigned to Finance", route,
            history=False)  # fmt: skip
    t.mail_out(17 * 60 + 40, text["vat_number"]["reply"], catalog.DEMO_AGENT_ID, "pending")
    t.doc["tags"] = "b2b"
    tickets.append(t.built())

    t = _Ticket(ids, FIRST_TICKET + 4, people[4], title=text["failed_renewal"]["title"],
                status="open", priority="urgent", assigned_group_id=10002,
                assigned_user_id=2)  # fmt: skip
    t.mail_in(80, text["failed_renewal"]["mail"])
    t.event(79.9, "priority", "urgent", "Priority set to urgent", "trigger: VIP customer")
    t.note(65, text["failed_renewal"]["note"], 2)
    t.doc["tags"] = "vip,urgent-followup"
    t.sla(40)
    tickets.append(t.built())
    return people, tickets


SHOWCASE_TICKETS = range(FIRST_TICKET, FIRST_TICKET + 5)
"""Ids of the showcase tickets."""
