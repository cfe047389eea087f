"""Find in a ticket: which shown entries hold the text, looked for a slice at a time.

The first search of a long ticket renders every plain-text body not drawn yet (≈30 ms per
1,000 entries), so the screen gives it the event loop in slices (:meth:`TimelineSearch.advance`).
What was looked at is kept: new entries (an auto-refresh), a filter or the other order look only
at entries not looked at yet, and a mail converted since is looked at again. No Textual here.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence

#: Entries searched between two looks at the clock (a millisecond or two at most).
SLICE = 64


class TimelineSearch:
    """The text searched for and the positions of the shown entries holding it."""

    def __init__(self) -> None:
        self.text = ""
        #: What to highlight: ``text``, any case; None when nothing is searched.
        self.pattern: re.Pattern[str] | None = None
        #: Positions (in the order shown) of the entries holding ``text``, once all are looked at.
        self.matches: list[int] = []
        #: Right after a search, a match at the reader's entry is the first one gone to.
        self.fresh = False
        self._looked_at: set[int] = set()  # entries, by index
        self._holding: set[int] = set()
        self._from = 0  # where in the order :meth:`advance` goes on from

    def start(self, text: str) -> None:
        """Look for ``text`` from now on, in no entry looked at yet."""
        self.text = text
        self.pattern = re.compile(re.escape(text), re.IGNORECASE) if text else None
        self.fresh = True
        self.matches = []
        self.forget()

    def forget(self, indices: Iterable[int] | None = None) -> None:
        """Look at ``indices`` again (None: every entry, as for other entries altogether)."""
        if indices is None:
            self._looked_at, self._holding = set(), set()
        else:
            self._looked_at.difference_update(indices)
        self._from = 0

    def restart(self) -> None:
        """The order changed: go through it again from its start (skipping what was seen)."""
        self._from = 0

    def advance(self, order: Sequence[int], text_of: Callable[[int], str], deadline: float) -> bool:
        """Look at the entries of ``order`` not looked at yet until ``deadline``
        (``time.perf_counter``); True once all are, and :attr:`matches` is set for ``order``."""
        pattern = self.pattern
        if pattern is None:
            self.matches = []
            return True
        looked_at, holding = self._looked_at, self._holding
        position = self._from
        while position < len(order):
            for index in order[position : position + SLICE]:
                if index not in looked_at:
                    looked_at.add(index)
                    if pattern.search(text_of(index)):
                        holding.add(index)
            position += SLICE
            if time.perf_counter() >= deadline:
                self._from = position
                return False
        self._from = len(order)
        self.matches = [p for p, i in enumerate(order) if i in holding]
        return True

    def next_match(self, here: int, backwards: bool) -> int | None:
        """The position of the next (or previous) match from ``here``, going round."""
        matches = self.matches
        if not matches:
            return None
        if backwards:
            earlier = [p for p in matches if p < here]
            target = earlier[-1] if earlier else matches[-1]
        else:
            later = [p for p in matches if p > here]
            if self.fresh and here in matches:
                later = [here]
            target = later[0] if later else matches[0]
        self.fresh = False
        return target
