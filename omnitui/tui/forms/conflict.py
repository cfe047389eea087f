"""Someone else changed the ticket while the agent was editing it: say what, and let them choose.

Before an update is saved the form fetches the ticket again. If its ``last_update`` moved (or a
field the form edits differs from what the agent was shown), saving blindly would silently undo
a colleague's work, so the agent sees each change as "field: theirs → yours" and picks:
save theirs over, reload (the form then starts from the ticket as it is now and keeps what was
typed), or cancel. Nothing typed is lost either way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.screen import Screen

from omnitui.api.errors import ApiError
from omnitui.api.models import Ticket, TicketStatus
from omnitui.core.sanitize import sanitize_line
from omnitui.tui.forms.confirm import ConfirmClose

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient

OVERWRITE = "overwrite"
RELOAD = "reload"
CANCEL = "stay"  # what Escape answers, as in every ConfirmClose

#: Form field name -> the word an agent uses for it.
LABELS = {"title": "Title", "status": "Status", "external_id": "Customer"}
#: Longest value quoted in the question; titles can be long.
SHOWN_CHARS = 60


@dataclass(frozen=True, slots=True)
class Change:
    """One field someone else changed: what it is now, and what saving would make it."""

    label: str
    theirs: str
    #: The agent's value, or None when the agent left the field as it was.
    yours: str | None

    def line(self) -> str:
        theirs = _quote(self.theirs)
        if self.yours is None:
            return f"{self.label}: {theirs} (you did not change it: theirs stays)"
        if self.yours == self.theirs:
            return f"{self.label}: {theirs} (already what you typed; maybe your earlier try)"
        return f"{self.label}: {theirs} → {_quote(self.yours)}"


class NotSaved(ApiError):
    """The agent chose not to save over someone else's change; the form says so and stays."""


def editable_values(ticket: Ticket) -> dict[str, str]:
    """The ticket's values of the fields the update form edits (status as its value)."""
    customer = ticket.customer.external_primary_id if ticket.customer else None
    status = ticket.status.value if isinstance(ticket.status, TicketStatus) else str(ticket.status)
    return {"title": ticket.title, "status": status, "external_id": customer or ""}


def find_changes(shown: Ticket, current: Ticket, typed: Mapping[str, str]) -> list[Change] | None:
    """None when the ticket is as the agent was shown it; else the edited fields that moved.

    An empty list means the ticket changed in ways the form does not edit (a new message, an
    assignment): still worth saying, since the agent decided on what they saw.
    """
    before, now = editable_values(shown), editable_values(current)
    changes = []
    for name, label in LABELS.items():
        if before[name].strip() == now[name].strip():
            continue
        value = typed.get(name)
        # A field the form lacks is not edited; an empty status means "leave it"; other fields
        # count as edited when they differ from what the agent was shown.
        if value is None:
            edited = False
        elif name == "status":
            edited = bool(value)
        else:
            edited = value.strip() != before[name].strip()
        changes.append(Change(label, now[name], value if edited else None))
    if not changes and shown.last_update == current.last_update:
        return None
    return changes


async def changed_meanwhile(
    screen: Screen[object], client: OmnideskClient, shown: Ticket, typed: Mapping[str, str]
) -> Ticket | None:
    """Fetch the ticket again and, if someone else changed it, ask the agent what to do.

    Returns ``None`` when the save may go ahead (nothing changed, or "save mine over theirs"),
    the ticket as it is now (its header: the timeline is not read) when the agent chose to
    reload, and raises :class:`NotSaved` when they cancelled.
    """
    current = await client.get_ticket_header(shown.id)  # its fields, not its timeline
    changes = find_changes(shown, current, typed)
    if changes is None:
        return None
    answer = await screen.app.push_screen_wait(ConflictScreen(shown.id, current, changes))
    if answer == OVERWRITE:
        return None
    if answer == RELOAD:
        return current
    raise NotSaved("Not saved, because someone else changed the ticket meanwhile.")


def question(ticket_id: int, current: Ticket, changes: Sequence[Change]) -> str:
    when = f" (last change {sanitize_line(current.last_update)})" if current.last_update else ""
    lines = [f"Someone else changed ticket #{ticket_id} while you were editing it{when}."]
    if changes:
        lines += ["", *(change.line() for change in changes)]
    else:
        lines.append(
            "Title, status and customer are as you saw them; something else changed "
            "(a message, a note, the assignment)."
        )
    lines += ["", "Save your changes over theirs, or reload and look first?"]
    return "\n".join(lines)


class ConflictScreen(ConfirmClose):
    """The choice; dismisses with OVERWRITE, RELOAD or CANCEL (Escape)."""

    def __init__(self, ticket_id: int, current: Ticket, changes: Sequence[Change]) -> None:
        super().__init__(
            question(ticket_id, current, changes),
            [
                (RELOAD, "Reload, keep my typing"),
                (OVERWRITE, "Save mine over theirs"),
                (CANCEL, "Cancel"),
            ],
        )
        self.changes = list(changes)


def _quote(value: str) -> str:
    value = sanitize_line(value)
    if not value:
        return "(empty)"
    if len(value) > SHOWN_CHARS:
        value = value[: SHOWN_CHARS - 1] + "…"
    return f"“{value}”"
