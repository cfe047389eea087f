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

from omnitui.api.agents import AgentIdentity
from omnitui.settings import account_setup
from omnitui.settings.load import DEFAULT_PROFILE, ConfigError
from omnitui.tui.forms.fields import scrub
from omnitui.tui.services import AppServices

INTRO = """\
omnitui needs an Omnidesk account: its URL and an API key (Settings → API).
 • fill in the form below (saved to config.toml, readable only by you), or
 • in the shell: omnitui config, or export OMNIDESK_URL=… OMNIDESK_API_KEY=…
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
        #: (url, key, e-mail) whose user was not found once: submitting again saves anyway.
        self._unfound: tuple[str, str, str] | None = None

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
                    yield Label("Your e-mail", classes="welcome-label")
                    yield Input(
                        placeholder="you@company.com (optional: blank sends as Anonymous)",
                        id="welcome-email",
                        select_on_focus=False,
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
            agent = account_setup.check_agent_email(self.query_one("#welcome-email", Input).value)
        except ValueError as exc:
            return self._problem(str(exc), "#welcome-email")
        try:
            profile = account_setup.check_profile_name(
                self.query_one("#welcome-profile", Input).value
            )
        except ValueError as exc:
            return self._problem(str(exc), "#welcome-profile")
        self.check_and_save(profile, url, key, agent)

    @work(exclusive=True, group="welcome", exit_on_error=False, description="check account")
    async def check_and_save(self, profile: str, url: str, key: str, agent: str = "") -> None:
        checked = self._unchecked != (url, key)
        if checked:
            self._say(f"Checking the key with {url} …")
            problem = await account_setup.check_account(url, key)
            if problem:
                self._unchecked = (url, key)
                self._problem(
                    f"That did not work: {problem} Press Enter again to save it anyway.",
                    "#welcome-key",
                )
                return
        found = None
        if agent and checked and self._unfound != (url, key, agent):
            self._say(f"Looking up {agent} …")
            found = await account_setup.find_agent(url, key, agent)
            if found.missing:
                self._unfound = (url, key, agent)
                reason = found.reason[:1].upper() + found.reason[1:]
                self._problem(
                    f"{reason}: fix it, clear it (Anonymous), or press Enter again to save it "
                    "anyway.",
                    "#welcome-email",
                )
                return
        try:
            path = account_setup.save_profile(profile, url, key, agent_email=agent)
        except ConfigError as exc:
            return self._problem(str(exc), "#welcome-url")
        self._connect(profile, url, key, agent, path, found)

    def _connect(
        self,
        profile: str,
        url: str,
        key: str,
        agent: str,
        path: Path,
        found: AgentIdentity | None,
    ) -> None:
        """Use the profile just saved; the user found is kept, so the app need not look again."""
        from omnitui.runtime.backends import AccountBackend
        from omnitui.settings.load import load_settings
        from omnitui.storage.identity import IdentityStore

        if found is not None and found.known:
            IdentityStore(profile).save(url, agent, found)
        with contextlib.suppress(ConfigError):  # profiles for the palette's "switch profile"
            self.services.settings = load_settings()
        who = f" Replies go out as {found.label}." if found is not None and found.known else ""
        if not agent:
            who = " Replies go out as Anonymous (omnitui config sets who you are)."
        self.app.notify(f"Saved the profile {profile!r} to {path}.{who}", title="Account added")
        self.services.use_backend(AccountBackend(url, key, label=profile, agent_email=agent))

    def _problem(self, text: str, focus: str) -> None:
        self._say(text, error=True)
        self.query_one(focus, Input).focus()

    def _say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#welcome-message", Static)
        message.update(Text(text))
        message.set_class(error, "error")
