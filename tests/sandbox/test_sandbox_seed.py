"""The demo data: the seed's ticket verbatim, determinism, variety, long and hostile tickets."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest

from omnitui.sandbox import (
    DEMO_AGENT_ID,
    LONG_TICKETS,
    ORDINARY_TICKETS,
    SHOWCASE_TICKETS,
    open_database,
    seed_database,
)
from omnitui.sandbox.data import corpus
from omnitui.sandbox.data.seed import DEMO_VERSION, is_outdated, seed_ticket_document
from omnitui.sandbox.data.store import Store
from omnitui.sandbox.server.tickets import TicketService

HERE = Path(__file__).parent
SEED_COPY = HERE / "seed_ticket.json"


def ordered(value: Any) -> Any:
    """Turn dicts into lists of pairs so that comparing also compares key order."""
    if isinstance(value, dict):
        return [(key, ordered(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [ordered(item) for item in value]
    return value


def documented_example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED_COPY.read_text("utf-8"))
    return data


def test_get_858462_returns_the_documented_example_field_for_field(api: httpx.Client) -> None:
    response = api.get("/api/v2/ticket/858462")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert ordered(response.json()) == ordered(documented_example())


def test_858462_keeps_the_documented_unsorted_timeline(api: httpx.Client) -> None:
    timeline = api.get("/api/v2/ticket/858462").json()["item"]["timeline"]

    times = [entry["created_at"] for entry in timeline]
    assert times == ["2019-09-28 22:06:23", "2019-09-28 23:30:13", "2019-09-28 22:06:17"]
    assert [type(entry["id"]) for entry in timeline] == [int, str, str]


def test_test_copy_of_the_example_matches_the_packaged_copy() -> None:
    assert ordered(seed_ticket_document()) == ordered(documented_example())


def test_an_interrupted_seeding_leaves_no_database(tmp_path: Path) -> None:
    def interrupt(done: int, total: int) -> None:
        if done == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        seed_database(tmp_path / "demo.db", progress=interrupt)

    assert list(tmp_path.iterdir()) == []


def test_the_long_tickets_have_their_exact_sizes(api: httpx.Client) -> None:
    for ticket_id, size in LONG_TICKETS.items():
        item = api.get(f"/api/v2/ticket/{ticket_id}").json()["item"]
        assert len(item["timeline"]) == size
    kinds = Counter(
        entry["type"] for entry in api.get("/api/v2/ticket/900001").json()["item"]["timeline"]
    )
    assert set(kinds) == {"message", "note", "event"}


def test_ordinary_tickets_are_varied(template_db: Path) -> None:
    service = TicketService(Store(template_db))
    items = service.search(query=None, status=None, view=None, start=0, limit=9999)["items"]
    ordinary = [item for item in items if item["id"] in ORDINARY_TICKETS]
    timelines = [
        json.loads(service.get(item["id"], history=False))["item"]["timeline"] for item in ordinary
    ]
    service.store.close()
    entries = [entry for timeline in timelines for entry in timeline]
    contents = "\n".join(str(entry.get("content")) for entry in entries)

    assert len(ordinary) == 300
    assert {item["status"] for item in ordinary} == {
        "new", "open", "pending", "holding", "solved", "closed"
    }  # fmt: skip
    assert {item["priority"] for item in ordinary} == {"low", "medium", "high", "urgent"}
    assert {item["brand_id"] for item in ordinary} == {2, 3}
    assert {item["assigned_group_id"] for item in ordinary} == {10002, 10003, 10004}
    assert {"active", "breached"} <= {item["sla_next_breach_current_status"] for item in ordinary}
    assert any(item["snooze_time"] for item in ordinary)
    assert any(item["customer"] is None for item in ordinary)
    assert all(isinstance(item["tags"], str) for item in ordinary)
    assert {"message", "note", "event", "chat", "calllog", "survey_result"} <= {
        entry["type"] for entry in entries
    }
    assert any(entry.get("files") for entry in entries)
    assert {"1", "2", "3"} <= {
        str(entry.get("user_id")) for entry in entries if entry["type"] == "note"
    }
    for marker in ("<blockquote", "schreef", "wrote:", "\n> ", "&gt; ", "<table", "<ul>", "<img"):
        assert marker in contents, marker
    unsorted = [
        t for t in timelines if [e["created_at"] for e in t] != sorted(e["created_at"] for e in t)
    ]
    assert len(unsorted) > 20


def test_the_hostile_ticket_carries_every_hostile_string(api: httpx.Client) -> None:
    item = api.get(f"/api/v2/ticket/{corpus.HOSTILE_TICKET}").json()["item"]
    notes = [entry["content"] for entry in item["timeline"] if entry["type"] == "note"]
    mails = [entry["content"] for entry in item["timeline"] if entry["type"] == "message"]
    files = [f["name"] for entry in item["timeline"] for f in entry.get("files") or []]

    for text in corpus.ALL_STRINGS:
        assert text in notes
    for snippet in corpus.HTML_SNIPPETS:
        assert any(snippet in content for content in mails)
    assert files == list(corpus.HOSTILE_FILE_NAMES)
    assert corpus.OSC0_TITLE in item["title"]
    assert corpus.MARKUP_CLICK in item["title"]
    assert corpus.MARKUP_LINK in item["from_name"]
    assert corpus.OSC0_TITLE in item["tags"]
    assert any(entry.get("user_name") == corpus.MARKUP_CLICK for entry in item["timeline"])


def test_huge_nested_broken_and_mojibake_mails_come_back_unmodified(api: httpx.Client) -> None:
    def contents(ticket_id: int) -> list[str]:
        item = api.get(f"/api/v2/ticket/{ticket_id}").json()["item"]
        return [entry["content"] for entry in item["timeline"] if entry["type"] == "message"]

    assert len(contents(corpus.HUGE_TICKET)[0]) >= 2_000_000
    assert contents(corpus.NESTED_TICKET) == [corpus.nested_lists(), corpus.nested_divs()]
    assert contents(corpus.BROKEN_HTML_TICKET) == [corpus.nested_tables(), corpus.broken_html()]
    mojibake = contents(corpus.MOJIBAKE_TICKET)
    assert "charset=windows-1252" in mojibake[0]
    assert corpus.MOJIBAKE_LATIN1 in mojibake[0]


def test_a_lone_surrogate_travels_as_a_json_escape(api: httpx.Client) -> None:
    response = api.get(f"/api/v2/ticket/{corpus.WIDE_TICKET}")

    assert b"\\ud800" in response.content
    notes = [e["content"] for e in response.json()["item"]["timeline"] if e["type"] == "note"]
    assert corpus.LONE_SURROGATE in notes
    assert corpus.LONG_WORD in notes


def test_the_drift_ticket_drifts(api: httpx.Client) -> None:
    item = api.get(f"/api/v2/ticket/{corpus.DRIFT_TICKET}").json()["item"]

    assert item["status"] == "escalated"
    assert item["tags"] is None
    assert item["channel_account_id"] == 0
    ids = [entry["id"] for entry in item["timeline"]]
    assert 9007199254740993 in ids
    assert 3143999 in ids
    assert "whatsapp_template" in {entry["type"] for entry in item["timeline"]}


def test_importing_the_sandbox_does_not_import_textual() -> None:
    code = "import sys, omnitui.sandbox; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_the_showcase_tickets_set_up_a_shift(api: httpx.Client) -> None:
    items = {tid: api.get(f"/api/v2/ticket/{tid}").json()["item"] for tid in SHOWCASE_TICKETS}
    summary = {
        tid: (i["status"], i["priority"], i["assigned_group_id"], i["assigned_user_id"], i["tags"])
        for tid, i in items.items()
    }

    assert summary == {
        100301: ("new", "medium", 10003, 0, ""),
        100302: ("open", "high", 10004, 0, "retour"),
        100303: ("new", "high", 10003, 0, ""),
        100304: ("pending", "medium", 10002, DEMO_AGENT_ID, "b2b"),
        100305: ("open", "urgent", 10002, 2, "vip,urgent-followup"),
    }
    assert items[100303]["channel_id"] == 2
    reply = next(e for e in items[100304]["timeline"] if e.get("direction") == "outbound")
    assert (reply["user_id"], reply["user_name"]) == (DEMO_AGENT_ID, "Demo Agent")
    assert all(i["last_update"] < "2026-11-25 09:00:00" for i in items.values())
    assert all(
        [e["created_at"] for e in i["timeline"]] != sorted(e["created_at"] for e in i["timeline"])
        for i in items.values()
    )


def test_an_outdated_demo_database_is_rebuilt_when_opened(
    template_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(template_db, path)
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("DELETE FROM meta WHERE key = 'demo_version'")
        db.execute("DELETE FROM tickets WHERE id >= 100301 AND id < 100400")
    assert is_outdated(path)

    store = open_database(path)
    try:
        assert store.meta("demo_version") == DEMO_VERSION
        assert store.ticket(100302) is not None
    finally:
        store.close()
    assert not is_outdated(path)
    assert not is_outdated(tmp_path / "missing.db")
