"""Memory of the real app in a pseudo-terminal: idle, and with the big ticket open.

Idle: ``omnitui`` on the lookup screen, a few seconds after its first frame. With the ticket:
``omnitui TICKET``, once its status line shows the entries and the HTML worker has gone quiet
(all converted); the figure is the app process's peak RSS (``VmHWM``). The HTML worker is a
separate process; its RSS is reported next to the app's.
"""

from __future__ import annotations

import sys
import time

from tools.bench.common import (
    BenchConfig,
    Sandbox,
    Stat,
    children,
    cpu_seconds,
    isolated_env,
    rss_mb,
)
from tools.bench.pty_run import PtyProcess
from tools.bench.startup import OMNITUI_MARKER


def _workers_rss(pid: int) -> float:
    return sum(rss_mb(child) or 0.0 for child in children(pid))


def _wait_quiet(process: PtyProcess, timeout: float) -> None:
    """Until the app and its worker stop using CPU for half a second (conversion done)."""
    deadline = time.perf_counter() + timeout
    last: float | None = None
    quiet_since = time.perf_counter()
    while time.perf_counter() < deadline:
        process.idle(0.1)
        used = sum(cpu_seconds(p) or 0.0 for p in [process.pid, *children(process.pid)])
        if last is None or used - last > 0.01:
            quiet_since = time.perf_counter()
        elif time.perf_counter() - quiet_since > 0.5:
            return
        last = used


def measure(config: BenchConfig, sandbox: Sandbox) -> dict[str, Stat]:
    env = isolated_env(
        config.workdir / "home-memory", OMNIDESK_URL=sandbox.url, OMNIDESK_API_KEY=sandbox.api_key
    )
    idle: list[float] = []
    idle_worker: list[float] = []
    peak: list[float] = []
    open_rss: list[float] = []
    worker: list[float] = []
    for _ in range(config.runs):
        with PtyProcess([sys.executable, "-m", "omnitui"], env) as process:
            process.wait_for(OMNITUI_MARKER, 60)
            _wait_quiet(process, 10)
            idle.append(rss_mb(process.pid) or 0.0)
            idle_worker.append(_workers_rss(process.pid))
            if config.quick:  # the smoke test: open the ticket in the same process
                process.send(str(config.ticket).encode() + b"\r")  # the lookup field has focus
                _ticket(process, config, peak, open_rss, worker)
                continue
        argv = [sys.executable, "-m", "omnitui", str(config.ticket)]
        with PtyProcess(argv, env) as process:
            _ticket(process, config, peak, open_rss, worker)
    return {
        "idle_rss_mb": Stat.of(idle),
        "idle_worker_rss_mb": Stat.of(idle_worker),
        "ticket_peak_rss_mb": Stat.of(peak),
        "ticket_rss_mb": Stat.of(open_rss),
        "ticket_worker_rss_mb": Stat.of(worker),
    }


def _ticket(
    process: PtyProcess,
    config: BenchConfig,
    peak: list[float],
    open_rss: list[float],
    worker: list[float],
) -> None:
    """Once the ticket shows and everything is converted: peak and current RSS."""
    process.wait_for(f"{config.entries} entries", 120)
    _wait_quiet(process, 120)
    peak.append(rss_mb(process.pid, "VmHWM") or 0.0)
    open_rss.append(rss_mb(process.pid) or 0.0)
    worker.append(_workers_rss(process.pid))
