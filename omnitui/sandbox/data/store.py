"""SQLite storage of the sandbox: tickets, timelines and customers as JSON documents.

Documents are stored as the JSON the API sends, so a GET splices stored text together instead of
parsing and re-encoding thousands of timeline entries. JSON is stored ASCII-escaped: strings
from the hostile corpus (lone surrogates) cannot be encoded as UTF-8, but their ``\\uXXXX``
escapes can. One connection is shared by the server's threads behind a lock; SQLite is fast
enough that this is simpler than a pool and still correct.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from omnitui.sandbox.data.documents import Doc
from omnitui.sandbox.data.views import FACTS, Condition, Selection

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    status TEXT NOT NULL,
    assigned_user_id INTEGER NOT NULL,
    last_update TEXT NOT NULL,
    search TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX tickets_by_update ON tickets (last_update DESC, id DESC);
CREATE TABLE timeline (
    ticket_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    history INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (ticket_id, seq)
);
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    brand_id INTEGER NOT NULL,
    external_primary_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    channels TEXT NOT NULL
);
CREATE INDEX customers_by_external_id ON customers (external_primary_id);
CREATE TABLE customer_addresses (reference TEXT NOT NULL, customer_id INTEGER NOT NULL);
CREATE INDEX customer_addresses_by_reference ON customer_addresses (reference);
"""


class StoreError(Exception):
    """The database file cannot be used (wrong schema, not a sandbox database)."""


def dumps(value: Any) -> str:
    """Encode ``value`` as compact, ASCII-only JSON (PHP's ``json_encode`` default, too)."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


@dataclass(frozen=True)
class StoredTicket:
    """A ticket as stored: its document (with an empty timeline) and its entries' JSON texts."""

    doc: Doc
    entries: list[str]


@dataclass(frozen=True)
class StoredCustomer:
    """A customer and the channels (addresses) linked to them."""

    doc: Doc
    channels: list[Doc]


class Store:
    """The sandbox database; every method is safe to call from any thread."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        try:
            self._db.execute("PRAGMA synchronous = NORMAL")
            version = self.meta("schema_version")
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(f"{self.path} is not a sandbox database: {exc}") from exc
        if version != SCHEMA_VERSION:
            self._db.close()
            raise StoreError(
                f"{self.path} was made by another sandbox version; delete it to start afresh"
            )

    @classmethod
    def create(cls, path: Path | str) -> Store:
        """Create an empty database with the current schema at ``path`` (which must not exist)."""
        db = sqlite3.connect(path, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = DELETE")
            db.executescript(_SCHEMA)
            db.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
            )
        finally:
            db.close()
        return cls(path)

    def close(self) -> None:
        """Close the connection; the store must not be used afterwards."""
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block atomically: all its writes are committed, or none on an exception."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # meta

    def meta(self, key: str) -> str | None:
        """Return a stored setting (schema version, id counters, the seed's "now")."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Store a setting."""
        with self._lock:
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def next_id(self, counter: str) -> int:
        """Return the next value of an id counter and advance it (use inside a transaction)."""
        with self._lock:
            current = int(self.meta(counter) or "0")
            self.set_meta(counter, str(current + 1))
        return current + 1

    # tickets

    def put_ticket(self, doc: Doc) -> None:
        """Insert or replace a ticket document (its ``timeline`` is stored separately)."""
        stored = {**doc, "timeline": []}
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO tickets "
                "(id, status, assigned_user_id, last_update, search, doc) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    int(doc["id"]),
                    str(doc.get("status")),
                    _as_int(doc.get("assigned_user_id")),
                    str(doc.get("last_update") or ""),
                    _search_text(doc),
                    dumps(stored),
                ),
            )

    def add_entries(self, ticket_id: int, entries: Iterable[tuple[bool, Doc]]) -> None:
        """Append timeline entries; ``True`` marks one only shown with ``getTicketHistory``."""
        with self._lock:
            row = self._db.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM timeline WHERE ticket_id = ?", (ticket_id,)
            ).fetchone()
            first = int(row[0]) + 1
            self._db.executemany(
                "INSERT INTO timeline (ticket_id, seq, history, doc) VALUES (?, ?, ?, ?)",
                (
                    (ticket_id, first + offset, int(history), dumps(entry))
                    for offset, (history, entry) in enumerate(entries)
                ),
            )

    def ticket(
        self, ticket_id: int, *, entries: bool = True, history: bool = False
    ) -> StoredTicket | None:
        """Return a ticket and, when asked, its timeline in storage order (not sorted)."""
        with self._lock:
            row = self._db.execute("SELECT doc FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
            if row is None:
                return None
            texts: list[str] = []
            if entries:
                texts = [
                    str(entry[0])
                    for entry in self._db.execute(
                        "SELECT doc FROM timeline WHERE ticket_id = ? AND history <= ? "
                        "ORDER BY seq",
                        (ticket_id, int(history)),
                    )
                ]
        return StoredTicket(json.loads(row[0]), texts)

    def ticket_ids(self, ids: Sequence[int]) -> set[int]:
        """Return which of ``ids`` exist."""
        with self._lock:
            found: set[int] = set()
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(
                    int(row[0])
                    for row in self._db.execute(
                        f"SELECT id FROM tickets WHERE id IN ({marks})", tuple(chunk)
                    )
                )
        return found

    def max_ticket_id(self) -> int:
        """Return the highest ticket id in use (0 when there are none)."""
        with self._lock:
            row = self._db.execute("SELECT COALESCE(MAX(id), 0) FROM tickets").fetchone()
        return int(row[0])

    def find_tickets(
        self,
        *,
        text: str | None,
        ticket_id: int | None,
        selection: Selection,
        start: int,
        limit: int,
    ) -> tuple[int, list[Doc]]:
        """Return the total number of matching tickets and one page, newest update first."""
        where: list[str] = []
        args: list[object] = []
        if text:
            if ticket_id is not None:
                where.append("(instr(search, ?) > 0 OR id = ?)")
                args += [text.casefold(), ticket_id]
            else:
                where.append("instr(search, ?) > 0")
                args.append(text.casefold())
        for condition in selection.all:
            where.append(_condition_sql(condition, args))
        if selection.any:
            where.append(f"({' OR '.join(_condition_sql(c, args) for c in selection.any)})")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with self._lock:
            total = int(
                self._db.execute(f"SELECT COUNT(*) FROM tickets {clause}", args).fetchone()[0]
            )
            rows = self._db.execute(
                f"SELECT doc FROM tickets {clause} ORDER BY last_update DESC, id DESC "
                "LIMIT ? OFFSET ?",
                [*args, limit, start],
            ).fetchall()
        return total, [json.loads(row[0]) for row in rows]

    def entry(self, ticket_id: int, entry_id: int) -> Doc | None:
        """Return the timeline entry of ``ticket_id`` whose id is ``entry_id`` (str or int)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT doc FROM timeline WHERE ticket_id = ? "
                "AND (instr(doc, ?) > 0 OR instr(doc, ?) > 0) ORDER BY seq",
                (ticket_id, f'"id":"{entry_id}"', f'"id":{entry_id},'),
            ).fetchall()
        for row in rows:
            doc = json.loads(row[0])
            if str(doc.get("id")) == str(entry_id):
                return doc if isinstance(doc, dict) else None
        return None

    # customers

    def put_customer(self, doc: Doc, channels: Sequence[Doc]) -> None:
        """Insert or replace a customer with the addresses they can be found by."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO customers "
                "(id, brand_id, external_primary_id, doc, channels) VALUES (?, ?, ?, ?, ?)",
                (
                    int(doc["id"]),
                    int(doc["brand_id"]),
                    str(doc["external_primary_id"]),
                    dumps(doc),
                    dumps(list(channels)),
                ),
            )
            self._db.execute("DELETE FROM customer_addresses WHERE customer_id = ?", (doc["id"],))
            self._db.executemany(
                "INSERT INTO customer_addresses (reference, customer_id) VALUES (?, ?)",
                [(str(ch["unique_reference"]).casefold(), int(doc["id"])) for ch in channels],
            )

    def customer_by_external_id(
        self, external_primary_id: str, *, brand_id: int | None = None
    ) -> StoredCustomer | None:
        """Return the customer with this external primary id, preferring the given brand."""
        with self._lock:
            rows = self._db.execute(
                "SELECT doc, channels, brand_id FROM customers WHERE external_primary_id = ? "
                "ORDER BY id",
                (external_primary_id,),
            ).fetchall()
        if not rows:
            return None
        row = next((r for r in rows if r[2] == brand_id), rows[0])
        return StoredCustomer(json.loads(row[0]), json.loads(row[1]))

    def customer_by_address(self, reference: str) -> StoredCustomer | None:
        """Return the customer who uses this e-mail address or phone number."""
        with self._lock:
            row = self._db.execute(
                "SELECT c.doc, c.channels FROM customer_addresses a "
                "JOIN customers c ON c.id = a.customer_id WHERE a.reference = ? "
                "ORDER BY c.id LIMIT 1",
                (reference.casefold(),),
            ).fetchone()
        return None if row is None else StoredCustomer(json.loads(row[0]), json.loads(row[1]))


_COLUMNS = {"status": "status", "assigned_user_id": "assigned_user_id"}


def _condition_sql(condition: Condition, args: list[object]) -> str:
    """Return a view condition as SQL over the ticket document, adding its value to ``args``."""
    column = _COLUMNS.get(condition.fact, f"json_extract(doc, '$.{condition.fact}')")
    kind = FACTS[condition.fact]
    args.append(kind(condition.value))
    return f"{column} {'IS' if condition.operation == 'equals' else 'IS NOT'} ?"


def _as_int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def _search_text(doc: Doc) -> str:
    """Return what a list ``query`` matches: title, sender and customer name, case-folded."""
    customer = doc.get("customer") if isinstance(doc.get("customer"), dict) else {}
    parts = [
        doc.get("title"),
        doc.get("from"),
        doc.get("from_name"),
        f"{customer.get('firstname') or ''} {customer.get('lastname') or ''}",
    ]
    text = "\n".join(str(part) for part in parts if part)
    # Lone surrogates (hostile corpus) cannot be stored as UTF-8 text.
    return text.casefold().encode("utf-8", "replace").decode("utf-8")
