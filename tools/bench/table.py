"""The bench's table: one row per figure, with its target and whether it was met."""

from __future__ import annotations

from typing import Any

from tools.bench.common import Stat

Row = tuple[str, str, str, str]  # figure, measured, target, verdict

#: How much RSS may grow over the auto-refresh run and still count as "does not grow".
SOAK_GROWTH = 0.05
#: MB per 1,000 entries at ten times the length, against the long ticket's: "linear or better",
#: with room for the noise of two RSS readings.
LINEAR = 1.1


def _ms(stat: Stat) -> str:
    return f"{stat.median:.0f} ms ({stat.low:.0f}–{stat.high:.0f})"


def _x(stat: Stat) -> str:
    return f"{stat.median:.2f}× ({stat.low:.2f}–{stat.high:.2f})"


def _mb(stat: Stat) -> str:
    return f"{stat.median:.0f} MB ({stat.low:.0f}–{stat.high:.0f})"


def _ok(good: bool) -> str:
    return "met" if good else "MISSED"


def rows(f: dict[str, Any]) -> list[Row]:
    return [*_existing(f), *_agents(f), *_scale(f), *_memory(f), *_wire(f)]


def _existing(f: dict[str, Any]) -> list[Row]:
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
        (f"HTML conversion speed ({f['html_corpus_documents']} mails, {f['html_corpus_mb']} MB)",
         f"{f['html_mb_per_s'].median:.2f} MB/s ({f['html_mb_per_s'].low:.2f}–"
         f"{f['html_mb_per_s'].high:.2f})", "", ""),
        ("conversion done off the event loop", f"{f['off_loop_share']:.1%} of characters", "", ""),
        ("bytes written per page-down at 120×40",
         f"{f['page_down_bytes'].median:,.0f} B ({f['screen_cells']:,} cells)", "", ""),
    ]  # fmt: skip


def _agents(f: dict[str, Any]) -> list[Row]:
    """Straight to a ticket, from the lookup screen, and keys typed ahead (issue 16)."""
    bursts = f["bursts"]

    def burst(moment: str, label: str) -> list[Row]:
        intact = f[f"bursts_intact_{moment}"]
        sent = f.get(f"burst_sent_ms_{moment}")
        return [
            (f"keys typed ahead in one write(), {label}", f"{intact} of {bursts} bursts intact",
             "all", _ok(intact == bursts)),
            ("  write() → new-ticket form sent", _ms(sent) if sent else "never sent", "", ""),
        ]  # fmt: skip

    slow = f.get("slow_typist_intact")
    return [
        ("omnitui 858462 → its mail text drawn", _ms(f["straight_ticket_ms"]), "", ""),
        ("  bare Textual hello, first frame (same run)", _ms(f["straight_hello_ms"]), "", ""),
        ("  ratio omnitui 858462 / hello", _x(f["straight_ticket_ratio"]), "≤ 1.5×",
         _ok(f["straight_ticket_ratio"].median <= 1.5)),
        ("  (hello importing omnitui's models first / hello)",
         _x(f["straight_models_ratio"]) if "straight_models_ratio" in f else "not measured",
         "", ""),
        ("lookup screen, Enter → first ticket's text", _ms(f["lookup_first_open_ms"]),
         "≤ 150 ms", _ok(f["lookup_first_open_ms"].median <= 150)),
        ("  a second ticket the same way", _ms(f["lookup_second_open_ms"]), "", ""),
        *burst("starting", "at the first frame"),
        *burst("ticket", "on the open ticket"),
        *([("  the same keys one at a time (bench check)", "intact" if slow else "NOT intact",
            "intact", _ok(bool(slow)))] if slow is not None else []),
    ]  # fmt: skip


def _scale(f: dict[str, Any]) -> list[Row]:
    """The ticket ten times as long, and the one very big mail (issue 16)."""
    big, base = f"{f['scale_entries']:,}", f"{f['entries']:,}"
    shipped = "" if f["scale_accepted_as_shipped"] else " (over the app's answer cap: lifted)"
    soak_min = f["soak_seconds"] / 60
    growth = f["soak_growth"]
    return [
        (f"open {big}-entry ticket → first painted timeline", _ms(f["scale_open_ms"]), "", ""),
        (f"  ratio to the {base}-entry one (alternating)", _x(f["scale_open_ratio"]), "≤ 1.2×",
         _ok(f["scale_open_ratio"].median <= 1.2)),
        ("  every entry read / converted and laid out",
         f"{f['scale_whole_ms'].median:.0f} / {f['scale_converted_ms'].median:.0f} ms", "", ""),
        (f"  page-down / End p99 in the {big}-entry ticket",
         f"{f['scale_page_down_ms_p99']:.1f} / {f['scale_end_ms_p99']:.1f} ms", "p99 ≤ 16 ms",
         _ok(max(f["scale_page_down_ms_p99"], f["scale_end_ms_p99"]) <= 16)),
        (f"RSS per 1,000 entries: {base} / {big}",
         f"{f['mb_per_1000_entries']:.1f} / {f['scale_mb_per_1000_entries']:.1f} MB"
         f" ({f['mb_per_1000_ratio']:.2f}×)", f"linear (≤ {LINEAR}×)",
         _ok(f["mb_per_1000_ratio"] <= LINEAR)),
        (f"  the {big}-entry ticket opens in the app as shipped",
         "yes" if f["scale_accepted_as_shipped"] else "no: answer over the cap", "", ""),
        (f"auto-refresh {soak_min:.3g} min, every {f['soak_refresh_seconds']} s{shipped}",
         f"{f['soak_start_rss_mb'].median:.0f} → {f['soak_end_rss_mb'].median:.0f} MB "
         f"({growth:+.1%}, {f['soak_refreshes']} refreshes)", f"no growth (≤ {SOAK_GROWTH:.0%})",
         _ok(growth <= SOAK_GROWTH and f["soak_refreshes"] > 0)),
        (f"{f['mail_mb']} MB HTML mail: longest stall, open + scroll", _ms(f["mail_stall_ms"]),
         "≤ 50 ms", _ok(f["mail_stall_ms"].median <= 50)),
        ("  opening / scrolling / loop thread's CPU only",
         f"{f['mail_open_stall_ms'].median:.0f} / {f['mail_scroll_stall_ms'].median:.0f} / "
         f"{f['mail_busy_stall_ms'].median:.0f} ms", "", ""),
    ]  # fmt: skip


def _memory(f: dict[str, Any]) -> list[Row]:
    """What one agent costs the jump host: the app and its HTML worker together (issue 16)."""
    entries = f"{f['entries']:,}"
    return [
        ("idle RSS, app + HTML worker", _mb(f["idle_total_rss_mb"]), "≤ 70 MB",
         _ok(f["idle_total_rss_mb"].median <= 70)),
        (f"peak RSS, {entries}-entry ticket open, app + worker",
         _mb(f["ticket_total_peak_rss_mb"]), "≤ 150 MB",
         _ok(f["ticket_total_peak_rss_mb"].median <= 150)),
    ]  # fmt: skip


def _wire(f: dict[str, Any]) -> list[Row]:
    return [
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
        f"({figures['entries']:,} entries, {figures['ticket_response_mb']} MB JSON); "
        f"long ticket {figures['scale_ticket']} ({figures['scale_entries']:,} entries, "
        f"{figures['scale_response_mb']} MB JSON)\n"
    )
    body = [("figure", "measured", "target", ""), *rows(figures)]
    widths = [max(len(r[i]) for r in body) for i in range(4)]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
             for r in body]  # fmt: skip
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return head + "\n".join(lines)
