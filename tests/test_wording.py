"""Counts in messages read as English: one ticket, two tickets, no entries."""

from __future__ import annotations

from omnitui.core.wording import plural


def test_one_is_singular_and_everything_else_plural() -> None:
    assert plural(1, "ticket") == "1 ticket"
    assert plural(3, "ticket") == "3 tickets"
    assert plural(0, "ticket") == "0 tickets"


def test_an_irregular_plural_is_given() -> None:
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(5_000, "entry", "entries") == "5000 entries"
    assert plural(2, "new entry", "new entries") == "2 new entries"
