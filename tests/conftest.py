"""Shared fixtures: every test runs with its own config and data dirs, never the user's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SEED_TICKET = Path(__file__).parent / "sandbox" / "seed_ticket.json"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point omnitui's config and data at a temporary folder and drop real credentials."""
    home = tmp_path / "home"
    monkeypatch.setenv("OMNITUI_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("OMNITUI_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("OMNITUI_CONFIG", raising=False)
    for name in ("OMNIDESK_URL", "OMNIDESK_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    return home


@pytest.fixture
def seed_document() -> dict[str, Any]:
    """The seed's documented GET /ticket/858462 response, verbatim."""
    return json.loads(SEED_TICKET.read_text(encoding="utf-8"))
