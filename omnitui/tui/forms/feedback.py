"""What a form says about what was typed: a message under each wrong field, a line above the
buttons for the rest (and for the answer of a send), kept true while the agent fixes things.

:class:`~omnitui.tui.forms.base.FormScreen` builds on this; it is apart only to keep that module
about sending, closing and drafts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from pydantic import ValidationError
from rich.text import Text
from textual.screen import ModalScreen
from textual.widgets import Static

from omnitui.core.sanitize import sanitize
from omnitui.tui.forms.fields import FormField, read_value
from omnitui.tui.forms.validation import FormProblem, explain

R = TypeVar("R")


class FormFeedback(ModalScreen[R]):
    """The messages of a form; subclasses say how its text becomes a request."""

    #: Model field name -> form field name, where they differ.
    MODEL_FIELDS: ClassVar[Mapping[str, str]] = {}

    #: The line above the buttons as shown now (an API error, a notice), empty when none.
    message: str = ""
    #: Whether that line is a validation problem, which follows the text as the fields'
    #: messages do, rather than the answer of a send, which stays until the next one.
    _message_is_problem: bool = False

    def build_request(self, values: Mapping[str, str]) -> Any:
        """Turn the fields' text into what the form sends.

        Raises pydantic's ValidationError or :class:`FormProblem` when something is wrong.
        """
        raise NotImplementedError

    def values(self) -> dict[str, str]:
        """Every field's text, by field name."""
        return {field.field_name: read_value(field.control) for field in self.query(FormField)}

    def validated(self, values: Mapping[str, str]) -> tuple[Any, dict[str, str]]:
        """``(request, {})`` when ``values`` are valid, else ``(None, problems)``.

        The problems are by form field name, with ``FORM`` for those of no single field.
        """
        try:
            return self.build_request(values), {}
        except ValidationError as exc:
            return None, explain(exc, fields=self.MODEL_FIELDS)
        except FormProblem as exc:
            return None, dict(exc.problems)

    def show_message(self, text: str, *, error: bool) -> None:
        """The line above the buttons: API errors, "nothing changed", "sending…"."""
        self.message = text = sanitize(text)
        self._message_is_problem = False
        message = self.query_one("#form-message", Static)
        message.update(Text(text))
        message.display = bool(text)
        message.set_class(error, "-error")
        message.set_class(not error and bool(text), "-info")

    def show_problems(self, problems: Mapping[str, str]) -> None:
        """Put each message under its field (the form line for the rest) and focus the first."""
        first: FormField | None = None
        for field in self.query(FormField):
            message = problems.get(field.field_name)
            field.show_error(message)
            if message and first is None and field.display:
                first = field
        unplaced = self._unplaced(problems)
        if unplaced:
            self.show_message(unplaced, error=True)
            self._message_is_problem = True
        if first is not None:
            first.control.focus()

    def clear_problems(self) -> None:
        for field in self.query(FormField):
            field.show_error(None)
        self.show_message("", error=False)

    def recheck(self) -> None:
        """Keep the shown messages true while the agent types.

        A message goes as soon as its mistake is fixed and is reworded when the mistake
        changes; a field that had none gets none while the agent is still typing (that waits
        for the next ctrl+s).
        """
        shown = [field for field in self.query(FormField) if field.message]
        if not shown and not self._message_is_problem:
            return
        _, problems = self.validated(self.values())
        for field in shown:
            field.show_error(problems.get(field.field_name))
        if self._message_is_problem:
            unplaced = self._unplaced(problems)
            self.show_message(unplaced, error=True)
            self._message_is_problem = bool(unplaced)

    def _unplaced(self, problems: Mapping[str, str]) -> str:
        """The messages no field on screen shows, as one line."""
        known = {field.field_name for field in self.query(FormField) if field.display}
        return " ".join(message for name, message in problems.items() if name not in known)
