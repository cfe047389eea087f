"""Small builders of ``rich.text.Text`` from API values: data, never markup.

Table cells need Rich styles rather than CSS, so their colours are taken from the theme's
variables (the readable ``omni-…`` ones of :mod:`omnitui.tui.contrast`), passed in as
``palette``; the tables are filled again when the theme changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from rich.style import Style
from rich.text import Text

from omnitui.api.models import Ticket
from omnitui.render.badges import sla_badge, snooze_badge

#: Each status's colour (a theme variable) and weight in lists.
STATUS_STYLES = {
    "new": ("omni-inbound", "bold"),
    "open": ("omni-note", "bold"),
    "pending": ("omni-accent", "bold"),
    "holding": ("omni-other", "bold"),
    "solved": ("omni-outbound", "bold"),
    "closed": ("omni-muted", ""),
}
KNOWN_STATUSES = frozenset(STATUS_STYLES)


def status_label(status: str) -> str:
    """A status as an agent reads it; a value the API invented later shows as unknown."""
    if not status:
        return "no status"
    return status if status in KNOWN_STATUSES else f"unknown ({status})"


def _style(palette: Mapping[str, str], variable: str, weight: str) -> Style:
    colour = palette.get(variable)
    return Style.parse(f"{weight} {colour}".strip() if colour else weight or "none")


def status_text(status: str, palette: Mapping[str, str]) -> Text:
    variable, weight = STATUS_STYLES.get(status, ("omni-text", "italic"))
    return Text(status_label(status), style=_style(palette, variable, weight))


#: Each badge level's colour and weight in lists (the header has CSS for them).
BADGE_STYLES = {
    "breached": ("omni-error", "bold"),
    "soon": ("omni-warning", ""),
    "ok": ("omni-text", ""),
    "snoozed": ("omni-other", "italic"),
}


def badge_cell(ticket: Ticket, now: datetime, palette: Mapping[str, str]) -> Text:
    """SLA and snooze badges of a search result: ``breached``, ``breach in 3h``, ``wakes in 2h``."""
    cell = Text()
    for badge in (sla_badge(ticket, now), snooze_badge(ticket, now)):
        if badge is None:
            continue
        if cell:
            cell.append(" · ", style=_style(palette, "omni-muted", ""))
        variable, weight = BADGE_STYLES.get(badge.level, ("omni-text", ""))
        cell.append(badge.text, style=_style(palette, variable, weight))
    return cell
