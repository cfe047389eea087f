"""TLS: verification is always on, a certificate problem is said plainly and not retried, and a
company's own certificate authority works through SSL_CERT_FILE, and the usual proxy variables
are honoured (both httpx's ``trust_env``).

The server is a self-signed HTTPS server on 127.0.0.1, its CA made by ``trustme``.
"""

from __future__ import annotations

import json
import ssl
import threading
import traceback
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import trustme

from omnitui.api.client import OmnideskClient
from omnitui.api.errors import TlsError

KEY = "tls-test-key-0123456789"


class TicketHandler(BaseHTTPRequestHandler):
    """Answers every GET with ticket 1 titled ``TITLE``, after ``record`` has noted the request."""

    TITLE = ""

    def record(self) -> None:
        raise NotImplementedError

    def do_GET(self) -> None:
        self.record()
        body = json.dumps({"type": "item", "item": {"id": 1, "title": self.TITLE}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class Handler(TicketHandler):
    TITLE = "Over TLS"

    def record(self) -> None:
        self.server.keys.append(self.headers.get("apiKey"))  # type: ignore[attr-defined]


class TlsServer(ThreadingHTTPServer):
    """Counts every TCP connection, including those whose handshake the client gives up on."""

    def __init__(self, context: ssl.SSLContext) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.context = context
        self.connections = 0
        self.keys: list[str | None] = []

    def get_request(self) -> tuple[Any, Any]:
        sock, address = super().get_request()
        self.connections += 1
        return self.context.wrap_socket(sock, server_side=True), address

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a refused handshake is the point of the test

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def server(ca: trustme.CA) -> Iterator[TlsServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    tls = TlsServer(context)
    thread = threading.Thread(target=tls.serve_forever, daemon=True)
    thread.start()
    yield tls
    tls.shutdown()
    tls.server_close()
    thread.join(5)


async def test_an_unknown_certificate_is_explained_and_not_retried(
    server: TlsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    async with OmnideskClient(server.url, KEY) as client:
        with pytest.raises(TlsError) as raised:
            await client.get_ticket(1)
    message = str(raised.value)
    assert message == (
        "The certificate of 127.0.0.1 could not be verified. If your company uses its own "
        "certificate authority, point SSL_CERT_FILE at its certificate."
    )
    assert server.connections == 1  # a certificate does not get better by asking again
    assert server.keys == []  # the key never went over the unverified connection
    assert KEY not in "".join(traceback.format_exception(raised.value))


async def test_ssl_cert_file_makes_a_company_ca_work(
    server: TlsServer, ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "company-ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    async with OmnideskClient(server.url, KEY) as client:
        ticket = await client.get_ticket(1)
    assert ticket.title == "Over TLS"
    assert server.keys == [KEY]


def test_plain_http_is_refused_for_a_real_account() -> None:
    with pytest.raises(ValueError, match="must use https://"):
        OmnideskClient("http://acme.omnidesk.com", KEY)


class ProxyHandler(TicketHandler):
    """A forward proxy that answers by itself: it records the absolute URL it was asked for."""

    TITLE = "Via the proxy"

    def record(self) -> None:
        self.server.asked.append(self.path)  # type: ignore[attr-defined]


async def test_the_usual_proxy_variables_are_used(monkeypatch: pytest.MonkeyPatch) -> None:
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), ProxyHandler)
    proxy.asked = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.server_address[1]}")
        # Nothing listens on port 9: only the proxy can have answered.
        async with OmnideskClient("http://127.0.0.1:9", KEY) as client:
            ticket = await client.get_ticket(1)
    finally:
        proxy.shutdown()
        proxy.server_close()
        thread.join(5)
    assert ticket.title == "Via the proxy"
    assert proxy.asked == ["http://127.0.0.1:9/api/v2/ticket/1"]  # type: ignore[attr-defined]
