"""The client against hand-shaped HTTP answers (httpx.MockTransport): each fault, exactly.

The sandbox tests cover the same calls over real loopback HTTP; these pin down the shapes a
sandbox cannot easily produce (TLS failures, JSON bombs, absurd Retry-After values).
"""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from omnitui.api.client import OmnideskClient
from omnitui.api.errors import (
    AuthError,
    ErrorKind,
    ForbiddenError,
    NetworkError,
    NotFoundError,
    ProtocolError,
    RateLimitedError,
    RejectedError,
    RequestTimeout,
    ServerError,
    TlsError,
)
from omnitui.api.models import TicketStatus
from omnitui.api.requests import NewMessage, TicketCreate, TicketUpdate
from omnitui.api.transport import RetryNotice, normalise_base_url

KEY = "secret-key-1234"
Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A transport that answers from a script and remembers every request."""

    def __init__(self, *answers: httpx.Response | Exception | Handler) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        return answer


def make_client(recorder: Recorder, **kwargs: Any) -> tuple[OmnideskClient, list[float]]:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    client = OmnideskClient(
        "https://acme.omnidesk.com",
        KEY,
        transport=httpx.MockTransport(recorder),
        sleep=fake_sleep,
        **kwargs,
    )
    return client, slept


def ok(data: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=data, headers=headers)


TICKET = {"type": "item", "item": {"id": 5, "title": "Hello", "timeline": []}}


async def test_requests_carry_the_key_in_a_header_and_forms_are_urlencoded() -> None:
    recorder = Recorder(ok({"type": "result", "message": "Ticket status is updated."}))
    client, _ = make_client(recorder)
    async with client:
        message = await client.set_status([3, 4, 3], TicketStatus.SOLVED)

    assert message == "Ticket status is updated."
    (request,) = recorder.requests
    assert request.method == "POST"
    assert request.url.path == "/api/v2/ticket/setstatus"
    assert "apiKey" not in str(request.url)
    assert request.headers["apiKey"] == KEY
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.content == b"ticketIDs%5B%5D=3&ticketIDs%5B%5D=4&status=solved"


async def test_get_ticket_asks_for_history_only_when_wanted() -> None:
    recorder = Recorder(ok(TICKET))
    client, _ = make_client(recorder)
    async with client:
        await client.get_ticket(5)
        await client.get_ticket(5, history=True)
    assert [str(r.url) for r in recorder.requests] == [
        "https://acme.omnidesk.com/api/v2/ticket/5",
        "https://acme.omnidesk.com/api/v2/ticket/5?getTicketHistory=1",
    ]


@pytest.mark.parametrize(
    ("response", "error", "words"),
    [
        (
            ok({"status": "error", "message": "Invalid API key."}, 401),
            AuthError,
            "API key was refused",
        ),
        (
            ok({"status": "error", "message": "No TICKET_READ"}, 403),
            ForbiddenError,
            "no permission",
        ),
        (ok({"status": "error", "message": "Ticket not found."}, 404), NotFoundError, "not found"),
        (ok({"status": "error", "message": "Bad id."}, 400), RejectedError, "Bad id."),
        (ok({"status": "error", "message": "Looks fine but isn't."}), RejectedError, "isn't"),
        (httpx.Response(200, text='{"type": "item", "it'), ProtocolError, "could not read"),
        (httpx.Response(200, text="[" * 100_000), ProtocolError, "nested too deeply"),
        (httpx.Response(200, text='{"id": ' + "9" * 5000 + "}"), ProtocolError, "could not read"),
        (httpx.Response(200, text='{"x": NaN}'), ProtocolError, "could not read"),
        (httpx.Response(200, text=""), ProtocolError, "empty response"),
        (
            httpx.Response(200, html="<html><title>502 Bad Gateway</title></html>"),
            ServerError,
            "proxy answered instead",
        ),
        (
            httpx.Response(520, html="<html><h1>Web server is returning an unknown error</h1>"),
            ServerError,
            "HTTP 520",
        ),
        (
            httpx.Response(302, headers={"location": "https://evil.example/x"}),
            ProtocolError,
            "evil.example",
        ),
    ],
)
async def test_each_failure_becomes_one_clear_error(
    response: httpx.Response, error: type[Exception], words: str
) -> None:
    client, _ = make_client(Recorder(response), max_retries=0)
    async with client:
        with pytest.raises(error) as raised:
            await client.get_ticket(5)
    assert words in str(raised.value)
    assert KEY not in str(raised.value)


async def test_reads_retry_on_rate_limits_and_gateway_errors_then_succeed() -> None:
    notices: list[RetryNotice] = []
    recorder = Recorder(
        ok({"status": "error", "message": "slow down"}, 429, **{"Retry-After": "5"}),
        httpx.Response(503, text="busy"),
        httpx.ConnectError("Connection refused"),
        ok(TICKET),
    )
    client, slept = make_client(recorder, on_retry=notices.append)
    async with client:
        ticket = await client.get_ticket(5)

    assert ticket.title == "Hello"
    assert len(recorder.requests) == 4
    assert slept[0] == 5.0
    assert [n.error.kind for n in notices] == [
        ErrorKind.RATE_LIMITED,
        ErrorKind.SERVER,
        ErrorKind.NETWORK,
    ]


async def test_retry_after_as_a_date_and_an_absurd_wait_is_not_honoured() -> None:
    recorder = Recorder(ok({}, 429, **{"Retry-After": "86400"}))
    client, slept = make_client(recorder)
    async with client:
        with pytest.raises(RateLimitedError) as raised:
            await client.get_ticket(5)
    assert raised.value.retry_after == 86400
    assert slept == []  # a day is more than max_retry_wait: say so instead of waiting
    assert len(recorder.requests) == 1

    date = "Wed, 21 Oct 2015 07:28:00 GMT"  # in the past: try again at once
    recorder = Recorder(ok({}, 429, **{"Retry-After": date}), ok(TICKET))
    client, slept = make_client(recorder)
    async with client:
        await client.get_ticket(5)
    assert slept == [0.0]


async def test_retries_are_bounded() -> None:
    recorder = Recorder(httpx.Response(502, text="bad gateway"))
    client, slept = make_client(recorder, max_retries=3)
    async with client:
        with pytest.raises(ServerError):
            await client.get_ticket(5)
    assert len(recorder.requests) == 4
    assert len(slept) == 3


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(500, json={"status": "error", "message": "boom"}),
        httpx.Response(502, text="<html>bad gateway</html>"),
        httpx.ReadTimeout("timed out"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
    ],
)
async def test_a_write_that_may_have_arrived_is_sent_once(answer: Any) -> None:
    recorder = Recorder(answer)
    client, _ = make_client(recorder)
    create = TicketCreate(title="x", customer_address="a@b.nl", our_address="s@b.nl")
    async with client:
        with pytest.raises((ServerError, RequestTimeout, NetworkError)) as raised:
            await client.create_ticket(create)
        with pytest.raises((ServerError, RequestTimeout, NetworkError)):
            await client.add_message(NewMessage(ticket_id=1, body="hello", to_address="a@b.nl"))
    assert len(recorder.requests) == 2
    assert raised.value.may_have_reached_server
    assert "refresh before trying again" in str(raised.value)


async def test_a_write_that_never_connected_is_tried_again() -> None:
    recorder = Recorder(
        httpx.ConnectError("Connection refused"),
        ok({"type": "result", "message": "Ticket updated."}),
    )
    client, _ = make_client(recorder)
    async with client:
        assert await client.update_ticket(5, TicketUpdate(title="t")) == "Ticket updated."
    assert len(recorder.requests) == 2


async def test_tls_failures_are_explained_and_not_retried() -> None:
    error = httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
    error.__cause__ = ssl.SSLCertVerificationError("self-signed certificate")
    recorder = Recorder(error)
    client, _ = make_client(recorder)
    async with client:
        with pytest.raises(TlsError, match="SSL_CERT_FILE"):
            await client.get_ticket(5)
    assert len(recorder.requests) == 1


async def test_responses_over_the_size_cap_are_refused() -> None:
    big = json.dumps({"type": "item", "item": {"id": 1, "title": "x" * 5000}})
    client, _ = make_client(Recorder(httpx.Response(200, text=big)), max_response_bytes=1000)
    async with client:
        with pytest.raises(ProtocolError, match="larger than"):
            await client.get_ticket(1)


async def test_a_ticket_above_the_old_32_mb_cap_opens() -> None:
    """A 50,000-entry ticket is a 56 MB answer: the cap (128 MB) lets such a ticket through."""
    timeline = [
        {"id": str(n), "type": "note", "created_at": f"2025-01-01 00:00:{n:02d}", "content": c}
        for n, c in enumerate(f"Entry {n} " + "x" * 1_000_000 for n in range(40))
    ]
    body = json.dumps({"type": "item", "item": {"id": 1, "title": "Long", "timeline": timeline}})
    assert len(body) > 40 * 1000 * 1000
    client, _ = make_client(Recorder(httpx.Response(200, text=body)))
    async with client:
        ticket = await client.get_ticket(1)
    assert [e.content[:8] for e in ticket.timeline[:2]] == ["Entry 0 ", "Entry 1 "]
    assert len(ticket.timeline) == 40


async def test_an_answer_announced_above_the_cap_is_not_read() -> None:
    announced = httpx.Response(
        200, content=b"{}", headers={"content-length": str(129 * 1000 * 1000)}
    )
    client, _ = make_client(Recorder(announced))
    async with client:
        with pytest.raises(ProtocolError) as raised:
            await client.get_ticket(1)
    assert str(raised.value) == "Omnidesk's answer is larger than 128 MB; stopped."


async def test_the_whole_call_has_a_deadline() -> None:
    """Retries and the waits between them count: a server that fails fifty times is given up on
    at the deadline, although trying on would have reached its answer."""
    recorder = Recorder(*[httpx.Response(503, text="busy")] * 50, ok(TICKET))

    async def short_wait(seconds: float) -> None:
        await asyncio.sleep(0.1)  # fifty of them take 5 s: ten times the deadline

    client = OmnideskClient(
        "https://acme.omnidesk.com",
        KEY,
        transport=httpx.MockTransport(recorder),
        sleep=short_wait,
        timeout=60,
        deadline=0.5,
        max_retries=1000,
        max_retry_wait=1e6,
    )
    async with client:
        with pytest.raises(RequestTimeout) as raised:
            await client.get_ticket(5)
    assert "did not answer within 0.5 s" in str(raised.value)
    assert len(recorder.requests) < 51


async def test_an_answer_in_a_trickle_is_cut_off_at_the_deadline() -> None:
    """httpx's read timeout is per chunk: a byte every 20 ms never trips it, nor does the
    per-attempt timeout of a minute. Only the deadline stops the call."""
    body = json.dumps(TICKET).encode()

    async def trickle() -> AsyncIterator[bytes]:
        for byte in body:
            await asyncio.sleep(0.02)
            yield bytes([byte])

    recorder = Recorder(lambda request: httpx.Response(200, content=trickle()))
    client, _ = make_client(recorder, timeout=60, deadline=0.3)
    assert len(body) * 0.02 > 1  # the whole answer takes over three times the deadline
    async with client:
        with pytest.raises(RequestTimeout) as raised:
            await client.get_ticket(5)
    assert "did not answer within 0.3 s" in str(raised.value)
    assert len(recorder.requests) == 1


async def test_created_ticket_id_may_be_a_string() -> None:
    recorder = Recorder(ok({"type": "item", "item": {"id": "900777", "title": "New"}}))
    client, _ = make_client(recorder)
    create = TicketCreate(title="New", customer_address="a@b.nl", our_address="s@b.nl")
    async with client:
        ticket = await client.create_ticket(create)
    assert ticket.id == 900777
    assert recorder.requests[0].headers["content-type"] == "application/x-www-form-urlencoded"


def test_the_key_never_shows_in_a_repr() -> None:
    client = OmnideskClient("https://acme.omnidesk.com", KEY)
    assert KEY not in repr(client)
    assert KEY not in repr(client.__dict__.get("base_url"))


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("acme.omnidesk.com", "https://acme.omnidesk.com"),
        ("https://acme.omnidesk.com/", "https://acme.omnidesk.com"),
        ("https://acme.omnidesk.com/api/v2/", "https://acme.omnidesk.com"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
    ],
)
def test_account_urls_are_normalised(given: str, expected: str) -> None:
    assert normalise_base_url(given) == expected


def test_plain_http_to_a_remote_host_is_refused() -> None:
    with pytest.raises(ValueError, match="https"):
        normalise_base_url("http://acme.omnidesk.com")


async def test_a_big_timeline_reads_the_same_whatever_its_strings_look_like() -> None:
    """Big bodies are decoded piece by piece; braces inside strings must not cut an entry."""
    tricky = ['"}, {"', "}]", '{"a": [1]}, {', "\\", "\x1b[2J", "\ud83d\ude00", "}" * 3]
    timeline = [
        {
            "id": n,
            "type": "note",
            "created_at": f"2024-01-01 00:{n // 60 % 60:02d}:{n % 60:02d}",
            "content": tricky[n % len(tricky)] + "x" * 200,
            "files": [{"name": "a},{b"}, {"name": "c}]"}] if n % 3 == 0 else [],
            "meta_data": json.dumps({"to": [{"address": "}]}"}]}),
        }
        for n in range(1500)
    ]
    body = json.dumps({"type": "item", "item": {"id": 5, "title": "Big", "timeline": timeline}})
    assert len(body) > 256 * 1024
    client, _ = make_client(Recorder(httpx.Response(200, text=body)))
    async with client:
        ticket = await client.get_ticket(5)

    assert ticket.skipped_entries == 0
    assert [entry.id for entry in ticket.timeline] == [str(n) for n in range(1500)]
    assert ticket.timeline[1].content == "}]" + "x" * 200
    assert ticket.timeline[6].content == "}}}" + "x" * 200
    assert [f.name for f in ticket.timeline[3].files] == ["a},{b", "c}]"]
    assert ticket.timeline[0].meta_data == {"to": [{"address": "}]}"}]}
    assert "\x1b" not in ticket.timeline[4].content
