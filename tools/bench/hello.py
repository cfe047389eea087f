"""The baseline: a bare Textual "hello" app, started the same way as omnitui (``python -m``)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "Hello from Textual"


class HelloApp(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static(MARKER)


if __name__ == "__main__":
    HelloApp().run()
