"""Typed-ahead keys: a burst written to the terminal in one ``write()`` while the app is busy.

``omnitui 858462`` starts in a pseudo-terminal, and the bench writes, in one ``write()``::

    c  Broken desk  Tab Tab Tab  a@b.nl  Tab  Anna de Vries  ctrl+s

``c`` opens the new-ticket form; Tab moves from the title past direction and channel to the
customer's address and the customer's name; ctrl+s sends. Our address comes from the open
ticket: keys typed before the ticket has arrived wait for it (``tui/key_order.py``), as a slow
typist's would have, so the form is always opened from the loaded ticket. Two moments:

- *starting*: as soon as the first frame is drawn, while the app is still opening the ticket
  screen, loading the ticket, starting its HTML worker and composing the lookup tabs;
- *on the ticket*: once the ticket is shown, so the form opens while the keys are arriving.

What went over the wire is read from the sandbox's request log: the burst is intact when
exactly one ticket was created, with exactly the title, addresses and name typed, which is what
the same keys typed one at a time produce (checked once per full run: the *slow typist*). The
time is from the ``write()`` to the create request reaching the sandbox. Every burst starts
from empty config and data folders, so no draft of an earlier one is restored.
"""

from __future__ import annotations

import sys
import time

import httpx

from tools.bench.common import BenchConfig, Sandbox, Stat, cpu_seconds, descendants, isolated_env
from tools.bench.pty_run import PtyProcess
from tools.bench.startup import TIMEOUT

#: The first frame of ``omnitui 858462``: the ticket screen (its footer), before the ticket.
FIRST_FRAME = "palette"

BURST = b"cBroken desk\t\t\ta@b.nl\tAnna de Vries\x13"
#: The create request's fields: what the keys above type, and our address from the ticket.
EXPECTED = {
    "title": "Broken desk",
    "from": "a@b.nl",
    "fromName": "Anna de Vries",
    "to": "service@mybrand.com",
}
#: The ticket screen's status line once 858462 is shown.
TICKET_SHOWN = "oldest first"
#: How long a burst may take to arrive at the sandbox before it counts as lost (it does so
#: sooner once the app has been idle for a second: every key has been handled by then).
PATIENCE = 20.0


def _creates(sandbox: Sandbox) -> list[dict[str, str]]:
    response = httpx.get(
        f"{sandbox.url}/_sandbox/requests", headers={"apiKey": sandbox.api_key}, timeout=30
    )
    response.raise_for_status()
    return [
        dict(item["form"])
        for item in response.json()["items"]
        if item["method"] == "POST" and item["path"] == "/api/v2/ticket"
    ]


class _Quiet:
    """Whether the app and its helpers have used no CPU for a second: every key is handled."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.used = -1.0
        self.since = time.perf_counter()

    def for_a_second(self) -> bool:
        used = sum(cpu_seconds(p) or 0.0 for p in [self.pid, *descendants(self.pid)])
        now = time.perf_counter()
        if used - self.used > 0.01:
            self.used, self.since = used, now
        return now - self.since > 1.0


def _run(config: BenchConfig, sandbox: Sandbox, name: str, moment: str) -> tuple[bool, float]:
    """One burst at ``moment`` ("starting", "ticket" or "slow", one key at a time once the
    ticket shows): intact?, and seconds from the write until the form reached the wire."""
    env = isolated_env(
        config.workdir / name, OMNIDESK_URL=sandbox.url, OMNIDESK_API_KEY=sandbox.api_key
    )
    before = len(_creates(sandbox))
    with PtyProcess([sys.executable, "-m", "omnitui", "858462"], env) as process:
        process.wait_for(FIRST_FRAME, TIMEOUT)
        if moment != "starting":
            process.wait_for(TICKET_SHOWN, TIMEOUT)
        if moment == "slow":
            for key in BURST:
                process.send(bytes([key]))
                process.idle(1.0 if key == ord("c") else 0.15)
        sent = time.perf_counter()
        if moment != "slow":
            process.send(BURST)
        quiet = _Quiet(process.pid)
        while time.perf_counter() - sent < PATIENCE and not quiet.for_a_second():
            process.idle(0.05)
            if _creates(sandbox)[before:]:
                break
        elapsed = time.perf_counter() - sent
        process.idle(0.3)  # a second request would come right after the first
        created = _creates(sandbox)[before:]
    intact = len(created) == 1 and all(created[0].get(k) == v for k, v in EXPECTED.items())
    return intact, elapsed


def measure(config: BenchConfig, sandbox: Sandbox) -> dict[str, object]:
    bursts = 1 if config.quick else max(config.runs, 5)
    figures: dict[str, object] = {"bursts": bursts}
    for moment in ("starting", "ticket"):
        results = [_run(config, sandbox, f"home-{moment}-{n}", moment) for n in range(bursts)]
        intact = [elapsed * 1000 for ok, elapsed in results if ok]
        figures[f"bursts_intact_{moment}"] = len(intact)
        if intact:
            figures[f"burst_sent_ms_{moment}"] = Stat.of(intact)
    if not config.quick:
        figures["slow_typist_intact"] = _run(config, sandbox, "home-slow", "slow")[0]
    return figures
