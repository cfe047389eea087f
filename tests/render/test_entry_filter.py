"""The timeline filter as a value: what it lets through and how the status line names it."""

from __future__ import annotations

from typing import Any

from omnitui.api.models import EntryKind, TimelineEntry
from omnitui.render.entry_filter import EntryFilter, choices_of, from_choices

TYPES = ["assigned_group_id", "status"]


def entry(**fields: Any) -> TimelineEntry:
    return TimelineEntry.model_validate(fields)


MESSAGE = entry(type="message")
NOTE = entry(type="note")
CHAT = entry(type="chat")
STATUS = entry(type="event", item_type="status")
VIEWED = entry(type="event", item_type="viewed")


def test_everything_by_default() -> None:
    f = EntryFilter()
    assert f.is_all and f.describe() == "showing everything"
    assert all(f.shows(e) for e in (MESSAGE, NOTE, CHAT, STATUS, VIEWED))


def test_ticks_of_kinds_and_some_event_types() -> None:
    f = from_choices(["message", "event:status"], TYPES)
    assert f.kinds == {EntryKind.MESSAGE, EntryKind.EVENT}
    assert f.event_types == {"status"}
    assert [f.shows(e) for e in (MESSAGE, NOTE, CHAT, STATUS, VIEWED)] == [
        True, False, False, True, False,
    ]  # fmt: skip
    assert f.describe() == "showing messages and events (status)"
    assert choices_of(f, TYPES) == {"message", "event:status"}


def test_every_known_event_type_means_all_events_also_later_ones() -> None:
    f = from_choices(["note", "message", "event:status", "event:assigned_group_id"], TYPES)
    assert f.event_types is None
    assert f.shows(VIEWED)
    assert f.describe() == "showing messages, notes and events"


def test_no_event_type_ticked_hides_events() -> None:
    f = from_choices(["note", "message"], TYPES)
    assert not f.shows(STATUS)
    assert f.describe() == "showing messages and notes"
    assert from_choices([], TYPES).describe() == "showing nothing"


def test_a_ticket_without_events_offers_events_as_one_tick() -> None:
    f = from_choices(["event"], [])
    assert f.shows(STATUS) and not f.shows(NOTE)
    assert choices_of(EntryFilter(), []) == {"message", "note", "other", "event"}
