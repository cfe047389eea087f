"""Shared fixtures: isolated config and data dirs, and sandbox servers on loopback.

Seeding the sandbox takes about a second, so it happens once per session; a test that changes
data gets its own copy of that database and its own server (``sandbox``), while read-only tests
share one server (``shared``) whose fault queue and request log are emptied around every test.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from omnitui.sandbox import SandboxServer, seed_database

API_KEY = "test-key"
SEED_TICKET = Path(__file__).parent / "sandbox" / "seed_ticket.json"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point omnitui's config and data at a temporary folder and drop real credentials."""
    home = tmp_path / "home"
    monkeypatch.setenv("OMNITUI_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("OMNITUI_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("OMNITUI_CONFIG", raising=False)
    for name in ("OMNIDESK_URL", "OMNIDESK_API_KEY", "OMNIDESK_WEB_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    return home


@pytest.fixture
def seed_document() -> dict[str, Any]:
    """The seed's documented GET /ticket/858462 response, verbatim."""
    return json.loads(SEED_TICKET.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, seeded once per test session; never served directly."""
    path = tmp_path_factory.mktemp("sandbox-template") / "sandbox.db"
    seed_database(path)
    return path


@pytest.fixture
def fresh_db(template_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database that a test may change."""
    path = tmp_path / "sandbox.db"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def sandbox(fresh_db: Path) -> Iterator[SandboxServer]:
    """A server of its own, on a private copy of the demo data."""
    with SandboxServer(fresh_db, api_key=API_KEY) as server:
        yield server
    assert not server.running


@pytest.fixture(scope="session")
def _shared_server(
    template_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SandboxServer]:
    path = tmp_path_factory.mktemp("sandbox-shared") / "sandbox.db"
    shutil.copyfile(template_db, path)
    with SandboxServer(path, api_key=API_KEY) as server:
        yield server


@pytest.fixture
def shared(_shared_server: SandboxServer) -> Iterator[SandboxServer]:
    """The session's shared server, for tests that do not change tickets."""
    _shared_server.faults.clear()
    _shared_server.requests.clear()
    yield _shared_server
    _shared_server.faults.clear()
    _shared_server.faults.latency_ms = 0
    _shared_server.faults.fail_rate = 0.0
    _shared_server.requests.clear()
