"""Configuration and the command line: what a user types, and what they are told."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from omnitui import __version__
from omnitui.cli import main
from omnitui.config import (
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
