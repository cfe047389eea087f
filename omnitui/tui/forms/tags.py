"""Tags (``t``): the ticket's tags shown; type one and Enter adds it, Delete removes the selected.

Omnidesk takes the whole list (``tags``, comma-separated, inferred: docs/omnidesk-api.md §10.5),
so what is sent is an edit, not the list on screen: just before the PUT the ticket is read again
and the agent's additions and removals are applied to its tags as they are then, so a tag a
colleague added meanwhile is kept. On many tickets the list shows every tag any of them has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from omnitui.api.models import Ticket
from omnitui.api.readback import WriteField
from omnitui.api.requests import TicketUpdate, clean_tags
from omnitui.core.sanitize import sanitize_line
from omnitui.core.wording import plural
from omnitui.tui import verify
from omnitui.tui.forms.conflict import NotSaved
from omnitui.tui.forms.fields import FormField
from omnitui.tui.forms.quick import QuickForm, names_text
from omnitui.tui.forms.validation import FORM, FormProblem

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient
    from omnitui.storage.write_support import WriteSupport
    from omnitui.tui.verify import Outcome

NOTHING_CHANGED = "Type a tag and Enter to add it, or select one and press Delete to remove it."


@dataclass(frozen=True, slots=True)
class TagChange:
    """Tags to add and to remove (compared in any case)."""

    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()

    def applied_to(self, tags: Sequence[str]) -> tuple[str, ...]:
        gone = {tag.casefold() for tag in self.remove}
        kept = [tag for tag in tags if tag.casefold() not in gone]
        present = {tag.casefold() for tag in kept}
        return (*kept, *(tag for tag in self.add if tag.casefold() not in present))

    def describe(self) -> str:
        parts = []
        if self.add:
            parts.append(f"add {names_text(self.add)}")
        if self.remove:
            parts.append(f"remove {names_text(self.remove)}")
        return " and ".join(parts)


class TagList(OptionList):
    """The tags; Delete or Backspace removes the highlighted one."""

    BINDINGS = [
        Binding(
            "delete,backspace",
            "remove",
            "Remove tag",
            id="tags.remove",
            tooltip="Remove the highlighted tag (ctrl+s saves)",
        ),
    ]

    def action_remove(self) -> None:
        screen = self.screen
        if isinstance(screen, TagsForm) and self.highlighted is not None:
            option = self.get_option_at_index(self.highlighted)
            if option.id is not None:
                screen.remove_tag(option.id)


class TagsForm(QuickForm):
    """Add and remove tags of the open ticket or the marked ones."""

    FIELDS = (WriteField.TAGS,)
    VERB = "Tags of"
    SUBMIT_LABEL = "Save tags"

    def __init__(
        self,
        tickets: Sequence[Ticket],
        *,
        memory: WriteSupport | None,
        unavailable: Mapping[WriteField, str] | None = None,
    ) -> None:
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        for ticket in tickets:
            for tag in ticket.tags:
                counts[tag.casefold()] = counts.get(tag.casefold(), 0) + 1
                names.setdefault(tag.casefold(), tag)
        #: Every tag the tickets have (by its folded name), with how many have it.
        self.current = [names[key] for key in counts]
        self.counts = counts
        self.added: list[str] = []
        self.removed: list[str] = []
        super().__init__(
            tickets, memory=memory, unavailable=unavailable, prefill={"add": "", "remove": ""}
        )

    # ------------------------------------------------------------------------------------------
    # Layout

    def compose_fields(self) -> Iterable[Widget]:
        yield FormField(
            "new",
            "Add a tag",
            Input(
                placeholder="type a tag · Enter adds it (commas: several)",
                id="input-new",
                compact=True,
            ),
        )
        yield FormField(
            "tags",
            "Tags",
            TagList(id="tag-list", compact=True),
            hint="Select a tag and press Delete to remove it · ctrl+s saves",
        )

    def on_mount(self) -> None:
        super().on_mount()
        self._fill()

    def first_focus(self) -> Widget | None:
        return self.query_one("#input-new")

    def shown(self) -> list[str]:
        """The tags as they will be: the current ones less the removed, then the added."""
        gone = {tag.casefold() for tag in self.removed}
        return [t for t in self.current if t.casefold() not in gone] + self.added

    def _fill(self) -> None:
        tags = self.query_one("#tag-list", TagList)
        keep = tags.highlighted
        tags.clear_options()
        shown = self.shown()
        if not shown:
            tags.add_option(Option(Text("no tags"), disabled=True))
            return
        for tag in shown:
            label = Text(sanitize_line(tag))
            key = tag.casefold()
            if key not in self.counts:
                label.append("  (new)", "italic")
            elif self.many and self.counts[key] < len(self.tickets):
                label.append(f"  ({self.counts[key]} of {len(self.tickets)})", "italic")
            tags.add_option(Option(label, id=key))
        tags.highlighted = min(keep or 0, len(shown) - 1)

    # ------------------------------------------------------------------------------------------
    # Adding and removing

    @on(Input.Submitted, "#input-new")
    def _add(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # not the form's "Enter moves on"
        field = self.field("new")
        try:
            typed = clean_tags(event.value)
        except ValueError as exc:
            field.show_error(f"{str(exc).capitalize()}.")
            return
        field.show_error(None)
        for tag in typed:
            key = tag.casefold()
            if any(t.casefold() == key for t in self.removed):
                self.removed = [t for t in self.removed if t.casefold() != key]
            elif key not in self.counts and all(t.casefold() != key for t in self.added):
                self.added.append(tag)
            elif self.many and key in self.counts and tag not in self.added:
                self.added.append(tag)  # on many: add it to those that lack it
        event.input.value = ""
        self._fill()
        self._changed()

    def remove_tag(self, key: str) -> None:
        """Remove the tag ``key`` (folded): an added one is simply not added."""
        if any(t.casefold() == key for t in self.added):
            self.added = [t for t in self.added if t.casefold() != key]
        elif not any(t.casefold() == key for t in self.removed):
            self.removed.append(next(t for t in self.current if t.casefold() == key))
        self._fill()
        self._changed()

    def _changed(self) -> None:
        self.show_message(self._change().describe().capitalize(), error=False)

    def _change(self) -> TagChange:
        return TagChange(tuple(self.added), tuple(self.removed))

    # ------------------------------------------------------------------------------------------
    # The request

    def choice(self) -> dict[str, str]:
        return {"add": ",".join(self.added), "remove": ",".join(self.removed)}

    def build_request(self, values: Mapping[str, str]) -> TagChange:
        change = TagChange(clean_tags(values.get("add", "")), clean_tags(values.get("remove", "")))
        if not change.add and not change.remove:
            raise FormProblem({FORM: NOTHING_CHANGED})
        return change

    def preview(self, request: TagChange) -> tuple[str, str]:
        count = plural(len(self.tickets), "ticket")
        return (
            f"{request.describe().capitalize()} on {count}?",
            f"Change the tags of {count}",
        )

    async def apply(self, client: OmnideskClient, request: TagChange) -> Outcome:
        async def change_for(ticket: Ticket) -> tuple[TicketUpdate, Ticket] | None:
            fresh = await client.get_ticket_header(ticket.id)  # a colleague's new tag stays
            tags = request.applied_to(fresh.tags)
            if {t.casefold() for t in tags} == {t.casefold() for t in fresh.tags}:
                return None
            return TicketUpdate(tags=tags), fresh

        what = f"Tags: {request.describe()}"
        if not self.many:
            planned = await change_for(self.ticket)
            if planned is None:
                raise NotSaved(f"Not sent: #{self.ticket.id} already has these tags.")
            change, before = planned
            readback = await verify.update(client, self.ticket.id, change, before, self.memory)
            return verify.Outcome.of(what, [readback])
        results = await verify.update_each(
            client, self.tickets, change_for, self.memory, self.progress
        )
        return verify.Outcome(what, tuple(results))
