"""``python -m tools.bench [--quick] [--runs N] [--soak-minutes M] [--out bench/results.json]``.

Runs every measurement against a sandbox of its own, prints one table and writes the same figures
as JSON. ``--quick`` (the smoke test) does one run of each, small: the 1,000-entry ticket, a
3,000-entry one for the scale figures, a 0.5 MB mail and a few seconds of auto-refresh.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools.bench import (
    bench_data,
    html_throughput,
    memory,
    scale,
    soak,
    startup,
    straight,
    typeahead,
    wire,
)
from tools.bench import (
    uncapped as uncapped_module,
)
from tools.bench.common import BenchConfig, Sandbox, Stat, machine, percentile, workdir
from tools.bench.harness import SIZE, fetch
from tools.bench.naive import open_naive
from tools.bench.scrolling import KeySamples
from tools.bench.scrolling import measure as measure_keys
from tools.bench.table import table
from tools.bench.ticket_open import OpenResult, open_in_app

BIG_TICKET, BIG_ENTRIES = 900001, 5000
SMALL_TICKET, SMALL_ENTRIES = 900002, 1000
QUICK_SCALE_ENTRIES, QUICK_SOAK_SECONDS, QUICK_MAIL_MB = 3000, 4.0, 0.5
#: The bench's steps in the order they run (``--only`` picks some).
STEPS = (
    "startup", "straight", "lookup", "typeahead", "open", "scale", "mail", "memory", "soak",
    "html", "wire",
)  # fmt: skip


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one run each, 1,000-entry ticket")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument(
        "--soak-minutes", type=float, default=10.0, help="auto-refresh run (default 10 minutes)"
    )
    parser.add_argument(
        "--refresh-seconds", type=int, default=30, help="auto-refresh interval (default 30 s)"
    )
    parser.add_argument(
        "--scale-entries", type=int, default=50_000, help="the long ticket (default 50,000)"
    )
    parser.add_argument("--mail-mb", type=float, default=5.0, help="the big mail (default 5 MB)")
    parser.add_argument("--out", type=Path, default=Path("bench/results.json"))
    parser.add_argument(
        "--only",
        default="",
        help=f"comma-separated steps ({', '.join(STEPS)}): run just these and print their "
        "figures as JSON (no table, bench/results.json untouched)",
    )
    args = parser.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    if unknown := only - set(STEPS):
        parser.error(f"unknown step(s): {', '.join(sorted(unknown))}")
    args.only = only
    return args


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


def run(config: BenchConfig, mail_mb: float, only: set[str] | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    db = config.workdir / "sandbox.db"
    bench_data.prepare(db, scale_entries=config.scale_entries, mail_bytes=int(mail_mb * 1e6))
    sandbox = Sandbox(db).start()
    try:
        body = fetch(sandbox.url, sandbox.api_key, config.ticket)
        scale_body = fetch(sandbox.url, sandbox.api_key, config.scale_ticket)
        mail_body = fetch(sandbox.url, sandbox.api_key, bench_data.MAIL_TICKET)
        figures: dict[str, Any] = {"ticket": config.ticket, "entries": config.entries}
        figures["ticket_response_mb"] = round(len(body) / 1e6, 2)
        figures["scale_ticket"] = config.scale_ticket
        figures["scale_entries"] = config.scale_entries
        figures["scale_response_mb"] = round(len(scale_body) / 1e6, 2)
        figures["mail_mb"] = mail_mb
        steps: dict[str, float] = {"prepare": round(time.perf_counter() - started, 1)}

        def step(name: str, measure: Callable[[], dict[str, Any]]) -> None:
            if only and name not in only:
                return
            figures.update(measure())
            steps[name] = round(time.perf_counter() - started - sum(steps.values()), 1)

        pairs = 1 if config.quick else config.runs
        spots = 4 if config.quick else 12
        jumps = 4 if config.quick else 20
        opens = 2 if config.quick else 4
        base, big = (config.ticket, body), (config.scale_ticket, scale_body)
        # Over the app's answer cap the soak runs the app with the cap lifted (uncapped.py).
        uncapped = len(scale_body) > uncapped_module.shipped_cap()
        url, key = sandbox.url, sandbox.api_key
        step("startup", lambda: startup.measure(config, sandbox))
        step("straight", lambda: straight.straight_to_ticket(config, sandbox))
        step("lookup", lambda: straight.from_lookup(config, sandbox))
        step("typeahead", lambda: typeahead.measure(config, sandbox))
        step("open", lambda: asyncio.run(_in_app(config, sandbox, body)))
        step(
            "scale",
            lambda: asyncio.run(scale.first_paint_pairs(url, key, base, big, pairs, spots)),
        )
        mail = bench_data.MAIL_TICKET
        step("mail", lambda: asyncio.run(scale.big_mail(url, key, mail, mail_body, jumps)))
        step("memory", lambda: memory.measure(config, sandbox))
        step("soak", lambda: soak.measure(config, sandbox, uncapped=uncapped))
        step("html", lambda: html_throughput.measure(body, config.runs))
        step("wire", lambda: asyncio.run(wire.measure(url, key, config.ticket, opens)))
    finally:
        sandbox.stop()
    figures["step_seconds"] = steps
    figures["bench_seconds"] = round(time.perf_counter() - started, 1)
    return figures


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
            scale_ticket=bench_data.SCALE_TICKET,
            scale_entries=QUICK_SCALE_ENTRIES if args.quick else args.scale_entries,
            soak_seconds=QUICK_SOAK_SECONDS if args.quick else args.soak_minutes * 60,
            refresh_seconds=1 if args.quick else args.refresh_seconds,
        )
        info = machine()
        figures = run(config, QUICK_MAIL_MB if args.quick else args.mail_mb, args.only)
        info["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    if args.only:
        print(json.dumps({"machine": info, "figures": _jsonable(figures)}, indent=2))
        return 0
    figures["runs"] = config.runs
    figures["quick"] = config.quick
    print(table(figures, info))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    document = {"machine": info, "figures": _jsonable(figures), "table": table(figures, info)}
    args.out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwrote {args.out}", file=sys.stderr)
    return 0
