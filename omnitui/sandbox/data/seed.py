"""Deterministic demo data: the seed's ticket, hundreds of ordinary tickets, long and hostile ones.

Everything is drawn from one ``random.Random(SEED)`` and dated relative to the fixed
:data:`catalog.NOW`, so every fresh database is byte-for-byte the same: the demo looks the same
for everyone and tests can name tickets by id. The database is written to a temporary file and
renamed into place, so an interrupted seeding never leaves a half-filled database behind.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path

from omnitui.sandbox.data import catalog, demo, documents, hostile, packaged, showcase
from omnitui.sandbox.data.customers import Customer, demo_customers
from omnitui.sandbox.data.documents import Doc
from omnitui.sandbox.data.store import Store
from omnitui.sandbox.data.timeline import Built, Ids

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while the demo database is built."""

SEED = 20261125
SEED_TICKET = 858462
"""The ticket of the seed's example, served exactly as documented."""
ORDINARY_TICKETS = range(100001, 100301)
"""Ids of the ordinary demo tickets."""
LONG_TICKETS: dict[int, int] = {900001: 5000, 900002: 1000}
"""Ticket id -> number of timeline entries."""
SHOWCASE_TICKETS = showcase.SHOWCASE_TICKETS
"""Ids of the hand-written tickets of an agent's shift (queues, attachments, a phone ticket)."""
DEMO_VERSION = "2"
"""Bumped when the demo data grows: an older demo database is rebuilt when it is opened."""


def seed_database(path: Path | str, *, progress: ProgressCallback | None = None) -> None:
    """Build the demo database at ``path`` (replacing it), reporting ``progress(done, total)``."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f"{target.name}.seeding-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    store = Store.create(temporary)
    try:
        _fill(store, progress or (lambda done, total: None))
    except BaseException:
        store.close()
        temporary.unlink(missing_ok=True)
        raise
    store.close()
    os.replace(temporary, target)


def open_database(path: Path | str, *, progress: ProgressCallback | None = None) -> Store:
    """Open the sandbox database at ``path``, seeding it first if it is missing or outdated.

    A database seeded by an older sandbox lacks the demo data the current calls rely on (the
    showcase tickets, the demo agent in every ticket's options), so it is rebuilt, as
    ``--reset`` would; a file that is not a sandbox database raises ``StoreError``.
    """
    target = Path(path)
    if target.exists():
        store = Store(target)
        if store.meta("demo_version") == DEMO_VERSION:
            return store
        store.close()
    seed_database(target, progress=progress)
    return Store(target)


def is_outdated(path: Path | str) -> bool:
    """Return whether ``path`` holds a sandbox database of older demo data (rebuilt on open)."""
    target = Path(path)
    if not target.exists():
        return False
    store = Store(target)
    try:
        return store.meta("demo_version") != DEMO_VERSION
    finally:
        store.close()


def _fill(store: Store, progress: ProgressCallback) -> None:
    rng = random.Random(SEED)
    ids = Ids()
    customers = demo_customers(rng, ids)
    total = (
        1
        + len(ORDINARY_TICKETS)
        + len(LONG_TICKETS)
        + len(hostile.TICKET_BUILDERS)
        + len(SHOWCASE_TICKETS)
    )
    done = 0
    progress(done, total)
    with store.transaction():
        seed_customer = _write_seed_ticket(store)
        for customer in [*customers, seed_customer]:
            store.put_customer(customer.doc, customer.channels)
        done += 1
        progress(done, total)
        for built in _all_tickets(rng, ids, customers):
            store.put_ticket(built.doc)
            store.add_entries(int(built.doc["id"]), built.entries)
            done += 1
            progress(done, total)
        shift_customers, shift_tickets = showcase.showcase(ids)
        for customer in shift_customers:
            store.put_customer(customer.doc, customer.channels)
        for built in shift_tickets:
            store.put_ticket(built.doc)
            store.add_entries(int(built.doc["id"]), built.entries)
            done += 1
            progress(done, total)
        store.set_meta("event_id", str(ids.event))
        store.set_meta("entry_id", str(ids.entry))
        store.set_meta("now", catalog.NOW)
        store.set_meta("seed", str(SEED))
        store.set_meta("demo_version", DEMO_VERSION)


def _all_tickets(rng: random.Random, ids: Ids, customers: list[Customer]) -> Iterator[Built]:
    for ticket_id in ORDINARY_TICKETS:
        yield demo.ordinary_ticket(rng, ticket_id, customers, ids)
    for ticket_id, size in LONG_TICKETS.items():
        yield demo.long_ticket(rng, ticket_id, size, customers[ticket_id % len(customers)], ids)
    for builder in hostile.TICKET_BUILDERS:
        yield Built(*builder(ids))


def seed_ticket_document() -> Doc:
    """Return the seed's documented GET response for ticket 858462 (the packaged copy)."""
    text = packaged.read_text("ticket_858462.json")
    data: Doc = json.loads(text)
    return data


def _write_seed_ticket(store: Store) -> Customer:
    """Store ticket 858462 exactly as documented, plus history only ``getTicketHistory`` shows."""
    item = seed_ticket_document()["item"]
    timeline: list[Doc] = item["timeline"]
    ticket_id = int(item["id"])

    def history(entry_id: int, item_type: str, type_id: str, text: str, by: str, at: str) -> Doc:
        return documents.event(
            entry_id,
            ticket_id,
            item_type=item_type,
            item_type_id=type_id,
            description=text,
            initiated_by=by,
            created_at=at,
        )

    entries: list[tuple[bool, Doc]] = [
        (True, history(4090641, "status", "new", "Status set to new", "e-mail",
                       "2019-09-28 22:06:16")),
        (False, timeline[0]),
        (True, history(4090642, "priority", "medium", "Priority set to medium",
                       "trigger: Default priority", "2019-09-28 22:06:23")),
        (False, timeline[1]),
        (True, history(4090650, "viewed", "2", "Ticket viewed by marleen", "marleen",
                       "2019-09-28 23:29:41")),
        (True, history(4090651, "status", "open", "Status changed from new to open", "marleen",
                       "2019-09-28 23:30:13")),
        (False, timeline[2]),
    ]  # fmt: skip
    store.put_ticket(item)
    store.add_entries(ticket_id, entries)
    customer = item["customer"]
    channels = [ch for ch in item["customer_channels"] if ch.get("customer_id") == customer["id"]]
    # The documented e-mail channel names customer 624822 (a typo in the docs, kept in the
    # ticket); the customer is still found by that address.
    channels += [
        {**ch, "customer_id": customer["id"]}
        for ch in item["customer_channels"]
        if ch.get("customer_id") != customer["id"]
    ]
    return Customer(customer, channels, "nl", str(item["from"]), "+3164568456", "")
