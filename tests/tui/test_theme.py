"""A theme chosen in the app (command palette) is there again next time."""

from __future__ import annotations

from omnitui.backends import AccountBackend
from omnitui.storage.prefs import Preferences
from omnitui.tui.app import OmniApp


async def test_the_chosen_theme_is_remembered() -> None:
    backend = AccountBackend("http://127.0.0.1:9", "key", "nowhere")
    app = OmniApp(backend, preferences=Preferences.load())
    async with app.run_test() as pilot:
        app.theme = "nord"
        await pilot.pause()

    assert Preferences.load().theme == "nord"
    again = OmniApp(backend, preferences=Preferences.load())
    async with again.run_test():
        assert again.theme == "nord"
