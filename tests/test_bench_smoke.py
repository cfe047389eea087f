"""`make bench` still works: one quick run produces every figure (no timing is asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FIGURES = {
    "first_frame_ms": "stat",
    "hello_first_frame_ms": "stat",
    "first_frame_ratio": "stat",
    "modules_at_first_frame": "int",
    "hello_modules_at_first_frame": "int",
    "demo_first_frame_ms": "stat",
    "demo_progress_ms": "stat",
    "demo_ready_ms": "stat",
    "open_ms": "stat",
    "naive_open_ms": "stat",
    "naive_ratio": "stat",
    "whole_ms": "stat",
    "converted_ms": "stat",
    "stall_ms": "stat",
    "busy_stall_ms": "stat",
    "page_down_ms_median": "stat",
    "page_down_ms_p99": "number",
    "end_ms_median": "stat",
    "end_ms_p99": "number",
    "page_down_bytes": "stat",
    "idle_rss_mb": "stat",
    "ticket_peak_rss_mb": "stat",
    "ticket_worker_rss_mb": "stat, may be 0",  # small mail converts without a worker process
    "html_mb_per_s": "stat",
    "off_loop_share": "number",
    "requests_per_open": "int",
    "new_connections_first_open": "int",
    "new_connections_later_opens": "int",
    "sandbox_logged_requests": "int",
    # issue 16: straight to a ticket, from the lookup screen, typed-ahead keys
    "straight_ticket_ms": "stat",
    "straight_hello_ms": "stat",
    "straight_ticket_ratio": "stat",
    "lookup_first_open_ms": "stat",
    "lookup_second_open_ms": "stat",
    "bursts": "int",
    "bursts_intact_starting": "int",
    "bursts_intact_ticket": "int",
    # issue 16: scale, the big mail, memory per agent
    "scale_open_ms": "stat",
    "scale_base_open_ms": "stat",
    "scale_open_ratio": "stat",
    "scale_whole_ms": "stat",
    "scale_converted_ms": "stat",
    "scale_page_down_ms_p99": "number",
    "scale_end_ms_p99": "number",
    "small_ticket_total_rss_mb": "number",
    "scale_total_rss_mb": "number",
    "mb_per_1000_entries": "number",
    "scale_mb_per_1000_entries": "number",
    "mb_per_1000_ratio": "number",
    "soak_start_rss_mb": "stat",
    "soak_end_rss_mb": "stat",
    "soak_highest_rss_mb": "stat",
    "soak_refreshes": "int",
    "mail_stall_ms": "stat",
    "mail_open_stall_ms": "stat",
    "mail_scroll_stall_ms": "stat",
    "mail_converted_ms": "stat",
    "idle_total_rss_mb": "stat",
    "ticket_total_peak_rss_mb": "stat",
    "ticket_worker_peak_rss_mb": "stat, may be 0",  # the worker starts only for large mail
}


def test_quick_bench_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OMNITUI_", "OMNIDESK_"))}
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench", "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    document = json.loads(out.read_text())
    figures = document["figures"]
    for name, kind in FIGURES.items():
        value = figures.get(name)
        if kind.startswith("stat"):
            assert isinstance(value, dict), name
            assert value["runs"] >= 1 and value["min"] <= value["median"] <= value["max"], name
            assert value["median"] > 0 or (kind == "stat, may be 0" and value["median"] == 0), name
        elif kind == "int":
            assert isinstance(value, int), name
        else:
            assert isinstance(value, int | float) and value >= 0, name
    assert figures["demo_progress_shown"] is True
    assert figures["requests_per_open"] == 1
    assert figures["new_connections_later_opens"] == 0
    # Every burst was written and judged; the long ticket was built at its size and refreshed.
    assert figures["bursts"] >= 1
    assert 0 <= figures["bursts_intact_starting"] <= figures["bursts"]
    assert figures["scale_entries"] > figures["entries"]
    assert figures["soak_refreshes"] >= 1
    assert isinstance(figures["scale_accepted_as_shipped"], bool)
    machine = document["machine"]
    assert machine["cpus"] >= 1 and machine["cpu_model"]
    assert set(machine["versions"]) >= {"python", "textual", "httpx", "pydantic", "rich"}
    # The table printed is the one stored, and it names the machine.
    assert document["table"] in done.stdout
    assert machine["cpu_model"] in done.stdout
