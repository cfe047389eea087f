"""Small builders of ``rich.text.Text`` from API values: data, never markup.

Colours come from CSS-like style names resolved by the theme (``$success`` …) where Textual
allows it; for text inside table cells Rich styles are needed, so they are kept here in one place.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from omnitui.api.models import Ticket
from omnitui.render.badges import sla_badge, snooze_badge

STATUS_STYLES = {
    "new": "bold #5fafff",
    "open": "bold #ffaf00",
    "pending": "bold #d787ff",
    "holding": "bold #af87af",
    "solved": "bold #5faf5f",
    "closed": "#808080",
}
KNOWN_STATUSES = frozenset(STATUS_STYLES)


def status_label(status: str) -> str:
    """A status as an agent reads it; a value the API invented later shows as unknown."""
    if not status:
        return "no status"
    return status if status in KNOWN_STATUSES else f"unknown ({status})"


def status_text(status: str) -> Text:
    return Text(status_label(status), style=STATUS_STYLES.get(status, "italic"))


BADGE_STYLES = {
    "breached": "bold #ff5f5f",
    "soon": "#ffaf00",
    "ok": "",
    "snoozed": "italic #af87af",
}


def badge_cell(ticket: Ticket, now: datetime) -> Text:
    """SLA and snooze badges of a search result: ``breached``, ``breach in 3h``, ``wakes in 2h``."""
    cell = Text()
    for badge in (sla_badge(ticket, now), snooze_badge(ticket, now)):
        if badge is None:
            continue
        if cell:
            cell.append(" · ", style="dim")
        cell.append(badge.text, style=BADGE_STYLES.get(badge.level, ""))
    return cell
