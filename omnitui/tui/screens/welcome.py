"""First run: no account is configured, so say how to add one, or start the demo instead."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from omnitui.settings import account_setup
from omnitui.settings.load import DEFAULT_PROFILE, ConfigError
from omnitui.tui.forms.fields import scrub
from omnitui.tui.services import AppServices

INTRO = """\
omnitui needs an Omnidesk account: its URL and an API key (Settings → API).
 • fill in the form below (saved to config.toml, readable only by you), or
 • in the shell: export OMNIDESK_URL=… OMNIDESK_API_KEY=…, or
 • in the shell: omnitui config
Or try the demo first: a local sandbox with sample tickets, no account needed."""


class WelcomeScreen(Screen[None]):
    """Shown instead of the lookup screen when no account is configured.

    No plain letter is a key here: an agent typing a URL whose focus slipped onto a button
    (shift+tab) must not start the demo or quit. The choices are the buttons (Enter on them)
    and ctrl keys; inside a text field those stay the field's own (ctrl+d deletes there).
    """

    CSS_PATH = Path(__file__).parent.parent / "welcome.tcss"

    BINDINGS = [
        Binding(
            "ctrl+d", "demo", "Try the demo", id="welcome.demo", tooltip="Start the demo sandbox"
        ),
        # Also the app's (hidden) quit key: shown here, where there are few keys to show.
        Binding("ctrl+q", "app.quit", "Quit", id="welcome.quit", priority=True),
        Binding("escape", "leave_form", "Back to the choices", id="welcome.leave"),
    ]

    def __init__(self, *, profile: str = DEFAULT_PROFILE, url: str = "") -> None:
        super().__init__()
        self.profile = profile
        self._initial_url = url
        #: (url, key) that failed the check once: submitting them again saves anyway.
        self._unchecked: tuple[str, str] | None = None

    @property
    def services(self) -> AppServices:
        """What the app provides (the client, the stores, navigation); see ``services.py``."""
        return cast(AppServices, self.app)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome-box"):
            yield Static(Text("Welcome to omnitui"), id="welcome-title")
            yield Static(Text(INTRO), id="welcome-intro")
            with Horizontal(id="welcome-choices"):
                yield Button("Add an account", id="welcome-account", variant="primary")
                yield Button("Try the demo (ctrl+d)", id="welcome-demo")
            with Vertical(id="welcome-form"):
                with Horizontal(classes="welcome-row"):
                    yield Label("Account URL", classes="welcome-label")
                    yield Input(
                        self._initial_url,
                        placeholder="https://acme.omnidesk.com",
                        id="welcome-url",
                        select_on_focus=False,  # typing on adds to the URL, never replaces it
                    )
                with Horizontal(classes="welcome-row"):
                    yield Label("API key", classes="welcome-label")
                    yield Input(
                        placeholder="pasted key (not shown)", password=True, id="welcome-key"
                    )
                with Horizontal(classes="welcome-row"):
                    yield Label("Profile name", classes="welcome-label")
                    yield Input(self.profile, id="welcome-profile", select_on_focus=False)
                    yield Button("Check and save", id="welcome-save", variant="success")
        yield Static("", id="welcome-message")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#welcome-account", Button).focus()

    # ------------------------------------------------------------------------------------------

    def action_demo(self) -> None:
        from omnitui.core import paths
        from omnitui.runtime.backends import DemoBackend

        self.services.use_backend(DemoBackend(paths.demo_db()))

    def action_set_up(self) -> None:
        self.query_one("#welcome-url", Input).focus()

    def action_leave_form(self) -> None:
        self.query_one("#welcome-account", Button).focus()

    @on(Button.Pressed, "#welcome-demo")
    def _demo_pressed(self) -> None:
        self.action_demo()

    @on(Button.Pressed, "#welcome-account")
    def _account_pressed(self) -> None:
        self.action_set_up()

    @on(Input.Changed)
    def _scrub(self, event: Input.Changed) -> None:
        scrub(event.input)  # a pasted escape sequence must not reach the terminal

    @on(Input.Submitted)
    @on(Button.Pressed, "#welcome-save")
    def _save_pressed(self) -> None:
        """Enter in any field checks and saves; what is missing is said, and focused."""
        try:
            url = account_setup.check_url(self.query_one("#welcome-url", Input).value)
        except ValueError as exc:
            return self._problem(str(exc), "#welcome-url")
        try:
            key = account_setup.check_key(self.query_one("#welcome-key", Input).value)
        except ValueError as exc:
            return self._problem(str(exc), "#welcome-key")
        try:
            profile = account_setup.check_profile_name(
                self.query_one("#welcome-profile", Input).value
            )
        except ValueError as exc:
            return self._problem(str(exc), "#welcome-profile")
        self.check_and_save(profile, url, key)

    @work(exclusive=True, group="welcome", exit_on_error=False, description="check account")
    async def check_and_save(self, profile: str, url: str, key: str) -> None:
        if self._unchecked != (url, key):
            self._say(f"Checking the key with {url} …")
            problem = await account_setup.check_account(url, key)
            if problem:
                self._unchecked = (url, key)
                self._problem(
                    f"That did not work: {problem} Press Enter again to save it anyway.",
                    "#welcome-key",
                )
                return
        try:
            path = account_setup.save_profile(profile, url, key)
        except ConfigError as exc:
            return self._problem(str(exc), "#welcome-url")
        from omnitui.runtime.backends import AccountBackend
        from omnitui.settings.load import load_settings

        with contextlib.suppress(ConfigError):  # profiles for the palette's "switch profile"
            self.services.settings = load_settings()
        self.app.notify(f"Saved the profile {profile!r} to {path}.", title="Account added")
        self.services.use_backend(AccountBackend(url, key, label=profile))

    def _problem(self, text: str, focus: str) -> None:
        self._say(text, error=True)
        self.query_one(focus, Input).focus()

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#welcome-message", Static)
        message.update(Text(text))
        message.set_class(error, "error")
