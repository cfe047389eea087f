"""Pinned notes as text: the panel above the timeline, in as few rows as it is given. No Textual.

A ticket may have dozens of pinned notes and a terminal 24 rows, so the panel never just cuts:
when the notes do not fit whole, it says how many there are and that ``P`` lists them, and shows
the newest ones a line each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from omnitui.api.models import TimelineEntry
from omnitui.render.html import RenderedBody

PIN = "📌 pinned"
PINNED_LINES = 4


def pinned_entries(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """Pinned notes (and any other pinned entry), newest first: what agents keep in sight."""
    return sorted((e for e in entries if e.pinned), key=lambda e: e.created_at, reverse=True)


def pinned_summary(
    entry: TimelineEntry, body: RenderedBody | None, max_lines: int = PINNED_LINES
) -> tuple[str, list[str]]:
    """A pinned entry's heading (``📌 pinned · marleen · 2026-09-07 00:00:31``) and first lines.

    Quotes and blank lines are left out; a cut is marked with "…" so the reader knows there is
    more in the timeline.
    """
    heading = " · ".join(p for p in (PIN, _who(entry), entry.created_at) if p)
    if body is None:
        texts = [t for t in entry.content.splitlines() if t.strip()] if entry.content else []
    else:
        texts = [line.text for line in body.lines if line.text.strip() and not line.quoted]
    lines = texts[:max_lines]
    if len(texts) > max_lines:
        lines[-1] += " …"
    return heading, lines


def pinned_one_line(entry: TimelineEntry, body: RenderedBody | None) -> str:
    """``📌 marleen · 2026-09-07 00:00:31 — Checked with the warehouse…`` (the widget cuts it)."""
    _, lines = pinned_summary(entry, body, max_lines=1)
    text = lines[0] if lines else ""  # ending in " …" when the note goes on
    when = " · ".join(p for p in (_who(entry), entry.created_at) if p)
    return f"📌 {when} — {text}" if text else f"📌 {when}"


def pinned_count(count: int) -> str:
    return f"📌 {count} pinned — P lists them"


def pinned_panel(
    entries: Sequence[TimelineEntry], bodies: Sequence[RenderedBody | None], rows: int
) -> list[tuple[str, bool]]:
    """The panel's lines, (text, bold), in at most ``rows`` rows of one line each.

    Every note whole (heading and first lines) if they fit; else each note a line, if they
    fit; else the count and ``P``, then the newest notes a line each as far as there is room
    (with one row, the newest after the count).
    """
    full: list[tuple[str, bool]] = []
    for entry, body in zip(entries, bodies, strict=True):
        heading, lines = pinned_summary(entry, body)
        full.append((heading, True))
        full += [(f"  {line}", False) for line in lines]
        if len(full) > rows:
            break
    if len(full) <= rows:
        return full
    if len(entries) <= rows:
        return [(pinned_one_line(e, b), False) for e, b in zip(entries, bodies, strict=True)]
    count = pinned_count(len(entries))
    if rows <= 1:
        newest = pinned_one_line(entries[0], bodies[0]).removeprefix("📌 ")
        return [(f"{count} · {newest}", True)]
    shown = zip(entries[: rows - 1], bodies[: rows - 1], strict=True)
    return [(count, True), *((pinned_one_line(e, b), False) for e, b in shown)]


def _who(entry: TimelineEntry) -> str:
    return entry.user_name or entry.author or "agent"
