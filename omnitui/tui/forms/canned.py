"""``ctrl+t`` in a reply or note: pick a canned reply by typing part of its name.

The snippets are files (:mod:`omnitui.storage.snippets`); this is the picker, and what the
placeholders are worth for the open ticket. The picker keeps the cursor in its filter line:
letters narrow the list, the arrows move through it, Enter inserts, Esc closes. With no
snippets it says where to put them, rather than showing an empty list.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from omnitui.api.models import Ticket
from omnitui.core.sanitize import sanitize_line
from omnitui.storage.snippets import PLACEHOLDERS, Snippet, SnippetFolder, matching
from omnitui.tui.forms.confirm import FORMS_CSS

#: Lines of the highlighted snippet shown under the list.
PREVIEW_LINES = 4


def agent_name(app: object) -> str:
    """The agent's name for ``{agent_name}``: their Omnidesk user's, as the app found it
    (``OmniApp.identity``); empty while it is unknown (no ``agent_email``/``user_id``, or not
    found), and the picker says so."""
    identity = getattr(app, "identity", None)
    name = getattr(identity, "name", None) if getattr(identity, "user_id", None) else None
    return sanitize_line(name).strip() if isinstance(name, str) else ""


def snippet_values(ticket: Ticket, agent: str) -> dict[str, str]:
    """What each placeholder stands for on ``ticket``; an empty value is noted when used."""
    first = ticket.customer.firstname.strip() if ticket.customer else ""
    return {"customer_first_name": first, "ticket_id": str(ticket.id), "agent_name": agent}


def where_to_put_them(folder: SnippetFolder) -> str:
    placeholders = ", ".join(f"{{{name}}} ({meaning})" for name, meaning in PLACEHOLDERS.items())
    return (
        f"No canned replies yet. Put each one in its own file in {folder.directory}/ "
        "ending in .txt or .md; the file name is its title here. "
        f"A snippet may use {placeholders}."
    )


class SnippetPicker(ModalScreen[Snippet | None]):
    """The list of snippets; dismisses with the one chosen, or None."""

    CSS_PATH = FORMS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "close",
            "Close",
            id="snippets.close",
            tooltip="Close the list, insert nothing",
        ),
        Binding("down", "move(1)", "Next", show=False, id="snippets.down", tooltip="Next snippet"),
        Binding(
            "up", "move(-1)", "Previous", show=False, id="snippets.up", tooltip="Previous snippet"
        ),
    ]

    def __init__(self, folder: SnippetFolder) -> None:
        super().__init__()
        self.folder = folder
        #: The snippets the list shows now, in its order.
        self.shown: list[Snippet] = list(folder.snippets)

    def compose(self) -> ComposeResult:
        with Vertical(id="snippet-box"):
            yield Static(Text("Canned replies", style="bold"), id="snippet-title")
            if self.folder.snippets:
                yield Input(placeholder="Type to filter", id="snippet-filter", compact=True)
                yield OptionList(*self._options(), id="snippet-list")
                yield Static("", id="snippet-preview")
                keys = "Enter inserts at the cursor · ↑↓ choose · Esc closes"
            else:
                yield Static(Text(where_to_put_them(self.folder)), id="snippet-empty")
                keys = "Esc closes"
            if self.folder.problems:
                skipped = "; ".join(self.folder.problems)
                yield Static(Text(f"Not offered: {skipped}"), id="snippet-problems")
            yield Static(Text(keys), id="snippet-keys")

    def on_mount(self) -> None:
        if self.folder.snippets:
            self.query_one("#snippet-filter", Input).focus()
            self._highlight(0)

    def _options(self) -> list[Option]:
        return [Option(Text(snippet.title)) for snippet in self.shown]

    @on(Input.Changed, "#snippet-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.shown = matching(self.folder.snippets, event.value)
        options = self.query_one("#snippet-list", OptionList)
        options.clear_options()
        options.add_options(self._options())
        self._highlight(0)

    def _highlight(self, index: int) -> None:
        options = self.query_one("#snippet-list", OptionList)
        options.highlighted = index if self.shown else None
        self._preview()

    def action_move(self, step: int) -> None:
        if not self.shown:
            return
        options = self.query_one("#snippet-list", OptionList)
        current = options.highlighted if options.highlighted is not None else 0
        self._highlight(min(max(current + step, 0), len(self.shown) - 1))

    @on(OptionList.OptionHighlighted, "#snippet-list")
    def _highlighted(self) -> None:
        self._preview()

    def _preview(self) -> None:
        preview = self.query_one("#snippet-preview", Static)
        chosen = self.chosen()
        if chosen is None:
            query = self.query_one("#snippet-filter", Input).value
            preview.update(Text(f"No canned reply matches “{query}”."))
            return
        lines = chosen.text.splitlines()
        more = ["…"] if len(lines) > PREVIEW_LINES else []
        preview.update(Text("\n".join(lines[:PREVIEW_LINES] + more)))

    def chosen(self) -> Snippet | None:
        """The highlighted snippet, if the list has one."""
        if not self.folder.snippets:
            return None
        index = self.query_one("#snippet-list", OptionList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    @on(Input.Submitted, "#snippet-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        chosen = self.chosen()
        if chosen is not None:
            self.dismiss(chosen)

    @on(OptionList.OptionSelected, "#snippet-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.shown):
            self.dismiss(self.shown[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
