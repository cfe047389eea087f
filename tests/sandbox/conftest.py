"""Fixtures for the sandbox tests: plain httpx clients of the servers in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from omnitui.sandbox import SandboxServer


@pytest.fixture
def api(shared: SandboxServer) -> Iterator[httpx.Client]:
    """A client of the shared server that sends the api key."""
    with httpx.Client(
        base_url=shared.url, headers={"apiKey": shared.api_key}, timeout=30
    ) as client:
        yield client


@pytest.fixture
def own_api(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    """A client of a private server (for tests that change tickets)."""
    with httpx.Client(
        base_url=sandbox.url, headers={"apiKey": sandbox.api_key}, timeout=30
    ) as client:
        yield client
