"""``omnitui doctor``: the account check a user pastes into a bug report (issue 14).

Run through the command line's ``main`` against the sandbox (the shared server, with a queued 403
for a missing permission) and a self-signed HTTPS server for a bad certificate; what is asserted
is what the user reads, the exit code, and that only reads went over the wire.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import trustme

from omnitui.cli import main
from omnitui.doctor import command
from omnitui.doctor.account import Target, check_account
from omnitui.doctor.lines import Check, Mark, render
from omnitui.doctor.tls import check_address
from omnitui.sandbox import SandboxServer
from omnitui.settings.schema import Profile, SecretStr, Settings

from .conftest import API_KEY

NOT_KNOWN = (
    "! Writes: not known yet: omnitui checks each write and remembers what the account applies"
)


def write_profile(home: Path, name: str, url: str, key: str) -> None:
    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    path = config / "config.toml"
    path.write_text(f'[profiles.{name}]\nurl = "{url}"\napi_key = "{key}"\n', encoding="utf-8")
    path.chmod(0o600)


def doctor(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["doctor", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out


def lines_starting(out: str, mark: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(mark + " ")]


# --------------------------------------------------------------------------------------------
# Against the sandbox


def test_a_working_account_gets_a_green_report_made_with_reads_only(
    shared: SandboxServer, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_profile(isolated_home, "sandbox", shared.url, API_KEY)

    code, out = doctor(capsys, "--profile", "sandbox")

    assert code == 0
    head = out.splitlines()[:4]
    assert head[0] == "omnitui doctor, profile 'sandbox'"
    for part in ("omnitui 0.1.0", "Python 3.", "Textual 8.", "httpx 0.28"):
        assert part in head[1]
    assert head[2] == f"URL: {shared.url}"
    assert head[3] == "API key: [redacted] (from the config file)"
    assert [line.split(":")[0] for line in lines_starting(out, "✓")] == [
        "✓ URL and TLS",
        "✓ API key",
        "✓ List tickets (TICKET_READ)",
        "✓ Read a ticket (TICKET_READ)",
        "✓ Views (VIEW_READ)",
        "✓ Users (USER_READ)",
        "✓ Clock",
        "✓ Result",
    ]
    assert "✓ Views (VIEW_READ): 5 views, shown as queues" in out
    assert "! Your agent user: not configured" in out  # no agent_email/user_id in the profile
    assert NOT_KNOWN in out
    assert not lines_starting(out, "✗")
    assert out.rstrip().endswith("✓ Result: reading and replying will work.")
    assert API_KEY not in out
    sent = shared.requests.all()
    assert {r.method for r in sent} == {"GET"}  # read-only
    assert {r.path.split("/")[3] for r in sent} == {"ticket", "view", "user"}


def test_a_wrong_key_is_said_plainly_and_stops_the_checks(
    shared: SandboxServer, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = "wrong-key-0123456789"
    write_profile(isolated_home, "default", shared.url, wrong)

    code, out = doctor(capsys)

    assert code == 1
    assert (
        "✗ API key: Omnidesk refused it (HTTP 401): the API key is wrong or revoked\n"
        "    Make a new key in Omnidesk (Settings → API) and save it: omnitui config\n"
    ) in out
    assert "! Permissions: not checked: every call needs a working key" in out
    assert "✗ Result: reading and replying will not work until this is fixed: API key." in out
    assert wrong not in out
    assert len(shared.requests.all()) == 1  # every other call would be refused the same way


def test_an_ascii_terminal_gets_ascii_marks_and_the_whole_report(
    shared: SandboxServer, isolated_home: Path
) -> None:
    write_profile(isolated_home, "default", shared.url, "wrong-key-0123456789")
    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")

    code = command.main([], out=out)

    out.seek(0)
    text = out.read()
    assert code == 1
    assert "XX API key: Omnidesk refused it (HTTP 401): the API key is wrong or revoked" in text
    assert "(Settings ? API)" in text
    assert text.rstrip().endswith(
        "XX Result: reading and replying will not work until this is fixed: API key."
    )


def test_a_missing_permission_names_it_and_the_features_it_disables(
    shared: SandboxServer, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_profile(isolated_home, "default", shared.url, API_KEY)
    shared.faults.add("403", permission="VIEW_READ")

    code, out = doctor(capsys)

    assert code == 0  # reading and replying still work
    assert (
        "✗ Views (VIEW_READ): refused: This API key has no permission for that (HTTP 403). "
        "Omnidesk says: This API key does not have the VIEW_READ permission.\n"
        "    Without VIEW_READ: the queues (the account's views) on the first screen will not "
        "work.\n"
        "    Ask an Omnidesk administrator to give this API key the VIEW_READ permission.\n"
    ) in out
    assert "✓ List tickets (TICKET_READ)" in out
    assert out.rstrip().endswith(
        "✓ Result: reading and replying will work. Not available: Views (VIEW_READ)."
    )


def test_without_ticket_read_nothing_can_be_read_and_the_exit_code_says_so(
    shared: SandboxServer, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_profile(isolated_home, "default", shared.url, API_KEY)
    shared.faults.add("403", permission="TICKET_READ")

    code, out = doctor(capsys)

    assert code == 1
    assert "✓ API key: accepted" in out  # a 403 comes after the key was accepted
    assert "✗ List tickets (TICKET_READ): refused:" in out
    assert "Without TICKET_READ: opening a ticket, search" in out
    assert "until this is fixed: List tickets (TICKET_READ)." in out


def test_nothing_listening_is_a_connection_line(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_profile(isolated_home, "default", "http://127.0.0.1:9", API_KEY)

    code, out = doctor(capsys)

    assert code == 1
    assert "✗ Connection: Could not connect to 127.0.0.1: connection refused." in out


def test_an_unknown_profile_is_a_configuration_line(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_profile(isolated_home, "default", "https://acme.omnidesk.com", API_KEY)

    code, out = doctor(capsys, "--profile", "nope")

    assert code == 2
    assert "✗ Configuration: There is no profile 'nope' in " in out
    assert "(default)." in out


# --------------------------------------------------------------------------------------------
# The agent's user and the clock, in-process


def checks_of(target: Target, **kwargs: Any) -> dict[str, Check]:
    async def run() -> dict[str, Check]:
        return {check.name: check async for check in check_account(target, **kwargs)}

    return asyncio.run(run())


@pytest.mark.parametrize(
    ("email", "user_id", "line", "blocks"),
    [
        (
            "DEMO@example.com",
            None,
            "✓ Your agent user: Demo Agent (user 4), found by agent_email DEMO@example.com",
            False,
        ),
        (None, 2, "✓ Your agent user: marleen (user 2), found by user_id 2", False),
        (
            None,
            5,
            "✗ Your agent user: pieter (user 5) is not active: Omnidesk refuses replies sent as "
            "that user",
            True,
        ),
        (
            None,
            99,
            "✗ Your agent user: no agent has user_id 99: Omnidesk refuses replies sent as that "
            "user",
            True,
        ),
        (
            "nobody@example.com",
            None,
            "! Your agent user: no agent has the e-mail nobody@example.com: replies and notes are "
            'sent as "Agent Anonymous"',
            False,
        ),
    ],
)
def test_the_agents_user_is_looked_up(
    shared: SandboxServer, email: str | None, user_id: int | None, line: str, blocks: bool
) -> None:
    target = Target("default", shared.url, API_KEY, agent_email=email, user_id=user_id)

    agent = checks_of(target)["Your agent user"]

    assert render(agent).splitlines()[0] == line
    assert agent.blocks is blocks


def test_without_user_read_a_configured_e_mail_cannot_be_looked_up(
    shared: SandboxServer,
) -> None:
    shared.faults.add("403", permission="USER_READ")
    target = Target("acme", shared.url, API_KEY, agent_email="demo@example.com")

    checks = checks_of(target)

    assert checks["Users (USER_READ)"].mark is Mark.FAIL
    assert "finding your agent user from your e-mail" in checks["Users (USER_READ)"].effect
    assert render(checks["Your agent user"]) == (
        "! Your agent user: agent_email demo@example.com cannot be looked up without USER_READ\n"
        "    Set user_id in [profiles.acme] instead."
    )


def test_a_profile_with_the_agents_e_mail_is_read_by_name(
    shared: SandboxServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The settings agent_email/user_id come with the identity work; the doctor reads them by
    name, so a profile that has them is used as soon as the schema does."""

    @dataclasses.dataclass(frozen=True)
    class ProfileWithAgent(Profile):
        agent_email: str | None = None

    profile = ProfileWithAgent(
        url=shared.url, api_key=SecretStr(API_KEY), agent_email="demo@example.com"
    )
    monkeypatch.setattr(command, "load_settings", lambda: Settings(profiles={"default": profile}))

    code, out = doctor(capsys)

    assert code == 0
    assert "✓ Your agent user: Demo Agent (user 4), found by agent_email demo@example.com" in out


def test_a_clock_minutes_off_is_told_with_what_to_do(shared: SandboxServer) -> None:
    target = Target("default", shared.url, API_KEY)

    clock = checks_of(target, now=lambda: time.time() - 300)["Clock"]

    assert render(clock) == (
        "! Clock: this machine's clock is 5 min behind Omnidesk's\n"
        "    Times such as '5 min ago', snoozes and deadlines may be off by as much.\n"
        "    Turn on network time on this machine (e.g. timedatectl set-ntp true)."
    )


# --------------------------------------------------------------------------------------------
# TLS


class _Silent(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.keys.append(self.headers.get("apiKey"))  # type: ignore[attr-defined]
        self.send_response(500)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _TlsServer(ThreadingHTTPServer):
    def __init__(self, context: ssl.SSLContext) -> None:
        super().__init__(("127.0.0.1", 0), _Silent)
        self.context = context
        self.keys: list[str | None] = []

    def get_request(self) -> tuple[Any, Any]:
        sock, address = super().get_request()
        return self.context.wrap_socket(sock, server_side=True), address

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a refused handshake is the point


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA(organization_name="Doctor Test CA")


@pytest.fixture
def tls_server(ca: trustme.CA, monkeypatch: pytest.MonkeyPatch) -> Iterator[_TlsServer]:
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    server = _TlsServer(context)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_a_bad_certificate_is_told_precisely_and_no_key_is_sent(
    tls_server: _TlsServer, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"https://127.0.0.1:{tls_server.server_address[1]}"
    write_profile(isolated_home, "default", url, API_KEY)

    code, out = doctor(capsys)

    assert code == 1
    assert (
        "✗ URL and TLS: the certificate of 127.0.0.1 could not be verified: it was issued by an "
        "authority this machine does not trust (unable to get local issuer certificate)\n"
        "    If your company uses its own certificate authority (e.g. a proxy that inspects TLS), "
        "point SSL_CERT_FILE at its certificate.\n"
    ) in out
    assert "API key:" in out and "✓ API key" not in out  # not checked over a refused connection
    assert tls_server.keys == []
    assert out.rstrip().endswith("until this is fixed: URL and TLS.")


def test_a_trusted_certificate_is_named_with_its_expiry(
    tls_server: _TlsServer, ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "company-ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))

    check = asyncio.run(check_address(f"https://127.0.0.1:{tls_server.server_address[1]}"))

    assert check.mark is Mark.OK
    assert check.text.startswith(
        "127.0.0.1 has a valid certificate, issued by Doctor Test CA, until "
    )


def test_the_agent_set_in_the_environment_is_checked(
    shared: SandboxServer,
    isolated_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_profile(isolated_home, "sandbox", shared.url, API_KEY)
    monkeypatch.setenv("OMNIDESK_AGENT_EMAIL", "demo@example.com")  # as the app reads it

    code, out = doctor(capsys, "--profile", "sandbox")

    assert code == 0
    assert "✓ Your agent user: Demo Agent (user 4), found by agent_email demo@example.com" in out
