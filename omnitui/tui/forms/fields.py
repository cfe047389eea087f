"""One labelled form field: its label, its control, an optional hint and its validation message.

The message sits right under the control it is about, so an agent sees at a glance what to fix.
It may quote what the API or the agent wrote, so it is sanitised (a pasted ESC would otherwise
reach the terminal) and always shown as ``rich.text.Text``, never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets.select import NoSelection

from omnitui.core.sanitize import sanitize, sanitize_line


class FormField(Horizontal):
    """A row of a form: label on the left, control with hint and error message on the right."""

    def __init__(self, name: str, label: str, control: Widget, *, hint: str = "") -> None:
        super().__init__(id=f"field-{name}", classes="form-field")
        self.field_name = name
        self.label = label
        self.control = control
        self.hint = hint
        #: The validation message shown now, empty when the field is valid.
        self.message = ""

    def compose(self) -> ComposeResult:
        yield Label(Text(self.label), classes="field-label")
        with Vertical(classes="field-control"):
            yield self.control
            hint = Static(Text(self.hint), classes="field-hint")
            hint.display = bool(self.hint)
            yield hint
            error = Static("", classes="field-error")
            error.display = False
            yield error

    def show_error(self, message: str | None) -> None:
        """Show a validation message under the control, or hide it with None."""
        self.message = sanitize(message or "")
        error = self.query_one(".field-error", Static)
        error.update(Text(self.message))
        error.display = bool(message)
        self.set_class(bool(message), "-invalid")

    def show_hint(self, hint: str) -> None:
        """Replace the hint line (the status form counts the tickets there as you type)."""
        self.hint = sanitize(hint)
        widget = self.query_one(".field-hint", Static)
        widget.update(Text(self.hint))
        widget.display = bool(hint)


def text_field(
    name: str, label: str, value: str, *, placeholder: str = "", hint: str = ""
) -> FormField:
    """A one-line field; its control's id is ``input-NAME``, as every form's code expects.

    Focusing it does not select its text (Textual's default): an agent who tabs into a
    restored draft or the customer's address and types on must add to it, not replace it.
    """
    control = Input(
        value, placeholder=placeholder, id=f"input-{name}", compact=True, select_on_focus=False
    )
    return FormField(name, label, control, hint=hint)


def choice_field(
    name: str,
    label: str,
    options: list[tuple[Text, str]],
    value: str,
    *,
    hint: str = "",
    prompt: str | None = None,
) -> FormField:
    """A drop-down field; without a ``prompt`` a choice is required (no blank entry).

    The prompt is markup to Textual: callers pass fixed words, never text from the API.
    """
    control: Select[str] = Select(
        options,
        value=select_value(options, value),
        id=f"input-{name}",
        compact=True,
        **({"prompt": prompt} if prompt is not None else {"allow_blank": False}),
    )
    return FormField(name, label, control, hint=hint)


def read_value(control: Widget) -> str:
    """A control's value as text: a blank choice is the empty string."""
    if isinstance(control, TextArea):
        return control.text
    if isinstance(control, Input):
        return control.value
    if isinstance(control, Select):
        value = control.value
        return "" if value is Select.NULL else str(value)
    raise TypeError(f"not a form control: {control!r}")


def cursor_to_end(control: Widget) -> None:
    """Put the cursor after the control's text, so the agent's next keys continue it.

    A TextArea starts with its cursor before the text: a restored draft would otherwise get
    the next words in front of it.
    """
    if isinstance(control, TextArea):
        control.move_cursor(control.document.end)
    elif isinstance(control, Input):
        control.cursor_position = len(control.value)


def select_value(options: list[tuple[Text, str]], value: str) -> str | NoSelection:
    """The value a Select should start with: ``value`` if it is one of ``options``, else blank."""
    return value if any(option == value for _, option in options) else Select.NULL


def scrub(control: Input) -> bool:
    """Make pasted control characters inert in a one-line field; True if anything changed.

    Only a paste can put ESC or a C1 control into an Input (keys cannot), and an Input draws
    its value raw: a pasted ``ESC]52;…`` would reach the terminal as a real escape sequence.
    """
    clean = sanitize_line(control.value)
    if clean == control.value:
        return False
    control.value = clean
    return True
