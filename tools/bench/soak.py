"""Auto-refresh of the 50,000-entry ticket for ten minutes: memory must not grow.

``omnitui TICKET`` in a pseudo-terminal with ``OMNITUI_AUTO_REFRESH`` set (every
``refresh_seconds``; the ticket does not change meanwhile, as most open tickets do not). Once
the ticket is read and converted, the app's and its worker's RSS together is the start; the
app then refreshes for ``soak_seconds``, the RSS sampled every second (the highest kept, and one
sample per refresh interval in ``soak_samples``: a plateau and a leak look different), and once
it is quiet again the same sum is the end. The sandbox's request log says how many
refreshes happened. ``--soak-minutes`` sets the duration (ten minutes; a few seconds with
``--quick``).
"""

from __future__ import annotations

import time

import httpx

from tools.bench.common import BenchConfig, Sandbox, Stat, isolated_env, rss_mb
from tools.bench.memory import app_argv, hold_ticket, wait_quiet, workers_rss
from tools.bench.pty_run import PtyProcess


def _gets(sandbox: Sandbox, ticket: int) -> int:
    response = httpx.get(
        f"{sandbox.url}/_sandbox/requests", headers={"apiKey": sandbox.api_key}, timeout=30
    )
    response.raise_for_status()
    path = f"/api/v2/ticket/{ticket}"
    return sum(1 for r in response.json()["items"] if r["method"] == "GET" and r["path"] == path)


def measure(config: BenchConfig, sandbox: Sandbox, *, uncapped: bool) -> dict[str, object]:
    env = isolated_env(
        config.workdir / "home-soak",
        OMNIDESK_URL=sandbox.url,
        OMNIDESK_API_KEY=sandbox.api_key,
        OMNITUI_AUTO_REFRESH=str(config.refresh_seconds),
    )
    argv = app_argv(str(config.scale_ticket), uncapped=uncapped)
    with PtyProcess(argv, env) as process:
        hold_ticket(process, config.scale_entries, 600)
        start = (rss_mb(process.pid) or 0.0) + workers_rss(process.pid)
        before = _gets(sandbox, config.scale_ticket)
        highest = start
        began = time.perf_counter()
        deadline = began + config.soak_seconds
        samples: list[tuple[float, float]] = []  # every refresh interval: (seconds, MB)
        while time.perf_counter() < deadline:
            process.idle(min(1.0, max(0.0, deadline - time.perf_counter())))
            now = (rss_mb(process.pid) or 0.0) + workers_rss(process.pid)
            highest = max(highest, now)
            elapsed = time.perf_counter() - began
            if not samples or elapsed - samples[-1][0] >= config.refresh_seconds:
                samples.append((round(elapsed, 1), round(now, 1)))
        wait_quiet(process, 120)
        end = (rss_mb(process.pid) or 0.0) + workers_rss(process.pid)
        refreshes = _gets(sandbox, config.scale_ticket) - before
    return {
        "soak_seconds": config.soak_seconds,
        "soak_refresh_seconds": config.refresh_seconds,
        "soak_refreshes": refreshes,
        "soak_start_rss_mb": Stat.of([start]),
        "soak_end_rss_mb": Stat.of([end]),
        "soak_highest_rss_mb": Stat.of([highest]),
        "soak_growth": end / start - 1 if start else 0.0,
        "soak_samples": samples,
    }
