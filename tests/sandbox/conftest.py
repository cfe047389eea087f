"""Fixtures for the sandbox tests: plain httpx clients of the servers in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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


def assert_error(response: httpx.Response, status: int, message: str | None = None) -> None:
    """The error envelope, with the status the API uses for this case."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"status", "message"}
    assert body["status"] == "error"
    if message is not None:
        assert body["message"] == message


def ticket(client: httpx.Client, ticket_id: int | str, **params: Any) -> dict[str, Any]:
    """GET a ticket's item (with ``getTicketHistory=1`` and the like as ``params``)."""
    response = client.get(f"/api/v2/ticket/{ticket_id}", params=params)
    assert response.status_code == 200, response.text
    item: dict[str, Any] = response.json()["item"]
    return item


def listed(client: httpx.Client, path: str, **params: Any) -> dict[str, Any]:
    """GET a list call and return its envelope."""
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
