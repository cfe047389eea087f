"""``python -m tools.bench [--quick] [--runs N] [--out bench/results.json]``.

Runs every measurement against a sandbox of its own, prints one table and writes the same figures
as JSON. ``--quick`` (the smoke test) does one run of each on the 1,000-entry ticket.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from tools.bench import html_throughput, memory, startup, wire
from tools.bench.common import BenchConfig, Sandbox, Stat, machine, percentile, workdir
from tools.bench.harness import SIZE, fetch
from tools.bench.naive import open_naive
from tools.bench.scrolling import KeySamples
from tools.bench.scrolling import measure as measure_keys
from tools.bench.ticket_open import OpenResult, open_in_app

BIG_TICKET, BIG_ENTRIES = 900001, 5000
SMALL_TICKET, SMALL_ENTRIES = 900002, 1000


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one run each, 1,000-entry ticket")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--out", type=Path, default=Path("bench/results.json"))
    return parser.parse_args(argv)


async def _in_app(config: BenchConfig, sandbox: Sandbox, body: bytes) -> dict[str, Any]:
    opens: list[OpenResult] = []
    keys = KeySamples()
    spots = 4 if config.quick else 12

    async def scroll(app: Any, pilot: Any, frames: Any) -> None:
        found = await measure_keys(app, pilot, frames, spots=spots, seed=len(opens))
        keys.page_down_ms.extend(found.page_down_ms)
        keys.end_ms.extend(found.end_ms)
        keys.page_down_bytes.extend(found.page_down_bytes)

    naive: list[float] = []
    ratios: list[float] = []
    anomalies: list[str] = []
    while len(opens) < config.runs:
        try:
            result = await open_in_app(sandbox.url, sandbox.api_key, config.ticket, body, scroll)
        except TimeoutError as error:  # recorded in the results; a second one ends the bench
            anomalies.append(str(error))
            if len(anomalies) > 1:
                raise
            continue
        opens.append(result)
        naive_ms = await open_naive(body)
        naive.append(naive_ms)
        ratios.append(naive_ms / result.open_ms)
    on_loop = sum(r.chars_on_loop for r in opens)
    off_loop = sum(r.chars_off_loop for r in opens)
    return {
        "open_ms": Stat.of([r.open_ms for r in opens]),
        "naive_open_ms": Stat.of(naive),
        "naive_ratio": Stat.of(ratios),
        "whole_ms": Stat.of([r.whole_ms for r in opens]),
        "converted_ms": Stat.of([r.converted_ms for r in opens]),
        "stall_ms": Stat.of([r.stall_ms for r in opens]),
        "busy_stall_ms": Stat.of([r.busy_stall_ms for r in opens]),
        "off_loop_share": off_loop / max(1, on_loop + off_loop),
        "page_down_ms_median": Stat.of([_median(keys.page_down_ms)]),
        "page_down_ms_p99": percentile(keys.page_down_ms, 0.99),
        "end_ms_median": Stat.of([_median(keys.end_ms)]),
        "end_ms_p99": percentile(keys.end_ms, 0.99),
        "key_samples": {"page_down": len(keys.page_down_ms), "end": len(keys.end_ms)},
        "page_down_bytes": Stat.of(keys.page_down_bytes),
        "screen_cells": SIZE[0] * SIZE[1],
        "anomalies": anomalies,
    }


def _median(values: list[float]) -> float:
    return Stat.of(values).median


def run(config: BenchConfig) -> dict[str, Any]:
    started = time.perf_counter()
    sandbox = Sandbox(config.workdir / "sandbox.db").start()
    try:
        body = fetch(sandbox.url, sandbox.api_key, config.ticket)
        figures: dict[str, Any] = {"ticket": config.ticket, "entries": config.entries}
        figures["ticket_response_mb"] = round(len(body) / 1e6, 2)
        figures.update(startup.measure(config, sandbox))
        figures.update(asyncio.run(_in_app(config, sandbox, body)))
        figures.update(memory.measure(config, sandbox))
        figures.update(html_throughput.measure(body, config.runs))
        opens = 2 if config.quick else 4
        figures.update(
            asyncio.run(wire.measure(sandbox.url, sandbox.api_key, config.ticket, opens))
        )
    finally:
        sandbox.stop()
    figures["bench_seconds"] = round(time.perf_counter() - started, 1)
    return figures


# -------------------------------------------------------------------------------------------------
# The table

Row = tuple[str, str, str, str]  # figure, measured, target, verdict


def _ms(stat: Stat) -> str:
    return f"{stat.median:.0f} ms ({stat.low:.0f}–{stat.high:.0f})"


def _x(stat: Stat) -> str:
    return f"{stat.median:.2f}× ({stat.low:.2f}–{stat.high:.2f})"


def _mb(stat: Stat) -> str:
    return f"{stat.median:.0f} MB ({stat.low:.0f}–{stat.high:.0f})"


def _ok(good: bool) -> str:
    return "met" if good else "MISSED"


def rows(f: dict[str, Any]) -> list[Row]:
    entries = f"{f['entries']:,}"
    return [
        ("start → first usable frame (omnitui)", _ms(f["first_frame_ms"]), "", ""),
        ("start → first frame (bare Textual hello)", _ms(f["hello_first_frame_ms"]), "", ""),
        ("  ratio omnitui / hello", _x(f["first_frame_ratio"]), "≤ 1.25×",
         _ok(f["first_frame_ratio"].median <= 1.25)),
        ("  modules imported at first frame",
         f"{f['modules_at_first_frame']} (hello {f['hello_modules_at_first_frame']})", "", ""),
        ("first --demo: first frame / progress shown", f"{_ms(f['demo_first_frame_ms'])} / "
         + (_ms(f["demo_progress_ms"]) if f.get("demo_progress_ms") else "never"),
         "progress, not blank", _ok(bool(f["demo_progress_shown"]))),
        ("first --demo: database built, ticket shown", _ms(f["demo_ready_ms"]), "", ""),
        (f"open {entries}-entry ticket → first painted timeline", _ms(f["open_ms"]), "≤ 150 ms",
         _ok(f["open_ms"].median <= 150)),
        ("  naive (one Static per entry)", _ms(f["naive_open_ms"]), "", ""),
        ("  ratio naive / omnitui", _x(f["naive_ratio"]), "≥ 20×",
         _ok(f["naive_ratio"].median >= 20)),
        ("  every entry read and in the timeline", _ms(f["whole_ms"]), "", ""),
        ("  every entry converted and laid out", _ms(f["converted_ms"]), "", ""),
        ("page-down, app work: median / p99",
         f"{f['page_down_ms_median'].median:.1f} / {f['page_down_ms_p99']:.1f} ms", "p99 ≤ 16 ms",
         _ok(f["page_down_ms_p99"] <= 16)),
        ("End, app work: median / p99",
         f"{f['end_ms_median'].median:.1f} / {f['end_ms_p99']:.1f} ms", "p99 ≤ 16 ms",
         _ok(f["end_ms_p99"] <= 16)),
        ("longest event-loop stall while converting", _ms(f["stall_ms"]), "≤ 50 ms",
         _ok(f["stall_ms"].median <= 50)),
        ("  the same, counting only the loop thread's CPU", _ms(f["busy_stall_ms"]), "", ""),
        ("peak RSS, ticket open (app process)", _mb(f["ticket_peak_rss_mb"]), "≤ 150 MB",
         _ok(f["ticket_peak_rss_mb"].median <= 150)),
        ("  HTML worker process RSS", _mb(f["ticket_worker_rss_mb"]), "", ""),
        ("idle RSS (app process)", _mb(f["idle_rss_mb"]), "≤ 80 MB",
         _ok(f["idle_rss_mb"].median <= 80)),
        ("  idle HTML worker process RSS", _mb(f["idle_worker_rss_mb"]), "", ""),
        (f"html2text throughput ({f['html_corpus_documents']} mails, {f['html_corpus_mb']} MB)",
         f"{f['html_mb_per_s'].median:.2f} MB/s ({f['html_mb_per_s'].low:.2f}–"
         f"{f['html_mb_per_s'].high:.2f})", "", ""),
        ("conversion done off the event loop", f"{f['off_loop_share']:.1%} of characters", "", ""),
        ("bytes written per page-down at 120×40",
         f"{f['page_down_bytes'].median:,.0f} B ({f['screen_cells']:,} cells)", "", ""),
        ("HTTP requests per ticket open", f"{f['requests_per_open']} "
         f"(sandbox logged {f['sandbox_logged_requests']} for {f['opens']} opens)", "one",
         _ok(f["requests_per_open"] == 1)),
        ("new connections: first open / later opens",
         f"{f['new_connections_first_open']} / {f['new_connections_later_opens']}", "reused",
         _ok(f["new_connections_later_opens"] == 0)),
    ]  # fmt: skip


def table(figures: dict[str, Any], info: dict[str, Any]) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in info["versions"].items())
    head = (
        f"omnitui benchmark — {info['cpus']} × {info['cpu_model']}, {info['platform']}, "
        f"load {info['load_average']} before, {info.get('load_average_after', '?')} after\n"
        f"{versions}\n"
        f"median of {figures['runs']} run(s) (min–max); ticket {figures['ticket']} "
        f"({figures['entries']:,} entries, {figures['ticket_response_mb']} MB JSON)\n"
    )
    body = [("figure", "measured", "target", ""), *rows(figures)]
    widths = [max(len(r[i]) for r in body) for i in range(4)]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
             for r in body]  # fmt: skip
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return head + "\n".join(lines)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Stat):
        return value.to_json()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with workdir() as scratch:
        config = BenchConfig(
            quick=args.quick,
            runs=1 if args.quick else max(1, args.runs),
            ticket=SMALL_TICKET if args.quick else BIG_TICKET,
            entries=SMALL_ENTRIES if args.quick else BIG_ENTRIES,
            workdir=scratch,
        )
        info = machine()
        figures = run(config)
        info["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    figures["runs"] = config.runs
    figures["quick"] = config.quick
    print(table(figures, info))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    document = {"machine": info, "figures": _jsonable(figures), "table": table(figures, info)}
    args.out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwrote {args.out}", file=sys.stderr)
    return 0
