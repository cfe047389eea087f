"""Recently opened tickets, newest first, kept in the user data dir across runs."""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from omnitui.core.private_files import write_private
from omnitui.core.sanitize import sanitize_line

MAX_RECENT = 30


@dataclass(frozen=True, slots=True)
class RecentTicket:
    id: int
    title: str
    status: str


class RecentTickets:
    """A small JSON file per account; a damaged file is treated as empty, never fatal."""

    def __init__(self, path: Path) -> None:
        self.path = path
        #: ``add`` runs in a thread (the file is synced to disk): two at once must not lose one.
        self._lock = threading.Lock()

    def load(self) -> list[RecentTicket]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        items: list[RecentTicket] = []
        for item in raw if isinstance(raw, list) else []:
            try:
                items.append(
                    RecentTicket(
                        int(item["id"]),
                        sanitize_line(str(item.get("title", ""))),
                        sanitize_line(str(item.get("status", ""))),
                    )
                )
            except (KeyError, TypeError, ValueError):
                continue
        return items

    def add(self, ticket_id: int, title: str, status: str) -> list[RecentTicket]:
        with self._lock:
            items = [t for t in self.load() if t.id != ticket_id]
            items.insert(0, RecentTicket(ticket_id, title, status))
            del items[MAX_RECENT:]
            write_private(self.path, json.dumps([asdict(t) for t in items], ensure_ascii=False))
        return items
