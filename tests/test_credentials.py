"""The api key: where it comes from, where it goes (only the apiKey header, only to the configured
host), and where it never shows up (reprs, error messages, tracebacks, screenshots, the debug log).
"""

from __future__ import annotations

import logging
import os
import stat
import traceback
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from omnitui.api.client import OmnideskClient
from omnitui.api.errors import ApiError, AuthError, ProtocolError, RejectedError
from omnitui.cli import main
from omnitui.runtime.backends import Endpoint
from omnitui.runtime.logs import setup_file_log
from omnitui.sandbox import SandboxServer
from omnitui.settings.load import ConfigError, load_settings, permission_warning, resolve_account
from omnitui.tui.screens.lookup import LookupScreen

from .tui.conftest import app_for, screen_text, settle, wait_until

SECRET = "sk-live-8f3a9c2e7b1d4f60a5e9"


def write_config(home: Path, text: str, mode: int = 0o600) -> Path:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return path


# ----------------------------------------------------------------------------------------------
# Where the key comes from


def test_a_key_from_the_environment_wins_over_the_file(isolated_home: Path) -> None:
    write_config(isolated_home, '[profiles.default]\nurl = "https://a.example"\napi_key = "file"\n')
    account = resolve_account(
        load_settings(), env={"OMNIDESK_URL": "https://b.example", "OMNIDESK_API_KEY": SECRET}
    )
    assert (account.url, account.api_key.get_secret_value()) == ("https://b.example", SECRET)


def test_a_key_from_the_config_file_and_from_a_command(isolated_home: Path) -> None:
    write_config(
        isolated_home,
        f'[profiles.default]\nurl = "https://acme.omnidesk.com"\napi_key = "{SECRET}"\n'
        '[profiles.other]\nurl = "https://other.omnidesk.com"\napi_key_command = "echo k-456"\n',
    )
    settings = load_settings()
    default = resolve_account(settings, env={})
    other = resolve_account(settings, "other", env={})

    assert default.api_key.get_secret_value() == SECRET
    assert other.api_key.get_secret_value() == "k-456"
    for shown in (repr(default), str(default), repr(settings), str(settings.profiles)):
        assert SECRET not in shown


def test_a_failing_key_command_does_not_show_its_output(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = f"sh -c 'echo {SECRET}; echo {SECRET} >&2; exit 3'"
    write_config(
        isolated_home,
        f'[profiles.default]\nurl = "https://a.example"\napi_key_command = "{command}"\n',
    )
    with pytest.raises(ConfigError) as raised:
        resolve_account(load_settings(), env={})
    assert "failed (exit 3)" in str(raised.value)
    assert SECRET not in str(raised.value)
    assert SECRET not in "".join(traceback.format_exception(raised.value))
    captured = capsys.readouterr()
    assert SECRET not in captured.out + captured.err

    assert main([]) == 2  # and the command line says so without the key either
    captured = capsys.readouterr()
    assert "api_key_command" in captured.err
    assert SECRET not in captured.out + captured.err


def test_an_unknown_profile_is_named(isolated_home: Path) -> None:
    write_config(isolated_home, '[profiles.x]\nurl = "https://a.example"\napi_key = "k"\n')
    with pytest.raises(ConfigError, match="no profile 'nope'"):
        resolve_account(load_settings(), "nope", env={})


def test_a_config_file_others_can_read_gets_a_warning(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_config(
        isolated_home,
        f'[profiles.default]\nurl = "https://a.example"\napi_key = "{SECRET}"\n',
        mode=0o644,
    )
    warning = permission_warning(path)
    assert warning is not None
    assert "can be read by other users (mode 644)" in warning and "chmod 600" in warning
    assert SECRET not in warning

    # The command line prints it before starting (the app itself is not started here).
    started: list[object] = []
    monkeypatch.setattr("omnitui.tui.app.OmniApp.run", lambda self: started.append(self))
    assert main([]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "chmod 600" in err and SECRET not in err
    assert started

    path.chmod(0o600)
    assert permission_warning(path) is None
    # A file with only a key command is no secret.
    write_config(isolated_home, '[profiles.default]\napi_key_command = "pass x"\n', mode=0o644)
    assert permission_warning(path) is None


# ----------------------------------------------------------------------------------------------
# Where the key goes


async def test_the_key_goes_only_in_the_apikey_header(shared: SandboxServer) -> None:
    async with OmnideskClient(shared.url, shared.api_key) as client:
        await client.get_ticket(858462)
        await client.list_tickets(query="Thomas")
    assert len(shared.requests) == 2
    for request in shared.requests:
        assert request.header("apiKey") == shared.api_key
        others = {k: v for k, v in request.headers.items() if k != "apikey"}
        assert shared.api_key not in repr(others)  # no Authorization header, no cookie
        assert shared.api_key not in request.path + request.query + request.body


async def test_a_redirect_to_another_host_is_not_followed() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.host == "acme.omnidesk.com":
            return httpx.Response(302, headers={"Location": "https://evil.example/api/v2/x"})
        return httpx.Response(200, json={"type": "item", "item": {"id": 1}})

    transport = httpx.MockTransport(answer)
    async with OmnideskClient("https://acme.omnidesk.com", SECRET, transport=transport) as client:
        with pytest.raises(ProtocolError) as raised:
            await client.get_ticket(1)
    assert [request.url.host for request in seen] == ["acme.omnidesk.com"]
    assert seen[0].headers["apiKey"] == SECRET
    assert str(raised.value) == (
        "Omnidesk redirected the request to evil.example; check the account URL (OMNIDESK_URL). "
        "The API key was not sent there."
    )


# ----------------------------------------------------------------------------------------------
# Where the key never shows


async def test_the_key_is_in_no_repr_error_or_traceback(shared: SandboxServer) -> None:
    key = shared.api_key
    client = OmnideskClient(shared.url, key)
    # A server (or proxy) that echoes the key back in its error message.
    shared.faults.add("401", message=f"Key {key} is not valid for this account.")
    shared.faults.add("400", message=f"apiKey={key} rejected")
    errors: list[ApiError] = []
    async with client:
        for _ in range(2):
            try:
                await client.get_ticket(858462)
            except ApiError as exc:
                errors.append(exc)
    assert [type(e) for e in errors] == [AuthError, RejectedError]
    shown = [repr(client), repr(Endpoint(shared.url, key, "x"))]
    for error in errors:
        shown += [str(error), repr(error), "".join(traceback.format_exception(error))]
    assert all(key not in text for text in shown), [t for t in shown if key in t]
    assert "[api key]" in str(errors[1])

    with pytest.raises(AuthError) as raised:
        OmnideskClient(shared.url, "")
    assert "No API key is configured" in str(raised.value)


async def test_the_key_is_not_on_screen_or_in_a_screenshot(shared: SandboxServer) -> None:
    message = f"Your key {shared.api_key} may not read this."
    shared.faults.add("403", path="/api/v2/ticket/858462", message=message)
    app = app_for(shared)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: app.client is not None)
        await pilot.press(*"858462", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LookupScreen)
        assert "no permission for that (HTTP 403)" in screen_text(app)
        assert shared.api_key not in screen_text(app)
        assert shared.api_key not in app.export_screenshot()


# ----------------------------------------------------------------------------------------------
# The debug log (--log FILE)


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.mark.usefixtures("restore_logging")
async def test_the_debug_log_is_private_and_never_holds_the_key(
    shared: SandboxServer, tmp_path: Path
) -> None:
    key = shared.api_key
    path = tmp_path / "omnitui.log"
    path.write_text("")
    path.chmod(0o644)  # an existing file is made private too
    setup_file_log(str(path), [key])
    for name in ("httpx", "httpcore", "omnitui"):
        assert logging.getLogger(name).isEnabledFor(logging.DEBUG)

    shared.faults.add("503", message=f"upstream said apiKey={key}")
    shared.faults.add("401", message=f"Invalid key {key}", count=5)
    async with OmnideskClient(shared.url, key) as client:
        with pytest.raises(AuthError):
            await client.get_ticket(858462)  # a 503 (retried, logged), then a 401
    # Whatever else might log it: a careless debug line, arguments, a traceback.
    logging.getLogger("httpx").debug("headers: %s", {"apiKey": key})
    try:
        raise RuntimeError(f"request with apiKey {key} failed")
    except RuntimeError:
        logging.getLogger("omnitui").exception("while talking to Omnidesk")
    for handler in logging.getLogger().handlers:
        handler.flush()

    text = path.read_text(encoding="utf-8")
    assert "retrying GET /api/v2/ticket/858462" in text  # the log did record the failure
    assert "HTTP Request: GET" in text and "RuntimeError: request with apiKey" in text
    assert key not in text
    assert "[redacted]" in text
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
