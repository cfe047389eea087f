"""Where the app's API lives: a configured account, or the demo sandbox in a child process.

The sandbox runs in its own process so that serving a large ticket never competes with the UI
for the GIL, and so that the UI paints its first frame while the sandbox is still starting.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

Progress = Callable[[str, float | None], None]
"""Told what is happening during start-up: a sentence and, when known, the fraction done."""

_LISTENING = re.compile(r"listening on (http://\S+)")
_SEEDING = re.compile(r"seeding (\d+)/(\d+)")


class BackendError(Exception):
    """The backend could not be started; the message says why."""


@dataclass(frozen=True)
class Endpoint:
    url: str
    api_key: str
    label: str

    def __repr__(self) -> str:
        return f"Endpoint(url={self.url!r}, label={self.label!r})"


#: The demo sandbox's own agent (its ``catalog.DEMO_AGENT_EMAIL``): the demo finds it by this.
DEMO_AGENT_EMAIL = "demo@example.com"


class Backend(Protocol):
    label: str
    #: Who the agent is on this account: an e-mail address (or name) to look up, or "".
    agent_email: str
    #: The agent's user id when it is configured (no lookup then).
    user_id: int | None

    async def start(self, progress: Progress) -> Endpoint: ...

    async def stop(self) -> None: ...


class AccountBackend:
    """A real Omnidesk account from the configuration: nothing to start."""

    def __init__(
        self,
        url: str,
        api_key: str,
        label: str,
        *,
        agent_email: str = "",
        user_id: int | None = None,
    ) -> None:
        self._endpoint = Endpoint(url, api_key, label)
        self.label = label
        self.agent_email = agent_email
        self.user_id = user_id

    async def start(self, progress: Progress) -> Endpoint:
        return self._endpoint

    async def stop(self) -> None:
        return None


class DemoBackend:
    """The sandbox, started as ``python -m omnitui.sandbox`` on a free loopback port."""

    label = "demo sandbox"
    agent_email = DEMO_AGENT_EMAIL
    user_id: int | None = None

    def __init__(self, db_path: Path, *, latency_ms: int = 0) -> None:
        self.db_path = db_path
        self.latency_ms = latency_ms
        self._api_key = secrets.token_urlsafe(16)
        self._process: asyncio.subprocess.Process | None = None

    @property
    def api_key(self) -> str:
        """The random key of this run's sandbox; the debug log redacts it like a real one."""
        return self._api_key

    async def start(self, progress: Progress) -> Endpoint:
        self.db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        first_run = not self.db_path.exists()
        progress(
            "Building the demo database (first run)…" if first_run else "Starting the sandbox…",
            0.0 if first_run else None,
        )
        command = [
            sys.executable,
            "-m",
            "omnitui.sandbox",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--db",
            str(self.db_path),
            "--latency",
            str(self.latency_ms),
            "--exit-with-parent",
        ]
        self._process = await asyncio.create_subprocess_exec(
            *command,
            env=_child_env(self._api_key),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        assert self._process.stdout is not None
        tail: list[str] = []
        while True:
            raw = await self._process.stdout.readline()
            if not raw:
                await self.stop()
                detail = " ".join(tail[-3:]) or "no output"
                raise BackendError(f"The demo sandbox did not start: {detail}")
            line = raw.decode("utf-8", errors="replace").strip()
            tail.append(line)
            if found := _LISTENING.search(line):
                url = found.group(1)
                break
            if found := _SEEDING.search(line):
                done, total = int(found.group(1)), int(found.group(2))
                progress("Building the demo database (first run)…", done / max(1, total))
        # Keep reading so the child never blocks on a full pipe.
        self._drain = asyncio.create_task(self._drain_output())
        return Endpoint(url, self._api_key, self.label)

    async def _drain_output(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        with contextlib.suppress(Exception):
            while await self._process.stdout.readline():
                pass

    async def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.returncode is not None:
            return
        if process.stdin is not None:
            process.stdin.close()
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), 3)
        except TimeoutError:
            process.kill()
            await process.wait()


def _child_env(api_key: str) -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["OMNITUI_SANDBOX_API_KEY"] = api_key  # not on the command line, where ps would show it
    return env
