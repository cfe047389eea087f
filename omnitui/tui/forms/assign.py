"""Assign (``a``): a group and/or an agent, picked by name from the ticket's own options.

The names come from the ticket's ``assign_options_groups`` / ``assign_options_users`` (on many
tickets: the options they all have), so only a choice Omnidesk offers for it can be made. Typing
filters both lists, "me" comes first when the agent's user is known, Enter picks the highlighted
name (a group and an agent can both be picked), ctrl+s assigns. "no group" / "no agent" remove
one (sent as 0, docs/omnidesk-api.md §10.5).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from omnitui.api.models import AssignOption, Ticket
from omnitui.api.readback import WriteField, assignment_text
from omnitui.api.requests import TicketUpdate
from omnitui.core.sanitize import sanitize_line
from omnitui.core.wording import plural
from omnitui.tui import verify
from omnitui.tui.forms.fields import FormField
from omnitui.tui.forms.quick import QuickForm
from omnitui.tui.forms.validation import FORM, FormProblem

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient
    from omnitui.storage.write_support import WriteSupport
    from omnitui.tui.verify import Outcome

GROUP, AGENT = "group", "agent"
NOTHING_PICKED = "Pick a group or an agent first: type part of a name, then Enter."


@dataclass(frozen=True, slots=True)
class Assignment:
    """What to assign: None leaves a part as it is, 0 removes it."""

    group_id: int | None = None
    user_id: int | None = None

    def update_for(self, ticket: Ticket) -> TicketUpdate | None:
        """The PUT for one ticket: only the parts that differ from it (None: nothing to do)."""
        group = self.group_id if self.group_id != (ticket.assigned_group_id or 0) else None
        user = self.user_id if self.user_id != (ticket.assigned_user_id or 0) else None
        if group is None and user is None:
            return None
        return TicketUpdate(assigned_group_id=group, assigned_user_id=user)


def common_options(tickets: Sequence[Ticket], attribute: str) -> list[AssignOption]:
    """The options every ticket has (by id), in the first ticket's order."""
    first: list[AssignOption] = getattr(tickets[0], attribute)
    shared = [{o.id for o in getattr(t, attribute)} for t in tickets[1:]]
    return [o for o in first if all(o.id in ids for ids in shared)]


class AssignForm(QuickForm):
    """Pick a group and/or an agent for the open ticket or the marked ones."""

    FIELDS = (WriteField.GROUP, WriteField.AGENT)
    VERB = "Assign"
    SUBMIT_LABEL = "Assign"
    BINDINGS = [
        Binding(
            "down",
            "move(1)",
            "Next name",
            show=False,
            id="assign.down",
            tooltip="Highlight the next name while typing to find one (Enter picks it)",
        ),
        Binding(
            "up",
            "move(-1)",
            "Previous name",
            show=False,
            id="assign.up",
            tooltip="Highlight the previous name",
        ),
    ]

    def __init__(
        self,
        tickets: Sequence[Ticket],
        *,
        memory: WriteSupport | None,
        unavailable: Mapping[WriteField, str] | None = None,
        me: int | None = None,
    ) -> None:
        """``me``: the agent's own user id, offered first as "me" (None: not known yet)."""
        self.groups = common_options(tickets, "assign_options_groups")
        self.agents = common_options(tickets, "assign_options_users")
        self.me = me if any(agent.id == me for agent in self.agents) else None
        self.picked: dict[str, int] = {}
        super().__init__(
            tickets,
            memory=memory,
            unavailable=unavailable,
            prefill={GROUP: "", AGENT: ""},
        )

    # ------------------------------------------------------------------------------------------
    # Layout

    def compose_fields(self) -> Iterable[Widget]:
        yield Static(self._state_line(), id="assign-state")
        hint = " ".join(self.unavailable.values())
        yield FormField(
            "filter",
            "Find",
            Input(
                placeholder="type part of a name · Enter picks it",
                id="input-filter",
                compact=True,
            ),
            hint=hint,
        )
        yield FormField("names", "Groups and agents", OptionList(id="assign-names", compact=True))

    def on_mount(self) -> None:
        super().on_mount()
        self._fill("")

    def first_focus(self) -> Widget | None:
        return self.query_one("#input-filter")

    def _state_line(self) -> Text:
        text = Text()
        if not self.many:
            now = assignment_text(self.ticket) or "nobody"
            text.append("Now: ", "bold")
            text.append(now)
            text.append(" · ")
        text.append("New: ", "bold")
        text.append(self.picked_text() or "(pick below)")
        return text

    def picked_text(self) -> str:
        """ "Finance / marleen", "Finance", "marleen", "no group", … for what is picked."""
        parts = []
        if GROUP in self.picked:
            parts.append(self._option_name(self.groups, self.picked[GROUP], "no group"))
        if AGENT in self.picked:
            parts.append(self._option_name(self.agents, self.picked[AGENT], "no agent"))
        return " / ".join(parts)

    @staticmethod
    def _option_name(options: Sequence[AssignOption], wanted: int, none: str) -> str:
        if not wanted:
            return none
        name = next((o.name for o in options if o.id == wanted), "") or f"#{wanted}"
        return sanitize_line(name)

    # ------------------------------------------------------------------------------------------
    # Filtering and picking

    def _fill(self, words: str) -> None:
        """The names matching ``words`` (any part, any case), agents first, "me" before them."""
        wanted = words.strip().casefold()
        names = self.query_one("#assign-names", OptionList)
        names.clear_options()
        names.add_options(self._section(AGENT, "Agents", self.agents, wanted))
        names.add_options(self._section(GROUP, "Groups", self.groups, wanted))
        first = next(
            (i for i in range(names.option_count) if not names.get_option_at_index(i).disabled),
            None,
        )
        names.highlighted = first

    def _section(
        self, kind: str, title: str, options: Sequence[AssignOption], wanted: str
    ) -> list[Option]:
        field = WriteField.AGENT if kind == AGENT else WriteField.GROUP
        if field in self.unavailable:
            what = "agent" if kind == AGENT else "group"
            return [Option(Text(f"{title}: changing the {what} is unavailable"), disabled=True)]
        entries: list[tuple[str, str]] = []  # (label, option id)
        if kind == AGENT and self.me is not None:
            name = self._option_name(options, self.me, "")
            entries.append((f"me ({name})", f"{kind}:{self.me}"))
        entries += [
            (sanitize_line(o.name) or f"#{o.id}", f"{kind}:{o.id}")
            for o in options
            if o.id != self.me or kind != AGENT
        ]
        entries.append((f"no {'agent' if kind == AGENT else 'group'}", f"{kind}:0"))
        shown = [(label, key) for label, key in entries if wanted in label.casefold()]
        if not shown:
            return []
        return [
            Option(Text(title, style="bold"), disabled=True),
            *(Option(Text(f"  {label}"), id=key) for label, key in shown),
        ]

    @on(Input.Changed, "#input-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#input-filter")
    def _pick_highlighted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # not the form's "Enter moves on"
        names = self.query_one("#assign-names", OptionList)
        if names.highlighted is None:
            self.show_message("No name matches; change what you typed.", error=True)
            return
        self._pick(names.get_option_at_index(names.highlighted))

    @on(OptionList.OptionSelected, "#assign-names")
    def _pick_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option)
        self.query_one("#input-filter").focus()

    def _pick(self, option: Option) -> None:
        if option.disabled or option.id is None:
            return
        kind, _, number = option.id.partition(":")
        self.picked[kind] = int(number)
        self.query_one("#assign-state", Static).update(self._state_line())
        self.query_one("#input-filter", Input).value = ""
        self.show_message("", error=False)

    def action_move(self, step: int) -> None:
        names = self.query_one("#assign-names", OptionList)
        names.action_cursor_down() if step > 0 else names.action_cursor_up()

    # ------------------------------------------------------------------------------------------
    # The request

    def choice(self) -> dict[str, str]:
        return {
            kind: str(self.picked[kind]) if kind in self.picked else "" for kind in (GROUP, AGENT)
        }

    def build_request(self, values: Mapping[str, str]) -> Assignment:
        def number(kind: str) -> int | None:
            return int(values[kind]) if values.get(kind) else None

        assignment = Assignment(number(GROUP), number(AGENT))
        if assignment.group_id is None and assignment.user_id is None:
            raise FormProblem({FORM: NOTHING_PICKED})
        if not self.many and assignment.update_for(self.ticket) is None:
            raise FormProblem({FORM: f"#{self.ticket.id} is assigned so already."})
        return assignment

    def preview(self, request: Assignment) -> tuple[str, str]:
        count = plural(len(self.tickets), "ticket")
        return f"Assign {count} to {self.picked_text()}?", f"Assign {count}"

    async def apply(self, client: OmnideskClient, request: Assignment) -> Outcome:
        what = f"Assign to {self.picked_text()}"
        if not self.many:
            change = request.update_for(self.ticket)
            assert change is not None  # build_request made sure
            readback = await verify.update(client, self.ticket.id, change, self.ticket, self.memory)
            return verify.Outcome.of(what, [readback])

        async def change_for(ticket: Ticket) -> tuple[TicketUpdate, Ticket] | None:
            change = request.update_for(ticket)
            return (change, ticket) if change is not None else None

        results = await verify.update_each(
            client, self.tickets, change_for, self.memory, self.progress
        )
        return verify.Outcome(what, tuple(results))
