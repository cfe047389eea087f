"""The timeline's laid-out entries: cached, and a huge one built a slice at a time.

Laying an entry out wraps its body at one width. That is well under a millisecond for a mail,
but a 5 MB newsletter converts (in the worker process) to some 15,000 paragraphs, and wrapping
them into 20,000 lines took 80–100 ms (≈30 ms since wrapping takes a line at a time): done in
one go when the body arrived, the screen froze for that long. An entry whose body has
:data:`SLICED_FROM` paragraphs or more is therefore laid out by a :class:`LayoutBuild`, a few
milliseconds per call of :meth:`TimelineLayouts.advance` (from the widget's background layout;
the event loop runs everything else in between).

Until its build is done the entry shows what it showed before (its "converting…" line, or its
lines at the previous width or folding) and its height stays an estimate; the finished layout
then replaces it at once, so nobody sees half a mail. No Textual here.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from omnitui.api.models import TimelineEntry
from omnitui.render.body import RenderedBody
from omnitui.render.timeline import EntryLayout, Line, entry_lines, has_quotes, layout_entry

#: Layouts kept (by entry, width and folding); the least recently used go first.
LAYOUT_CACHE = 4000
#: Paragraphs (body lines) from which an entry is laid out in slices: a few ms of layout.
SLICED_FROM = 2000
#: Lines laid out between two looks at the clock (well under a millisecond).
CHECK_EVERY = 128

LayoutKey = tuple[int, int, bool, bool]
"""(entry index, width, quotes expanded, gap after): what a layout is for."""


@dataclass(eq=False)
class LayoutBuild:
    """One entry being laid out: the lines so far, and what it shows until they are all there."""

    pending: Iterator[Line]
    shown: EntryLayout
    lines: list[Line] = field(default_factory=list)

    def advance(self, deadline: float) -> EntryLayout | None:
        """Lay out lines until ``deadline`` (``time.perf_counter``); the whole layout once done."""
        pending, lines = self.pending, self.lines
        while True:
            chunk = list(islice(pending, CHECK_EVERY))
            lines.extend(chunk)
            if len(chunk) < CHECK_EVERY:
                return EntryLayout(tuple(lines), self.shown.has_quotes)
            if time.perf_counter() >= deadline:
                return None


class TimelineLayouts:
    """Layouts by :data:`LayoutKey`: those done (a bounded cache), those being built."""

    def __init__(self) -> None:
        self._done: OrderedDict[LayoutKey, EntryLayout] = OrderedDict()
        self._builds: dict[LayoutKey, LayoutBuild] = {}

    def get(self, key: LayoutKey) -> EntryLayout | None:
        """The layout for ``key``, or what the entry shows while it is built; None if neither."""
        layout = self._done.get(key)
        if layout is not None:
            self._done.move_to_end(key)
            return layout
        build = self._builds.get(key)
        return None if build is None else build.shown

    def lay_out(
        self, key: LayoutKey, entry: TimelineEntry, body: RenderedBody | None
    ) -> EntryLayout:
        """Lay the entry out for ``key`` now, or start building it if its body is huge; returns
        what it shows (the finished layout's ``has_quotes`` already, so z knows at once)."""
        _, width, expanded, gap = key
        if body is None or len(body.lines) < SLICED_FROM:
            layout = layout_entry(entry, body, width, expand_quotes=expanded, gap_after=gap)
            self._keep(key, layout)
            return layout
        self._drop_builds({key[0]})  # one at another width or folding
        meanwhile = self._last_done(key[0]) or layout_entry(entry, None, width)
        shown = EntryLayout(meanwhile.lines, has_quotes(entry, body))
        lines = entry_lines(entry, body, width, expand_quotes=expanded, gap_after=gap)
        self._builds[key] = LayoutBuild(lines, shown)
        return shown

    def building(self, index: int) -> bool:
        """Whether the entry at ``index`` is being laid out (its height is not known yet)."""
        return any(key[0] == index for key in self._builds)

    @property
    def any_building(self) -> bool:
        return bool(self._builds)

    def advance(self, deadline: float, wanted: Callable[[LayoutKey], bool]) -> list[int]:
        """Work on the builds until ``deadline`` (on one at least: :data:`CHECK_EVERY` lines);
        returns the entries whose layout is finished. A build no longer ``wanted`` (the width or
        folding changed since) is dropped."""
        done: list[int] = []
        worked = False
        for key, build in list(self._builds.items()):
            if not wanted(key):
                del self._builds[key]
                continue
            if worked and time.perf_counter() >= deadline:
                break
            worked = True
            layout = build.advance(deadline)
            if layout is not None:
                del self._builds[key]
                self._keep(key, layout)
                done.append(key[0])
        return done

    def finish(self, key: LayoutKey) -> EntryLayout | None:
        """Build ``key`` to its end now, for what needs its real lines at once (a find)."""
        build = self._builds.pop(key, None)
        if build is None:
            return None
        layout = build.advance(float("inf"))
        assert layout is not None
        self._keep(key, layout)
        return layout

    def forget(self, indices: set[int]) -> None:
        """These entries changed (a new body): every layout of them is to be made again."""
        for key in [k for k in self._done if k[0] in indices]:
            del self._done[key]
        self._drop_builds(indices)

    def clear(self) -> None:
        self._done.clear()
        self._builds.clear()

    def _keep(self, key: LayoutKey, layout: EntryLayout) -> None:
        self._done[key] = layout
        if len(self._done) > LAYOUT_CACHE:
            self._done.popitem(last=False)

    def _last_done(self, index: int) -> EntryLayout | None:
        """The entry's layout used last (at another width or folding), if still cached."""
        return next((v for k, v in reversed(self._done.items()) if k[0] == index), None)

    def _drop_builds(self, indices: Iterable[int]) -> None:
        gone = set(indices)
        for key in [k for k in self._builds if k[0] in gone]:
            del self._builds[key]
