"""The block above the timeline: what the ticket is, whose it is, and how urgent it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from omnitui.core.clock import Clock
from omnitui.render.badges import (
    learn_account_time,
    sla_badge,
    sla_line,
    snooze_badge,
    snooze_line,
)
from omnitui.tui.text import BADGE_STYLES, KNOWN_STATUSES, status_label

if TYPE_CHECKING:
    from rich.console import Console

    from omnitui.api.models import Ticket


class TicketHeader(Static):
    """Title, status and the facts an agent checks first. All API text goes in as ``Text``.

    One widget drawing five lines, not a row of labels and a Static per line: the screen is laid
    out again whenever a ticket arrives, and each widget costs the first frame a few ms. Colours
    come from the component classes in ticket.tcss, resolved against the theme like a widget's.
    """

    COMPONENT_CLASSES = {
        "ticket-header--title",
        *(f"ticket-header--status-{name}" for name in (*KNOWN_STATUSES, "unknown")),
        "ticket-header--priority",
        "ticket-header--urgent",
        "ticket-header--badge",
        "ticket-header--label",
        *(f"ticket-header--badge-{level}" for level in BADGE_STYLES),
        "ticket-header--breached",
    }

    class Resized(Message):
        """The header takes another number of rows: the screen shares out the rest again."""

    def __init__(self, *, clock: Clock, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.ticket: Ticket | None = None
        self._clock = clock
        self._received_at = clock.monotonic()
        self._shown: Text | None = None
        self._rows = 0

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def show(self, ticket: Ticket) -> None:
        self.ticket = ticket
        self._received_at = self._clock.monotonic()
        learn_account_time(self._clock, [ticket])
        self._shown = None
        self._tick()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # The colours are baked into the text: a new theme needs a new text, made once the
        # component classes have their new styles (they get them after this call).
        self.call_after_refresh(self._tick)

    def _tick(self) -> None:
        """Every second, for the SLA countdown: a changed text is drawn again, and the screen
        laid out again only when the header's height changes (a layout costs a page-down's
        worth of time, and a key pressed meanwhile waits for it)."""
        if self.ticket is None or not self.is_attached:
            return
        width = self.content_region.width
        text = self._text(self.ticket, width)
        if text == self._shown:
            return
        rows = len(text.wrap(self.app.console, width)) if width else 0
        resized = self._shown is None or not rows or rows != self._rows
        self.update(text, layout=resized)
        self._shown, self._rows = text, rows
        if resized:
            self.post_message(self.Resized())

    def on_resize(self) -> None:
        self._tick()  # the lines are fitted to the width

    def _style(self, name: str) -> Style:
        return self.get_visual_style(f"ticket-header--{name}").rich_style

    def _text(self, ticket: Ticket, width: int) -> Text:
        """The header's lines, each fitted to ``width`` (:func:`_fitted`): the title and the
        times (SLA, snooze) wrap to two rows, the others take one, and a cut ends in "…"."""
        text = Text(no_wrap=False)
        status = str(ticket.status)
        known = status if status in KNOWN_STATUSES else "unknown"
        text.append(f" {status_label(status)} ", self._style(f"status-{known}"))
        text.append(" ")
        priority = str(ticket.priority)
        if priority:
            urgent = priority in {"high", "urgent"}
            text.append(f" {priority} ", self._style("urgent" if urgent else "priority"))
            text.append(" ")
        now = self._clock.account_now()
        elapsed = self._clock.monotonic() - self._received_at
        for badge in (sla_badge(ticket, now, elapsed), snooze_badge(ticket, now)):
            if badge is not None:
                level = badge.level if badge.level in BADGE_STYLES else ""
                text.append(f" {badge.text} ", self._style(f"badge-{level}" if level else "badge"))
                text.append(" ")
        title_style = self._style("title")
        text.append(f"#{ticket.id} ", title_style)
        text.append(ticket.title or "(no title)", title_style)

        route = [ticket.channel_name or _channel(ticket.channel_id), ticket.brand_name]
        route.append(str(ticket.direction))
        if ticket.from_ or ticket.to:
            sender = _address(ticket.from_name, ticket.from_)
            route.append(f"{sender or '?'} → {_address(ticket.to_name, ticket.to) or '?'}")
        lines = [(text, 2), (Text(" · ".join(p for p in route if p)), 1)]

        label = self._style("label")
        customer = Text("Customer: ", label)
        if ticket.customer is not None:
            customer.append(ticket.customer.name or "(no name)")
            if ticket.customer.external_primary_id:
                customer.append(f" · ext {ticket.customer.external_primary_id}")
        else:
            customer.append("none")
        channels = [c.unique_reference for c in ticket.customer_channels if c.unique_reference]
        if channels:
            customer.append(" · " + ", ".join(channels))

        group = ticket.group_name or (
            f"group {ticket.assigned_group_id}" if ticket.assigned_group_id else "no group"
        )
        user = ticket.user_name or (
            f"agent {ticket.assigned_user_id}" if ticket.assigned_user_id else "no agent"
        )
        assigned = Text("Assigned: ", label)
        assigned.append(f"{group} / {user}")
        assigned.append(" · Tags: ", label)
        assigned.append(", ".join(ticket.tags) if ticket.tags else "none")
        lines += [(customer, 1), (assigned, 1)]

        sla, breached = sla_line(ticket, now, elapsed)
        times = Text()
        times.append("SLA: ", label)
        times.append(sla, "bold" if breached else "")
        snooze = snooze_line(ticket, now)
        if snooze:
            times.append(" · ", label)
            times.append(snooze)
        if breached:
            times.stylize(self._style("breached"))
        times.append(" · Created ", label)
        times.append(ticket.created_at or "?")
        times.append(" · Updated ", label)
        times.append(ticket.last_update or "?")
        lines.append((times, 2))
        return Text("\n").join(_fitted(line, width, rows, self.app.console) for line, rows in lines)


def _fitted(line: Text, width: int, rows: int, console: Console) -> Text:
    """``line`` in at most ``rows`` rows of ``width`` cells; what is cut ends in "…"."""
    if width <= 1:
        return line
    wrapped = line.wrap(console, width)
    if len(wrapped) <= rows:
        return Text("\n").join(wrapped)
    kept = wrapped[:rows]
    last = kept[-1]
    last.rstrip()
    last.truncate(width - 1)
    last.append("…")
    return Text("\n").join(kept)


def _address(name: str, address: str) -> str:
    if name and address:
        return f"{name} <{address}>"
    return name or address


def _channel(channel_id: int | None) -> str:
    return {0: "note", 1: "e-mail", 2: "telephone", 8: "chat"}.get(channel_id or -1, "")
