"""The ticket timeline: one ScrollView drawing lines on demand (Textual's Line API).

A ticket may have thousands of entries, so nothing is mounted per entry. Each entry is laid out
when it first comes near the screen (and, in the background, a few at a time until all are);
until then its height is an estimate. When an estimate above the reader turns out wrong, the
scroll position moves by the difference, so what the reader looks at stays put.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, islice

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from omnitui.api.models import EntryKind, TimelineEntry
from omnitui.render.entry_filter import EntryFilter
from omnitui.render.html import RenderedBody
from omnitui.render.timeline import EntryLayout, Line, entry_plain_text, layout_entry

LAYOUT_CACHE = 4000
STRIP_CACHE = 2000
BACKGROUND_BUDGET = 0.008  # seconds of layout per background tick: keeps the loop responsive
# Setting virtual_size makes Textual lay the whole screen out again: while entries below the
# reader get their exact heights in the background, the scrollbar follows at most this often.
SIZE_EVERY = 0.25


@dataclass(frozen=True, slots=True)
class Match:
    position: int
    line: int


class TimelineView(ScrollView, can_focus=True):
    """Scrollable, virtualised timeline of one ticket."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="timeline.down", tooltip="Scroll down"),
        Binding("k", "scroll_up", "Up", show=False, id="timeline.up", tooltip="Scroll up"),
        Binding(
            "left_square_bracket",
            "previous_entry",
            "Prev entry",
            show=False,
            id="timeline.prev",
            tooltip="Previous entry",
        ),
        Binding(
            "right_square_bracket",
            "next_entry",
            "Next entry",
            show=False,
            id="timeline.next",
            tooltip="Next entry",
        ),
        Binding(
            "z",
            "toggle_quotes",
            "Quotes",
            show=False,
            id="timeline.quotes",
            tooltip="Show or fold quoted history in the current entry",
        ),
    ]

    COMPONENT_CLASSES = {
        "timeline--inbound",
        "timeline--outbound",
        "timeline--note",
        "timeline--event",
        "timeline--other",
        "timeline--header",
        "timeline--gutter",
        "timeline--current",
        "timeline--body",
        "timeline--quote",
        "timeline--fold",
        "timeline--link",
        "timeline--meta",
        "timeline--warning",
        "timeline--match",
    }

    DEFAULT_CSS = """
    TimelineView {
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    """

    newest_first: reactive[bool] = reactive(False, init=False)

    class BodiesWanted(Message):
        """Entries near the screen need their HTML converted."""

    class CurrentChanged(Message):
        def __init__(self, entry: TimelineEntry | None) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[TimelineEntry] = []
        self._bodies: dict[int, RenderedBody] = {}
        self._wanted: set[int] = set()
        #: Entries whose HTML is not converted yet (kept, not recomputed: a ticket has thousands).
        self._unconverted: set[int] = set()
        self._base_style: Style | None = None
        self._events: list[bool] = []
        #: Per entry, for estimates: the content's length and how many attachments it has.
        self._lengths: list[int] = []
        self._files: list[int] = []
        self._size_set_at = 0.0
        self._size_stale = False
        self._expanded: set[int] = set()
        self._order: list[int] = []
        self._position_of: list[int] = []
        self._heights: list[int] = []
        self._exact: list[bool] = []
        self._offsets: list[int] = [0]
        self._width = 0
        self._layouts: OrderedDict[tuple[int, int, bool, bool], EntryLayout] = OrderedDict()
        self._strips: OrderedDict[tuple[int, int, int, bool, int], Strip] = OrderedDict()
        self._styles: dict[str, Style] = {}
        self._current: int | None = None
        self._adjusting = False
        self._pending_exact = 0
        self.query_text = ""
        self._query_re: re.Pattern[str] | None = None
        self.matches: list[int] = []
        self._fresh_search = False
        self._plain_body: Callable[[str], RenderedBody] | None = None
        self.entry_filter = EntryFilter()

    # ------------------------------------------------------------------------------------------
    # Data in

    def set_entries(
        self,
        entries: Sequence[TimelineEntry],
        *,
        plain_body: Callable[[str], RenderedBody],
        keep_position: bool = False,
    ) -> None:
        """Show ``entries`` (sorted by time); ``plain_body`` renders text that is not HTML."""
        anchor = self._anchor() if keep_position else None
        self.entries = list(entries)
        self._plain_body = plain_body
        self._bodies.clear()
        self._wanted.clear()
        self._events = []
        self._lengths = []
        self._files = []
        self._unconverted = set()
        self._index_entries(0)
        self._expanded.clear()
        self._layouts.clear()
        self._strips.clear()
        self._current = None
        self._rebuild_order()
        if anchor is not None:
            self._restore_anchor(anchor)
        else:
            self.scroll_to(y=0, animate=False)
        self._settle()

    def append_entries(self, new: Sequence[TimelineEntry]) -> None:
        """Add entries newer than every one shown (auto-refresh) without disturbing the reader.

        Bodies and exact heights already known are kept, so nothing is laid out again and the
        view does not move; only events may change height (the blank line after a run).
        """
        if not new:
            return
        anchor = self._anchor()
        width = self._width
        known = {
            self._order[p]: h
            for p, h in enumerate(self._heights)
            if self._exact[p] and self.entries[self._order[p]].kind is not EntryKind.EVENT
        }
        self.entries.extend(new)
        self._index_entries(len(self.entries) - len(new))
        self._current = None
        self._rebuild_order()
        if self._width == width and known:
            for index, height in known.items():
                position = self._position_of[index]
                if position >= 0:
                    self._heights[position] = height
                    self._exact[position] = True
            self._recompute_offsets()
        self._restore_anchor(anchor)
        if self._query_re is not None:
            self.search(self.query_text)
        self._settle()

    def _index_entries(self, start: int) -> None:
        """What estimates and conversion ask of entries ``start`` on, computed once per entry.

        ``kind`` is computed on every access, and a ticket has thousands of entries.
        """
        for index in range(start, len(self.entries)):
            entry = self.entries[index]
            event = entry.kind is EntryKind.EVENT
            self._events.append(event)
            self._lengths.append(len(entry.content))
            self._files.append(len(entry.files))
            if not event and "<" in entry.content:
                self._unconverted.add(index)

    @property
    def at_newest(self) -> bool:
        """Whether the reader sees the newest end (the bottom, or the top when newest first)."""
        if self.newest_first:
            return round(self.scroll_y) <= 0
        return round(self.scroll_y) >= self.max_scroll_y

    def go_to_newest(self) -> None:
        if self.newest_first:
            self._settle()
            self.scroll_home(animate=False, immediate=True)
        else:
            self.go_to_end()

    def set_bodies(self, bodies: dict[int, RenderedBody]) -> None:
        """Converted HTML arrived for some entries (by index into ``entries``)."""
        for index, body in bodies.items():
            self._bodies[index] = body
            self._wanted.discard(index)
            self._unconverted.discard(index)
        self._forget_layouts(set(bodies))
        for index in bodies:
            if self._position_of[index] >= 0:  # hidden by the filter: laid out when shown
                self._exact[self._position_of[index]] = False
        self._settle()

    def wanted_bodies(self, limit: int = 100) -> list[int]:
        """Entries whose HTML should be converted next, those on screen first."""
        visible = [i for i in self._visible_indices(margin=1.0) if i in self._wanted]
        if len(visible) >= limit or not self._unconverted:
            return visible[:limit]
        chosen = set(visible)
        pending = self._unconverted
        rest = (i for i in self._order if i in pending and i not in chosen)
        return visible + list(islice(rest, limit - len(visible)))

    # ------------------------------------------------------------------------------------------
    # What the reader is looking at

    @property
    def current_position(self) -> int | None:
        if self._current is not None:
            return self._current
        return self._position_at(round(self.scroll_y)) if self._order else None

    @property
    def current_entry(self) -> TimelineEntry | None:
        position = self.current_position
        return self.entries[self._order[position]] if position is not None else None

    def current_entry_text(self) -> str | None:
        position = self.current_position
        if position is None:
            return None
        index = self._order[position]
        return entry_plain_text(self.entries[index], self._body(index))

    @property
    def shown_count(self) -> int:
        """How many entries the filter lets through."""
        return len(self._order)

    def all_text(self) -> str:
        return "\n".join(entry_plain_text(self.entries[i], self._body(i)) for i in self._order)

    # ------------------------------------------------------------------------------------------
    # Actions

    def action_previous_entry(self) -> None:
        position = self.current_position
        if position is None:
            return
        top = self._position_at(round(self.scroll_y))
        target = position - 1 if position == top or self._current is not None else top
        self.go_to_position(max(0, target))

    def action_next_entry(self) -> None:
        position = self.current_position
        if position is None:
            return
        self.go_to_position(min(len(self._order) - 1, position + 1))

    def action_toggle_quotes(self) -> None:
        """Show or fold the quoted history of the current entry, or of the first on screen."""
        candidates = [
            p for p in self._visible_positions(margin=0) if self._layout(self._order[p]).has_quotes
        ]
        if not candidates:
            self.notify("No quoted text on screen.", severity="information", timeout=2)
            return
        current = self.current_position
        position = current if current in candidates else candidates[0]
        index = self._order[position]
        self._expanded.symmetric_difference_update({index})
        self._exact[position] = False
        self._forget_layouts({index})
        self._settle()

    def go_to_position(self, position: int, line: int = 0) -> None:
        if not self._order:
            return
        self._ensure_exact(range(max(0, position - 2), min(len(self._order), position + 3)))
        self._set_current(position)
        self._adjusting = True
        try:
            self.scroll_to(y=self._offsets[position] + line, animate=False, force=True)
        finally:
            self._adjusting = False
        self._settle()

    def go_to_end(self) -> None:
        self._settle()
        self.scroll_end(animate=False, immediate=True)

    # ------------------------------------------------------------------------------------------
    # Filter

    def set_filter(self, entry_filter: EntryFilter) -> None:
        """Show only what ``entry_filter`` lets through, keeping the entry being read in view.

        When that entry is hidden now, the next shown one in reading order takes its place (or,
        at the end, the last shown one before it).
        """
        anchor = self._anchor()
        if anchor is not None and not entry_filter.shows(self.entries[anchor[0]]):
            position = self._position_of[anchor[0]]
            later = self._order[position + 1 :]
            earlier = self._order[:position][::-1]
            index = next(
                (i for i in [*later, *earlier] if entry_filter.shows(self.entries[i])), None
            )
            anchor = None if index is None else (index, 0)
        self.entry_filter = entry_filter
        self._current = None
        self._rebuild_order()
        if anchor is not None:
            self._restore_anchor(anchor)
        else:
            self._scroll_silently(0)
        if self._query_re is not None:
            self.search(self.query_text)
        self._settle()
        self.post_message(self.CurrentChanged(None))

    # ------------------------------------------------------------------------------------------
    # Search

    def search(self, text: str) -> int:
        """Highlight ``text`` and list the entries holding it; returns how many do."""
        self.query_text = text
        self._query_re = re.compile(re.escape(text), re.IGNORECASE) if text else None
        self._strips.clear()
        self._fresh_search = True
        if self._query_re is None:
            self.matches = []
        else:
            pattern = self._query_re
            self.matches = [
                p
                for p, i in enumerate(self._order)
                if pattern.search(entry_plain_text(self.entries[i], self._body(i)))
            ]
        self.refresh()
        return len(self.matches)

    def next_match(self, backwards: bool = False) -> int | None:
        """Move to the next (or previous) entry with a match; returns its number among them."""
        if not self.matches:
            return None
        here = self.current_position or 0
        if backwards:
            earlier = [p for p in self.matches if p < here]
            target = earlier[-1] if earlier else self.matches[-1]
        else:
            later = [p for p in self.matches if p > here]
            if self._fresh_search and here in self.matches:
                later = [here]
            target = later[0] if later else self.matches[0]
        self._fresh_search = False
        layout = self._layout(self._order[target])
        line = 0
        if self._query_re is not None:
            line = next(
                (
                    n
                    for n, ln in enumerate(layout.lines)
                    if self._query_re.search("".join(t for t, _ in ln))
                ),
                0,
            )
        self.go_to_position(target, max(0, line - 1))
        return self.matches.index(target) + 1

    # ------------------------------------------------------------------------------------------
    # Order and layout bookkeeping

    def watch_newest_first(self) -> None:
        anchor = self._anchor()
        self._rebuild_order()
        self._restore_anchor(anchor)
        if self._query_re is not None:
            self.search(self.query_text)
        self._settle()

    def _rebuild_order(self) -> None:
        count = len(self.entries)
        if self.entry_filter.is_all:
            order = list(range(count))
        else:
            shown = self.entry_filter.shows
            order = [i for i in range(count) if shown(self.entries[i])]
        self._order = order[::-1] if self.newest_first else order
        self._position_of = [-1] * count  # -1: hidden by the filter
        for position, index in enumerate(self._order):
            self._position_of[index] = position
        width = self._content_width()
        self._width = width
        self._heights = self._estimates(width)
        self._exact = [False] * len(self._order)
        self._recompute_offsets()

    def _content_width(self) -> int:
        return max(20, self.scrollable_content_region.width or self.size.width or 80)

    def _recompute_offsets(self, *, clear_strips: bool = True, defer_size: bool = False) -> None:
        """New offsets from the heights. Cached lines are per entry, so a height change alone
        leaves them valid (``clear_strips=False``); ``defer_size`` rate-limits the scrollbar."""
        self._offsets = [0, *accumulate(self._heights)]
        if clear_strips:
            self._strips.clear()
        now = time.monotonic()
        if defer_size and now - self._size_set_at < SIZE_EVERY:
            self._size_stale = True
            return
        self._size_set_at = now
        self._size_stale = False
        self.virtual_size = Size(self._width, self._offsets[-1])

    def _estimates(self, width: int) -> list[int]:
        """Guessed heights of the shown entries, until each is laid out: about one line per
        four widths of content (HTML is longer than its text), one per attachment."""
        per_line = max(40, width * 4)
        events, lengths, files = self._events, self._lengths, self._files
        return [
            1 if events[i] else 3 + min(60, lengths[i] // per_line) + files[i] for i in self._order
        ]

    def _needs_conversion(self, index: int) -> bool:
        return index in self._unconverted

    def _body(self, index: int) -> RenderedBody | None:
        body = self._bodies.get(index)
        if body is not None:
            return body
        entry = self.entries[index]
        if entry.kind is EntryKind.EVENT:
            return None
        if "<" in entry.content:
            self._wanted.add(index)
            return None
        if self._plain_body is None:
            return None
        body = self._plain_body(entry.content)
        self._bodies[index] = body
        return body

    def _gap_after(self, index: int) -> bool:
        """Whether an event is the last of a run (so a blank line follows it)."""
        position = self._position_of[index] + 1
        return position < len(self._order) and (
            self.entries[self._order[position]].kind is not EntryKind.EVENT
        )

    def _layout(self, index: int) -> EntryLayout:
        expanded = index in self._expanded
        gap = self._gap_after(index) if self.entries[index].kind is EntryKind.EVENT else True
        key = (index, self._width, expanded, gap)
        layout = self._layouts.get(key)
        if layout is None:
            layout = layout_entry(
                self.entries[index],
                self._body(index),
                self._width,
                expand_quotes=expanded,
                gap_after=gap,
            )
            self._layouts[key] = layout
            if len(self._layouts) > LAYOUT_CACHE:
                self._layouts.popitem(last=False)
        else:
            self._layouts.move_to_end(key)
        return layout

    def _forget_layouts(self, indices: set[int]) -> None:
        """Drop cached layouts and lines of ``indices``, in one pass over each cache."""
        for key in [k for k in self._layouts if k[0] in indices]:
            del self._layouts[key]
        for key in [k for k in self._strips if k[0] in indices]:
            del self._strips[key]

    def _position_at(self, y: int) -> int:
        return max(0, min(len(self._order) - 1, bisect_right(self._offsets, y) - 1))

    def _visible_positions(self, margin: float = 0.5) -> range:
        if not self._order:
            return range(0)
        height = max(1, self.size.height)
        top = round(self.scroll_y)
        first = self._position_at(max(0, top - int(height * margin)))
        last = self._position_at(top + height + int(height * margin))
        return range(first, last + 1)

    def _visible_indices(self, margin: float = 0.5) -> list[int]:
        return [self._order[p] for p in self._visible_positions(margin)]

    def _anchor(self) -> tuple[int, int] | None:
        """The entry at the top of the screen and how far into it the reader is."""
        if not self._order:
            return None
        top = round(self.scroll_y)
        position = self._position_at(top)
        return self._order[position], top - self._offsets[position]

    def _restore_anchor(self, anchor: tuple[int, int] | None) -> None:
        if anchor is None or not self._order:
            return
        index, into = anchor
        index = min(index, len(self.entries) - 1)
        position = self._position_of[index]
        if position < 0:  # hidden by the filter: the nearest shown entry at or after it
            later = next((p for p in self._position_of[index:] if p >= 0), None)
            position = later if later is not None else max(self._position_of)
            into = 0
        self._ensure_exact(range(position, min(len(self._order), position + 3)))
        self._scroll_silently(self._offsets[position] + into)

    def _scroll_silently(self, y: int) -> None:
        self._adjusting = True
        try:
            self.scroll_to(y=y, animate=False, force=True)
        finally:
            self._adjusting = False

    def _ensure_exact(self, positions: range, *, background: bool = False) -> bool:
        """Lay out ``positions`` exactly; keep the reader's view still. True if heights changed."""
        top = round(self.scroll_y)
        top_position = self._position_at(top)
        shift = 0
        changed = False
        for position in positions:
            if self._exact[position]:
                continue
            height = len(self._layout(self._order[position]).lines)
            self._exact[position] = True
            delta = height - self._heights[position]
            if delta:
                changed = True
                self._heights[position] = height
                if position < top_position:
                    shift += delta
        if changed:
            self._recompute_offsets(clear_strips=False, defer_size=background and not shift)
            if shift:
                self._scroll_silently(top + shift)
        return changed

    def _settle(self) -> None:
        """Lay out what is on screen now; the rest follows in the background."""
        if not self._order:
            self.virtual_size = Size(self._width, 0)
            self.refresh()
            return
        width = self._content_width()
        if width != self._width:
            anchor = self._anchor()
            self._width = width
            self._heights = self._estimates(width)
            self._exact = [False] * len(self._order)
            self._recompute_offsets()
            self._restore_anchor(anchor)
        if self._size_stale:
            self._recompute_offsets(clear_strips=False)
        self._ensure_exact(self._visible_positions())
        self.refresh()  # cached lines are per entry and dropped with its layout: still valid
        if self._wanted or self._unconverted:  # entries just added are not laid out yet
            self.post_message(self.BodiesWanted())
        if not all(self._exact) and self._pending_exact == 0:
            self._pending_exact = 1
            self.set_timer(0.02, self._background_layout)

    def _background_layout(self) -> None:
        """Lay out a few more entries, then yield to the event loop."""
        self._pending_exact = 0
        if not self._order:
            return
        deadline = time.perf_counter() + BACKGROUND_BUDGET
        todo = [p for p, exact in enumerate(self._exact) if not exact]
        batch: list[int] = []
        for position in todo:
            batch.append(position)
            self._layout(self._order[position])
            if time.perf_counter() > deadline:  # one long mail may take milliseconds
                break
        visible = self._visible_positions(margin=0)
        if batch and self._ensure_exact_list(batch) and any(p in visible for p in batch):
            self.refresh()  # only when it shows: a repaint of 40 lines is most of a tick's cost
        if not all(self._exact):
            self._pending_exact = 1
            self.set_timer(0.001, self._background_layout)
        elif self._size_stale:
            self._recompute_offsets(clear_strips=False)

    def _ensure_exact_list(self, positions: list[int]) -> bool:
        changed = False
        for start, end in _runs(positions):
            changed |= self._ensure_exact(range(start, end), background=True)
        return changed

    def _set_current(self, position: int | None) -> None:
        if position == self._current:
            return
        self._current = position
        self._strips.clear()
        self.refresh()
        entry = self.entries[self._order[position]] if position is not None else None
        self.post_message(self.CurrentChanged(entry))

    # ------------------------------------------------------------------------------------------
    # Textual hooks

    def on_resize(self) -> None:
        self._settle()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._adjusting or not self._order:
            return
        if self._current is not None and round(old_value) != round(new_value):
            self._set_current(None)
        if not all(self._exact[p] for p in self._visible_positions()):
            self._ensure_exact(self._visible_positions())
        if self._wanted:
            self.post_message(self.BodiesWanted())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._styles.clear()
        self._strips.clear()

    @property
    def _rich_style(self) -> Style:
        """``rich_style`` walks every ancestor's styles: once per style change, not per line."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        absolute = round(self.scroll_y) + y
        if not self._order or absolute >= self._offsets[-1]:
            return Strip.blank(width, self._rich_style)
        position = self._position_at(absolute)
        line_no = absolute - self._offsets[position]
        current = position == self.current_position
        key = (self._order[position], line_no, self._width, current, width)
        strip = self._strips.get(key)
        if strip is None:
            layout = self._layout(self._order[position])
            if line_no >= len(layout.lines):
                strip = Strip.blank(width, self._rich_style)
            else:
                strip = self._to_strip(layout.lines[line_no], current)
            # Cached as drawn (cropped to the widget's width): a page-down then reuses them.
            strip = strip.crop_extend(0, width, self._rich_style)
            self._strips[key] = strip
            if len(self._strips) > STRIP_CACHE:
                self._strips.popitem(last=False)
        return strip

    # ------------------------------------------------------------------------------------------
    # Styling

    def _to_strip(self, line: Line, current: bool) -> Strip:
        segments: list[Segment] = []
        for text, roles in line:
            if current and "gutter" in roles:
                roles = f"{roles} current"
            style = self._style(roles)
            if self._query_re is not None and "gutter" not in roles:
                segments.extend(self._highlight(text, style))
            else:
                segments.append(Segment(text, style))
        return Strip(segments)

    def _highlight(self, text: str, style: Style) -> list[Segment]:
        assert self._query_re is not None
        out: list[Segment] = []
        pos = 0
        match_style = style + self._style("match")
        for found in self._query_re.finditer(text):
            if found.start() > pos:
                out.append(Segment(text[pos : found.start()], style))
            out.append(Segment(found.group(), match_style))
            pos = found.end()
        if pos < len(text):
            out.append(Segment(text[pos:], style))
        return out

    def _style(self, roles: str) -> Style:
        style = self._styles.get(roles)
        if style is None:
            style = self._rich_style
            for role in roles.split():
                if role == "bold":
                    style += Style(bold=True)
                elif role == "italic":
                    style += Style(italic=True)
                elif role == "heading":
                    style += Style(bold=True, underline=True)
                elif role == "code":
                    style += Style(dim=True)
                elif f"timeline--{role}" in self.COMPONENT_CLASSES:
                    style += self.get_component_rich_style(f"timeline--{role}", partial=True)
            self._styles[roles] = style
        return style


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for position in sorted(positions):
        if runs and runs[-1][1] == position:
            runs[-1] = (runs[-1][0], position + 1)
        else:
            runs.append((position, position + 1))
    return runs
