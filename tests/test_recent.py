"""Recent tickets are added from threads (the app writes them off the event loop)."""

from __future__ import annotations

import threading
from pathlib import Path

from omnitui.storage.recent import RecentTickets


def test_tickets_added_at_the_same_time_are_all_kept(tmp_path: Path) -> None:
    recent = RecentTickets(tmp_path / "recent.json")
    start = threading.Barrier(12)

    def add(number: int) -> None:
        start.wait()
        recent.add(number, f"Ticket {number}", "open")

    threads = [threading.Thread(target=add, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(t.id for t in RecentTickets(recent.path).load()) == list(range(12))
    assert (recent.path.stat().st_mode & 0o777) == 0o600
