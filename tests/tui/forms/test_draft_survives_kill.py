"""A reply draft survives ``kill -9``: the real program in a real terminal (tmux), twice.

Start ``omnitui 858462`` against a sandbox, open the reply form, type, wait until the draft is
on disk, SIGKILL the process (no clean-up runs), start it again, open the reply form: the text
is there. Every wait polls the screen or the file; nothing sleeps a fixed time.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from omnitui.sandbox import SandboxServer

TEXT = "Hallo Thomas, dit concept overleeft kill -9."
VENV_OMNITUI = Path(sys.executable).with_name("omnitui")


def omnitui_command() -> list[str]:
    """The installed entry point, as an agent starts it."""
    return [str(VENV_OMNITUI)]


class Terminal:
    """One tmux server on a private socket: start a program, type, read the screen, kill."""

    def __init__(self, socket: Path, env: dict[str, str]) -> None:
        tmux = shutil.which("tmux")
        assert tmux, "tmux is needed for the end-to-end draft test"
        self.tmux = tmux
        self.socket = socket
        self.env = env

    def run(self, *args: str) -> str:
        result = subprocess.run(
            [self.tmux, "-S", str(self.socket), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
        return result.stdout if result.returncode == 0 else ""

    def start(self, command: list[str]) -> None:
        env = [f"-e{name}={value}" for name, value in self.env.items()]
        shell = "exec " + shlex.join(command)  # exec: the pane's process *is* omnitui
        subprocess.run(
            [
                *(self.tmux, "-S", str(self.socket), "new-session", "-d", "-s", "omnitui"),
                *("-x", "100", "-y", "30", *env, shell),
            ],
            check=True,
            timeout=10,
            env={**os.environ, **self.env},
        )

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "omnitui")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "omnitui", *(["-l"] if literal else []), *keys)

    def pid(self) -> int:
        return int(self.run("display-message", "-p", "-t", "omnitui", "#{pane_pid}").strip())

    def alive(self) -> bool:
        return bool(self.run("list-sessions"))

    def close(self) -> None:
        self.run("kill-server")


def wait_for(condition: Callable[[], object], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def terminal(sandbox: SandboxServer, isolated_home: Path, tmp_path: Path) -> Iterator[Terminal]:
    env = {
        "OMNIDESK_URL": sandbox.url,
        "OMNIDESK_API_KEY": sandbox.api_key,
        "OMNITUI_DATA_DIR": str(isolated_home / "data"),
        "OMNITUI_CONFIG_DIR": str(isolated_home / "config"),
        "TEXTUAL_ANIMATIONS": "none",
        "TERM": "xterm-256color",
    }
    terminal = Terminal(tmp_path / "tmux.sock", env)
    try:
        yield terminal
    finally:
        terminal.close()


def test_a_reply_draft_survives_the_process_being_killed(
    terminal: Terminal, isolated_home: Path
) -> None:
    drafts = isolated_home / "data" / "drafts"

    def saved() -> str:
        files = list(drafts.glob("*/reply-858462.json"))
        return json.loads(files[0].read_text(encoding="utf-8"))["fields"]["body"] if files else ""

    terminal.start([*omnitui_command(), "858462"])
    wait_for(lambda: "vraag van Thomas" in terminal.screen(), "the ticket")
    terminal.keys("r")
    wait_for(lambda: "Reply to #858462" in terminal.screen(), "the reply form")
    terminal.keys(TEXT, literal=True)
    wait_for(lambda: saved() == TEXT, "the draft on disk", timeout=10)

    pid = terminal.pid()
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: not terminal.alive(), "the killed program's terminal to close", timeout=10)

    terminal.start([*omnitui_command(), "858462"])
    wait_for(lambda: "vraag van Thomas" in terminal.screen(), "the ticket, again")
    terminal.keys("r")
    wait_for(lambda: TEXT in terminal.screen(), "the draft in the reply form")
    assert "Your unsent draft for this ticket is back." in terminal.screen()
    terminal.keys("C-q")
    wait_for(lambda: not terminal.alive(), "omnitui to quit", timeout=10)
    assert saved() == TEXT  # quitting with the form open keeps it too
