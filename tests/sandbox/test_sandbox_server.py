"""Running the sandbox: request log, restarts, threads, the command line."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from omnitui.sandbox import SandboxServer, main
from omnitui.sandbox.data.store import StoreError

SEEDING = re.compile(r"seeding (\d+)/(\d+)")


def test_request_log_shows_what_went_over_the_wire(
    shared: SandboxServer, api: httpx.Client
) -> None:
    api.post(
        "/api/v2/ticket/setstatus",
        data={"ticketIDs[]": ["1", "2"], "status": "open"},
    )
    api.get("/api/v2/ticket", params={"query": "abc", "itemLimit": 5})
    api.get("/_sandbox/faults")  # admin calls are not recorded

    posted, listed = shared.requests.all()
    assert (posted.method, posted.path, posted.query) == ("POST", "/api/v2/ticket/setstatus", "")
    assert posted.header("apiKey") == shared.api_key
    assert posted.content_type == "application/x-www-form-urlencoded"
    assert posted.body == "ticketIDs%5B%5D=1&ticketIDs%5B%5D=2&status=open"
    assert posted.form == [("ticketIDs[]", "1"), ("ticketIDs[]", "2"), ("status", "open")]
    assert posted.fields("ticketIDs[]") == ["1", "2"]
    assert (listed.method, listed.query, listed.form) == ("GET", "query=abc&itemLimit=5", [])

    over_http = api.get("/_sandbox/requests").json()
    assert over_http["itemTotal"] == 2
    first = over_http["items"][0]
    assert first["headers"]["apikey"] == shared.api_key
    assert first["form"] == [["ticketIDs[]", "1"], ["ticketIDs[]", "2"], ["status", "open"]]
    assert api.delete("/_sandbox/requests").status_code == 200
    assert len(shared.requests) == 0


def test_request_log_records_multipart_json_faulted_and_rejected_requests(
    shared: SandboxServer, api: httpx.Client
) -> None:
    shared.faults.add("500")
    api.post("/api/v2/message", files={"ticketID": (None, "1"), "message": (None, "hi there")})
    api.post("/api/v2/message", json={"ticketID": 1, "tags": ["a", "b"]})
    api.get("/api/v2/ticket/1", headers={"apiKey": "wrong"})

    faulted, as_json, unauthorised = shared.requests.all()
    assert faulted.content_type.startswith("multipart/form-data; boundary=")
    assert faulted.form == [("ticketID", "1"), ("message", "hi there")]
    assert as_json.form == [("ticketID", "1"), ("tags", "a"), ("tags", "b")]
    assert unauthorised.header("apikey") == "wrong"


def test_changes_persist_across_a_restart(fresh_db: Path) -> None:
    with SandboxServer(fresh_db, api_key="k") as first:
        headers = {"apiKey": "k"}
        httpx.put(f"{first.url}/api/v2/ticket/100001", data={"title": "Kept"}, headers=headers)
        created = httpx.post(f"{first.url}/api/v2/ticket", data={"title": "New"}, headers=headers)
        new_id = created.json()["item"]["id"]

    with SandboxServer(fresh_db, api_key="k") as second:
        headers = {"apiKey": "k"}
        assert (
            httpx.get(f"{second.url}/api/v2/ticket/100001", headers=headers).json()["item"]["title"]
            == "Kept"
        )
        assert httpx.get(f"{second.url}/api/v2/ticket/{new_id}", headers=headers).status_code == 200


def test_a_missing_database_is_seeded_quickly_and_identically(
    tmp_path: Path, api: httpx.Client
) -> None:
    calls: list[tuple[int, int]] = []
    path = tmp_path / "nested" / "demo.db"
    started = time.perf_counter()

    with SandboxServer(path, progress=lambda done, total: calls.append((done, total))) as server:
        elapsed = time.perf_counter() - started
        headers = {"apiKey": server.api_key}
        with httpx.Client(base_url=server.url, headers=headers) as fresh:
            for ticket_id in (858462, 100001, 100150, 100300, 900001, 900100, 900105):
                params = {"getTicketHistory": 1}
                url = f"/api/v2/ticket/{ticket_id}"
                assert fresh.get(url, params=params).content == api.get(url, params=params).content
            everything = {"itemLimit": 9999}
            assert fresh.get("/api/v2/ticket", params=everything).content == (
                api.get("/api/v2/ticket", params=everything).content
            )

    assert path.is_file()
    total = calls[0][1]
    assert calls == [(done, total) for done in range(total + 1)]
    assert elapsed < 10, f"seeding and starting took {elapsed:.1f} s"


def test_a_file_that_is_not_a_sandbox_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(b"this is not sqlite" * 100)

    with pytest.raises(StoreError):
        SandboxServer(path).start()


def test_servers_pick_free_ports_and_leave_no_threads(fresh_db: Path) -> None:
    before = set(threading.enumerate())

    with SandboxServer(fresh_db) as one, SandboxServer(fresh_db) as two:
        assert one.url != two.url
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", one.url)
        assert one.port > 0
        assert len(one.api_key) > 16
        assert one.api_key not in repr(one)
        with httpx.Client() as client:  # an idle keep-alive connection must not block stop()
            client.get(one.url + "/api/v2/ticket/858462", headers={"apiKey": one.api_key})
            one.stop()
            assert not one.running

    assert set(threading.enumerate()) - before == set()
    with pytest.raises(RuntimeError):
        _ = one.url


def test_stop_does_not_wait_for_a_slow_response(fresh_db: Path) -> None:
    server = SandboxServer(fresh_db).start()
    server.faults.add("slow", delay_ms=30_000)
    answers: list[httpx.Response] = []

    def call() -> None:
        headers = {"apiKey": server.api_key}
        answers.append(httpx.get(server.url + "/api/v2/ticket/858462", headers=headers))

    caller = threading.Thread(target=call)
    caller.start()
    while not server.requests.all():
        time.sleep(0.01)
    started = time.perf_counter()
    server.stop()
    caller.join(10)

    assert time.perf_counter() - started < 1
    assert not server.running
    assert [(a.status_code, a.json()["status"]) for a in answers] == [(503, "error")]


def test_the_command_line_serves_and_prints_its_address(tmp_path: Path, template_db: Path) -> None:
    db = tmp_path / "cli.db"
    db.write_bytes(template_db.read_bytes())
    process = subprocess.Popen(
        [sys.executable, "-m", "omnitui.sandbox", "--port", "0", "--api-key", "k", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.fullmatch(
            r"omnitui sandbox listening on (http://127\.0\.0\.1:(\d+)) \(api key: k\)\n", line
        )
        assert match, line
        assert int(match.group(2)) > 0
        url = match.group(1)
        ok = httpx.get(f"{url}/api/v2/ticket/858462", headers={"apiKey": "k"})
        refused = httpx.get(f"{url}/api/v2/ticket/858462")
        assert ok.json()["item"]["id"] == 858462
        assert refused.status_code == 401
        assert refused.json() == {"status": "error", "message": "Invalid API key."}
    finally:
        process.send_signal(signal.SIGINT if os.name == "posix" else signal.SIGTERM)
        _, stderr = process.communicate(timeout=20)
    assert process.returncode == 0, stderr
    assert stderr == ""  # quiet: no access log, no startup chatter


def test_a_parent_process_sees_progress_and_stops_it_by_closing_stdin(tmp_path: Path) -> None:
    db = tmp_path / "first-run.db"
    env = {**os.environ, "OMNITUI_SANDBOX_API_KEY": "secret-from-env"}
    process = subprocess.Popen(
        [sys.executable, "-m", "omnitui.sandbox", "--port", "0", "--db", str(db),
         "--exit-with-parent"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None and process.stdin is not None
        lines: list[str] = []
        while not (lines and "listening on" in lines[-1]):
            line = process.stdout.readline()
            assert line, lines
            lines.append(line)
        seeding = [tuple(map(int, m.groups())) for m in map(SEEDING.search, lines) if m]
        assert seeding[0][0] < seeding[-1][0] == seeding[-1][1]
        assert "secret-from-env" not in "".join(lines)
        url = re.search(r"listening on (\S+)", lines[-1]).group(1)  # type: ignore[union-attr]
        with httpx.Client(base_url=url) as client:
            assert client.get("/api/v2/ticket/1", headers={"apiKey": "wrong"}).status_code == 401
            ok = client.get("/api/v2/ticket/858462", headers={"apiKey": "secret-from-env"})
            assert ok.status_code == 200

        process.stdin.close()
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_main_reports_a_busy_port_without_a_traceback(
    shared: SandboxServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--port", str(shared.port), "--db", str(tmp_path / "x.db"), "--api-key", "k"])

    assert status == 1
    assert "cannot listen" in capsys.readouterr().err


def test_main_rejects_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--port", "70000"], ["--fail-rate", "2"], ["--latency", "-1"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2


def test_the_default_database_is_the_demo_database_in_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omnitui.sandbox.server.command import default_db_path

    monkeypatch.setenv("OMNITUI_DATA_DIR", str(tmp_path))

    assert default_db_path() == tmp_path / "demo.sqlite3"
