"""The summary of a pinned note shown above the timeline."""

from __future__ import annotations

from typing import Any

from omnitui.api.models import TimelineEntry
from omnitui.render.html import render_body
from omnitui.render.timeline import pinned_entries, pinned_summary


def note(**fields: Any) -> TimelineEntry:
    return TimelineEntry.model_validate({"type": "note", "user_name": "marleen", **fields})


def test_only_pinned_entries_newest_first() -> None:
    entries = [
        note(id="1", created_at="2026-01-01 10:00:00", pinned=1),
        note(id="2", created_at="2026-01-02 10:00:00", pinned=0),
        note(id="3", created_at="2026-01-03 10:00:00", pinned="1"),
    ]
    assert [e.id for e in pinned_entries(entries)] == ["3", "1"]


def test_heading_and_first_lines_are_plain_and_cut() -> None:
    content = "one\n\ntwo [bold]markup[/bold]\nthree\nfour\nfive \x1b]52;c;AAAA\x07"
    entry = note(created_at="2026-01-03 10:00:00", pinned=1, content=content)
    heading, lines = pinned_summary(entry, render_body(entry.content))
    assert heading == "📌 pinned · marleen · 2026-01-03 10:00:00"
    assert lines == ["one", "two [bold]markup[/bold]", "three", "four …"]
    _, all_lines = pinned_summary(entry, render_body(entry.content), max_lines=10)
    assert all("\x1b" not in line and "\x07" not in line for line in all_lines)
