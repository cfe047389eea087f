"""The lines above a reply or note that say how it goes: as whom, answering what, on which channel.

Words only (no widgets): the reply form shows them and its success message reuses them, so the
agent reads the same names before and after sending.
"""

from __future__ import annotations

from datetime import datetime

from omnitui.api.agents import AgentIdentity
from omnitui.api.models import Direction, Ticket, TimelineEntry

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: The sender line while the agent's user is still being looked up.
LOOKING_UP = "Sent as you (your Omnidesk user is being looked up)."


def short_time(created_at: str, *, now: datetime | None = None) -> str:
    """``2019-09-28 22:06:17`` as ``28 Sep 2019 22:06``, the year left out when it is this one."""
    try:
        when = datetime.strptime(created_at[:16], "%Y-%m-%d %H:%M")
    except ValueError:
        return created_at
    year = "" if when.year == (now or datetime.now()).year else f" {when.year}"
    return f"{when.day} {MONTHS[when.month - 1]}{year} {when:%H:%M}"


def answered_text(entry: TimelineEntry, ticket: Ticket, user_id: int | None = None) -> str:
    """The message a reply answers, as the agent would say it: "Thomas's message of 28 Sep"."""
    when = short_time(entry.created_at)
    if entry.direction == Direction.OUTBOUND:
        if user_id is not None and entry.user_id == user_id:
            return f"your message of {when}"
        name = entry.user_name if entry.user_name and entry.user_name != "Anonymous" else ""
    else:
        customer = ticket.customer.name if ticket.customer is not None else ""
        name = entry.from_name or customer
    if name:
        return f"{name}'s message of {when}"
    if entry.from_:
        return f"the message from {entry.from_} of {when}"
    return f"the message of {when}"


def sender_text(identity: AgentIdentity | None) -> str:
    """Who the message goes out as; None is a lookup still under way."""
    if identity is None:
        return LOOKING_UP
    if identity.known:
        return f"Sent as {identity.label}."
    if identity.problem:
        return "Sent as Anonymous: your Omnidesk user was not found (omnitui config sets it)."
    return "Sent as Anonymous: omnitui config sets who you are."
