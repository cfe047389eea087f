"""Whether a web browser can open here, which URLs may be handed to one, and the address of a
ticket in Omnidesk's agent interface. No Textual.

Over SSH, ``webbrowser.open`` would start a text browser inside our own terminal (or a browser on
the remote machine nobody sees), so there the URL is shown and copied instead.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from urllib.parse import urlsplit


def why_no_browser(env: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """Why no browser can open here, in the agent's words; None when one can."""
    if over_ssh(env):
        return "No browser can open over SSH"
    if platform.startswith(("darwin", "win", "cygwin")):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return "No browser can open without a display (DISPLAY and WAYLAND_DISPLAY are not set)"


def over_ssh(env: Mapping[str, str]) -> bool:
    """Whether the app runs in an SSH session: what opens or is saved here, the agent's own
    machine does not see (a download, ``d``, is copied as an address instead)."""
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY"))


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL with a host; None for anything else (file:, javascript:)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url.strip()


#: Where a ticket's number goes in the profile's ``web_url``.
TICKET_ID = "{id}"


class WebUrlError(ValueError):
    """The profile's ``web_url`` cannot make a ticket's address; the message says why."""


def agent_url(template: str, ticket_id: int) -> str:
    """The ticket's page in the agent interface, from the profile's ``web_url`` template
    (``https://acme.omnidesk.com/…/{id}``). Omnidesk does not document that address, so it is
    the agent's to give (docs/omnidesk-api.md §3.2)."""
    if TICKET_ID not in template:
        raise WebUrlError(f"web_url must hold {TICKET_ID} where the ticket number goes: {template}")
    url = web_url(template.replace(TICKET_ID, str(ticket_id)))
    if url is None:
        raise WebUrlError(f"web_url must be an http or https address: {template}")
    return url
