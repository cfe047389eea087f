"""The timeline model: what a reader of a ticket sees where, worked out without a terminal.

The seed's ticket 858462 (an HTML mail, an event, a note) and a longer conversation in the
API's wire format are laid out at a width, filtered, searched, folded and reordered, and the
tests check the positions, heights and lines a reader would get.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from rich.style import Style

from omnitui.api.models import EntryKind, Ticket, TimelineEntry
from omnitui.render.entry_filter import EntryFilter
from omnitui.render.html import RenderedBody, render_body
from omnitui.render.timeline import (
    CONVERTING,
    CURRENT_GUTTER,
    CURRENT_MARK,
    GUTTER,
    line_text,
    mark_current,
    paint_line,
)
from omnitui.render.timeline_heights import EntryHeights
from omnitui.render.timeline_model import TimelineModel

WIDTH = 80
MESSAGES_AND_NOTES = EntryFilter(frozenset({EntryKind.MESSAGE, EntryKind.NOTE}))
NO_NOTES = EntryFilter(frozenset({EntryKind.MESSAGE, EntryKind.EVENT}))


@pytest.fixture
def seed(seed_document: dict[str, Any]) -> list[TimelineEntry]:
    return Ticket.model_validate(seed_document["item"]).timeline


def read(raw: list[dict[str, Any]]) -> list[TimelineEntry]:
    return Ticket.model_validate({"id": 1, "timeline": raw}).timeline


def conversation(count: int) -> list[TimelineEntry]:
    """A ticket as the API sends it: customer mails quoting our replies, notes, status events."""
    raw: list[dict[str, Any]] = []
    for n in range(count):
        entry: dict[str, Any] = {
            "id": str(n),
            "created_at": f"2024-01-{1 + n // 24:02d} {n % 24:02d}:00:00",
        }
        if n % 5 == 4:
            entry.update(type="event", item_type="status", description=f"Status set to open ({n})")
        elif n % 3 == 2:
            entry.update(type="note", user_name="marleen", content=f"Internal note {n}: no answer.")
        else:
            quoting = "On 3 Jan 2024, MyBrand wrote:\n> We sent it.\n> MyBrand"
            content = f"Mail {n}: the parcel has not arrived.\n\nOliver\n\n{quoting}\n"
            entry.update(type="message", direction="inbound", content=content)
            entry.update({"from": "oliver@example.com", "from_name": "Oliver"})
        raw.append(entry)
    return read(raw)


def opened(entries: list[TimelineEntry], width: int = WIDTH) -> TimelineModel:
    model = TimelineModel()
    model.set_entries(entries, plain_body=render_body, width=width)
    return model


def convert_all(model: TimelineModel) -> None:
    """What the ticket screen does with the HTML worker's results, done here in-process."""
    while batch := model.wanted_bodies(range(model.shown_count)):
        model.set_bodies({i: render_body(model.entries[i].content) for i in batch})


def lines(model: TimelineModel, position: int) -> list[str]:
    """The entry's lines as the reader sees them once laid out (a huge one takes slices)."""
    model.layout(position)
    model.advance_layouts(math.inf)
    return [line_text(line) for line in model.layout(position).lines]


def test_the_html_mail_waits_for_conversion_and_the_note_does_not(
    seed: list[TimelineEntry],
) -> None:
    model = opened(seed)
    assert model.wanted_bodies(range(3)) == [0]
    assert CONVERTING in "".join(lines(model, 0))
    assert "My intern note on this ticket" in "".join(lines(model, 2))

    convert_all(model)
    assert not model.converting
    message = "\n".join(lines(model, 0))
    assert "HTML email content" in message and CONVERTING not in message
    assert "<b>" not in message


def test_a_plain_mail_quoting_an_address_is_plain_text_at_once() -> None:
    """``<service@mybrand.com>`` is not HTML: the mail does not wait for the converter."""
    content = "Not yet.\n\nOn 3 Jan 2024, MyBrand <service@mybrand.com> wrote:\n> We sent it."
    mail = {"id": "1", "type": "message", "direction": "inbound", "content": content}
    model = opened(read([mail]))
    assert not model.converting
    assert model.wanted_bodies(range(1)) == []
    assert lines(model, 0)[1:] == [
        f"{GUTTER}Not yet.",
        f"{GUTTER}",
        f"{GUTTER}▸ MyBrand wrote on 3 Jan 2024, 2 lines (z shows them)",
        "",
    ]


def test_a_long_plain_mail_waits_for_the_converter_instead_of_stalling_the_screen() -> None:
    """240,000 quoted lines take most of a second to render: not where the timeline is drawn."""
    history = "\n".join(">" if i % 2 else "b:" for i in range(240_000))
    content = f"Thanks, it works.\n\nOn 3 Jan 2024, MyBrand <service@mybrand.com> wrote:\n{history}"
    note = {"id": "1", "type": "note", "user_name": "marleen", "content": content}

    def refuse(text: str) -> RenderedBody:
        raise AssertionError("a long plain mail rendered in place")

    model = TimelineModel()
    model.set_entries(read([note]), plain_body=refuse, width=WIDTH)
    assert CONVERTING in "".join(lines(model, 0))
    assert model.wanted_bodies(range(1)) == [0]
    convert_all(model)
    assert lines(model, 0)[1:3] == [f"{GUTTER}Thanks, it works.", f"{GUTTER}"]
    assert "MyBrand wrote on 3 Jan 2024" in lines(model, 0)[3]


def test_heights_and_offsets_once_laid_out(seed: list[TimelineEntry]) -> None:
    model = opened(seed)
    convert_all(model)
    model.lay_out(range(3))
    message = len(model.layout(0).lines)
    assert lines(model, 1) == ["  · Assigned to Servicee · trigger: Assign to service · "
                               "2019-09-28 22:06:23", ""]  # fmt: skip
    assert lines(model, 2) == [
        f"{GUTTER}Internal note · marleen · 2019-09-28 23:30:13",
        f"{GUTTER}My intern note on this ticket",
        "",
    ]
    assert [model.heights.offset_of(p) for p in range(3)] == [0, message, message + 2]
    assert model.heights.total == message + 5
    assert model.heights.locate(message + 3) == (2, 1)
    assert model.heights.all_exact


def test_positions_after_a_filter(seed: list[TimelineEntry]) -> None:
    model = opened(seed)
    convert_all(model)
    model.set_filter(MESSAGES_AND_NOTES, width=WIDTH, top=0)
    assert model.shown_count == 2
    assert [model.entry_at(p).kind for p in range(2)] == [EntryKind.MESSAGE, EntryKind.NOTE]
    model.lay_out(range(2))
    assert model.heights.offset_of(1) == len(model.layout(0).lines)

    # Search looks at what is shown only, and follows the filter.
    assert model.search("Servicee") == 0
    model.set_filter(EntryFilter(), width=WIDTH, top=0)
    assert model.matches == [1]


def test_a_hidden_entry_gives_its_place_to_the_next_shown() -> None:
    model = opened(conversation(30))
    model.lay_out(range(30))
    note = 11
    assert model.entry_at(note).kind is EntryKind.NOTE
    y = model.set_filter(NO_NOTES, width=WIDTH, top=model.heights.offset_of(note) + 1)
    after = model.heights.position_at(y)
    assert model.entry_at(after) is model.entries[note + 1]
    assert y == model.heights.offset_of(after)  # at its first line


def test_newest_first_keeps_the_entry_being_read() -> None:
    model = opened(conversation(30))
    model.lay_out(range(30))
    top = model.heights.offset_of(10) + 2
    y = model.set_newest_first(True, width=WIDTH, top=top)
    position, into = model.heights.locate(y)
    assert model.index_at(position) == 10 and into == 2
    assert model.entry_at(0) is model.entries[-1]


def test_heights_at_a_width() -> None:
    note = {"id": "9", "type": "note", "content": "word " * 60, "created_at": "2024-02-01 00:00"}
    entries = [*conversation(3), *read([note])]
    model = opened(entries, width=100)
    model.lay_out(range(4))
    wide = len(model.layout(3).lines)
    top = model.heights.offset_of(3)
    y = model.set_width(40, top=top)
    assert y == model.heights.offset_of(3)  # the reader still starts at the long note
    model.lay_out(range(4))
    narrow = len(model.layout(3).lines)
    assert narrow > wide
    assert all(len(text) <= 40 for text in lines(model, 3))
    assert model.set_width(40, top=0) is None


def test_exact_heights_above_the_reader_shift_the_view_by_the_difference() -> None:
    model = opened(conversation(30))
    top = model.heights.offset_of(20)
    estimated = [model.heights.offset_of(p + 1) - model.heights.offset_of(p) for p in range(20)]
    changed, shift = model.lay_out(range(25), top)
    exact = [len(model.layout(p).lines) for p in range(20)]
    assert changed
    assert shift == sum(exact) - sum(estimated)
    assert model.heights.offset_of(20) == top + shift  # entry 20 is where the shift says


def test_folded_quotes_open_and_close() -> None:
    model = opened(conversation(3))
    model.lay_out(range(3))
    folded = len(model.layout(0).lines)
    assert model.toggle_quotes(range(3), preferred=None) == 0
    assert not model.heights.all_exact
    model.lay_out(range(3))
    shown = lines(model, 0)
    assert f"{GUTTER}│ We sent it." in shown
    assert len(shown) == folded + 2  # three quoted lines instead of one fold line
    assert model.toggle_quotes(range(3), preferred=0) == 0
    assert len(model.layout(0).lines) == folded
    assert model.toggle_quotes([2], preferred=None) is None  # a note has no quotes


def test_search_moves_from_match_to_match_and_goes_round() -> None:
    model = opened(conversation(30))
    assert model.search("NO answer") == 8
    assert model.matches == [2, 5, 8, 11, 17, 20, 23, 26]
    assert model.next_match(here=5) == (5, 1)  # just searched: the one here first, its body
    assert model.next_match(here=5) == (8, 1)
    assert model.next_match(here=26) == (2, 1)
    assert model.next_match(here=2, backwards=True) == (26, 1)
    assert model.search("") == 0 and model.pattern is None


def test_a_reload_with_fewer_entries_searches_again() -> None:
    model = opened(conversation(30))
    model.search("no answer")
    model.set_entries(conversation(6), plain_body=render_body, width=WIDTH, keep_from=0)
    assert model.matches == [2, 5]
    assert model.next_match(here=5) == (5, 1)
    assert model.next_match(here=5) == (2, 1)


def test_a_search_follows_new_entries_the_filter_and_the_order() -> None:
    entries = conversation(40)
    model = opened(entries[:30])
    model.search("no answer")
    model.append_entries(entries[30:], width=WIDTH, top=0)  # an auto-refresh brought ten more
    notes = [2, 5, 8, 11, 17, 20, 23, 26, 32, 35, 38]
    assert model.matches == notes
    model.set_filter(NO_NOTES, width=WIDTH, top=0)
    assert model.matches == []
    model.set_filter(EntryFilter(), width=WIDTH, top=0)
    assert model.matches == notes
    model.set_newest_first(True, width=WIDTH, top=0)
    assert model.matches == sorted(39 - p for p in notes)


def test_a_mail_converted_after_the_search_is_searched_as_converted() -> None:
    model = opened(conversation(30))
    assert model.search("no answer") == 8
    model.set_bodies({0: render_body("<p>Still no answer from the courier.</p>")})
    model.set_newest_first(True, width=WIDTH, top=0)
    assert 29 in model.matches  # entry 0, last now
    assert len(model.matches) == 9


def test_new_entries_keep_the_reader_and_what_is_laid_out() -> None:
    entries = [e for e in conversation(40) if e.kind is not EntryKind.EVENT]
    model = opened(entries[:20])
    model.lay_out(range(20))
    top = model.heights.offset_of(7) + 1
    y = model.append_entries(entries[20:], width=WIDTH, top=top)
    assert y == top
    assert list(model.heights.inexact()) == list(range(20, len(entries)))


def test_previous_and_next_entry() -> None:
    model = opened(conversation(10))
    model.lay_out(range(10))
    inside = model.heights.offset_of(3) + 1  # the reader scrolled into the fourth entry
    assert model.entry_before(inside) == 2
    assert model.entry_after(inside) == 4
    assert model.entry_before(0) == 0  # the first stays the first
    model.current = 9  # moved to with ], whatever the top of the screen shows
    assert model.entry_after(0) == 9
    assert model.entry_before(0) == 8


def test_entries_to_convert_come_from_the_screen_first(seed: list[TimelineEntry]) -> None:
    html = seed[0]
    entries = [*conversation(20), *(html.model_copy(update={"id": str(n)}) for n in range(3))]
    model = opened(entries)
    assert model.wanted_bodies([]) == [20, 21, 22]  # none asked for: in reading order
    model.layout(22)  # drawn: now it is asked for
    assert model.wanted_bodies([22]) == [22, 20, 21]
    assert model.wanted_bodies([22], limit=1) == [22]


def test_entry_heights_find_lines_and_screens() -> None:
    heights = EntryHeights()
    heights.reset([3, 1, 5, 2])
    assert heights.total == 11
    assert [heights.position_at(y) for y in (0, 2, 3, 4, 9, 10, 99)] == [0, 0, 1, 2, 3, 3, 3]
    assert heights.near(top=4, height=2, margin=0) == range(2, 3)
    assert heights.near(top=4, height=2, margin=1) == range(0, 3)
    assert heights.measure([0, 3], top=4, height_of=lambda p: 6) == (True, 3)
    assert heights.offset_of(2) == 7
    assert list(heights.inexact()) == [1, 2]


def test_a_painted_line_highlights_matches_outside_the_gutter() -> None:
    def style_of(roles: str) -> Style:
        return Style(bgcolor="yellow") if roles == "match" else Style(bold="current" in roles)

    line = ((GUTTER, "note gutter"), ("Note: find me", "note body"))
    segments = paint_line(line, style_of, re.compile("note", re.IGNORECASE), current=True)
    assert [s.text for s in segments] == [CURRENT_GUTTER, "Note", ": find me"]
    assert segments[0].style == Style(bold=False)  # the bar says it, not a colour
    assert segments[1].style is not None and segments[1].style.bgcolor is not None
    assert segments[2].style is not None and segments[2].style.bgcolor is None


def test_the_current_entry_is_marked_without_colour() -> None:
    header = ((GUTTER, "note gutter"), ("Internal note · marleen", "note header"))
    body = ((GUTTER, "note gutter"), ("Hello", "note body"))
    event = (("  · Assigned to sanne", "event"),)
    assert mark_current(header, first=True) == (
        (CURRENT_MARK, "note gutter mark"),
        ("Internal note · marleen", "note header current"),
    )
    assert mark_current(body, first=False) == (
        (CURRENT_GUTTER, "note gutter mark"),
        ("Hello", "note body"),
    )
    assert mark_current(event, first=True) == (
        (f"{CURRENT_MARK}· Assigned to sanne", "event current"),
    )
    assert mark_current((), first=False) == ()
