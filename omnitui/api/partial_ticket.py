"""A ticket read in two steps: its header and oldest entries first, the rest of it after.

Kept apart from the models: it is not a shape of the API's answers but a way of reading one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from omnitui.api.json_lazy import LazyArray
from omnitui.api.models import Ticket, TimelineEntry, entry_time, sorted_timeline
from omnitui.api.wire import to_flag, tolerant_list

__all__ = ["OFF_LOOP_ENTRIES", "PartialTicket"]


#: Timelines longer than this are sorted and read in a thread: a 5,000-entry ticket takes a few
#: hundred milliseconds, which on the event loop would freeze the UI.
OFF_LOOP_ENTRIES = 200


@dataclass(frozen=True, slots=True)
class PartialTicket:
    """A ticket whose header and oldest entries are read, the rest of its timeline not yet.

    Reading 50,000 entries takes far longer than showing the first screenful of them, so a big
    ticket is shown from this while :meth:`finish` reads the rest (in a thread,
    :mod:`omnitui.api.ticket_rest`); a small one is read whole at once. Of a big
    answer only the first entries are even decoded (:mod:`omnitui.api.json_lazy`): the others
    are in :attr:`lazy`, not counted yet.
    """

    ticket: Ticket
    #: Entries decoded but not read yet, as sent, oldest first.
    rest: list[Any]
    #: The pinned ones among ``rest``, read: pinned notes are shown above the timeline at once
    #: (those among the entries not decoded yet once they are).
    pinned: list[TimelineEntry]
    #: The entries not decoded yet, as sent (in the server's order, which is not time order).
    lazy: LazyArray | None = None

    @classmethod
    def read(cls, item: Any, first: int) -> PartialTicket:
        """Read the header and the oldest ``first`` entries of a ticket as sent (of those
        decoded, when its timeline is a :class:`LazyArray`)."""
        if not isinstance(item, dict):
            return cls(Ticket.model_validate(item), [], [])
        timeline = item.get("timeline")
        lazy = timeline if isinstance(timeline, LazyArray) else None
        raw = sorted_timeline(lazy.head if lazy is not None else timeline)
        head = Ticket.model_validate({**item, "timeline": raw[:first]})
        rest = raw[first:]
        pinned_raw = [e for e in rest if isinstance(e, dict) and to_flag(e.get("pinned"))]
        pinned = tolerant_list(TimelineEntry, pinned_raw, "timeline entry")[0]
        return cls(head, rest, pinned, lazy)

    @property
    def whole(self) -> bool:
        """Whether every entry is read (nothing for :meth:`finish` to do)."""
        return not self.rest and self.lazy is None

    @property
    def pending(self) -> int | None:
        """How many entries are still to be read; None while that is not known (not decoded)."""
        return None if self.lazy is not None else len(self.rest)

    @property
    def digest(self) -> str | None:
        """A name for the answer's timeline once it is read and found as guessed: a refresh
        with the same name has the same timeline (:meth:`LazyArray.digest`). None for an answer
        read at once (small) or not read yet."""
        lazy = self.lazy
        return lazy.digest() if lazy is not None and lazy.checked else None

    def newest(self, count: int, decoded: Sequence[Any] = ()) -> list[TimelineEntry]:
        """The newest ``count`` entries, oldest first, reading only those of the rest: what a
        check after a write looks at, without reading thousands of entries nobody looks at.
        ``decoded``: the entries of :attr:`lazy`, decoded (``lazy.rest()``)."""
        if count <= 0:
            return []
        rest = sorted_timeline([*self.rest, *decoded]) if decoded else self.rest
        shown = self.ticket.timeline
        if shown and rest and entry_time(rest[0]) < shown[-1].created_at:
            return self.finish(decoded).timeline[-count:]  # older ones came later: all sorted
        tail = tolerant_list(TimelineEntry, rest[-count:], "timeline entry")[0]
        missing = count - len(tail)
        head = self.ticket.timeline[-missing:] if missing > 0 else []
        return [*head, *tail]

    def finish(self, decoded: Sequence[Any] = ()) -> Ticket:
        """The whole ticket: the rest of the timeline read and added; ``decoded`` holds the
        entries of :attr:`lazy`, decoded (``lazy.rest()``).

        When the server sent older entries among those decoded last, the first entries read
        were not the oldest: the whole timeline is then sorted, and its first entries are no
        longer the objects shown first (the screen shows it all again rather than append).
        """
        raw = sorted_timeline([*self.rest, *decoded]) if decoded else self.rest
        if not raw:
            return self.ticket
        entries, skipped = tolerant_list(TimelineEntry, raw, "timeline entry")
        shown = self.ticket.timeline
        if shown and entries and entries[0].created_at < shown[-1].created_at:
            timeline = sorted([*shown, *entries], key=attrgetter("created_at"))  # stable
        else:
            timeline = [*shown, *entries]
        return self.ticket.model_copy(
            update={"timeline": timeline, "skipped_entries": self.ticket.skipped_entries + skipped}
        )
