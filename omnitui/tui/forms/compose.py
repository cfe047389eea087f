"""The writing part of the reply and note forms: the editor, ``ctrl+e`` and canned replies.

:class:`ComposeForm` is what :class:`~omnitui.tui.forms.message.MessageForm` builds on: the
keys to hand the text to the agent's own editor (:mod:`~omnitui.tui.forms.external_editor`)
and to insert a canned reply (:mod:`~omnitui.tui.forms.canned`), and the one line under the
editor that tells both. Sending stays in the message form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.widgets import TextArea

from omnitui.api.models import Ticket
from omnitui.storage.snippets import Snippet, fill_placeholders, load_snippets
from omnitui.tui.forms import external_editor
from omnitui.tui.forms.base import FormScreen
from omnitui.tui.forms.canned import SnippetPicker, agent_name, snippet_values

if TYPE_CHECKING:
    from textual.app import App

R = TypeVar("R")

EDITOR_ACTION = "external_editor"
SNIPPET_ACTION = "snippet"


class ComposeArea(TextArea):
    """The message editor: Textual's TextArea, whose ``ctrl+e`` is left to the form.

    Textual binds ``ctrl+e`` to "end of line" in a TextArea (End does that too), which would
    take the key before the form sees it. A binding of a widget replaces its base class's for
    the same key, and an action that raises ``SkipAction`` passes the key on up, to the form.
    Giving the form a priority binding instead would run it ahead of keys typed just before
    (see the note on ``ctrl+s`` in base.py): the editor would open without the last characters.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+e", "leave_to_form", show=False)]

    def action_leave_to_form(self) -> None:
        raise SkipAction()


class ComposeForm(FormScreen[R]):
    """A form with a message body (``#input-body``) about one ticket (``self.ticket``)."""

    ticket: Ticket

    BINDINGS = [
        Binding(
            "ctrl+e",
            EDITOR_ACTION,
            "Editor",
            id="compose.editor",
            tooltip="Write the message in your own editor ($VISUAL or $EDITOR); "
            "the draft is saved first",
        ),
        Binding(
            "ctrl+t",
            SNIPPET_ACTION,
            "Canned reply",
            id="compose.snippet",
            tooltip="Insert a canned reply (a snippet file) at the cursor",
        ),
    ]

    #: Runs the editor; tests put a function here that edits the file itself.
    run_editor: ClassVar[external_editor.Runner] = staticmethod(external_editor.run_in_terminal)

    def on_mount(self) -> None:
        super().on_mount()
        self.field("body").show_hint(self.compose_hint())

    def compose_hint(self) -> str:
        """The line under the editor: the two keys, as the keymap has them now (spelt as the
        form's "ctrl+s sends" is, not Textual's "^e")."""
        editor = self._key_for(EDITOR_ACTION, "ctrl+e")
        snippet = self._key_for(SNIPPET_ACTION, "ctrl+t")
        return f"{editor}: your own editor · {snippet}: canned reply"

    def _key_for(self, action: str, default: str) -> str:
        for active in self.active_bindings.values():
            if active.binding.action == action and active.node is self:
                return active.binding.key
        return default

    @property
    def body(self) -> TextArea:
        return self.query_one("#input-body", TextArea)

    # ------------------------------------------------------------------------------------------
    # ctrl+e

    def action_external_editor(self) -> None:
        """Save the draft, hand the text to the agent's editor, take back what it saved."""
        if self.sending:
            return
        body = self.body
        self.save_draft()  # whatever happens to the editor or the terminal, this is on disk
        result = external_editor.edit_text(
            self._app(),
            body.text,
            run=self.run_editor,
            prefix=f"omnitui-{self.DRAFT_KIND or 'message'}-{self.ticket.id}-",
        )
        if result.text is not None:
            # An edit, not a reload: ctrl+z brings the old text back.
            body.replace(result.text, (0, 0), body.document.end, maintain_selection_offset=False)
            body.move_cursor(body.document.end)
            self.save_draft()
        body.focus()
        self.show_message(result.message, error=result.error)

    def _app(self) -> App[object]:
        return self.app

    # ------------------------------------------------------------------------------------------
    # ctrl+t

    def action_snippet(self) -> None:
        if self.sending:
            return
        self.app.push_screen(SnippetPicker(load_snippets()), self._snippet_chosen)

    def _snippet_chosen(self, snippet: Snippet | None) -> None:
        body = self.body
        body.focus()
        if snippet is None:
            return
        filled = fill_placeholders(snippet.text, snippet_values(self.ticket, agent_name(self.app)))
        start, end = sorted(body.selection)
        body.replace(filled.text, start, end, maintain_selection_offset=False)
        notes = " ".join(filled.notes)
        self.show_message(
            f"Inserted “{snippet.title}”. {notes}" if notes else f"Inserted “{snippet.title}”.",
            error=False,
        )
