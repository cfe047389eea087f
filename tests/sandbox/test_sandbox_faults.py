"""Fault injection, as an httpx client experiences it, and the admin endpoints that set it up."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from omnitui.sandbox import FAULT_KINDS, SandboxServer

TICKET = "/api/v2/ticket/858462"


def test_429_carries_retry_after(shared: SandboxServer, api: httpx.Client) -> None:
    shared.faults.add("429", retry_after=7)

    limited = api.get(TICKET)

    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "7"
    assert limited.json()["status"] == "error"
    assert api.get(TICKET).status_code == 200  # consumed


def test_429_retry_after_defaults_and_http_dates(shared: SandboxServer, api: httpx.Client) -> None:
    shared.faults.add("429")
    shared.faults.add("429", retry_after="Wed, 25 Nov 2026 10:00:00 GMT")

    assert api.get(TICKET).headers["retry-after"] == "1"
    assert api.get(TICKET).headers["retry-after"] == "Wed, 25 Nov 2026 10:00:00 GMT"


@pytest.mark.parametrize("kind", ["500", "502", "503", "504", "401", "403", "404"])
def test_status_faults_answer_with_the_error_envelope(
    shared: SandboxServer, api: httpx.Client, kind: str
) -> None:
    shared.faults.add(kind)

    response = api.get(TICKET)

    assert response.status_code == int(kind)
    assert response.json()["status"] == "error"


def test_400_fault_carries_the_given_message(shared: SandboxServer, api: httpx.Client) -> None:
    shared.faults.add("400", message="This form does not exist.")

    response = api.get(TICKET)

    assert response.status_code == 400
    assert response.json() == {"status": "error", "message": "This form does not exist."}


@pytest.mark.parametrize("status", [None, 503, 200])
def test_html_fault_is_a_proxy_error_page(
    shared: SandboxServer, api: httpx.Client, status: int | None
) -> None:
    shared.faults.add("html", status=status)

    response = api.get(TICKET)

    assert response.status_code == (status or 502)
    assert response.headers["content-type"].startswith("text/html")
    assert "nginx" in response.text
    assert ("503 Service Unavailable" if status == 503 else "502 Bad Gateway") in response.text
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_truncated_fault_cuts_the_real_json_in_half(
    shared: SandboxServer, api: httpx.Client
) -> None:
    whole = api.get(TICKET).content
    shared.faults.add("truncated")

    response = api.get(TICKET)

    assert response.status_code == 200
    assert response.content == whole[: len(whole) // 2]
    assert int(response.headers["content-length"]) == len(response.content)
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_empty_fault_has_no_body(shared: SandboxServer, api: httpx.Client) -> None:
    shared.faults.add("empty")

    response = api.get(TICKET)

    assert (response.status_code, response.content) == (200, b"")


def test_notjson_fault_is_plain_text_garbage(shared: SandboxServer, api: httpx.Client) -> None:
    shared.faults.add("notjson")

    response = api.get(TICKET)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_drop_fault_breaks_the_connection_mid_response(
    shared: SandboxServer, api: httpx.Client
) -> None:
    shared.faults.add("drop")

    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        api.get(TICKET)
    assert api.get(TICKET).status_code == 200  # the client recovers on a new connection


async def test_drop_fault_with_an_async_client(shared: SandboxServer) -> None:
    shared.faults.add("drop", path="/api/v2/ticket/900001")
    headers = {"apiKey": shared.api_key}

    async with httpx.AsyncClient(base_url=shared.url, headers=headers) as client:
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            await client.get("/api/v2/ticket/900001")


def test_slow_fault_makes_the_client_time_out(shared: SandboxServer, api: httpx.Client) -> None:
    shared.faults.add("slow", delay_ms=2000)

    started = time.perf_counter()
    with pytest.raises(httpx.ReadTimeout):
        api.get(TICKET, timeout=0.3)
    assert time.perf_counter() - started < 1.5
    assert api.get(TICKET).status_code == 200


def test_slow_fault_answers_after_the_delay(shared: SandboxServer, api: httpx.Client) -> None:
    shared.faults.add("slow", delay_ms=300)

    started = time.perf_counter()
    response = api.get(TICKET)

    assert response.status_code == 200
    assert time.perf_counter() - started >= 0.3


def test_faults_match_path_method_and_count(shared: SandboxServer, api: httpx.Client) -> None:
    shared.faults.add("503", path="/api/v2/message", method="POST", count=2)
    shared.faults.add("500", path=r"^/api/v2/ticket/\d+$", method="PUT")

    assert api.get(TICKET).status_code == 200
    assert api.post("/api/v2/message", data={}).status_code == 503
    assert api.post("/api/v2/message", data={}).status_code == 503
    assert api.post("/api/v2/message", data={}).status_code == 400  # back to validation
    assert api.put("/api/v2/ticket/abc").status_code == 400  # regex does not match
    assert api.put("/api/v2/ticket/1").status_code == 500
    assert shared.faults.pending() == []


def test_faults_come_before_the_key_check(shared: SandboxServer, api: httpx.Client) -> None:
    shared.faults.add("502")

    assert api.get(TICKET, headers={"apiKey": "wrong"}).status_code == 502


def test_latency_delays_every_api_response(shared: SandboxServer, api: httpx.Client) -> None:
    shared.faults.latency_ms = 250

    started = time.perf_counter()
    api.get(TICKET)
    assert time.perf_counter() - started >= 0.25
    started = time.perf_counter()
    api.get("/_sandbox/faults")
    assert time.perf_counter() - started < 0.25  # admin calls are not delayed


def test_fail_rate_is_random_but_repeatable(shared: SandboxServer, api: httpx.Client) -> None:
    def run() -> list[int]:
        shared.faults.reseed(42)
        return [api.get(TICKET).status_code for _ in range(40)]

    shared.faults.fail_rate = 0.5
    first, second = run(), run()

    assert first == second
    assert set(first) == {200, 500}
    shared.faults.fail_rate = 1.0
    failed = api.get(TICKET)
    assert failed.status_code == 500 and failed.json()["status"] == "error"


def test_admin_endpoints_queue_list_and_clear_faults(
    shared: SandboxServer, api: httpx.Client
) -> None:
    added = api.post("/_sandbox/faults", json={"kind": "429", "retry_after": 3, "count": 2})
    assert added.status_code == 200
    assert added.json()["faults"][0]["kind"] == "429"
    listed = api.get("/_sandbox/faults").json()["item"]["faults"]
    assert [(f["kind"], f["count"]) for f in listed] == [("429", 2)]

    assert api.get(TICKET).headers["retry-after"] == "3"
    assert api.delete("/_sandbox/faults").status_code == 200
    assert api.get(TICKET).status_code == 200

    api.post("/_sandbox/faults", json=[{"kind": "500"}, {"kind": "html", "status": 504}])
    assert [api.get(TICKET).status_code for _ in range(3)] == [500, 504, 200]


def test_admin_settings_change_latency_and_fail_rate(
    shared: SandboxServer, api: httpx.Client
) -> None:
    response = api.put("/_sandbox/settings", json={"latency_ms": 5, "fail_rate": 0.25, "seed": 1})

    assert response.json()["item"]["latency_ms"] == 5
    assert (shared.faults.latency_ms, shared.faults.fail_rate) == (5, 0.25)
    assert api.put("/_sandbox/settings", json={"fail_rate": 2}).status_code == 400


@pytest.mark.parametrize(
    "spec",
    [{"kind": "teapot"}, {"count": 1}, {"kind": "500", "count": 0}, {"kind": "500", "bogus": 1},
     {"kind": "html", "status": 99}, "not an object"],
)  # fmt: skip
def test_admin_rejects_bad_fault_specs(api: httpx.Client, spec: object) -> None:
    response = api.post("/_sandbox/faults", json=spec)

    assert response.status_code == 400
    assert response.json()["status"] == "error"


def test_every_kind_is_accepted_in_process(shared: SandboxServer) -> None:
    for kind in FAULT_KINDS:
        shared.faults.add(kind, path="/never")
    assert len(shared.faults.pending()) == len(FAULT_KINDS)
    with pytest.raises(ValueError):
        shared.faults.add("418")
