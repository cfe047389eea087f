"""``omnitui config``: prompts, checks against the API, and a private config file."""

from __future__ import annotations

import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from omnitui.cli import main as cli_main
from omnitui.core import paths
from omnitui.sandbox import SandboxServer
from omnitui.settings.command import AGENT_PROMPT, main
from omnitui.settings.load import load_settings, resolve_account


def answers(*replies: str) -> tuple[list[str], object]:
    """A fake ``input``: returns the replies in order and records the prompts."""
    prompts: list[str] = []
    queue: Iterator[str] = iter(replies)

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        try:
            return next(queue)
        except StopIteration:
            raise EOFError from None

    return prompts, ask


def saved() -> dict:
    return tomllib.loads(paths.config_file().read_text(encoding="utf-8"))


def test_asks_checks_and_saves_a_private_profile(
    shared: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts, ask = answers(shared.url, "")
    _, ask_secret = answers(shared.api_key)

    assert main([], ask=ask, ask_secret=ask_secret) == 0

    out = capsys.readouterr().out
    assert "The key works." in out and shared.api_key not in out
    assert "Replies and notes will be sent as Anonymous" in out  # no e-mail address given
    assert stat.S_IMODE(paths.config_file().stat().st_mode) == 0o600
    account = resolve_account(load_settings(), env={})
    assert (account.url, account.api_key.get_secret_value()) == (shared.url, shared.api_key)
    assert account.agent_email == ""
    assert prompts == ["Account URL (e.g. https://acme.omnidesk.com): ", AGENT_PROMPT]


def test_a_bad_url_is_asked_again_with_the_reason(
    shared: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts, ask = answers("ftp://files.example", "http://acme.example", shared.url, "")
    _, ask_secret = answers("", shared.api_key)

    assert main([], ask=ask, ask_secret=ask_secret) == 0

    out = capsys.readouterr().out
    assert "is not an account URL" in out
    assert "must use https://" in out  # the key would travel in clear
    assert "Type the API key" in out
    assert len(prompts) == 4


def test_a_refused_key_is_not_saved_unless_the_user_insists(
    shared: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _, ask = answers(shared.url, "n")
    _, ask_secret = answers("wrong-key")
    assert main([], ask=ask, ask_secret=ask_secret) == 1
    out = capsys.readouterr().out
    assert "The API key was refused" in out and "Nothing was written." in out
    assert not paths.config_file().exists()

    _, ask = answers(shared.url, "y", "me@mybrand.com")
    _, ask_secret = answers("wrong-key")
    assert main(["--profile", "later"], ask=ask, ask_secret=ask_secret) == 0
    assert saved()["profiles"]["later"]["api_key"] == "wrong-key"
    assert saved()["profiles"]["later"]["agent_email"] == "me@mybrand.com"  # not looked up
    assert "omnitui --profile later" in capsys.readouterr().out


def test_other_profiles_and_settings_are_kept(isolated_home: Path) -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True)
    path.write_text(
        'theme = "nord"\n[profiles.acme]\nurl = "https://acme.omnidesk.com"\napi_key = "a"\n'
        '[keymap]\n"ticket.reply" = "R"\n'
    )
    _, ask_secret = answers("new-key")
    args = ["--profile", "eu", "--url", "https://eu.omnidesk.com", "--no-check", "--agent-email="]
    assert main(args, ask_secret=ask_secret) == 0

    document = saved()
    assert document["theme"] == "nord" and document["keymap"] == {"ticket.reply": "R"}
    assert document["profiles"]["acme"]["api_key"] == "a"
    assert document["profiles"]["eu"] == {"url": "https://eu.omnidesk.com", "api_key": "new-key"}


def test_ctrl_d_writes_nothing_and_a_broken_file_is_a_message(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, ask = answers()
    assert main([], ask=ask) == 1
    assert "Nothing was written." in capsys.readouterr().out
    assert not paths.config_file().exists()

    path = paths.config_file()
    path.parent.mkdir(parents=True)
    path.write_text("[profiles\n")
    _, ask_secret = answers("k")
    args = ["--url", "https://acme.omnidesk.com", "--no-check", "--agent-email", ""]
    assert main(args, ask_secret=ask_secret) == 2
    err = capsys.readouterr().err
    assert "could not be read" in err and "Traceback" not in err
    assert path.read_text() == "[profiles\n"


def test_a_bad_profile_name_and_the_cli_entry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--profile", "a b"]) == 2
    assert "A profile name is letters" in capsys.readouterr().err
    with pytest.raises(SystemExit) as raised:
        cli_main(["config", "--help"])
    assert raised.value.code == 0
    assert "--profile" in capsys.readouterr().out


def test_the_agents_address_is_looked_up_asked_again_and_saved(
    shared: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts, ask = answers(shared.url, "me@", "nobody@example.com", "Demo@Example.com")
    _, ask_secret = answers(shared.api_key)

    assert main([], ask=ask, ask_secret=ask_secret) == 0

    out = capsys.readouterr().out
    assert "me@ is not an e-mail address" in out
    assert "no Omnidesk user has the e-mail address nobody@example.com" in out
    assert "Type it again, or leave it blank." in out
    assert "Found you: Demo Agent (user 4)." in out
    assert prompts.count(AGENT_PROMPT) == 3
    assert saved()["profiles"]["default"]["agent_email"] == "Demo@Example.com"
    assert resolve_account(load_settings(), env={}).agent_email == "Demo@Example.com"


def test_an_address_that_cannot_be_looked_up_is_kept(
    shared: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    shared.faults.add("403", path="/api/v2/user", permission="USER_READ")
    _, ask = answers(shared.url)
    _, ask_secret = answers(shared.api_key)
    assert main(["--agent-email", "demo@example.com"], ask=ask, ask_secret=ask_secret) == 0
    out = capsys.readouterr().out
    assert "this API key may not look users up (it lacks USER_READ)" in out
    assert "Saving demo@example.com anyway" in out
    assert saved()["profiles"]["default"]["agent_email"] == "demo@example.com"
