"""Edit a ticket (``e``): title, status, customer, assignment, priority and tags.

Only what changed goes over the wire, and what went is read back (tui/verify.py): the toast says
what the ticket is now, or which field Omnidesk took without applying it. A field the account is
known to ignore keeps its control (trying again is how it becomes available) with the reason as
its hint. Group and agent are picked from the ticket's own options.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from omnitui.api.models import AssignOption, Priority, Ticket, TicketStatus
from omnitui.api.readback import WriteField
from omnitui.api.requests import UPDATE_STATUSES, TicketUpdate, clean_tags
from omnitui.core.sanitize import sanitize_line
from omnitui.tui import verify
from omnitui.tui.forms.base import FormScreen
from omnitui.tui.forms.conflict import NotSaved, changed_meanwhile
from omnitui.tui.forms.fields import choice_field, text_field
from omnitui.tui.forms.validation import FORM, FormProblem

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from omnitui.api.client import OmnideskClient
    from omnitui.storage.drafts import DraftStore
    from omnitui.tui.verify import Outcome

STATUSES: list[tuple[Text, str]] = [
    (Text(status.value), status.value) for status in UPDATE_STATUSES
]
PRIORITIES: list[tuple[Text, str]] = [(Text(p.value), p.value) for p in Priority]
NOTHING_CHANGED = "Nothing changed: edit a field first, or press Escape to close."
#: Form field -> the field of the write memory it changes (for the "unavailable" hints).
MEMORY_FIELDS = {
    "title": WriteField.TITLE,
    "status": WriteField.STATUS,
    "external_id": WriteField.CUSTOMER,
    "group": WriteField.GROUP,
    "agent": WriteField.AGENT,
    "priority": WriteField.PRIORITY,
    "tags": WriteField.TAGS,
}


def update_prefill(ticket: Ticket) -> dict[str, str]:
    """The ticket as it is now; the status and the priority start as "unchanged"."""
    customer = ticket.customer.external_primary_id if ticket.customer else None
    return {
        "title": ticket.title,
        "status": "",
        "external_id": customer or "",
        "group": str(ticket.assigned_group_id or 0),
        "agent": str(ticket.assigned_user_id or 0),
        "priority": "",
        "tags": ", ".join(ticket.tags),
    }


def update_request(values: Mapping[str, str], baseline: Mapping[str, str]) -> TicketUpdate:
    """Only the fields that differ from ``baseline``; raises FormProblem when none does."""

    def changed(name: str) -> str | None:
        value = values.get(name, "")
        return value if value.strip() != baseline.get(name, "").strip() else None

    def tags() -> str | None:
        typed, before = values.get("tags"), baseline.get("tags", "")
        if typed is None:
            return None
        try:
            same = {t.casefold() for t in clean_tags(typed)} == {
                t.casefold() for t in clean_tags(before)
            }
        except ValueError:
            return typed  # the model says what is wrong with it
        return None if same else typed

    update = TicketUpdate.model_validate(
        {
            "title": changed("title"),
            "status": values.get("status", "") or None,
            "external_primary_id": changed("external_id"),
            "assigned_group_id": changed("group"),
            "assigned_user_id": changed("agent"),
            "priority": values.get("priority", "") or None,
            "tags": tags(),
        }
    )
    if update.is_empty:
        raise FormProblem({FORM: NOTHING_CHANGED})
    return update


def _options(options: list[AssignOption], current: int | None, none: str) -> list[tuple[Text, str]]:
    """The ticket's own options with "none" first; the current one even if it is not listed."""
    choices = [(Text(none), "0")]
    choices += [(Text(sanitize_line(o.name) or f"#{o.id}"), str(o.id)) for o in options]
    if current and all(o.id != current for o in options):
        choices.append((Text(f"#{current}"), str(current)))
    return choices


class UpdateTicketForm(FormScreen["Outcome"]):
    """Change the open ticket; dismisses with what the ticket read back says of it."""

    DRAFT_KIND = "update"
    SUBMIT_LABEL = "Save changes"
    MODEL_FIELDS = {
        "external_primary_id": "external_id",
        "assigned_group_id": "group",
        "assigned_user_id": "agent",
    }

    def __init__(
        self,
        ticket: Ticket,
        *,
        drafts: DraftStore | None = None,
        on_reload: Callable[[], None] | None = None,
    ) -> None:
        """``ticket``: as the agent was shown it; ``on_reload`` refreshes the view behind."""
        self.ticket = ticket
        self.on_reload = on_reload
        super().__init__(prefill=update_prefill(ticket), ticket_id=ticket.id, drafts=drafts)

    def heading(self) -> Text:
        return Text.assemble((f"Edit #{self.ticket.id}", "bold"), " · ", self.ticket.title)

    def compose_fields(self) -> Iterable[Widget]:
        start = self.start
        yield text_field("title", "Title", start["title"])
        # A Select prompt is markup: only a status we know goes in it, never the API's text.
        status = self.ticket.status
        current = f"unchanged ({status.value})" if isinstance(status, TicketStatus) else "unchanged"
        yield choice_field(
            "status",
            "Status",
            STATUSES,
            start["status"],
            prompt=current,
            hint="Other statuses: press s on the ticket (Set status).",
        )
        yield text_field(
            "external_id",
            "Customer's external id",
            start["external_id"],
            placeholder="none",
            hint="Links the ticket to that customer; empty unlinks it.",
        )
        ticket = self.ticket
        groups = _options(ticket.assign_options_groups, ticket.assigned_group_id, "no group")
        agents = _options(ticket.assign_options_users, ticket.assigned_user_id, "no agent")
        yield choice_field("group", "Group", groups, start["group"])
        yield choice_field("agent", "Agent", agents, start["agent"])
        priority = ticket.priority
        now = f"unchanged ({priority.value})" if isinstance(priority, Priority) else "unchanged"
        yield choice_field("priority", "Priority", PRIORITIES, start["priority"], prompt=now)
        yield text_field(
            "tags", "Tags", start["tags"], placeholder="none", hint="Comma-separated: vip, refund"
        )

    def on_mount(self) -> None:
        super().on_mount()
        memory = verify.memory_for(self.app)
        if memory is None:
            return
        unavailable = memory.unavailable(MEMORY_FIELDS.values(), short=True)
        for name, field in MEMORY_FIELDS.items():
            if field in unavailable:
                self.field(name).show_hint(unavailable[field])

    def build_request(self, values: Mapping[str, str]) -> TicketUpdate:
        return update_request(values, self.baseline)

    async def send(self, client: OmnideskClient, request: TicketUpdate) -> Outcome:
        # Check first that nobody changed the ticket since the agent saw it (see conflict.py).
        current = await changed_meanwhile(self, client, self.ticket, self.values())
        if current is not None:
            self.start_from(current)
            raise NotSaved(
                "Not saved: the form now starts from the ticket as it is, with your changes "
                "still in it. Check them and save again."
            )
        memory = verify.memory_for(self.app)
        readback = await verify.update(client, self.ticket.id, request, self.ticket, memory)
        return verify.Outcome.of(f"#{self.ticket.id} edited", [readback])

    def start_from(self, current: Ticket) -> None:
        """Make ``current`` what the form compares with; fields the agent edited keep the edit.

        A field left alone follows the ticket, or saving would put back the old value over the
        colleague's change.
        """
        typed, before = self.values(), self.baseline
        self.ticket = current
        self.baseline = update_prefill(current)
        for name in ("title", "external_id", "tags"):
            if typed[name].strip() == before[name].strip():
                self.query_one(f"#input-{name}", Input).value = self.baseline[name]
        lists = {
            "group": _options(current.assign_options_groups, current.assigned_group_id, "no group"),
            "agent": _options(current.assign_options_users, current.assigned_user_id, "no agent"),
        }
        for name, options in lists.items():
            choice = self.query_one(f"#input-{name}", Select)
            keep = typed[name] if typed[name] != before[name] else self.baseline[name]
            choice.set_options(options)
            known = {value for _, value in options}
            choice.value = keep if keep in known else self.baseline[name]
        status = self.query_one("#input-status", Select)
        if isinstance(current.status, TicketStatus):
            status.prompt = f"unchanged ({current.status.value})"
        if isinstance(current.priority, Priority):
            self.query_one(
                "#input-priority", Select
            ).prompt = f"unchanged ({current.priority.value})"
        self.query_one("#form-title", Static).update(self.heading())
        if self.on_reload is not None:
            self.on_reload()

    def success_message(self, outcome: Outcome) -> str:
        return outcome.text()

    def success_severity(self, outcome: Outcome) -> SeverityLevel:
        return "information" if outcome.ok else "warning"
