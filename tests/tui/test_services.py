"""The app provides everything the screens ask of it through ``AppServices``."""

from __future__ import annotations

import inspect

from omnitui.runtime.backends import AccountBackend
from omnitui.tui.app import OmniApp
from omnitui.tui.services import AppServices, Connection


def protocol_members(protocol: type) -> set[str]:
    names: set[str] = set()
    for cls in protocol.__mro__:
        if cls in (AppServices, Connection):
            names |= set(cls.__annotations__)
            names |= {name for name in vars(cls) if not name.startswith("_")}
    return names


def test_the_app_has_every_member_of_the_services_interface() -> None:
    app = OmniApp(AccountBackend("http://127.0.0.1:9", "key", "sandbox"))
    members = protocol_members(AppServices)
    assert {"wait_for_client", "connection_error", "drafts", "open_ticket"} <= members
    missing = []
    for name in sorted(members):
        try:
            inspect.getattr_static(app, name)  # without running properties (the converter)
        except AttributeError:
            missing.append(name)
    assert missing == []
