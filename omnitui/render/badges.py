"""SLA and snooze, in short ("breach in 3h", "wakes in 2h") for lists and in full for the header.

Plain functions of a ticket and the time, so the lookup table and the ticket header say the same
thing and tests can pin the clock. No Textual here.

One clock for every date on a screen: Omnidesk gives dates in the account's time zone without
saying which, and ``sla_next_breach_seconds`` relative to its own clock. A ticket with both tells
the account's time (the breach date minus the seconds left); :func:`learn_account_time` keeps
the difference on the :class:`~omnitui.core.clock.Clock`, so a snooze date is compared with the
same clock as the SLA countdown beside it, for a server in another zone (or the demo's world,
which stands at a fixed date) as for one in the agent's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from omnitui.api.models import Ticket
from omnitui.core.clock import API_DATE_FORMAT, Clock


@dataclass(frozen=True, slots=True)
class Badge:
    """A few words and how loud they should be: "breached", "soon" (< 4h), "ok", "snoozed"."""

    text: str
    level: str


SOON = 4 * 3600
#: An SLA no longer runs once the ticket is done, whatever the API still says about it.
DONE_STATUSES = frozenset({"solved", "closed"})


def short_duration(seconds: float) -> str:
    """One or two units, rounded down: ``3h``, ``2d 4h``, ``45m``; under a minute is ``<1m``."""
    seconds = int(abs(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days}d {hours}h" if hours else f"{days}d"
    if hours:
        return f"{hours}h {minutes}m" if minutes and hours < 3 else f"{hours}h"
    return f"{minutes}m" if minutes else "<1m"


def long_duration(seconds: float) -> str:
    """``93784`` -> ``1d 2h 3m``; seconds are shown only in the last hour."""
    seconds = int(abs(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h {minutes}m"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m {secs:02d}s"


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, API_DATE_FORMAT)
    except ValueError:
        return None


def account_time(ticket: Ticket) -> datetime | None:
    """The account's clock when ``ticket`` was read, if the ticket tells it (see the module)."""
    due = _parse(ticket.sla_next_breach)
    if due is None or ticket.sla_next_breach_seconds is None:
        return None
    return due - timedelta(seconds=ticket.sla_next_breach_seconds)


def learn_account_time(clock: Clock, tickets: Iterable[Ticket]) -> None:
    """Set ``clock``'s account offset from the first ticket that tells the account's time."""
    for ticket in tickets:
        told = account_time(ticket)
        if told is not None:
            clock.account_offset = told - clock.now()
            return


def sla_running(ticket: Ticket) -> bool:
    """Whether the ticket has an SLA deadline that still counts (not solved or closed)."""
    if ticket.status in DONE_STATUSES:
        return False
    return bool(ticket.sla_next_breach) or ticket.sla_next_breach_seconds is not None


def sla_seconds_left(ticket: Ticket, now: datetime, elapsed: float = 0.0) -> float | None:
    """Seconds until the next SLA breach (negative once breached), or None without a deadline.

    ``sla_next_breach_seconds`` is relative to the response and needs no time zone, so it wins;
    ``elapsed`` is how long ago the response arrived. Otherwise the date is compared with ``now``,
    the account's time. A solved or closed ticket has no deadline.
    """
    if not sla_running(ticket):
        return None
    if ticket.sla_next_breach_seconds is not None:
        return ticket.sla_next_breach_seconds - elapsed
    due = _parse(ticket.sla_next_breach)
    if due is None:
        return None
    return (due - now).total_seconds()


def sla_badge(ticket: Ticket, now: datetime, elapsed: float = 0.0) -> Badge | None:
    """``breach in 3h`` / ``breached``; None when the ticket has no SLA deadline."""
    left = sla_seconds_left(ticket, now, elapsed)
    if left is None:
        if _told_breached(ticket):
            return Badge("breached", "breached")
        return None
    if left < 0:
        return Badge("breached", "breached")
    return Badge(f"breach in {short_duration(left)}", "soon" if left < SOON else "ok")


def _told_breached(ticket: Ticket) -> bool:
    told = ticket.sla_next_breach_current_status == "breached"
    return told and ticket.status not in DONE_STATUSES


def sla_line(ticket: Ticket, now: datetime, elapsed: float = 0.0) -> tuple[str, bool]:
    """The header's SLA words and whether they are a breach; the same facts as :func:`sla_badge`."""
    state = ticket.sla_next_breach_current_status or ""
    state_part = f" ({state})" if state and state != "breached" else ""
    if ticket.status in DONE_STATUSES:
        return f"none while {ticket.status}", False
    left = sla_seconds_left(ticket, now, elapsed)
    if left is None:
        if _told_breached(ticket):
            return "breached", True
        if ticket.sla_next_breach:  # a date we cannot read: shown as given
            return f"next breach {ticket.sla_next_breach}{state_part}", False
        return "no SLA deadline", False
    if ticket.sla_next_breach_seconds is None:  # counted from the date: the date is shown too
        if left >= 0:
            due = ticket.sla_next_breach
            return f"next breach {due} (in {long_duration(left)}){state_part}", False
        return f"breached at {ticket.sla_next_breach}{state_part}", True
    if left >= 0:
        return f"next breach in {long_duration(left)}{state_part}", False
    return f"breached {long_duration(left)} ago{state_part}", True


def snooze_line(ticket: Ticket, now: datetime) -> str | None:
    """The header's snooze words, or None when the ticket was never snoozed."""
    if not ticket.snooze_time:
        return None
    wakes = _parse(ticket.snooze_time)
    if wakes is None:
        return f"snoozed until {ticket.snooze_time}"
    left = (wakes - now).total_seconds()
    if left <= 0:
        return f"snooze ended {ticket.snooze_time}"
    return f"snoozed: wakes in {long_duration(left)} ({ticket.snooze_time})"


def snooze_badge(ticket: Ticket, now: datetime) -> Badge | None:
    """``wakes in 2h`` while a snooze runs; None when not snoozed or the snooze is over."""
    wakes = _parse(ticket.snooze_time)
    if wakes is None:
        return None
    left = (wakes - now).total_seconds()
    if left <= 0:
        return None
    return Badge(f"wakes in {short_duration(left)}", "snoozed")
