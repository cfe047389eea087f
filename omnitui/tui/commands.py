"""Command-palette entries beyond the keys: switching between the configured profiles."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from omnitui.tui.services import AppServices


class ProfileCommands(Provider):
    """ "Switch to profile acme" for every ``[profiles.NAME]`` but the one in use."""

    @property
    def services(self) -> AppServices:
        return cast(AppServices, self.app)

    def _choices(self) -> list[tuple[str, str, str]]:
        """(profile, title, help) for each profile the agent could switch to."""
        app = self.services
        if app.settings is None:
            return []
        current = app.backend.label if app.backend is not None else None
        return [
            (name, f"Switch to profile {name}", profile.url)
            for name, profile in sorted(app.settings.profiles.items())
            if name != current and profile.url  # without a url there is nothing to switch to
        ]

    def _switch(self, name: str) -> Callable[[], Awaitable[None]]:
        return partial(self.services.switch_profile, name)

    async def discover(self) -> Hits:
        for name, title, help_text in self._choices():
            yield DiscoveryHit(title, self._switch(name), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, title, help_text in self._choices():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._switch(name), help=help_text)
