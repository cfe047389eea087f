"""Memory of the real app in a pseudo-terminal: idle, with the long ticket open, and per entry.

Idle: ``omnitui`` on the lookup screen, once it and its helpers have used no CPU for half a
second. With the ticket: ``omnitui TICKET``, once its status line shows every entry and the
app and its HTML worker have gone quiet (all converted); the app's figure is its peak RSS
(``VmHWM``). The HTML worker is another process (any process the app started counts, however
deep: a forkserver's children too); its RSS is sampled every 0.1 s meanwhile and its highest
value kept, so a worker that stops once idle is still counted. What an agent costs the jump
host is the sum: app plus worker.

Per 1,000 entries: the app plus its worker (current RSS, once quiet) holding the seed's
3-entry ticket, the 5,000-entry one and the 50,000-entry one; the 3-entry ticket's figure is
the cost of the ticket screen itself, taken off both, so ``(RSS(n) − RSS(3)) / (n / 1000)``
is what the entries cost. Linear growth gives the same figure for both sizes.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from tools.bench.common import (
    BenchConfig,
    Sandbox,
    Stat,
    cpu_seconds,
    descendants,
    isolated_env,
    rss_mb,
)
from tools.bench.pty_run import PtyProcess
from tools.bench.startup import OMNITUI_MARKER

SEED_TICKET, SEED_ENTRIES = 858462, 3
#: What the app as shipped says about an answer over its size cap.
TOO_LARGE = "larger than"


def workers_rss(pid: int) -> float:
    """RSS of every process the app started (the HTML worker, however it was started)."""
    return sum(rss_mb(child) or 0.0 for child in descendants(pid))


def ticket_marker(entries: int) -> str:
    """The status line once every entry is read ("100 of 5000 entries read" is not it)."""
    return f"{entries} entries · "


@dataclass
class Sampler:
    """The highest RSS of the app's helpers seen while waiting."""

    pid: int
    worker_peak: float = 0.0

    def sample(self) -> None:
        self.worker_peak = max(self.worker_peak, workers_rss(self.pid))


def wait_quiet(process: PtyProcess, timeout: float, sampler: Sampler | None = None) -> None:
    """Until the app and its helpers stop using CPU for half a second (conversion done)."""
    deadline = time.perf_counter() + timeout
    last: float | None = None
    quiet_since = time.perf_counter()
    while time.perf_counter() < deadline:
        process.idle(0.1)
        if sampler is not None:
            sampler.sample()
        used = sum(cpu_seconds(p) or 0.0 for p in [process.pid, *descendants(process.pid)])
        if last is None or used - last > 0.01:
            quiet_since = time.perf_counter()
        elif time.perf_counter() - quiet_since > 0.5:
            return
        last = used


def wait_any(process: PtyProcess, markers: Sequence[str], timeout: float) -> str:
    """The first of ``markers`` drawn (polling while it waits); raises TimeoutError."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        text = process.text()
        for marker in markers:
            if marker in text:
                return marker
        if not process.pump(0.1):
            break
    raise TimeoutError(f"none of {markers!r} drawn; last output: {process.text()[-400:]!r}")


def app_argv(*args: str, uncapped: bool = False) -> list[str]:
    module = "tools.bench.uncapped" if uncapped else "omnitui"
    return [sys.executable, "-m", module, *args]


@dataclass
class Holding:
    """One run of the app with a ticket open, once quiet."""

    peak: float
    rss: float
    worker: float
    worker_peak: float

    @property
    def total(self) -> float:
        return self.rss + self.worker


def hold_ticket(process: PtyProcess, entries: int, timeout: float = 120) -> Holding:
    """Once the ticket shows every entry and everything is converted: its memory."""
    sampler = Sampler(process.pid)
    process.wait_for(ticket_marker(entries), timeout)
    wait_quiet(process, timeout, sampler)
    worker = workers_rss(process.pid)
    return Holding(
        peak=rss_mb(process.pid, "VmHWM") or 0.0,
        rss=rss_mb(process.pid) or 0.0,
        worker=worker,
        worker_peak=max(sampler.worker_peak, worker),
    )


def measure(config: BenchConfig, sandbox: Sandbox) -> dict[str, object]:
    env = isolated_env(
        config.workdir / "home-memory", OMNIDESK_URL=sandbox.url, OMNIDESK_API_KEY=sandbox.api_key
    )
    idle: list[float] = []
    idle_worker: list[float] = []
    held: list[Holding] = []
    for _ in range(config.runs):
        with PtyProcess(app_argv(), env) as process:
            process.wait_for(OMNITUI_MARKER, 60)
            wait_quiet(process, 10)
            idle.append(rss_mb(process.pid) or 0.0)
            idle_worker.append(workers_rss(process.pid))
            if config.quick:  # the smoke test: open the ticket in the same process
                process.send(str(config.ticket).encode() + b"\r")  # the lookup field has focus
                held.append(hold_ticket(process, config.entries))
                continue
        with PtyProcess(app_argv(str(config.ticket)), env) as process:
            held.append(hold_ticket(process, config.entries))
    figures: dict[str, object] = {
        "idle_rss_mb": Stat.of(idle),
        "idle_worker_rss_mb": Stat.of(idle_worker),
        "idle_total_rss_mb": Stat.of([a + w for a, w in zip(idle, idle_worker, strict=True)]),
        "ticket_peak_rss_mb": Stat.of([h.peak for h in held]),
        "ticket_rss_mb": Stat.of([h.rss for h in held]),
        "ticket_worker_rss_mb": Stat.of([h.worker for h in held]),
        "ticket_worker_peak_rss_mb": Stat.of([h.worker_peak for h in held]),
        "ticket_total_peak_rss_mb": Stat.of([h.peak + h.worker_peak for h in held]),
    }
    figures.update(_per_entry(config, env, Stat.of([h.total for h in held]).median))
    return figures


def _per_entry(config: BenchConfig, env: dict[str, str], base_total: float) -> dict[str, object]:
    """MB per 1,000 entries at the long ticket's size and at ten times that."""
    with PtyProcess(app_argv(str(SEED_TICKET)), env) as process:
        small = hold_ticket(process, SEED_ENTRIES).total
    accepted = True
    with PtyProcess(app_argv(str(config.scale_ticket)), env) as process:
        marker = ticket_marker(config.scale_entries)
        if wait_any(process, [marker, TOO_LARGE], 300) == marker:
            scale = hold_ticket(process, config.scale_entries, 600)
        else:
            accepted = False
    if not accepted:  # as shipped the app refuses the answer: measure with the cap lifted
        with PtyProcess(app_argv(str(config.scale_ticket), uncapped=True), env) as process:
            scale = hold_ticket(process, config.scale_entries, 600)

    def per_1000(total: float, entries: int) -> float:
        return (total - small) / ((entries - SEED_ENTRIES) / 1000)

    base = per_1000(base_total, config.entries)
    large = per_1000(scale.total, config.scale_entries)
    return {
        "small_ticket_total_rss_mb": small,
        "ticket_total_rss_mb": base_total,
        "scale_total_rss_mb": scale.total,
        "scale_peak_rss_mb": scale.peak,
        "mb_per_1000_entries": base,
        "scale_mb_per_1000_entries": large,
        "mb_per_1000_ratio": large / base if base > 0 else 0.0,
        "scale_accepted_as_shipped": accepted,
    }
