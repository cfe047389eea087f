"""Downloading an attachment: the bytes the sandbox serves, its 404, the size cap, and the api
key sent to the account's own address only (docs/omnidesk-api.md §10.8)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from omnitui.api.client import OmnideskClient
from omnitui.api.errors import NetworkError, NotFoundError, ProtocolError
from omnitui.api.files import FileTooLarge, carries_secret, file_address
from omnitui.api.models import Attachment, Ticket
from omnitui.sandbox import SandboxServer
from omnitui.sandbox.data.attachments import DEMO_FILES, PACKING_SLIP

BASE = "https://acme.omnidesk.com"
KEY = "secret-key-123"


def at(url: str | None) -> Attachment:
    return Attachment.model_validate({"id": 1, "name": "a.pdf", "url": url})


@pytest.mark.parametrize(
    ("url", "with_key"),
    [
        (f"{BASE}/api/v2/file/1", True),
        ("https://ACME.omnidesk.com:443/api/v2/file/1", True),
        ("https://files.example.net/signed/abc", False),  # elsewhere: fetched without the key
        ("https://acme.omnidesk.com:8443/api/v2/file/1", False),  # another port is elsewhere
        ("http://acme.omnidesk.com/api/v2/file/1", None),  # plain http, not the account's
        ("http://files.example.net/a.pdf", None),
        ("file:///etc/passwd", None),
        ("javascript:alert(1)", None),
        ("https://user:pw@acme.omnidesk.com/api/v2/file/1", None),
        ("https://[::1/broken", None),
        (None, None),
    ],
)
def test_the_key_goes_to_the_accounts_own_address_only(
    url: str | None, with_key: bool | None
) -> None:
    address = file_address(at(url), BASE)
    assert (address.with_key if address else None) == with_key


def test_an_address_with_a_credential_is_never_shown() -> None:
    assert carries_secret(f"{BASE}/file/1?apiKey={KEY}", KEY)
    assert carries_secret(f"{BASE}/file/1?k=secret%2Dkey%2D123", KEY)
    assert carries_secret("https://me:pw@acme.omnidesk.com/file/1", KEY)
    assert not carries_secret(f"{BASE}/api/v2/file/1", KEY)


@pytest.fixture
async def client(shared: SandboxServer) -> AsyncIterator[OmnideskClient]:
    async with OmnideskClient(shared.url, shared.api_key) as client:
        yield client


async def download(client: OmnideskClient, file: Attachment, **kwargs: object) -> bytes:
    chunks: list[bytes] = []

    async def write(chunk: bytes) -> None:
        chunks.append(chunk)

    size = await client.download_file(file, write, **kwargs)  # type: ignore[arg-type]
    data = b"".join(chunks)
    assert size == len(data)
    return data


async def test_the_demo_files_download_as_the_sandbox_serves_them(
    client: OmnideskClient, shared: SandboxServer
) -> None:
    ticket: Ticket = await client.get_ticket(100302)
    files = [f for entry in ticket.timeline for f in entry.files]
    assert [f.id for f in files] == ["69001", "69002", "69003"]
    for found in files:
        assert found.url == f"{shared.url}/api/v2/file/{found.id}"
        assert await download(client, found) == DEMO_FILES[int(found.id or 0)].content()
    (request,) = [r for r in shared.requests.all() if r.path == "/api/v2/file/69002"]
    assert request.header("apiKey") == shared.api_key


async def test_an_unknown_file_is_not_found(client: OmnideskClient, shared: SandboxServer) -> None:
    gone = at(f"{shared.url}/api/v2/file/69999")
    with pytest.raises(NotFoundError, match="Could not retreive a file with this ID"):
        await download(client, gone)


async def test_a_file_over_the_cap_is_stopped(
    client: OmnideskClient, shared: SandboxServer
) -> None:
    pdf = at(f"{shared.url}/api/v2/file/{PACKING_SLIP.id}")
    with pytest.raises(FileTooLarge, match="larger than"):
        await download(client, pdf, max_bytes=100)


async def test_a_file_without_an_address_is_not_guessed(client: OmnideskClient) -> None:
    with pytest.raises(ProtocolError, match="no download address"):
        await download(client, at(None))


def mock_client(handler: httpx.MockTransport) -> OmnideskClient:
    return OmnideskClient(BASE, KEY, transport=handler)


async def test_a_file_elsewhere_is_fetched_without_the_key() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"%PDF-1.4")

    async with mock_client(httpx.MockTransport(answer)) as client:
        assert await download(client, at("https://files.example.net/s/abc")) == b"%PDF-1.4"
        assert await download(client, at(f"{BASE}/api/v2/file/1")) == b"%PDF-1.4"
    assert [r.headers.get("apiKey") for r in seen] == [None, KEY]


async def test_an_announced_size_over_the_cap_is_refused_before_reading() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Length": "5000000"}, content=b"x" * 5000000)

    async with mock_client(httpx.MockTransport(answer)) as client:
        written: list[bytes] = []

        async def write(chunk: bytes) -> None:
            written.append(chunk)

        with pytest.raises(FileTooLarge):
            await client.download_file(at(f"{BASE}/f/1"), write, max_bytes=1_000_000)
    assert written == []


async def test_a_broken_connection_is_a_network_error_without_the_key() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError(f"connection reset while sending {KEY}")

    async with mock_client(httpx.MockTransport(answer)) as client:
        with pytest.raises(NetworkError, match="broke off") as caught:
            await download(client, at(f"{BASE}/api/v2/file/1"))
    assert KEY not in str(caught.value)
