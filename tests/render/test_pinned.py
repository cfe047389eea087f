"""The summary of a pinned note shown above the timeline."""

from __future__ import annotations

from typing import Any

from omnitui.api.models import TimelineEntry
from omnitui.render.html import render_body
from omnitui.render.pinned import pinned_entries, pinned_panel, pinned_summary


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


def notes(count: int) -> list[TimelineEntry]:
    return [
        note(
            id=str(n),
            created_at=f"2026-01-01 {10 + n // 60}:{n % 60:02d}:00",
            pinned=1,
            content=f"Note {n}\nmore",
        )
        for n in range(count)
    ][::-1]


def test_the_panel_shows_whole_notes_when_they_fit() -> None:
    entries = notes(2)
    lines = pinned_panel(entries, [None, None], rows=6)
    assert [text for text, _ in lines] == [
        "📌 pinned · marleen · 2026-01-01 10:01:00",
        "  Note 1",
        "  more",
        "📌 pinned · marleen · 2026-01-01 10:00:00",
        "  Note 0",
        "  more",
    ]


def test_the_panel_counts_what_does_not_fit_and_names_p() -> None:
    entries = notes(68)
    lines = [text for text, _ in pinned_panel(entries, [None] * 68, rows=3)]
    assert lines == [
        "📌 68 pinned — P lists them",
        "📌 marleen · 2026-01-01 11:07:00 — Note 67 …",
        "📌 marleen · 2026-01-01 11:06:00 — Note 66 …",
    ]
    (one,) = pinned_panel(entries, [None] * 68, rows=1)
    assert one[0] == "📌 68 pinned — P lists them · marleen · 2026-01-01 11:07:00 — Note 67 …"


def test_a_few_notes_in_few_rows_take_a_line_each() -> None:
    lines = [text for text, _ in pinned_panel(notes(2), [None, None], rows=2)]
    assert lines == [
        "📌 marleen · 2026-01-01 10:01:00 — Note 1 …",
        "📌 marleen · 2026-01-01 10:00:00 — Note 0 …",
    ]
