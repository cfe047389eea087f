"""Who the agent is on the account: the Omnidesk user their replies and notes are sent as.

Without ``userID`` Omnidesk shows a message as from "Anonymous", so the agent's user is found
once and kept: configured as ``user_id`` in the profile, or looked up by the e-mail address (or
the name) they gave with ``GET /user`` (docs/omnidesk-api.md §10.3), matched exactly, because the
call matches any part. The user found is kept per account in a small private JSON file, so the
next start needs no call; a lookup that fails is said once and replying goes on as Anonymous.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from omnitui.api.agents import ANONYMOUS, AgentIdentity, look_up
from omnitui.core import paths
from omnitui.core.private_files import write_private
from omnitui.core.sanitize import sanitize_line

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient

__all__ = ["ANONYMOUS", "AgentIdentity", "AgentSetting", "IdentityStore", "find_agent"]

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class AgentSetting:
    """What the profile says about the agent: an e-mail address (or name), a user id, or neither."""

    wanted: str = ""
    user_id: int | None = None

    @property
    def is_set(self) -> bool:
        return bool(self.wanted) or self.user_id is not None


class IdentityStore:
    """The user found for one account, in ``<data dir>/identity/<account>.json`` (mode 0600).

    It is kept with the URL and the address it was found by, so that a changed profile looks
    the user up again; a damaged file is no user found, never an error.
    """

    def __init__(self, account: str, root: Path | None = None) -> None:
        base = root if root is not None else paths.data_dir() / "identity"
        self.path = base / f"{paths.account_slug(account)}.json"

    def load(self, url: str, wanted: str) -> AgentIdentity | None:
        """The user found before by ``wanted`` on ``url``; None when there is none."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(raw, dict) or raw.get("version") != FORMAT_VERSION:
            return None
        if raw.get("url") != url or str(raw.get("wanted", "")).casefold() != wanted.casefold():
            return None
        user_id = raw.get("user_id")
        if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id < 1:
            return None
        name, email = (sanitize_line(str(raw.get(key) or "")) for key in ("name", "email"))
        return AgentIdentity(user_id, name, email)

    def save(self, url: str, wanted: str, identity: AgentIdentity) -> None:
        """Keep the user found; a read-only home only means it is looked up again next time."""
        document = {
            "version": FORMAT_VERSION,
            "url": url,
            "wanted": wanted,
            "user_id": identity.user_id,
            "name": identity.name,
            "email": identity.email,
        }
        with contextlib.suppress(OSError):
            write_private(self.path, json.dumps(document, ensure_ascii=False))


async def find_agent(
    client: OmnideskClient, setting: AgentSetting, store: IdentityStore, url: str
) -> AgentIdentity:
    """The agent's user: configured, kept from before, or looked up now (and then kept)."""
    if setting.user_id is not None:
        kept = store.load(url, setting.wanted) if setting.wanted else None
        if kept is not None and kept.user_id == setting.user_id:
            return kept
        return AgentIdentity(setting.user_id, email=setting.wanted if "@" in setting.wanted else "")
    if not setting.wanted:
        return ANONYMOUS
    kept = store.load(url, setting.wanted)
    if kept is not None:
        return kept
    found = await look_up(client, setting.wanted)
    if found.known:
        store.save(url, setting.wanted, found)
    return found
