"""The small question a form asks before Escape throws away what the agent typed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

#: The answer when the agent backs out of the question (Escape): go on editing.
STAY = "stay"


#: The forms' stylesheet, read when the first form (or question) is shown, not at start-up:
#: Textual loads a screen's CSS_PATH when the screen is pushed, once.
FORMS_CSS = Path(__file__).parent.parent / "forms.tcss"


class ConfirmClose(ModalScreen[str]):
    """Ask what to do with typed input; dismisses with the id of the chosen answer."""

    CSS_PATH = FORMS_CSS

    BINDINGS = [
        Binding(
            "escape",
            "stay",
            "Keep editing",
            id="confirm.stay",
            tooltip="Go back to the form, nothing is lost",
        ),
        Binding(
            "left",
            "app.focus_previous",
            show=False,
            id="confirm.left",
            tooltip="The answer to the left",
        ),
        Binding(
            "right",
            "app.focus_next",
            show=False,
            id="confirm.right",
            tooltip="The answer to the right",
        ),
    ]

    def __init__(self, question: str, answers: Sequence[tuple[str, str]]) -> None:
        """``answers`` are (id, button label) pairs; the first one has the focus."""
        super().__init__()
        self.question = question
        self.answers = list(answers)

    @classmethod
    def for_form(cls, autosave: bool) -> ConfirmClose:
        """Escape in a form with text in it: an ``autosave`` form can keep it as a draft."""
        if autosave:
            return cls(
                "Close the form? The draft is kept for this ticket until you send it.",
                [
                    ("keep", "Close, keep the draft"),
                    ("discard", "Discard the draft"),
                    (STAY, "Keep writing"),
                ],
            )
        return cls(
            "Close the form and discard what you typed?",
            [(STAY, "Keep editing"), ("discard", "Discard")],
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Text(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                for number, (answer, label) in enumerate(self.answers):
                    yield Button(
                        Text(label),
                        id=f"confirm-{answer}",
                        variant="primary" if number == 0 else "default",
                        compact=True,
                    )

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("confirm-") or STAY)

    def action_stay(self) -> None:
        self.dismiss(STAY)
