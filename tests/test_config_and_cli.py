"""Configuration and the command line: what a user types, and what they are told."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from omnitui import __version__
from omnitui.cli import main
from omnitui.settings.load import (
    ConfigError,
    load_settings,
    resolve_account,
)


def write_config(home: Path, text: str, mode: int = 0o600) -> Path:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)
    return path


def test_missing_configuration_says_what_to_set() -> None:
    with pytest.raises(ConfigError) as raised:
        resolve_account(load_settings(), env={})
    text = str(raised.value)
    assert "OMNIDESK_URL" in text and "OMNIDESK_API_KEY" in text and "--demo" in text


def test_a_broken_config_file_is_a_message(isolated_home: Path) -> None:
    write_config(isolated_home, "[profiles.default\nurl = ")
    with pytest.raises(ConfigError, match="could not be read"):
        load_settings()


def test_cli_without_configuration_exits_with_advice(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "OMNIDESK_API_KEY" in err and "omnitui --demo" in err
    assert "Traceback" not in err


def test_cli_rejects_a_ticket_that_is_not_a_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["12ab"])
    assert raised.value.code == 2
    assert "not a ticket number" in capsys.readouterr().err


def test_version_and_help_run_as_a_program() -> None:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    version = subprocess.run(
        [sys.executable, "-m", "omnitui", "--version"], capture_output=True, text=True, env=env
    )
    assert version.stdout.strip() == f"omnitui {__version__}"
    usage = subprocess.run(
        [sys.executable, "-m", "omnitui", "--help"], capture_output=True, text=True, env=env
    )
    for words in ("--demo", "--profile", "OMNIDESK_URL", "omnitui sandbox", "config.toml"):
        assert words in usage.stdout


def test_a_wrong_value_in_the_config_file_is_named(isolated_home: Path) -> None:
    write_config(isolated_home, 'auto_refresh = -5\n[profiles.acme]\nURL = "https://a.example"\n')
    with pytest.raises(ConfigError) as raised:
        load_settings()
    text = str(raised.value)
    assert "is not valid" in text
    assert "auto_refresh: Input should be greater than or equal to 0" in text
    assert "profiles.acme.URL: Extra inputs are not permitted" in text


def test_settings_read_as_typed_or_coerced_and_overridden_by_the_environment(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(
        isolated_home,
        'theme = "nord"\nauto_refresh = 30\nother = 1\n[keymap]\n"lookup.search" = "f3"\n'
        '[profiles.acme]\nurl = "https://acme.omnidesk.com"\napi_key_command = "pass x"\n',
    )
    settings = load_settings()
    assert (settings.theme, settings.auto_refresh) == ("nord", 30)
    assert settings.keymap == {"lookup.search": "f3"}
    acme = settings.profiles["acme"]
    assert (acme.url, acme.api_key, acme.api_key_command) == (
        "https://acme.omnidesk.com",
        None,
        "pass x",
    )

    write_config(isolated_home, 'auto_refresh = "15"\n')  # a string of digits is a number
    assert load_settings().auto_refresh == 15
    monkeypatch.setenv("OMNITUI_THEME", "dracula")
    monkeypatch.setenv("OMNITUI_AUTO_REFRESH", "5")
    settings = load_settings()
    assert (settings.theme, settings.auto_refresh) == ("dracula", 5)


ORDINARY_CONFIG = (
    'theme = "nord"\nauto_refresh = 30\n[keymap]\n"lookup.search" = "f3"\n'
    '[profiles.default]\nurl = "https://acme.omnidesk.com"\napi_key = "k-1"\n'
    'agent_email = "me@acme.com"\nuser_id = 12\n'
    '[profiles.eu]\nurl = "https://eu.omnidesk.com"\napi_key_command = "pass eu"\n'
)


@pytest.mark.parametrize("text", [ORDINARY_CONFIG, None], ids=["every setting", "no file"])
def test_an_ordinary_config_is_read_without_pydantic_and_as_pydantic_reads_it(
    isolated_home: Path, text: str | None
) -> None:
    if text is not None:
        write_config(isolated_home, text)
    probe = (
        "import sys, tomllib\n"
        "from omnitui.core import paths\n"
        "from omnitui.settings.load import load_settings\n"
        "quick = load_settings()\n"
        "print('pydantic' in sys.modules)\n"
        "from omnitui.settings.validation import validated_settings\n"
        "path = paths.config_file()\n"
        "data = tomllib.loads(path.read_text()) if path.exists() else {}\n"
        "print(quick == validated_settings(data))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]
