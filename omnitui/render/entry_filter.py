"""Which timeline entries the reader wants to see: messages, notes, other entries, events by type.

A plain value with a predicate and a sentence for the status line, so the filter modal, the
timeline and the tests share one meaning. No Textual here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from omnitui.api.models import EntryKind, TimelineEntry

#: The kinds an agent can tick, in the order the modal lists them, with the words it uses.
KIND_LABELS: dict[EntryKind, str] = {
    EntryKind.MESSAGE: "messages",
    EntryKind.NOTE: "notes",
    EntryKind.OTHER: "other entries",
    EntryKind.EVENT: "events",
}
ALL_KINDS = frozenset(KIND_LABELS)
NO_TYPE = ""


def event_type(entry: TimelineEntry) -> str:
    """The event's ``item_type`` ("status", "assigned_group_id"); empty when the API sent none."""
    return entry.item_type or NO_TYPE


def event_type_label(item_type: str) -> str:
    return item_type.replace("_", " ") if item_type else "untyped"


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """Kinds to show; ``event_types`` narrows events to some types (None: every type, also new)."""

    kinds: frozenset[EntryKind] = ALL_KINDS
    event_types: frozenset[str] | None = None

    @property
    def is_all(self) -> bool:
        return self.kinds == ALL_KINDS and self.event_types is None

    def shows(self, entry: TimelineEntry) -> bool:
        kind = entry.kind
        if kind not in self.kinds:
            return False
        if kind is EntryKind.EVENT and self.event_types is not None:
            return event_type(entry) in self.event_types
        return True

    def describe(self) -> str:
        """``showing notes and messages``; ``showing everything`` when nothing is filtered."""
        if self.is_all:
            return "showing everything"
        parts: list[str] = []
        for kind, label in KIND_LABELS.items():
            if kind not in self.kinds:
                continue
            if kind is EntryKind.EVENT and self.event_types is not None:
                types = ", ".join(event_type_label(t) for t in sorted(self.event_types))
                label = f"events ({types})" if types else "no events"
            parts.append(label)
        # "Other entries" (types omnitui does not know) rarely exist: only worth a word alone.
        named = [p for p in parts if p != KIND_LABELS[EntryKind.OTHER]]
        if not parts:
            return "showing nothing"
        return "showing " + _join(named or parts)


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def kind_counts(entries: Iterable[TimelineEntry]) -> tuple[Counter[EntryKind], Counter[str]]:
    """How many entries of each kind, and of events of each type: for the modal's labels."""
    kinds: Counter[EntryKind] = Counter()
    types: Counter[str] = Counter()
    for entry in entries:
        kinds[entry.kind] += 1
        if entry.kind is EntryKind.EVENT:
            types[event_type(entry)] += 1
    return kinds, types


def from_choices(choices: Iterable[str], known_types: Iterable[str]) -> EntryFilter:
    """Build a filter from the modal's ticks: kind values and ``event:TYPE`` strings.

    Ticking every event type of this ticket means "all events", so types that appear later
    (the history's "viewed" events, say) are shown too.
    """
    chosen = set(choices)
    kinds = {kind for kind in KIND_LABELS if kind.value in chosen}
    types = {c.removeprefix("event:") for c in chosen if c.startswith("event:")}
    known = set(known_types)
    if types:
        kinds.add(EntryKind.EVENT)
    event_types: frozenset[str] | None = None
    if types and not known <= types:
        event_types = frozenset(types)
    if not types and known:
        kinds.discard(EntryKind.EVENT)
    return EntryFilter(frozenset(kinds), event_types)


def choices_of(entry_filter: EntryFilter, known_types: Iterable[str]) -> set[str]:
    """The ticks the modal starts with for ``entry_filter``."""
    chosen = {kind.value for kind in entry_filter.kinds if kind is not EntryKind.EVENT}
    if EntryKind.EVENT in entry_filter.kinds:
        known = list(known_types)
        if not known:
            chosen.add(EntryKind.EVENT.value)
        for item_type in known:
            if entry_filter.event_types is None or item_type in entry_filter.event_types:
                chosen.add(f"event:{item_type}")
    return chosen
