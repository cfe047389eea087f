"""Adding an account to ``config.toml``: shared by ``omnitui config`` and the welcome screen.

The file is rewritten whole (other profiles and settings kept) and is readable by its owner
only, because it holds an API key.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from omnitui.api.agents import AgentIdentity
from omnitui.core import paths
from omnitui.core.private_files import write_private
from omnitui.settings.schema import ConfigError

PROFILE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def check_profile_name(name: str) -> str:
    name = name.strip()
    if not PROFILE_NAME.match(name):
        raise ValueError("A profile name is letters, digits, - or _ (like acme or acme-eu).")
    return name


def check_url(url: str) -> str:
    """The account URL as the client will use it, or a ``ValueError`` saying what is wrong."""
    from omnitui.api.transport import normalise_base_url

    if not url.strip():
        raise ValueError("Type the account URL, like https://acme.omnidesk.com.")
    return normalise_base_url(url)


def check_key(key: str) -> str:
    key = key.strip()
    if not key:
        raise ValueError("Type the API key (Omnidesk: Settings → API).")
    if any(ch.isspace() or not ch.isprintable() for ch in key):
        raise ValueError("An API key has no spaces or control characters; paste it again.")
    return key


def check_agent_email(text: str) -> str:
    """The agent's e-mail address (or user name) as given, "" for none (Anonymous), or a
    ``ValueError`` saying what is wrong; whether the account has such a user, :func:`find_agent`
    tells."""
    text = text.strip()
    if any(not ch.isprintable() for ch in text):
        raise ValueError("Type your e-mail address as plain text (no control characters).")
    if len(text) > 200:
        raise ValueError("That is too long for an e-mail address (at most 200 characters).")
    if "@" in text:
        local, _, domain = text.rpartition("@")
        if not local or "." not in domain or any(ch.isspace() for ch in text):
            raise ValueError(
                f"{text} is not an e-mail address; type yours as Omnidesk knows it, like "
                "you@company.com, or leave it blank."
            )
    return text


def save_profile(
    name: str, url: str, api_key: str, path: Path | None = None, *, agent_email: str = ""
) -> Path:
    """Add or replace ``[profiles.NAME]``; the other profiles and settings are kept.

    The file is rewritten from its parsed form, so comments and layout in it are not kept.
    """
    path = path or paths.config_file()
    document: dict[str, Any] = {}
    if path.exists():
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(
                f"{path} could not be read ({exc}); fix or move it, then try again."
            ) from None
    profiles = document.setdefault("profiles", {})
    if not isinstance(profiles, dict):
        raise ConfigError(f"{path}: 'profiles' is not a table; fix or move the file first.")
    profiles[name] = {"url": url, "api_key": api_key}
    if agent_email:
        profiles[name]["agent_email"] = agent_email
    try:
        write_private(path, tomli_w.dumps(document))
    except OSError as exc:
        raise ConfigError(f"{path} could not be written: {exc.strerror or exc}") from None
    return path


async def check_account(url: str, api_key: str) -> str | None:
    """Ask the API for one ticket: ``None`` when the account works, else what went wrong."""
    from omnitui.api.client import OmnideskClient
    from omnitui.api.errors import ApiError

    try:
        async with OmnideskClient(url, api_key, deadline=20.0, max_retries=1) as client:
            await client.list_tickets(limit=1)
    except ApiError as exc:
        return exc.message
    except (OSError, ValueError) as exc:  # e.g. SSL_CERT_FILE naming a file that is not there
        return f"omnitui could not make the connection ({exc})."
    return None


async def find_agent(url: str, api_key: str, wanted: str) -> AgentIdentity:
    """Look the agent's user up by ``wanted`` (an e-mail address or name); the identity says
    why when none was found (``missing``: the account has no such user)."""
    from omnitui.api.agents import look_up
    from omnitui.api.client import OmnideskClient

    try:
        async with OmnideskClient(url, api_key, deadline=20.0, max_retries=1) as client:
            return await look_up(client, wanted)
    except (OSError, ValueError) as exc:
        reason = f"omnitui could not make the connection ({exc})"
        return AgentIdentity(problem=f"{reason[:1].upper()}{reason[1:]}.", reason=reason)
