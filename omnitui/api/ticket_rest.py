"""Reading the rest of a ticket shown from its first entries (``PartialTicket``).

Apart from the client: the ticket of ``omnitui TICKET`` is fetched by a second process and shown
before the app's client exists (runtime/prefetch.py), and the rest of a big one is read all the
same. Long work runs in a thread: decoding and reading thousands of entries takes hundreds of
milliseconds, which on the event loop would freeze the UI.
"""

from __future__ import annotations

import asyncio
from typing import Any

from omnitui.api import answers
from omnitui.api.models import Ticket, TimelineEntry
from omnitui.api.partial_ticket import OFF_LOOP_ENTRIES, PartialTicket

__all__ = ["finish", "newest"]


async def finish(start: PartialTicket) -> Ticket:
    """The whole ticket from its start (in a thread when big).

    Raises ProtocolError when what was not decoded yet turns out not to be JSON: the error
    a body that is not JSON gets (``answers.unreadable``), only later.
    """
    if start.whole:
        return start.ticket
    if _long(start):
        return await asyncio.to_thread(_finish, start)
    return _finish(start)


async def newest(start: PartialTicket, count: int) -> list[TimelineEntry]:
    """The ticket's newest ``count`` entries, oldest first, the others decoded but not read."""
    if _long(start):
        return await asyncio.to_thread(_newest, start, count)
    return _newest(start, count)


def _long(start: PartialTicket) -> bool:
    return start.lazy is not None or len(start.rest) > OFF_LOOP_ENTRIES


def _decoded_rest(start: PartialTicket) -> tuple[list[Any], Ticket | None]:
    """The entries :attr:`PartialTicket.lazy` holds, decoded; or, when a guess about the
    answer did not hold, the ticket read again from the whole of it (``json_lazy``)."""
    if start.lazy is None:
        return [], None
    try:
        found = start.lazy.rest()
    except (ValueError, RecursionError) as error:
        raise answers.unreadable(answers.json_problem(error)) from None
    if found.document is None:
        return found.items, None
    item = answers.item(found.document)
    return [], answers.parse(Ticket.model_validate, item, "ticket")


def _finish(start: PartialTicket) -> Ticket:
    decoded, again = _decoded_rest(start)
    return again if again is not None else start.finish(decoded)


def _newest(start: PartialTicket, count: int) -> list[TimelineEntry]:
    decoded, again = _decoded_rest(start)
    if again is not None:
        return again.timeline[-count:] if count > 0 else []
    return start.newest(count, decoded)
