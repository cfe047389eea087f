"""Where a browser may open and which URLs it may be given."""

from __future__ import annotations

import pytest

from omnitui.runtime.browser import web_url, why_no_browser


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
    assert (why_no_browser(env, platform) is not None) is remote


def test_the_reason_says_which_it_is() -> None:
    assert why_no_browser({"SSH_TTY": "/dev/pts/1", "DISPLAY": ":0"}, "linux") == (
        "No browser can open over SSH"
    )
    assert "without a display" in (why_no_browser({}, "linux") or "")
    assert why_no_browser({"DISPLAY": ":0"}, "linux") is None


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
