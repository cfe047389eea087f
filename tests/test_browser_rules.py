"""Where a browser may open and which URLs it may be given."""

from __future__ import annotations

import pytest

from omnitui.runtime.browser import is_remote_session, web_url


@pytest.mark.parametrize(
    ("env", "platform", "remote"),
    [
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({}, "linux", True),
        ({"DISPLAY": ":0", "SSH_CONNECTION": "a b c d"}, "linux", True),
        ({"SSH_TTY": "/dev/pts/1"}, "darwin", True),
        ({}, "darwin", False),
        ({}, "win32", False),
    ],
)
def test_remote_sessions(env: dict[str, str], platform: str, remote: bool) -> None:
    assert is_remote_session(env, platform) is remote


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://crm.example/?ticketID=1#2", "https://crm.example/?ticketID=1#2"),
        ("  HTTP://crm.example/x ", "HTTP://crm.example/x"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("https://", None),
        ("http://[::1", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_urls(url: str | None, expected: str | None) -> None:
    assert web_url(url) == expected
