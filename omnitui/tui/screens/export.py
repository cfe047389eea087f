"""The ``x`` modal: export the open ticket as Markdown or plain text, to a file or the clipboard.

Everything (the event history too) unless the agent chooses only what the timeline shows. The
modal stays open until the export worked, so a mistyped path, a folder without write
permission or a file that already exists costs the agent nothing they typed.

Its keys are a web form's: Tab goes from group to group and to the path, the arrows change a
group's choice, Enter exports from anywhere, Esc closes. The buttons are for the mouse; they
take no focus, so a Tab never lands on Export for a space to press by mistake.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from omnitui.core.sanitize import sanitize_line
from omnitui.render.export import ExportFormat, ExportScope, default_file_name
from omnitui.tui.forms.fields import scrub
from omnitui.tui.widgets.choices import Choice, ChoiceSet

#: Builds the export text in the chosen format, of the chosen entries (reading the history if
#: needed, converting mail off the event loop).
TextBuilder = Callable[[ExportFormat, ExportScope], Awaitable[str]]

#: What the keys do, as the line under the path says it while nothing else is to be said.
KEYS_HINT = "Tab: next group · arrows: change it · Enter: export · Esc: cancel"


def default_path(ticket_id: int, fmt: ExportFormat) -> str:
    """``~/omnitui-858462.md``, written with ``~`` so the field stays short and readable."""
    return f"~/{default_file_name(ticket_id, fmt)}"


def write_new(path: Path, text: str, *, overwrite: bool) -> None:
    """Write ``text``; without ``overwrite`` an existing file raises FileExistsError (no race).

    A new file is readable by its owner only, like everything else omnitui writes: it holds
    customers' names, addresses and mail.
    """
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    fd = os.open(path, flags, 0o600)
    with open(fd, "w", encoding="utf-8", errors="replace", newline="\n") as handle:
        handle.write(text)


class ExportScreen(ModalScreen[str | None]):
    """Dismisses with a sentence saying where the export went, or None when cancelled."""

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
    }
    #export-box {
        width: 76;
        max-width: 100%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    #export-title {
        text-style: bold;
    }
    #export-box ChoiceSet {
        height: auto;
    }
    /* As wide as their longest choice; what the entries are gets the rest. */
    #export-format {
        width: 20;
    }
    #export-destination {
        width: 19;
    }
    #export-scope {
        width: 1fr;
    }
    #export-choices {
        height: auto;
    }
    #export-path {
        width: 1fr;
    }
    #export-message {
        height: auto;
        color: $text-muted;
    }
    #export-message.error {
        color: $text-error;
        text-style: bold;
    }
    #export-buttons {
        height: auto;
        align-horizontal: right;
    }
    """

    BINDINGS = [
        Binding(
            "enter",
            "export",
            "Export",
            id="export.go",
            tooltip="Export with the choices shown (from any field)",
        ),
        Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Close, export nothing"),
    ]

    def __init__(self, ticket_id: int, build: TextBuilder, *, shown: int | None = None) -> None:
        """``shown``: how many entries the timeline shows, for the agent to compare."""
        super().__init__()
        self.ticket_id = ticket_id
        self._build = build
        self._shown = shown
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Text(f"Export ticket {self.ticket_id}"), id="export-title")
            with Horizontal(id="export-choices"):
                with ChoiceSet(id="export-format"):
                    yield Choice("Markdown", value=True, id="format-markdown")
                    yield Choice("Plain text", id="format-plain")
                with ChoiceSet(id="export-destination"):
                    yield Choice("File", value=True, id="to-file")
                    yield Choice("Clipboard", id="to-clipboard")
                with ChoiceSet(id="export-scope"):
                    yield Choice("Everything", value=True, id="scope-everything")
                    shown = "" if self._shown is None else f" ({self._shown})"
                    yield Choice(f"Only what is shown{shown}", id="scope-shown")
            yield Label("File")
            yield Input(default_path(self.ticket_id, ExportFormat.MARKDOWN), id="export-path")
            yield Static(Text(KEYS_HINT), id="export-message")
            with Horizontal(id="export-buttons"):
                for button in (
                    Button("Export", id="export-go", variant="primary"),
                    Button("Cancel", id="export-cancel"),
                ):
                    button.can_focus = False
                    yield button

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    # ------------------------------------------------------------------------------------------

    @property
    def format(self) -> ExportFormat:
        plain = self.query_one("#format-plain", RadioButton).value
        return ExportFormat.PLAIN if plain else ExportFormat.MARKDOWN

    @property
    def to_clipboard(self) -> bool:
        return self.query_one("#to-clipboard", RadioButton).value

    @property
    def scope(self) -> ExportScope:
        shown = self.query_one("#scope-shown", RadioButton).value
        return ExportScope.SHOWN if shown else ExportScope.EVERYTHING

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self) -> None:
        # Follow the format with the suffix, unless the agent chose another name themselves.
        path = self.query_one("#export-path", Input)
        for fmt in ExportFormat:
            if path.value.endswith(fmt.suffix):
                path.value = path.value[: -len(fmt.suffix)] + self.format.suffix
                break

    @on(RadioSet.Changed, "#export-destination")
    def _destination_changed(self) -> None:
        self.query_one("#export-path", Input).disabled = self.to_clipboard

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        self._confirmed = None
        scrub(event.input)  # a pasted escape sequence must not reach the terminal

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        self.export()

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#export-message", Static)
        message.update(Text(text))
        message.set_class(error, "error")

    @work(exclusive=True, group="export", exit_on_error=False, description="export ticket")
    async def export(self) -> None:
        try:
            await self._export()
        except Exception as exc:  # a path or a conversion that fails in a way not foreseen
            self._say(
                f"Could not export: {sanitize_line(str(exc)) or type(exc).__name__}", error=True
            )

    async def _export(self) -> None:
        fmt, scope = self.format, self.scope
        if self.to_clipboard:
            self._say("Preparing…")
            text = await self._build(fmt, scope)
            self.app.copy_to_clipboard(text)
            lines = text.count("\n")
            self.dismiss(f"Copied ticket {self.ticket_id} ({lines} lines) to the clipboard.")
            return
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self._say("Type a file name, or choose Clipboard.", error=True)
            return
        try:
            path = Path(typed).expanduser()
        except RuntimeError:  # ~someone who does not exist
            self._say(f"{typed}: there is no such home folder.", error=True)
            return
        if path.is_dir():
            self._say(f"{path} is a folder; add a file name.", error=True)
            return
        self._say("Preparing…")
        text = await self._build(fmt, scope)
        overwrite = self._confirmed == path
        try:
            await asyncio.to_thread(write_new, path, text, overwrite=overwrite)
        except FileExistsError:
            self._confirmed = path
            self._say(
                f"{path} already exists. Press Enter again to overwrite it, "
                "or change the name to keep it.",
                error=True,
            )
            return
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
            self._say(f"Could not write {path}: {exc.strerror or exc}", error=True)
            return
        self.dismiss(f"Exported ticket {self.ticket_id} to {path}.")
