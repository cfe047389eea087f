"""The words of the ticket screen's status line, and of its "not yet" warnings. No Textual.

The line sits in one row above the footer: a terminal of 80 columns must read all of it, so each
part has a long and a short wording, and the short ones take over, least important first, until
the line fits. Only when even the short line is too wide does the screen wrap it (never cut it).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rich.cells import cell_len

from omnitui.core.wording import plural


@dataclass(frozen=True, slots=True)
class TimelineState:
    """What the status line reports about the timeline being read."""

    #: Entries read, and how many of them the filter lets through.
    count: int
    shown: int
    #: Of a big ticket whose timeline is not all read: how many entries are still to come.
    pending: int | None = None
    #: Whether ``pending`` is known: the rest of a big ticket is counted once it is decoded.
    rest_counted: bool = True
    #: Whether the rest is being read now (Escape stops it; R reads it again).
    reading_rest: bool = False
    #: Entries auto-refresh added below the reader that the reader has not scrolled to.
    unseen: int = 0
    newest_first: bool = False
    history: bool = False
    #: The text searched with ``/`` and how many entries hold it.
    query: str = ""
    found: int = 0
    #: What the filter shows (``showing notes``); None when it shows everything.
    filter_text: str | None = None


def status_text(state: TimelineState, width: int = 80) -> str:
    """The status line for ``state``, in at most ``width`` cells when short words can do it."""
    parts = _parts(state)
    long = " · ".join(text for text, _ in parts)
    if cell_len(long) <= width:
        return long
    # Shorten from the right (the least important part) until it fits.
    texts = [text for text, _ in parts]
    for index in reversed(range(len(parts))):
        texts[index] = parts[index][1]
        line = " · ".join(texts)
        if cell_len(line) <= width:
            return line
    return " · ".join(texts)


def _parts(state: TimelineState) -> list[tuple[str, str]]:
    """Each part of the line as (long wording, short wording), most important first."""
    parts: list[tuple[str, str]] = []
    if state.unseen:
        where = "Home" if state.newest_first else "End"
        new = plural(state.unseen, "new entry", "new entries")
        parts.append((f"{new} — {where} shows them", f"{state.unseen} new ({where})"))
    if state.pending is not None:  # a big ticket, not all read (yet, or Escape stopped it)
        rest = "reading the rest…" if state.reading_rest else "R reads the rest"
        short = "reading…" if state.reading_rest else "R: all"
        if state.rest_counted:
            total = state.count + state.pending
            read, read_short = f"{state.count} of {total} entries read", f"{state.count}/{total}"
        else:
            read, read_short = f"{state.count} entries read", f"{state.count}"
        parts.append((f"{read}, {rest}", f"{read_short} {short}"))
    else:
        entries = plural(state.count, "entry", "entries")
        if state.shown != state.count:
            parts.append((f"{state.shown} of {entries}", f"{state.shown}/{state.count}"))
        else:
            parts.append((entries, entries))
    order = "newest" if state.newest_first else "oldest"
    parts.append((f"{order} first", f"{order} 1st"))
    if state.history:
        parts.append(("with event history", "+history"))
    if state.query:
        found = plural(state.found, "entry", "entries")
        parts.append((f"“{state.query[:30]}”: {found}", f"“{_cut(state.query, 8)}”: {state.found}"))
    if state.filter_text is not None:
        parts.append((f"{state.filter_text} — f to change", "filtered (f)"))
    return parts


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


class LoadState(Enum):
    """How far the ticket screen got with its ticket."""

    LOADING = "loading"
    #: A big ticket's first entries are shown; the rest is being read.
    READING_REST = "reading the rest"
    #: A big ticket's first entries are shown; Escape stopped reading the rest.
    STOPPED = "stopped"
    #: Escape stopped the loading before anything was shown.
    CANCELLED = "cancelled"
    NOT_FOUND = "not found"
    FAILED = "failed"
    LOADED = "loaded"


def not_ready_text(ticket_id: int, state: LoadState) -> str:
    """Why an action that needs the whole ticket (reply, edit, export) cannot run yet."""
    if state is LoadState.NOT_FOUND:
        return f"Ticket {ticket_id} was not found. Press g to look up another."
    if state is LoadState.FAILED:
        return f"Ticket {ticket_id} could not be loaded. Press R to try again."
    if state is LoadState.CANCELLED:
        return "Press R to load the ticket first (Escape stopped the loading)."
    if state is LoadState.STOPPED:
        return "Press R to read the rest of the ticket first."
    return f"Ticket {ticket_id} is still loading; try again in a moment."
