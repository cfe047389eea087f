"""Set the priority (``p``): four choices, Enter sets the highlighted one.

One ticket: a PUT with ``priority``; many (marked rows): one ``setPriority`` call for all of them,
after "Set the priority of 3 tickets to high?" (both inferred: docs/omnidesk-api.md §10.5, §10.6).
Each ticket is read back afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from omnitui.api.models import Priority, Ticket
from omnitui.api.readback import WriteField
from omnitui.api.requests import TicketUpdate
from omnitui.core.wording import plural
from omnitui.tui import verify
from omnitui.tui.forms.fields import FormField
from omnitui.tui.forms.quick import QuickForm
from omnitui.tui.forms.validation import FORM, FormProblem

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient
    from omnitui.storage.write_support import WriteSupport
    from omnitui.tui.verify import Outcome

PRIORITIES = tuple(Priority)


class PriorityForm(QuickForm):
    """Pick one of the four priorities for the open ticket or the marked ones."""

    FIELDS = (WriteField.PRIORITY,)
    VERB = "Priority of"
    SUBMIT_LABEL = "Set priority"

    def __init__(
        self,
        tickets: Sequence[Ticket],
        *,
        memory: WriteSupport | None,
        unavailable: Mapping[WriteField, str] | None = None,
    ) -> None:
        self.picked = ""
        super().__init__(tickets, memory=memory, unavailable=unavailable, prefill={"priority": ""})

    def compose_fields(self) -> Iterable[Widget]:
        current = "" if self.many else str(self.ticket.priority)
        options = [
            Option(Text(p.value + ("  (now)" if p.value == current else "")), id=p.value)
            for p in PRIORITIES
        ]
        choices = OptionList(*options, id="priority-choices", compact=True)
        values = [p.value for p in PRIORITIES]
        choices.highlighted = values.index(current) if current in values else 0
        yield FormField("priority", "Priority", choices, hint="Enter sets the highlighted one.")

    def first_focus(self) -> Widget | None:
        return self.query_one("#priority-choices")

    @on(OptionList.OptionSelected, "#priority-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.picked = event.option.id or ""
        self.action_submit()

    def choice(self) -> dict[str, str]:
        return {"priority": self.picked}

    def build_request(self, values: Mapping[str, str]) -> Priority:
        picked = values.get("priority", "")
        if picked not in {p.value for p in PRIORITIES}:
            raise FormProblem({FORM: "Choose a priority: arrows, then Enter."})
        if not self.many and str(self.ticket.priority) == picked:
            raise FormProblem({FORM: f"#{self.ticket.id} is {picked} already."})
        return Priority(picked)

    def preview(self, request: Priority) -> tuple[str, str]:
        count = plural(len(self.tickets), "ticket")
        return f"Set the priority of {count} to {request.value}?", f"Set {count} to {request.value}"

    async def apply(self, client: OmnideskClient, request: Priority) -> Outcome:
        what = f"Priority {request.value}"
        if not self.many:
            change = TicketUpdate(priority=request)
            readback = await verify.update(client, self.ticket.id, change, self.ticket, self.memory)
            return verify.Outcome.of(what, [readback])
        self.progress(f"Setting the priority of {plural(len(self.tickets), 'ticket')}…")
        readbacks = await verify.set_priority(
            client,
            [t.id for t in self.tickets],
            request,
            self.memory,
            before={t.id: t for t in self.tickets},
            progress=self.progress,
        )
        return verify.Outcome.of(what, readbacks)
