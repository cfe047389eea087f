"""Short SLA and snooze badges ("breach in 3h", "breached", "wakes in 2h") for lists and headers.

Plain functions of a ticket and the time, so the lookup table and the ticket header say the same
thing and tests can pin the clock. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from omnitui.api.models import Ticket

DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True, slots=True)
class Badge:
    """A few words and how loud they should be: "breached", "soon" (< 4h), "ok", "snoozed"."""

    text: str
    level: str


SOON = 4 * 3600


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


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, DATE_FORMAT)
    except ValueError:
        return None


def sla_seconds_left(ticket: Ticket, now: datetime, elapsed: float = 0.0) -> float | None:
    """Seconds until the next SLA breach (negative once breached), or None without a deadline.

    ``sla_next_breach_seconds`` is relative to the response and needs no time zone, so it wins;
    ``elapsed`` is how long ago the response arrived. Otherwise the date is compared with ``now``.
    """
    if not ticket.sla_next_breach and ticket.sla_next_breach_seconds is None:
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
        if ticket.sla_next_breach_current_status == "breached":
            return Badge("breached", "breached")
        return None
    if left < 0:
        return Badge("breached", "breached")
    return Badge(f"breach in {short_duration(left)}", "soon" if left < SOON else "ok")


def snooze_badge(ticket: Ticket, now: datetime) -> Badge | None:
    """``wakes in 2h`` while a snooze runs; None when not snoozed or the snooze is over."""
    wakes = _parse(ticket.snooze_time)
    if wakes is None:
        return None
    left = (wakes - now).total_seconds()
    if left <= 0:
        return None
    return Badge(f"wakes in {short_duration(left)}", "snoozed")
