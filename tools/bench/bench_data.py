"""The bench's own tickets, added to its copy of the sandbox database before the sandbox starts.

The demo database (``seed_database``) has the 5,000- and 1,000-entry tickets; the bench adds,
through the sandbox's own :class:`Store`, what the demo does not need:

- :data:`SCALE_TICKET`: a long ticket of ``scale_entries`` entries (50,000 in a full run), made
  by the demo's own long-ticket generator, so its mails, notes and events look like 900001's;
- :data:`MAIL_TICKET`: a ticket whose one message is a single HTML document of ``mail_bytes``
  (5 MB in a full run): sections of paragraphs, links, tables, quotes and lists, as a long
  newsletter or a forwarded report would be;
- :data:`SECOND_TICKET`: a copy of the seed's ticket with a mail text of its own
  (:data:`SECOND_MARKER`), the second ticket the lookup-screen figure opens.

Everything is drawn from fixed seeds, so every run measures the same tickets. Ids are far above
the demo's, so nothing collides with them or with what the sandbox creates.
"""

from __future__ import annotations

import random
from pathlib import Path

from omnitui.sandbox.data import demo, documents, seed
from omnitui.sandbox.data.customers import demo_customers
from omnitui.sandbox.data.store import Store
from omnitui.sandbox.data.timeline import Ids

SCALE_TICKET = 910001
MAIL_TICKET = 910002
SECOND_TICKET = 910003
#: The seed ticket's mail text, as omnitui shows it (the HTML is ``<b>HTML</b> email content``).
SEED_MARKER = "HTML email content"
SECOND_MARKER = "Printer jams on every second page"

_WORDS = (
    "invoice", "order", "delivery", "account", "printer", "desk", "monitor", "warranty",
    "refund", "contract", "support", "meeting", "update", "report", "quarter", "customer",
    "service", "request", "number", "address", "payment", "reminder", "shipment", "tracking",
    "portal", "password", "access", "licence", "renewal", "discount", "offer", "question",
)  # fmt: skip


def prepare(db: Path, *, scale_entries: int, mail_bytes: int) -> None:
    """The demo database at ``db`` (built if missing) plus the bench's three tickets."""
    if not db.exists():
        seed.seed_database(db)
    store = Store(db)
    try:
        with store.transaction():
            _scale_ticket(store, scale_entries)
            _mail_ticket(store, mail_bytes)
            _second_ticket(store)
    finally:
        store.close()


def _ids() -> Ids:
    ids = Ids()
    ids.event, ids.entry, ids.file, ids.channel = 80_000_000, 70_000_000, 9_000_000, 9_000_000
    return ids


def _scale_ticket(store: Store, entries: int) -> None:
    customers = demo_customers(random.Random(seed.SEED), Ids())
    rng = random.Random(SCALE_TICKET)
    built = demo.long_ticket(rng, SCALE_TICKET, entries, customers[7], _ids())
    store.put_ticket(built.doc)
    store.add_entries(SCALE_TICKET, built.entries)


def huge_html(size: int, rng: random.Random) -> str:
    """An HTML document of at least ``size`` bytes (ASCII), of many ordinary sections."""

    def words(count: int) -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(count))

    parts = [
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>td{padding:2px}</style>'
        "</head><body><h1>Monthly report</h1>"
    ]
    total = len(parts[0])
    section = 0
    while total < size:
        section += 1
        rows = "".join(
            f"<tr><td>{words(2)}</td><td>{rng.randint(1, 9999)}</td><td>{words(3)}</td></tr>"
            for _ in range(4)
        )
        items = "".join(f"<li>{words(6)}</li>" for _ in range(3))
        text = (
            f"<h2>Section {section}</h2><p>{words(40)} "
            f'<a href="https://example.com/report/{section}">details {section}</a>. {words(25)}</p>'
            f"<table>{rows}</table><blockquote><p>{words(30)}</p></blockquote><ul>{items}</ul>"
        )
        parts.append(text)
        total += len(text)
    parts.append("</body></html>")
    return "".join(parts)


def _mail_ticket(store: Store, size: int) -> None:
    doc, mail = documents.forwarded_mail(
        MAIL_TICKET,
        70_500_001,
        title="The monthly report, forwarded whole",
        content=huge_html(size, random.Random(MAIL_TICKET)),
        created_at="2026-11-20 09:00:00",
    )
    store.put_ticket(doc)
    store.add_entries(MAIL_TICKET, [(False, mail)])


def _second_ticket(store: Store) -> None:
    item = seed.seed_ticket_document()["item"]
    doc = {**item, "id": SECOND_TICKET, "title": "Printer problem"}
    entries = []
    for offset, entry in enumerate(item["timeline"]):
        new_id = 70_600_001 + offset
        copy = {**entry, "ticket_id": SECOND_TICKET}
        copy["id"] = new_id if isinstance(entry["id"], int) else str(new_id)
        if copy.get("type") == "message":
            text = f"<html><body><p>{SECOND_MARKER}</p></body></html>"
            copy["content"] = copy["content_whole"] = text
        entries.append((False, copy))
    store.put_ticket(doc)
    store.add_entries(SECOND_TICKET, entries)
