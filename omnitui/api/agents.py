"""The agent's own Omnidesk user: found among the account's users by an e-mail address or name.

``GET /user`` matches any part of a name, address or phone number (docs/omnidesk-api.md §10.3), so
the one user meant is picked here by an exact comparison, any case. What a lookup finds, or why it
found none, is an :class:`AgentIdentity`: replies and notes are sent as it (``userID``), or as
Anonymous with that reason told to the agent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from omnitui.api.errors import ApiError, ForbiddenError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from omnitui.api.client import OmnideskClient
    from omnitui.api.models import User

#: Users read per lookup: the call matches any part of a name or address, so a short one finds
#: many; the exact one is among the first hundred on any account of a sane size.
LOOKUP_LIMIT = 100
SET_IT = "set your e-mail address with omnitui config, or user_id in the profile"


@dataclass(frozen=True, slots=True)
class AgentIdentity:
    """The agent's Omnidesk user, or why there is none (then messages go out as Anonymous)."""

    user_id: int | None = None
    name: str = ""
    email: str = ""
    #: Why there is no user, as a sentence for the agent ("" when none was asked for).
    problem: str = ""
    #: The account answered, and has no such user: the address (or name) given is wrong.
    missing: bool = False
    #: The heart of ``problem``, for where a whole sentence does not fit ("no Omnidesk user ...").
    reason: str = ""

    @property
    def known(self) -> bool:
        return self.user_id is not None

    @property
    def label(self) -> str:
        """Who messages are sent as, in a few words."""
        if self.user_id is None:
            return "Anonymous"
        return self.name or self.email or f"user {self.user_id}"


ANONYMOUS = AgentIdentity()


def match_user(users: Sequence[User], wanted: str) -> tuple[User | None, str]:
    """The one user ``wanted`` names (an e-mail address, else a name; any case), or why not."""
    key = wanted.strip().casefold()
    by_email = "@" in key
    found = [u for u in users if (u.email if by_email else u.name).casefold() == key]
    what = f"the e-mail address {wanted}" if by_email else f"the name {wanted}"
    if not found:
        return None, f"no Omnidesk user has {what}"
    if len(found) > 1:
        return None, f"{len(found)} Omnidesk users have {what}; give your e-mail address"
    user = found[0]
    if not user.active:
        return None, f"the Omnidesk user with {what} ({user.name}) is not active"
    return user, ""


async def look_up(client: OmnideskClient, wanted: str) -> AgentIdentity:
    """Find the user ``wanted`` names; on failure the identity says why, in a full sentence."""
    try:
        users = await client.list_users(query=wanted.strip(), limit=LOOKUP_LIMIT)
    except ForbiddenError:
        reason = "this API key may not look users up (it lacks USER_READ)"
        return AgentIdentity(
            problem=f"Replies and notes are sent as Anonymous: {reason}. Set user_id in the "
            "profile to send as yourself.",
            reason=reason,
        )
    except ApiError as exc:
        reason = f"your Omnidesk user could not be looked up ({str(exc).rstrip('.')})"
        return AgentIdentity(
            problem=f"Replies and notes are sent as Anonymous for now: {reason}. omnitui tries "
            "again at the next start.",
            reason=reason,
        )
    user, reason = match_user(users, wanted)
    if user is None:
        return AgentIdentity(
            problem=f"Replies and notes are sent as Anonymous: {reason} ({SET_IT}).",
            missing=True,
            reason=reason,
        )
    return AgentIdentity(user.id, user.name, user.email)
