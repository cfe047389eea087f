"""The ticket timeline: one ScrollView drawing lines on demand (Textual's Line API).

A ticket may have thousands of entries, so nothing is mounted per entry. What is shown where is
the headless :class:`~omnitui.render.timeline_model.TimelineModel`; this widget scrolls, paints
lines from it (keeping the painted ones in a cache) and lays out, a few at a time in the
background, the entries whose heights are still estimates. When an estimate above the reader
turns out wrong, the scroll position moves by the difference, so what the reader looks at stays.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Sequence

from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from omnitui.api.models import TimelineEntry
from omnitui.render.entry_filter import EntryFilter
from omnitui.render.html import RenderedBody
from omnitui.render.timeline import TEXT_STYLES, paint_line
from omnitui.render.timeline_model import TimelineModel
from omnitui.tui.widgets.timeline_keys import TIMELINE_KEYS

#: What the lines are: the kinds of entry and the parts of one (see render/timeline.py).
ROLES = (
    *("inbound", "outbound", "note", "event", "other"),
    *("header", "gutter", "current", "mark", "body", "quote", "fold"),
    *("link", "meta", "warning", "match"),
)

STRIP_CACHE = 2000
BACKGROUND_BUDGET = 0.008  # seconds of layout per background tick: keeps the loop responsive
#: Seconds of searching between two turns of the event loop (find in a long ticket).
SEARCH_BUDGET = 0.008
# Setting virtual_size makes Textual lay the whole screen out again: while entries below the
# reader get their exact heights in the background, the scrollbar follows at most this often.
SIZE_EVERY = 0.25


class TimelineView(ScrollView, can_focus=True):
    """Scrollable, virtualised timeline of one ticket."""

    #: The keys of the timeline itself (the screen has the rest); timeline_keys.py.
    BINDINGS = TIMELINE_KEYS

    #: Each role a laid-out line may name (render/timeline.py), styled in ticket.tcss.
    COMPONENT_CLASSES = {f"timeline--{role}" for role in ROLES}

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
        self.model = TimelineModel()
        #: Painted lines, by entry index, line, layout width, current or not, and widget width.
        self._strips: LRUCache[tuple[int, int, int, bool, int], Strip] = LRUCache(STRIP_CACHE)
        self._styles: dict[str, Style] = {}
        self._base_style: Style | None = None
        self._size_set_at = 0.0
        self._size_stale = False
        self._adjusting = False
        self._background_scheduled = False
        #: The reader is at the newest end (End, or after sending): layout keeps them there.
        self._at_newest_end = False
        #: The current entry was chosen ([, ], a find match, z), not just followed by scrolling.
        self._current_chosen = False

    # ------------------------------------------------------------------------------------------
    # Data in

    @property
    def entries(self) -> list[TimelineEntry]:
        """The ticket's entries, oldest first; a new list when :meth:`set_entries` replaces them."""
        return self.model.entries

    def set_entries(
        self,
        entries: Sequence[TimelineEntry],
        *,
        plain_body: Callable[[str], RenderedBody],
        keep_position: bool = False,
    ) -> None:
        """Show ``entries`` (sorted by time); ``plain_body`` renders text that is not HTML."""
        keep_from = round(self.scroll_y) if keep_position else None
        width = self._content_width()
        self._reordered(
            self.model.set_entries(entries, plain_body=plain_body, width=width, keep_from=keep_from)
        )

    def append_entries(self, new: Sequence[TimelineEntry]) -> None:
        """Add entries newer than every one shown (auto-refresh) without disturbing the reader."""
        if new:
            width, top = self._content_width(), round(self.scroll_y)
            self._reordered(self.model.append_entries(new, width=width, top=top))

    def set_bodies(self, bodies: dict[int, RenderedBody]) -> None:
        """Converted HTML arrived for some entries (by index into ``entries``)."""
        self.model.set_bodies(bodies)
        self._forget_strips(set(bodies))
        self._settle()

    def wanted_bodies(self, limit: int = 100) -> list[int]:
        """Entries whose HTML should be converted next, those on screen first."""
        return self.model.wanted_bodies(self._visible_positions(margin=1.0), limit)

    # ------------------------------------------------------------------------------------------
    # What the reader is looking at

    @property
    def at_newest(self) -> bool:
        """Whether the reader sees the newest end (the bottom, or the top when newest first)."""
        if self.newest_first:
            return round(self.scroll_y) <= 0
        return round(self.scroll_y) >= self.max_scroll_y

    def go_to_newest(self) -> None:
        """Show the newest entries (laid out exactly first, so the end is the real end)."""
        count = self.model.shown_count
        newest = range(min(3, count)) if self.newest_first else range(max(0, count - 3), count)
        self._ensure_exact(newest)
        self._settle()
        if self.newest_first:
            self.scroll_home(animate=False, immediate=True)
        else:
            self.scroll_end(animate=False, immediate=True)
        self._at_newest_end = True

    @property
    def current_position(self) -> int | None:
        return self.model.current_position(round(self.scroll_y))

    @property
    def cursor_entry(self) -> TimelineEntry | None:
        """The entry the reader moved the cursor to (None when they did not): a reply answers it.

        Only one chosen with ``[``/``]``, a find match or ``z``: the mark that merely follows
        scrolling is not a choice of which message to answer.
        """
        position = self.model.current
        if position is None or not self._current_chosen:
            return None
        return self.model.entry_at(position)

    def current_entry_text(self) -> str | None:
        position = self.current_position
        return None if position is None else self.model.entry_text(position)

    @property
    def shown_count(self) -> int:
        """How many entries the filter lets through."""
        return self.model.shown_count

    @property
    def entry_filter(self) -> EntryFilter:
        return self.model.entry_filter

    @property
    def query_text(self) -> str:
        return self.model.query_text

    @property
    def matches(self) -> list[int]:
        """Positions of the shown entries holding the searched text."""
        return self.model.matches

    # ------------------------------------------------------------------------------------------
    # Actions

    def action_previous_entry(self) -> None:
        target = self.model.entry_before(round(self.scroll_y))
        if target is not None:
            self.go_to_position(target)

    def action_next_entry(self) -> None:
        target = self.model.entry_after(round(self.scroll_y))
        if target is not None:
            self.go_to_position(target)

    def action_toggle_quotes(self) -> None:
        """Show or fold the quoted history of the current entry, or of the first on screen
        (which becomes the current one: the mark shows which entry changed)."""
        model = self.model
        positions = model.heights.visible(round(self.scroll_y), self.size.height)
        position = model.toggle_quotes(positions, self.current_position)
        if position is None:
            self.notify("No quoted text on screen.", severity="information", timeout=2)
            return
        self._forget_strips({model.index_at(position)})
        self._set_current(position, chosen=True)
        self._at_newest_end = False  # the quote opens below its fold line, where the eye is
        self._settle()

    def go_to_position(self, position: int, line: int = 0) -> None:
        count = self.model.shown_count
        if not count:
            return
        self._ensure_exact(range(max(0, position - 2), min(count, position + 3)))
        self._set_current(position, chosen=True)
        self._scroll_silently(self.model.heights.offset_of(position) + line)
        self._settle()

    def set_filter(self, entry_filter: EntryFilter) -> None:
        """Show only what ``entry_filter`` lets through, keeping the entry being read in view."""
        width, top = self._content_width(), round(self.scroll_y)
        self._reordered(self.model.set_filter(entry_filter, width=width, top=top))
        self.post_message(self.CurrentChanged(None))

    async def search(self, text: str) -> int:
        """Highlight ``text`` and list the entries holding it; returns how many do.

        Searched a slice at a time (:data:`SEARCH_BUDGET`), the event loop running between:
        the first search of a 50,000-entry ticket takes well over a second in all."""
        model = self.model
        model.start_search(text)
        while not model.search_some(time.perf_counter() + SEARCH_BUDGET):
            await asyncio.sleep(0)
        self._strips.clear()
        self.refresh()
        return len(model.matches)

    def next_match(self, backwards: bool = False) -> int | None:
        """Move to the next (or previous) entry with a match; returns its number among them."""
        found = self.model.next_match(self.current_position or 0, backwards)
        if found is None:
            return None
        position, line = found
        self._forget_strips({self.model.index_at(position)})  # a huge mail was finished for it
        self.go_to_position(position, max(0, line - 1))
        return self.model.matches.index(position) + 1

    def watch_newest_first(self, newest_first: bool) -> None:
        width, top = self._content_width(), round(self.scroll_y)
        self._reordered(self.model.set_newest_first(newest_first, width=width, top=top))

    # ------------------------------------------------------------------------------------------
    # Scrolling and laying out

    def _reordered(self, y: int) -> None:
        """What is shown changed (entries, filter, order): new lines, scrollbar and place."""
        self._at_newest_end = False
        self._strips.clear()
        self._sync_size()
        self._scroll_silently(y)
        self._settle()

    def _content_width(self) -> int:
        return max(20, self.scrollable_content_region.width or self.size.width or 80)

    def _visible_positions(self, margin: float = 0.5) -> range:
        return self.model.heights.near(round(self.scroll_y), self.size.height, margin)

    def _sync_size(self, *, defer: bool = False) -> None:
        """Tell the scrollbar the model's height; ``defer`` rate-limits it (see SIZE_EVERY)."""
        now = time.monotonic()
        if defer and now - self._size_set_at < SIZE_EVERY:
            self._size_stale = True
            return
        self._size_set_at = now
        self._size_stale = False
        self.virtual_size = Size(self.model.width, self.model.heights.total)

    def _scroll_silently(self, y: int) -> None:
        self._adjusting = True
        try:
            self.scroll_to(y=y, animate=False, force=True)
        finally:
            self._adjusting = False

    def _forget_strips(self, indices: set[int]) -> None:
        # keys(): an LRUCache is not iterable.
        for key in [k for k in self._strips.keys() if k[0] in indices]:  # noqa: SIM118
            self._strips.discard(key)

    def _ensure_exact(self, positions: Iterable[int], *, background: bool = False) -> bool:
        """Lay out ``positions`` exactly; keep the reader's view still. True if heights changed."""
        top = round(self.scroll_y)
        changed, shift = self.model.lay_out(positions, top)
        if changed:
            # Cached lines are per entry, so a height change alone leaves them valid.
            self._sync_size(defer=background and not shift and not self._at_newest_end)
            if self._at_newest_end and not self.newest_first:
                end = self.model.heights.total - self.scrollable_content_region.height
                self._scroll_silently(max(0, end))  # the newest end stays in view
            elif shift:
                self._scroll_silently(top + shift)
        return changed

    def _settle(self) -> None:
        """Lay out what is on screen now; the rest follows in the background."""
        model = self.model
        if not model.shown_count:
            self.virtual_size = Size(model.width, 0)
            self.refresh()
            return
        y = model.set_width(self._content_width(), top=round(self.scroll_y))
        if y is not None:
            self._strips.clear()
            self._sync_size()
            self._scroll_silently(y)
        elif self._size_stale:
            self._sync_size()
        self._ensure_exact(self._visible_positions())
        self.refresh()  # cached lines are per entry and dropped with its layout: still valid
        if model.converting:  # entries just added are not laid out yet
            self.post_message(self.BodiesWanted())
        if not model.heights.all_exact and not self._background_scheduled:
            self._background_scheduled = True
            self.set_timer(0.02, self._background_layout)

    def _background_layout(self) -> None:
        """Lay out a few more entries, then yield to the event loop."""
        self._background_scheduled = False
        model = self.model
        if not model.shown_count:
            return
        deadline = time.perf_counter() + BACKGROUND_BUDGET
        finished = model.advance_layouts(deadline)  # a huge mail, a slice at a time
        if finished:  # its lines were painted from what it showed meanwhile
            self._forget_strips({model.index_at(p) for p in finished})
        batch = list(finished)
        for position in model.heights.inexact():
            batch.append(position)
            model.layout(position)
            if time.perf_counter() > deadline:  # one long mail may take milliseconds
                break
        visible = self._visible_positions(margin=0)
        changed = bool(batch) and self._ensure_exact(batch, background=True)
        if (changed and any(p in visible for p in batch)) or any(p in visible for p in finished):
            self.refresh()  # only when it shows: a repaint of 40 lines is most of a tick's cost
        if not model.heights.all_exact:
            self._background_scheduled = True
            self.set_timer(0.001, self._background_layout)
        elif self._size_stale:
            self._sync_size()

    def _follow_view(self, old_top: int) -> None:
        """Keep the current entry on screen: the keys that act on it act on what shows."""
        model = self.model
        top = round(self.scroll_y)
        was = model.current_position(old_top)  # the entry at the old top, if none was chosen
        edge = "end" if top > old_top and top >= self.max_scroll_y else ""
        edge = "start" if top < old_top and top <= 0 else edge
        self._set_current(model.heights.in_view(was, top, self.size.height, edge=edge))

    def _set_current(self, position: int | None, *, chosen: bool = False) -> None:
        if position == self.model.current:
            self._current_chosen = self._current_chosen or chosen
            return
        self._current_chosen = chosen
        self.model.current = position
        self.refresh()  # painted lines are cached per entry and current or not: still valid
        entry = self.model.entry_at(position) if position is not None else None
        self.post_message(self.CurrentChanged(entry))

    # ------------------------------------------------------------------------------------------
    # Textual hooks

    def on_resize(self) -> None:
        self._settle()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._adjusting or not self.model.shown_count:
            return
        self._at_newest_end = self.at_newest  # then it stays there while heights change
        self._ensure_exact(self._visible_positions())
        if round(old_value) != round(new_value):
            self._follow_view(round(old_value))
        if self.model.bodies_wanted:
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
        model = self.model
        absolute = round(self.scroll_y) + y
        if absolute >= model.heights.total:
            return Strip.blank(width, self._rich_style)
        position, line_no = model.heights.locate(absolute)
        current_position = self.current_position
        current = position == current_position
        key = (model.index_at(position), line_no, model.width, current, width)
        strip = self._strips.get(key)
        if strip is None:
            lines = model.layout(position).lines
            if line_no >= len(lines):
                strip = Strip.blank(width, self._rich_style)
            else:
                painted = paint_line(
                    lines[line_no], self._style, model.pattern, current=current, first=not line_no
                )
                strip = Strip(painted)
            # Cached as drawn (cropped to the widget's width): a page-down then reuses them.
            strip = strip.crop_extend(0, width, self._rich_style)
            self._strips[key] = strip
        return strip

    def _style(self, roles: str) -> Style:
        style = self._styles.get(roles)
        if style is None:
            style = self._rich_style
            for role in roles.split():
                fixed = TEXT_STYLES.get(role)
                if fixed is not None:
                    style += fixed
                elif f"timeline--{role}" in self.COMPONENT_CLASSES:
                    style += self.get_component_rich_style(f"timeline--{role}", partial=True)
            self._styles[roles] = style
        return style
