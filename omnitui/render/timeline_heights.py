"""How tall each shown timeline entry is, and on which line each starts.

A ticket has thousands of entries and laying one out costs a wrapped mail, so a height starts as
an estimate and becomes exact when the entry is measured. Offsets are the running sum, so a line
number finds its entry by bisection. No Textual here.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate


class EntryHeights:
    """Heights in lines by position (see :mod:`omnitui.render.timeline_model`), some estimated."""

    def __init__(self) -> None:
        self._heights: list[int] = []
        self._exact: list[bool] = []
        self._offsets: list[int] = [0]

    def reset(self, estimates: list[int]) -> None:
        """Start again from estimated heights, none exact."""
        self._heights = estimates
        self._exact = [False] * len(estimates)
        self._offsets = [0, *accumulate(estimates)]

    def __len__(self) -> int:
        return len(self._heights)

    @property
    def total(self) -> int:
        """All the lines, estimates included."""
        return self._offsets[-1]

    def offset_of(self, position: int) -> int:
        """The line the entry at ``position`` starts on."""
        return self._offsets[position]

    def position_at(self, y: int) -> int:
        """The position of the entry line ``y`` belongs to (the last one past the end)."""
        return max(0, min(len(self._heights) - 1, bisect_right(self._offsets, y) - 1))

    def locate(self, y: int) -> tuple[int, int]:
        """The position of the entry line ``y`` belongs to, and the line's number in it."""
        position = self.position_at(y)
        return position, y - self._offsets[position]

    def near(self, top: int, height: int, margin: float = 0.5) -> range:
        """Positions on a screen of ``height`` lines from line ``top``, with ``margin`` screens
        more above and below."""
        if not self._heights:
            return range(0)
        height = max(1, height)
        first = self.position_at(max(0, top - int(height * margin)))
        last = self.position_at(top + height + int(height * margin))
        return range(first, last + 1)

    def visible(self, top: int, height: int) -> range:
        """Positions with a line on a screen of ``height`` lines from line ``top``."""
        if not self._heights:
            return range(0)
        return range(self.position_at(top), self.position_at(top + max(1, height) - 1) + 1)

    def in_view(self, current: int | None, top: int, height: int, *, edge: str = "") -> int | None:
        """The entry to be current on a screen of ``height`` lines from line ``top``.

        A view scrolled to an ``edge`` ("start" or "end") makes the first or last entry current,
        so Home and End mark what they show. Otherwise ``current`` stays while a line of it (its
        trailing blank aside) is on screen; scrolled out of view, the nearest entry on screen
        takes its place: the first whose header shows when it went off the top, the last whose
        header shows when it went off the bottom.
        """
        shown = self.visible(top, height)
        if not shown or edge:
            return None if not shown else shown[-1] if edge == "end" else shown[0]
        bottom = top + max(1, height)
        offsets = self._offsets
        if current is None or current >= len(self._heights):
            current = shown[0]
        start, end = offsets[current], offsets[current + 1]
        if start < bottom and max(start + 1, end - 1) > top:
            return current
        headers = [p for p in shown if top <= offsets[p] < bottom]
        if not headers:
            return shown[0]  # one entry fills the screen
        return headers[-1] if start >= bottom else headers[0]

    def measure(
        self, positions: Iterable[int], top: int, height_of: Callable[[int], int]
    ) -> tuple[bool, int]:
        """Make the heights at ``positions`` exact, asking ``height_of(position)``.

        Returns whether a height changed, and by how many lines the entry at line ``top`` moved
        (scrolling by as much keeps what the reader looks at still).
        """
        top_position = self.position_at(top)
        shift = 0
        changed = False
        heights, exact = self._heights, self._exact
        for position in positions:
            if exact[position]:
                continue
            height = height_of(position)
            exact[position] = True
            delta = height - heights[position]
            if delta:
                changed = True
                heights[position] = height
                if position < top_position:
                    shift += delta
        if changed:
            self._offsets = [0, *accumulate(heights)]
        return changed, shift

    def keep(self, known: dict[int, int]) -> None:
        """Take exact heights measured before (by position), without measuring them again."""
        for position, height in known.items():
            self._heights[position] = height
            self._exact[position] = True
        if known:
            self._offsets = [0, *accumulate(self._heights)]

    def exact(self) -> Iterator[tuple[int, int]]:
        """The exact heights, as (position, height)."""
        return ((p, h) for p, h in enumerate(self._heights) if self._exact[p])

    def forget(self, position: int) -> None:
        """The entry at ``position`` changed: its height is to be measured again."""
        self._exact[position] = False

    @property
    def all_exact(self) -> bool:
        return all(self._exact)

    def inexact(self) -> Iterator[int]:
        """Positions whose height is still an estimate, first to last."""
        return (p for p, exact in enumerate(self._exact) if not exact)
