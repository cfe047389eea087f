"""The ticket screen's status line as words, without Textual: every wording fits 80 columns."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from omnitui.render.status_line import LoadState, TimelineState, not_ready_text, status_text


def test_a_plain_ticket_says_how_many_entries_in_which_order() -> None:
    assert status_text(TimelineState(count=13, shown=13)) == "13 entries · oldest first"
    assert status_text(TimelineState(count=1, shown=1, newest_first=True)) == (
        "1 entry · newest first"
    )


def test_a_filtered_searched_ticket_with_history_says_it_all_when_there_is_room() -> None:
    state = TimelineState(
        count=13, shown=4, history=True, query="refund", found=2, filter_text="showing notes"
    )
    assert status_text(state, width=200) == (
        "4 of 13 entries · oldest first · with event history · “refund”: 2 entries"
        " · showing notes — f to change"
    )


def test_a_big_ticket_read_in_part() -> None:
    reading = TimelineState(count=100, shown=100, pending=4900, reading_rest=True)
    stopped = TimelineState(count=100, shown=100, pending=4900)
    assert status_text(reading) == "100 of 5000 entries read, reading the rest… · oldest first"
    assert status_text(stopped) == "100 of 5000 entries read, R reads the rest · oldest first"


#: The most a status line can say at once: the screen wraps it into a second row.
EXTREME = [
    TimelineState(
        count=100,
        shown=100,
        pending=4900,
        reading_rest=reading,
        unseen=12,
        newest_first=True,
        history=True,
        query="a rather long piece of text to find in the ticket",
        found=1234,
        filter_text="showing messages, notes and events (assigned, status changed, tags)",
    )
    for reading in (True, False)
]
#: A lot to say, and still one row at 80 columns.
BUSY = [
    TimelineState(
        count=5000,
        shown=12,
        unseen=3,
        history=True,
        query="x" * 60,
        found=12,
        filter_text="showing events (assigned, merged, priority changed, status changed)",
    ),
    TimelineState(count=100, shown=100, pending=4900, unseen=2, query="refund", found=3),
]


@pytest.mark.parametrize("state", BUSY)
def test_a_busy_line_fits_80_columns(state: TimelineState) -> None:
    text = status_text(state, width=78)  # 80 less the line's padding
    assert cell_len(text) <= 78, text
    assert "new" in text and "“" in text  # shortened, not dropped


@pytest.mark.parametrize("state", EXTREME)
def test_everything_at_once_fits_two_rows_of_80_columns(state: TimelineState) -> None:
    text = status_text(state, width=78)
    assert cell_len(text) <= 2 * 78, text
    for words in ("12 new", "100/5000", "history", "“", "(f)"):
        assert words in text


@pytest.mark.parametrize(
    ("state", "words"),
    [
        (LoadState.NOT_FOUND, "Ticket 99999999 was not found."),
        (LoadState.STOPPED, "Press R to read the rest of the ticket first."),
        (LoadState.CANCELLED, "Press R to load the ticket first"),
        (LoadState.READING_REST, "Ticket 99999999 is still loading"),
        (LoadState.LOADING, "Ticket 99999999 is still loading"),
        (LoadState.FAILED, "Ticket 99999999 could not be loaded. Press R to try again."),
    ],
)
def test_what_is_not_ready_says_what_is_true(state: LoadState, words: str) -> None:
    assert not_ready_text(99999999, state).startswith(words)
