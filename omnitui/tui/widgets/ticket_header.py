"""The block above the timeline: what the ticket is, whose it is, and how urgent it is."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from omnitui.clock import Clock
from omnitui.render.badges import sla_badge, snooze_badge
from omnitui.tui.text import status_label

if TYPE_CHECKING:
    from omnitui.api.models import Ticket

DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


def humanize_seconds(seconds: float) -> str:
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


def sla_text(ticket: Ticket, received_at: float, clock: Clock) -> tuple[str, bool]:
    """The SLA line and whether it is breached, counting down from when the ticket arrived.

    ``sla_next_breach_seconds`` is relative to the response, so it gives a countdown without
    guessing the account's time zone; without it the breach time is shown as given.
    """
    if not ticket.sla_next_breach:
        return "no SLA deadline", False
    state = ticket.sla_next_breach_current_status or ""
    state_part = f" ({state})" if state and state != "breached" else ""
    if ticket.sla_next_breach_seconds is not None:
        left = ticket.sla_next_breach_seconds - (clock.monotonic() - received_at)
        if left >= 0:
            return f"next breach in {humanize_seconds(left)}{state_part}", False
        return f"breached {humanize_seconds(left)} ago{state_part}", True
    try:
        due = datetime.strptime(ticket.sla_next_breach, DATE_FORMAT)
    except ValueError:
        return f"next breach {ticket.sla_next_breach}{state_part}", False
    left = (due - clock.now()).total_seconds()
    if left >= 0:
        return (
            f"next breach {ticket.sla_next_breach} (in {humanize_seconds(left)}){state_part}",
            False,
        )
    return f"breached at {ticket.sla_next_breach}{state_part}", True


def snooze_text(ticket: Ticket, clock: Clock) -> str | None:
    if not ticket.snooze_time:
        return None
    try:
        wakes = datetime.strptime(ticket.snooze_time, DATE_FORMAT)
    except ValueError:
        return f"snoozed until {ticket.snooze_time}"
    left = (wakes - clock.now()).total_seconds()
    if left <= 0:
        return f"snooze ended {ticket.snooze_time}"
    return f"snoozed: wakes in {humanize_seconds(left)} ({ticket.snooze_time})"


class TicketHeader(Vertical):
    """Title, status and the facts an agent checks first. All API text goes in as ``Text``."""

    def __init__(self, *, clock: Clock, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ticket: Ticket | None = None
        self._clock = clock
        self._received_at = clock.monotonic()

    def compose(self) -> ComposeResult:
        with Horizontal(id="header-title-row"):
            yield Label("", id="header-status")
            yield Label("", id="header-priority")
            yield Label("", id="header-sla-badge", classes="badge")
            yield Label("", id="header-snooze-badge", classes="badge")
            yield Static("", id="header-title")
        yield Static("", id="header-route", classes="header-line")
        yield Static("", id="header-customer", classes="header-line")
        yield Static("", id="header-assign", classes="header-line")
        yield Static("", id="header-times", classes="header-line")

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def show(self, ticket: Ticket) -> None:
        self.ticket = ticket
        self._received_at = self._clock.monotonic()
        status = str(ticket.status)
        badge = self.query_one("#header-status", Label)
        badge.update(Text(f" {status_label(status)} "))
        for name in ("new", "open", "pending", "holding", "solved", "closed", "unknown"):
            badge.remove_class(f"status-{name}")
        badge.add_class(f"status-{status}" if status in _STATUSES else "status-unknown")
        priority = str(ticket.priority)
        priority_label = self.query_one("#header-priority", Label)
        priority_label.update(Text(f" {priority} " if priority else ""))
        priority_label.set_class(priority in {"high", "urgent"}, "urgent")
        title = Text()
        title.append(f"#{ticket.id} ", style="bold")
        title.append(ticket.title or "(no title)")
        self.query_one("#header-title", Static).update(title)

        route = [ticket.channel_name or _channel(ticket.channel_id), ticket.brand_name]
        route.append(str(ticket.direction))
        if ticket.from_ or ticket.to:
            sender = _address(ticket.from_name, ticket.from_)
            route.append(f"{sender or '?'} → {_address(ticket.to_name, ticket.to) or '?'}")
        self.query_one("#header-route", Static).update(Text(" · ".join(p for p in route if p)))

        customer = Text("Customer: ", style="dim")
        if ticket.customer is not None:
            customer.append(ticket.customer.name or "(no name)")
            if ticket.customer.external_primary_id:
                customer.append(f" · ext {ticket.customer.external_primary_id}")
        else:
            customer.append("none")
        channels = [c.unique_reference for c in ticket.customer_channels if c.unique_reference]
        if channels:
            customer.append(" · " + ", ".join(channels))
        self.query_one("#header-customer", Static).update(customer)

        assign = Text("Assigned: ", style="dim")
        group = ticket.group_name or (
            f"group {ticket.assigned_group_id}" if ticket.assigned_group_id else "no group"
        )
        user = ticket.user_name or (
            f"agent {ticket.assigned_user_id}" if ticket.assigned_user_id else "no agent"
        )
        assign.append(f"{group} / {user}")
        assign.append(" · Tags: ", style="dim")
        assign.append(", ".join(ticket.tags) if ticket.tags else "none")
        self.query_one("#header-assign", Static).update(assign)

        self._tick()

    def _tick(self) -> None:
        if self.ticket is None:
            return
        ticket = self.ticket
        text, breached = sla_text(ticket, self._received_at, self._clock)
        line = Text("Created ", style="dim")
        line.append(ticket.created_at or "?")
        line.append(" · Updated ", style="dim")
        line.append(ticket.last_update or "?")
        line.append(" · SLA: ", style="dim")
        line.append(text, style="bold" if breached else "")
        snooze = snooze_text(ticket, self._clock)
        if snooze:
            line.append(" · ", style="dim")
            line.append(snooze)
        times = self.query_one("#header-times", Static)
        times.update(line)
        times.set_class(breached, "breached")
        self._badges()

    def _badges(self) -> None:
        assert self.ticket is not None
        now = self._clock.now()
        elapsed = self._clock.monotonic() - self._received_at
        for widget_id, badge in (
            ("#header-sla-badge", sla_badge(self.ticket, now, elapsed)),
            ("#header-snooze-badge", snooze_badge(self.ticket, now)),
        ):
            label = self.query_one(widget_id, Label)
            label.display = badge is not None
            label.update(Text(f" {badge.text} " if badge else ""))
            for level in ("breached", "soon", "ok", "snoozed"):
                label.set_class(badge is not None and badge.level == level, f"badge-{level}")


_STATUSES = frozenset({"new", "open", "pending", "holding", "solved", "closed"})


def _address(name: str, address: str) -> str:
    if name and address:
        return f"{name} <{address}>"
    return name or address


def _channel(channel_id: int | None) -> str:
    return {0: "note", 1: "e-mail", 2: "telephone", 8: "chat"}.get(channel_id or -1, "")
