"""Attachments in the timeline and GET /api/v2/file/{id}, which serves the demo's real files."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx

from omnitui.sandbox import SandboxServer
from omnitui.sandbox.data.attachments import DEMO_FILES

from .conftest import assert_error, ticket

PACKAGED = Path(__file__).parents[2] / "omnitui" / "sandbox" / "data" / "files" / "attachments"
PARCEL = 100302
"""The showcase ticket whose customer sent a photo, a packing slip and a text file."""


def files_of(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for entry in item["timeline"] for f in entry.get("files") or []]


def test_the_timeline_lists_name_size_type_and_url(
    shared: SandboxServer, api: httpx.Client
) -> None:
    files = sorted(files_of(ticket(api, PARCEL)), key=lambda f: f["id"])

    assert [(f["id"], f["name"], f["mime_type"]) for f in files] == [
        (69001, "schade-foto.png", "image/png"),
        (69002, "pakbon MB-2026-48213.pdf", "application/pdf"),
        (69003, "serienummers – overzicht.txt", "text/plain; charset=utf-8"),
    ]
    assert [f["size"] for f in files] == [
        len((PACKAGED / name).read_bytes())
        for name in ("schade-foto.png", "pakbon.pdf", "serienummers.txt")
    ]
    assert [f["url"] for f in files] == [f"{shared.url}/api/v2/file/{f['id']}" for f in files]
    assert list(files[0]) == ["id", "name", "file_name", "size", "mime_type", "inline", "url"]


def test_the_url_follows_the_address_the_client_used(shared: SandboxServer) -> None:
    other = shared.url.replace("127.0.0.1", "localhost")
    with httpx.Client(base_url=other, headers={"apiKey": shared.api_key}) as client:
        urls = {f["url"] for f in files_of(ticket(client, PARCEL))}

    assert urls == {f"{other}/api/v2/file/{n}" for n in (69001, 69002, 69003)}


def test_each_demo_file_downloads_with_its_type_and_name(
    shared: SandboxServer, api: httpx.Client
) -> None:
    for item in files_of(ticket(api, PARCEL)):
        response = api.get(item["url"])
        assert response.status_code == 200
        assert response.headers["content-type"] == item["mime_type"]
        assert int(response.headers["content-length"]) == item["size"] == len(response.content)
        assert response.content == DEMO_FILES[item["id"]].content()
        assert response.headers["content-disposition"].startswith("attachment; filename=")

    photo, slip, text = (api.get(f"/api/v2/file/{n}") for n in (69001, 69002, 69003))
    assert photo.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert slip.content.startswith(b"%PDF-1.4") and slip.content.rstrip().endswith(b"%%EOF")
    assert text.text.startswith("Serienummers zending MB-2026-48213")
    assert text.headers["content-disposition"] == (
        'attachment; filename="serienummers ? overzicht.txt"; '
        "filename*=UTF-8''serienummers%20%E2%80%93%20overzicht.txt"
    )
    downloads = [r for r in shared.requests.all() if r.path.startswith("/api/v2/file/")]
    assert [r.path for r in downloads][-3:] == [f"/api/v2/file/{n}" for n in (69001, 69002, 69003)]
    assert all(r.header("apiKey") == shared.api_key for r in downloads)


def test_a_download_needs_the_api_key(shared: SandboxServer) -> None:
    with httpx.Client(base_url=shared.url) as client:
        assert_error(client.get("/api/v2/file/69001"), 401, "Invalid API key.")
        assert_error(
            client.get("/api/v2/file/69001", headers={"apiKey": "wrong"}), 401, "Invalid API key."
        )


def test_unknown_and_malformed_file_ids(api: httpx.Client) -> None:
    assert_error(api.get("/api/v2/file/1"), 404, "Could not retreive a file with this ID.")
    assert_error(api.get("/api/v2/file/99999999999"), 404)
    assert_error(api.get("/api/v2/file/abc"), 400, "The file id must be a number.")
    assert_error(api.post("/api/v2/file/69001"), 405)


def test_the_ordinary_attachments_have_no_url_and_other_ids(template_db: Path) -> None:
    with closing(sqlite3.connect(f"file:{template_db}?mode=ro", uri=True)) as db:
        rows = db.execute("SELECT doc FROM timeline").fetchall()
    files = [
        f
        for (doc,) in rows
        for f in json.loads(doc).get("files") or []
        if isinstance(f, dict) and isinstance(f.get("id"), int)
    ]
    with_url = {f["id"] for f in files if "url" in f}

    assert with_url == set(DEMO_FILES)
    assert max(f["id"] for f in files if f["id"] not in DEMO_FILES) < min(DEMO_FILES)
