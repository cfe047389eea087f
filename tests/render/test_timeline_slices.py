"""A huge mail is laid out a slice at a time: the reader sees it whole once it is, never half.

A newsletter of 3,000 paragraphs stands in for the 5 MB one of the bench: the timeline model
lays it out in pieces (the widget asks for one piece per background tick), shows what it showed
before until the last piece is done, and then every line of it, up to the last.
"""

from __future__ import annotations

import math

from omnitui.api.models import Ticket, TimelineEntry
from omnitui.render.html import render_body
from omnitui.render.timeline import CONVERTING, layout_entry, line_text
from omnitui.render.timeline_model import TimelineModel

WIDTH = 80
PARAGRAPHS = 3000
LAST = "That is all for this month: the last line of the report."


def newsletter(quoted: bool = False) -> TimelineEntry:
    paragraphs = "".join(
        f"<p>Section {n}: the invoices, orders and deliveries of the month, one by one.</p>"
        for n in range(1, PARAGRAPHS + 1)
    )
    history = (
        "<p>On 3 Jan 2024, MyBrand &lt;service@mybrand.com&gt; wrote:</p>"
        "<blockquote><p>Earlier words of ours.</p></blockquote>"
        if quoted
        else ""
    )
    content = f"<html><body><h1>Monthly report</h1>{paragraphs}<p>{LAST}</p>{history}</body></html>"
    raw = {"id": "1", "type": "message", "direction": "inbound", "content": content}
    raw.update({"from": "reports@example.com", "created_at": "2026-11-20 09:00:00"})
    return Ticket.model_validate({"id": 1, "timeline": [raw]}).timeline[0]


def converted(entry: TimelineEntry) -> TimelineModel:
    """The model once the worker's result arrived, as the ticket screen hands it over."""
    model = TimelineModel()
    model.set_entries([entry], plain_body=render_body, width=WIDTH)
    assert model.wanted_bodies(range(1)) == [0]
    model.set_bodies({0: render_body(entry.content)})
    return model


def shown(model: TimelineModel) -> list[str]:
    return [line_text(line) for line in model.layout(0).lines]


def slices_until_done(model: TimelineModel) -> int:
    """Ask for pieces as the widget's background layout does (each as small as can be)."""
    slices = 1
    while model.advance_layouts(0.0) != [0]:
        slices += 1
    return slices


def test_a_huge_mail_shows_whole_once_its_last_slice_is_laid_out() -> None:
    entry = newsletter()
    model = converted(entry)
    model.lay_out(range(1))  # the screen asks for what it shows
    assert CONVERTING in "".join(shown(model))  # as before the body came: not half a mail
    assert not model.heights.all_exact  # its height is still a guess

    assert slices_until_done(model) > 1
    lines = shown(model)
    whole = layout_entry(entry, render_body(entry.content), WIDTH)
    assert lines == [line_text(line) for line in whole.lines]
    assert "Monthly report" in lines[1]
    assert lines[-2].endswith(LAST)  # its last line (a blank one closes every entry)
    assert all(f"Section {n}:" in "".join(lines) for n in (1, 1500, PARAGRAPHS))

    model.lay_out(range(1))
    assert model.heights.all_exact
    assert model.heights.total == len(lines)


def test_resized_or_unfolded_it_keeps_its_old_lines_until_the_new_ones_are_ready() -> None:
    model = converted(newsletter(quoted=True))
    model.lay_out(range(1))
    slices_until_done(model)
    folded = shown(model)
    assert any("MyBrand wrote on 3 Jan 2024" in line for line in folded)

    model.set_width(60, top=0)
    assert shown(model) == folded
    slices_until_done(model)
    narrow = shown(model)
    assert narrow != folded and narrow[-2].endswith("wrote on 3 Jan 2024, 3 lines (z shows them)")
    assert max(len(line) for line in narrow) <= 60

    assert model.toggle_quotes(range(1), 0) == 0  # z: it knows at once that there are quotes
    assert shown(model) == narrow
    slices_until_done(model)
    assert "Earlier words of ours." in "".join(shown(model))


def test_find_in_a_huge_mail_goes_to_the_line_of_the_match_at_once() -> None:
    model = converted(newsletter())
    model.lay_out(range(1))
    assert model.search("Section 2500:") == 1
    found = model.next_match(0)  # right away, while the slices are still to come
    assert found is not None
    position, line = found
    assert position == 0
    assert "Section 2500:" in shown(model)[line]
    model.advance_layouts(math.inf)
    assert "Section 2500:" in shown(model)[line]
