"""What the ticket timeline shows and where, without drawing it: the model under the widget.

Two index spaces. An *index* counts in ``entries``, the ticket's entries oldest first as read; a
*position* counts in what is shown, after the filter and in the reader's order (newest first if
asked). Heights, offsets, search matches and the current entry are by position; bodies, layouts
and folded quotes by index, so they survive a change of filter or order.

Heights (:attr:`TimelineModel.heights`) are in lines at one width, estimates until an entry is
laid out (:meth:`TimelineModel.lay_out`): the view asks for exact heights of what is on screen,
and of the rest a few at a time. Where the reader is comes in as ``top``, the line at the top of
the screen; methods that reorder return the line to scroll to so that the reader stays put.

No Textual here: :class:`~omnitui.tui.widgets.timeline.TimelineView` scrolls and paints.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from omnitui.api.models import EntryKind, TimelineEntry
from omnitui.render.body import RenderedBody
from omnitui.render.entry_filter import EntryFilter
from omnitui.render.mail_input import needs_converter
from omnitui.render.timeline import EntryLayout, entry_plain_text, line_text
from omnitui.render.timeline_heights import EntryHeights
from omnitui.render.timeline_layouts import LayoutKey, TimelineLayouts
from omnitui.render.timeline_search import TimelineSearch

Anchor = tuple[int, int]
"""The entry (its index) at the top of the screen, and how many lines into it the reader is."""


class TimelineModel:
    """Entries, filter, order, search, folding and geometry of one ticket's timeline."""

    def __init__(self) -> None:
        self.entries: list[TimelineEntry] = []
        self.entry_filter = EntryFilter()
        self.newest_first = False
        #: The width entries are laid out at (cells); heights and offsets are at this width.
        self.width = 0
        #: Find in the ticket (timeline_search.py).
        self.find = TimelineSearch()
        #: The position the reader moved to ([, ], n); None: the entry at the top of the screen.
        self.current: int | None = None
        self._plain_body: Callable[[str], RenderedBody] | None = None
        self._bodies: dict[int, RenderedBody] = {}
        #: Entries not converted yet (``needs_converter``), and those of them the view asked for.
        self._unconverted: set[int] = set()
        self._wanted: set[int] = set()
        # Per index, computed once (``kind`` is computed on every access): for the estimates.
        self._events: list[bool] = []
        self._lengths: list[int] = []
        self._files: list[int] = []
        self._expanded: set[int] = set()
        self._order: list[int] = []  # position -> index
        self._position_of: list[int] = []  # index -> position, -1 when hidden by the filter
        #: By position: how tall each shown entry is and on which line it starts.
        self.heights = EntryHeights()
        #: By entry, width and folding; a huge mail is laid out in slices (timeline_layouts.py).
        self._layouts = TimelineLayouts()

    # ------------------------------------------------------------------------------------------
    # Entries and bodies

    def set_entries(
        self,
        entries: Sequence[TimelineEntry],
        *,
        plain_body: Callable[[str], RenderedBody],
        width: int,
        keep_from: int | None = None,
    ) -> int:
        """Show ``entries`` (sorted by time), laid out at ``width``; ``plain_body`` renders short
        plain text (the rest waits for :meth:`set_bodies`). Returns the line to scroll to: the
        top, or with ``keep_from`` (the top line now) the same place among the new entries."""
        anchor = self.anchor(keep_from) if keep_from is not None else None
        self.entries = list(entries)
        self._plain_body = plain_body
        self._bodies.clear()
        self._wanted.clear()
        self._unconverted = set()
        self._events, self._lengths, self._files = [], [], []
        self._index_entries(0)
        self._expanded.clear()
        self._layouts.clear()
        self.current = None
        self._rebuild_order(width)
        y = self.restore(anchor)
        self.find.forget()
        self._search_again()
        return y

    def append_entries(self, new: Sequence[TimelineEntry], *, width: int, top: int) -> int:
        """Add entries newer than every one shown; returns the line that keeps the reader still.

        Bodies and exact heights already known are kept (at the same width), so nothing is laid
        out again; only events may change height (the blank line after a run).
        """
        anchor = self.anchor(top)
        order = self._order
        known = {order[p]: h for p, h in self.heights.exact() if not self._events[order[p]]}
        same_width = width == self.width
        current = self._current_index()
        self.entries.extend(new)
        self._index_entries(len(self.entries) - len(new))
        self._rebuild_order(width, current)
        if same_width:
            position_of = self._position_of
            self.heights.keep({position_of[i]: h for i, h in known.items() if position_of[i] >= 0})
        y = self.restore(anchor)
        self._search_again()
        return y

    def _index_entries(self, start: int) -> None:
        for entry in islice(self.entries, start, None):
            event = entry.kind is EntryKind.EVENT
            self._events.append(event)
            self._lengths.append(len(entry.content))
            self._files.append(len(entry.files))
            if not event and needs_converter(entry.content):
                self._unconverted.add(len(self._events) - 1)

    def set_bodies(self, bodies: dict[int, RenderedBody]) -> None:
        """Converted bodies arrived for some entries (by index); they are laid out again."""
        for index, body in bodies.items():
            self._bodies[index] = body
            self._wanted.discard(index)
            self._unconverted.discard(index)
        self._layouts.forget(set(bodies))
        self.find.forget(bodies)  # searched as sent: again as converted
        for index in bodies:
            position = self._position_of[index]
            if position >= 0:  # hidden by the filter: laid out when shown
                self.heights.forget(position)

    def wanted_bodies(self, near: Iterable[int], limit: int = 100) -> list[int]:
        """Entries that should be converted next: those shown at positions ``near``
        (and asked for), then the others in reading order."""
        visible = [i for i in (self._order[p] for p in near) if i in self._wanted]
        if len(visible) >= limit or not self._unconverted:
            return visible[:limit]
        chosen = set(visible)
        pending = self._unconverted
        rest = (i for i in self._order if i in pending and i not in chosen)
        return visible + list(islice(rest, limit - len(visible)))

    @property
    def bodies_wanted(self) -> bool:
        """Whether an entry that was drawn, searched or copied waits for the converter."""
        return bool(self._wanted)

    @property
    def converting(self) -> bool:
        """Whether some entry is not converted yet."""
        return bool(self._unconverted)

    def _body(self, index: int) -> RenderedBody | None:
        body = self._bodies.get(index)
        if body is not None:
            return body
        if self._events[index]:
            return None
        if index in self._unconverted:
            self._wanted.add(index)
            return None
        if self._plain_body is None:
            return None
        body = self._bodies[index] = self._plain_body(self.entries[index].content)
        return body

    # ------------------------------------------------------------------------------------------
    # Filter, order, width

    def set_filter(self, entry_filter: EntryFilter, *, width: int, top: int) -> int:
        """Show only what ``entry_filter`` lets through; returns the line to scroll to.

        The entry being read stays in view; when it is hidden now, the next shown one in reading
        order takes its place (or, at the end, the last shown one before it).
        """
        anchor = self.anchor(top)
        if anchor is not None and not entry_filter.shows(self.entries[anchor[0]]):
            position = self._position_of[anchor[0]]
            later = self._order[position + 1 :]
            earlier = self._order[:position][::-1]
            index = next(
                (i for i in [*later, *earlier] if entry_filter.shows(self.entries[i])), None
            )
            anchor = None if index is None else (index, 0)
        self.entry_filter = entry_filter
        self._rebuild_order(width, self._current_index())
        y = self.restore(anchor)
        self._search_again()
        return y

    def set_newest_first(self, newest_first: bool, *, width: int, top: int) -> int:
        """Flip the order; returns the line that keeps the entry being read in view."""
        anchor = self.anchor(top)
        self.newest_first = newest_first
        self._rebuild_order(width, self._current_index())
        y = self.restore(anchor)
        self._search_again()
        return y

    def set_width(self, width: int, *, top: int) -> int | None:
        """Lay out at ``width`` from now on; returns the line that keeps the reader still, or
        None when the width is the same."""
        if width == self.width:
            return None
        anchor = self.anchor(top)
        self.width = width
        self.heights.reset(self._estimates())
        return self.restore(anchor)

    def _current_index(self) -> int | None:
        return None if self.current is None else self._order[self.current]

    def _rebuild_order(self, width: int, current: int | None = None) -> None:
        """Positions anew; the entry at index ``current`` stays current if it is still shown."""
        count = len(self.entries)
        if self.entry_filter.is_all:
            order = list(range(count))
        else:
            shown = self.entry_filter.shows
            order = [i for i in range(count) if shown(self.entries[i])]
        self._order = order[::-1] if self.newest_first else order
        self._position_of = [-1] * count
        for position, index in enumerate(self._order):
            self._position_of[index] = position
        shown = current is not None and self._position_of[current] >= 0
        self.current = self._position_of[current] if shown else None  # type: ignore[index]
        self.width = width
        self.heights.reset(self._estimates())

    def _estimates(self) -> list[int]:
        """Guessed heights of the shown entries, until each is laid out: about one line per
        four widths of content (HTML is longer than its text), one per attachment."""
        per_line = max(40, self.width * 4)
        events, lengths, files = self._events, self._lengths, self._files
        return [
            1 if events[i] else 3 + min(60, lengths[i] // per_line) + files[i] for i in self._order
        ]

    # ------------------------------------------------------------------------------------------
    # Geometry

    @property
    def shown_count(self) -> int:
        """How many entries the filter lets through."""
        return len(self._order)

    def index_at(self, position: int) -> int:
        return self._order[position]

    def entry_at(self, position: int) -> TimelineEntry:
        return self.entries[self._order[position]]

    def anchor(self, top: int) -> Anchor | None:
        """Where the reader is, as an entry and a line in it, to find again after a change."""
        if not self._order:
            return None
        position, into = self.heights.locate(top)
        return self._order[position], into

    def restore(self, anchor: Anchor | None) -> int:
        """The line to scroll to for ``anchor``; the entries there are laid out exactly first.

        An entry hidden by the filter gives its place to the nearest shown one after it.
        """
        if anchor is None or not self._order:
            return 0
        index, into = anchor
        index = min(index, len(self.entries) - 1)
        position = self._position_of[index]
        if position < 0:
            later = next((p for p in self._position_of[index:] if p >= 0), None)
            position = later if later is not None else max(self._position_of)
            into = 0
        self.lay_out(range(position, min(len(self._order), position + 3)))
        return self.heights.offset_of(position) + into

    # ------------------------------------------------------------------------------------------
    # Layout

    def layout(self, position: int) -> EntryLayout:
        """The lines of the entry at ``position`` at the current width (cached)."""
        return self._layout(self._order[position])

    def lay_out(self, positions: Iterable[int], top: int = 0) -> tuple[bool, int]:
        """Replace the estimated heights at ``positions`` by exact ones; see
        :meth:`EntryHeights.measure` for what it returns."""
        order, layout, layouts = self._order, self._layout, self._layouts
        positions = list(positions)
        measured = self.heights.measure(positions, top, lambda p: len(layout(order[p]).lines))
        for position in positions if layouts.any_building else ():
            if layouts.building(order[position]):  # its height is what it shows meanwhile
                self.heights.forget(position)
        return measured

    def advance_layouts(self, deadline: float) -> list[int]:
        """Lay out more of the huge entries until ``deadline`` (``time.perf_counter``); returns
        the positions whose layout is now complete (their lines and height changed)."""
        done = self._layouts.advance(deadline, lambda key: key == self._key(key[0]))
        return [p for p in (self._position_of[i] for i in done) if p >= 0]

    def _key(self, index: int) -> LayoutKey:
        gap = self._gap_after(index) if self._events[index] else True
        return (index, self.width, index in self._expanded, gap)

    def _layout(self, index: int) -> EntryLayout:
        """The entry's layout; for a huge one still being built, what it shows meanwhile."""
        key = self._key(index)
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts.lay_out(key, self.entries[index], self._body(index))
        return layout

    def _gap_after(self, index: int) -> bool:
        """Whether an event is the last of a run (so a blank line follows it)."""
        position = self._position_of[index] + 1
        return position < len(self._order) and not self._events[self._order[position]]

    # ------------------------------------------------------------------------------------------
    # The current entry, folding

    def current_position(self, top: int) -> int | None:
        """The entry the reader moved to, or the one at the top of the screen."""
        if self.current is not None:
            return self.current
        return self.heights.position_at(top) if self._order else None

    def entry_before(self, top: int) -> int | None:
        """Where ``[`` goes: the entry above the current one."""
        position = self.current_position(top)
        return None if position is None else max(0, position - 1)

    def entry_after(self, top: int) -> int | None:
        """Where ``]`` goes: the entry below the current one."""
        position = self.current_position(top)
        return None if position is None else min(len(self._order) - 1, position + 1)

    def entry_text(self, position: int) -> str:
        """The entry at ``position`` as plain text, for copying."""
        index = self._order[position]
        return entry_plain_text(self.entries[index], self._body(index))

    def toggle_quotes(self, positions: Iterable[int], preferred: int | None) -> int | None:
        """Show or fold the quoted history of the entry at ``preferred``, or else of the first
        of ``positions`` with quotes. Returns that entry's position; None if none has quotes."""
        candidates = [p for p in positions if self.layout(p).has_quotes]
        if not candidates:
            return None
        position = preferred if preferred in candidates else candidates[0]
        index = self._order[position]
        self._expanded.symmetric_difference_update({index})
        self.heights.forget(position)  # both layouts may stay cached: the key tells them apart
        return position

    # ------------------------------------------------------------------------------------------
    # Search

    @property
    def query_text(self) -> str:
        return self.find.text

    @property
    def matches(self) -> list[int]:
        """Positions of the shown entries holding ``query_text``."""
        return self.find.matches

    @property
    def pattern(self) -> re.Pattern[str] | None:
        """What to highlight: ``query_text``, any case; None when nothing is searched."""
        return self.find.pattern

    def search(self, text: str) -> int:
        """List the shown entries holding ``text`` (any case); returns how many do."""
        self.find.start(text)
        self._search_again()
        return len(self.matches)

    def start_search(self, text: str) -> None:
        """Search for ``text`` from now on; :meth:`search_some` looks through the entries."""
        self.find.start(text)

    def search_some(self, deadline: float) -> bool:
        """Search until ``deadline`` (``time.perf_counter``); True once :attr:`matches` is set."""
        return self.find.advance(self._order, self._plain_text, deadline)

    def _plain_text(self, index: int) -> str:
        return entry_plain_text(self.entries[index], self._body(index))

    def _search_again(self) -> None:
        """Matches are positions: after a change of what is shown, they are placed again (only
        entries not looked at yet are searched)."""
        self.find.restart()
        self.search_some(math.inf)

    def next_match(self, here: int, backwards: bool = False) -> tuple[int, int] | None:
        """The next (or previous) match from position ``here``, going round, and the line of
        the first match in that entry. Right after a search, a match at ``here`` comes first."""
        target = self.find.next_match(here, backwards)
        if target is None:
            return None
        line = 0
        if self.find.pattern is not None:
            found = self.find.pattern.search
            index = self._order[target]
            layout = self._layout(index)  # a huge mail still being laid out: finished now
            lines = (self._layouts.finish(self._key(index)) or layout).lines
            line = next((n for n, ln in enumerate(lines) if found(line_text(ln))), 0)
        return target, line
