"""Verified writes: every change is read back, compared, told as it is, and remembered.

After a write Omnidesk answered with success, the ticket is fetched again (its header) and each
field asked for is compared (:mod:`omnitui.api.readback`); what the comparison taught is kept per
account (:mod:`omnitui.storage.write_support`), so an action the account ignores is shown as
unavailable next time. Forms and pickers call these instead of the client's write methods.
No Textual here: the callers say it on screen.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from omnitui.api.errors import ApiError
from omnitui.api.readback import ReadBack, Value, WriteField, asked_by, compare, unread
from omnitui.api.requests import TicketUpdate
from omnitui.core.wording import plural
from omnitui.storage.write_support import WriteSupport

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient
    from omnitui.api.models import Priority, Ticket, TicketStatus

#: Tickets read back at once after a write to many.
READ_AT_ONCE = 4
#: Per-ticket lines a summary toast lists before "and N more".
SHOWN_LINES = 3

Progress = Callable[[str], None]


def memory_for(app: object) -> WriteSupport | None:
    """The write memory of the account the app talks to (None before one is configured)."""
    backend = getattr(app, "backend", None)
    label = getattr(backend, "label", None)
    return WriteSupport(label) if isinstance(label, str) and label else None


def my_user_id(app: object) -> int | None:
    """The agent's own Omnidesk user id, for the "me" of the assign picker.

    The agent's identity (issue 14, "Who I am") puts it in ``app.identity``; until that is
    there (or while it is being found) this is None, and the picker offers no "me".
    """
    identity = getattr(app, "identity", None)
    user_id = getattr(identity, "user_id", None)
    if isinstance(user_id, int) and not isinstance(user_id, bool) and user_id > 0:
        return user_id
    return None


async def read_back(
    client: OmnideskClient,
    ticket_id: int,
    asked: Mapping[WriteField, Value],
    before: Ticket | None,
    memory: WriteSupport | None,
) -> ReadBack:
    """Fetch the ticket after a successful write, compare, and remember what it showed."""
    try:
        after = await client.get_ticket_header(ticket_id)
    except ApiError as exc:
        return unread(ticket_id, str(exc).rstrip("."))
    result = compare(ticket_id, asked, after, before)
    if memory is not None:
        await asyncio.to_thread(memory.learn, [result])
    return result


async def update(
    client: OmnideskClient,
    ticket_id: int,
    change: TicketUpdate,
    before: Ticket | None,
    memory: WriteSupport | None,
) -> ReadBack:
    """PUT the change (ApiError propagates: nothing was changed, or it is unknown), then read
    it back."""
    await client.update_ticket(ticket_id, change)
    return await read_back(client, ticket_id, asked_by(change), before, memory)


async def set_status(
    client: OmnideskClient,
    ticket_ids: Sequence[int],
    status: TicketStatus,
    memory: WriteSupport | None,
    before: Mapping[int, Ticket] | None = None,
) -> list[ReadBack]:
    """One setstatus call for all of them, then each read back."""
    await client.set_status(ticket_ids, status)
    asked: dict[WriteField, Value] = {WriteField.STATUS: status.value}
    return await read_many(client, ticket_ids, asked, memory, before)


async def set_priority(
    client: OmnideskClient,
    ticket_ids: Sequence[int],
    priority: Priority,
    memory: WriteSupport | None,
    before: Mapping[int, Ticket] | None = None,
    progress: Progress | None = None,
) -> list[ReadBack]:
    """One setPriority call for all of them, then each read back."""
    await client.set_priority(ticket_ids, priority)
    asked: dict[WriteField, Value] = {WriteField.PRIORITY: priority.value}
    return await read_many(client, ticket_ids, asked, memory, before, progress)


async def read_many(
    client: OmnideskClient,
    ticket_ids: Sequence[int],
    asked: Mapping[WriteField, Value],
    memory: WriteSupport | None,
    before: Mapping[int, Ticket] | None = None,
    progress: Progress | None = None,
) -> list[ReadBack]:
    """Each ticket of a write to many, read back a few at a time, in the order given."""
    ids = list(dict.fromkeys(ticket_ids))
    gate = asyncio.Semaphore(READ_AT_ONCE)
    done = 0

    async def one(ticket_id: int) -> ReadBack:
        nonlocal done
        async with gate:
            old = (before or {}).get(ticket_id)
            result = await read_back(client, ticket_id, asked, old, None)
        done += 1
        if progress is not None:
            progress(f"Checking what changed… {done} of {len(ids)}")
        return result

    results = list(await asyncio.gather(*(one(i) for i in ids)))
    if memory is not None:
        await asyncio.to_thread(memory.learn, results)
    return results


# ----------------------------------------------------------------------------------------------
# Writes to many tickets, one call each


@dataclass(frozen=True, slots=True)
class TicketResult:
    """One ticket of a change to many: read back, refused (``error``), or left alone because
    it already was as asked (``note``)."""

    ticket_id: int
    readback: ReadBack | None = None
    error: str = ""
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.readback.ok if self.readback is not None else not self.error

    def line(self) -> str:
        if self.readback is not None:
            return f"#{self.ticket_id}: {self.readback.text()}"
        if self.error:
            return f"#{self.ticket_id}: not changed: {self.error}"
        return f"#{self.ticket_id}: {self.note}"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a change to one ticket or many came to, ticket by ticket, as read back."""

    #: "Assign to Finance / marleen", "Priority high": what was asked, for the summary.
    what: str
    results: tuple[TicketResult, ...]

    @classmethod
    def of(cls, what: str, readbacks: Iterable[ReadBack]) -> Outcome:
        return cls(what, tuple(TicketResult(r.ticket_id, r) for r in readbacks))

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.results)

    @property
    def many(self) -> bool:
        return len(self.results) > 1

    def text(self) -> str:
        """One ticket: its read-back sentence. Many: how many came out as asked, then the
        first of the others."""
        if len(self.results) == 1:
            (only,) = self.results
            return only.line().partition(": ")[2] if only.readback is None else only.readback.text()
        good = [r for r in self.results if r.ok]
        bad = [r for r in self.results if not r.ok]
        total = len(self.results)
        text = f"{self.what}: {len(good)} of {plural(total, 'ticket')} as asked, read back."
        if bad:
            lines = [r.line() for r in bad[:SHOWN_LINES]]
            more = len(bad) - SHOWN_LINES
            text += f" Not as asked: {len(bad)}. " + " ".join(lines)
            if more > 0:
                text += f" And {more} more."
        return text

    def lines(self) -> list[str]:
        return [result.line() for result in self.results]


async def update_each(
    client: OmnideskClient,
    tickets: Sequence[Ticket],
    change_for: Callable[[Ticket], Awaitable[tuple[TicketUpdate, Ticket] | None]],
    memory: WriteSupport | None,
    progress: Progress | None = None,
) -> list[TicketResult]:
    """One PUT per ticket, each read back; a ticket Omnidesk refuses does not stop the others.

    ``change_for`` gives a ticket's change and the ticket it is compared with afterwards (it may
    read the ticket afresh first); None when the ticket already is as asked.
    """
    results: list[TicketResult] = []
    for number, ticket in enumerate(tickets, start=1):
        if progress is not None:
            progress(f"Changing #{ticket.id}… {number} of {len(tickets)}")
        try:
            planned = await change_for(ticket)
            if planned is None or planned[0].is_empty:
                results.append(TicketResult(ticket.id, note="already as asked; not sent."))
                continue
            change, before = planned
            readback = await update(client, ticket.id, change, before, memory)
        except ApiError as exc:
            results.append(TicketResult(ticket.id, error=str(exc).rstrip(".") + "."))
            continue
        results.append(TicketResult(ticket.id, readback))
    return results
