"""The fixed world of the sandbox account: brands, groups, agents, channels and enums.

The API validates against these and the seed builds tickets from them, so both share one source.
The ids follow the seed's example (brand 2 "MyBrand", groups 10002/10003) so documented values
work against the sandbox unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

BRANDS: Final[dict[int, str]] = {2: "MyBrand", 3: "OtherBrand"}
"""Brand id -> name."""

BRAND_ADDRESSES: Final[dict[int, str]] = {
    2: "service@mybrand.com",
    3: "support@otherbrand.nl",
}
"""The address each brand receives mail on; it is the ticket's ``to`` for inbound mail."""

GROUPS: Final[dict[int, str]] = {
    10002: "Finance",
    10003: "Customer Support",
    10004: "Returns",
}
"""Group id -> name. Group 0 means "not assigned"."""

USERS: Final[dict[int, str]] = {1: "thomas", 2: "marleen", 3: "sanne"}
"""The agents the seed draws ordinary tickets' work from: user id -> user name.

The seed picks from this by index, so it stays these three; :data:`AGENTS` is every user."""


@dataclass(frozen=True)
class Agent:
    """A user of the account, as ``GET /user`` lists them."""

    id: int
    name: str
    email: str
    phone: str
    groups: tuple[int, ...]
    active: bool = True


DEMO_AGENT_ID: Final = 4
"""The demo's own agent: ``omnitui --demo`` finds it by its e-mail address."""
DEMO_AGENT_EMAIL: Final = "demo@example.com"

AGENTS: Final[dict[int, Agent]] = {
    1: Agent(1, "thomas", "thomas@mybrand.com", "+31201230001", (10003, 10002)),
    2: Agent(2, "marleen", "marleen@mybrand.com", "+31201230002", (10003, 10004)),
    3: Agent(3, "sanne", "sanne@otherbrand.nl", "", (10003, 10004)),
    DEMO_AGENT_ID: Agent(DEMO_AGENT_ID, "Demo Agent", DEMO_AGENT_EMAIL, "", (10003, 10002)),
    5: Agent(5, "pieter", "pieter@mybrand.com", "+31201230005", (10002,), active=False),
}
"""Every user of the account; inactive ones (who left) are listed but cannot be assigned."""

ANONYMOUS_AGENT: Final = "Agent Anonymous"
"""Name the docs give a message posted without ``userID``."""

CHANNELS: Final[dict[int, tuple[str, str]]] = {
    0: ("note", "note"),
    1: ("e-mail", "e-mail"),
    2: ("telephone", "telephone"),
    3: ("facebook", "facebook"),
    5: ("twitter", "twitter"),
    7: ("sms", "sms"),
    8: ("chat", "chat"),
    9: ("whatsapp", "whatsapp"),
    10: ("instagram", "instagram"),
    12: ("contact form", "contactform"),
    13: ("custom channel", "custom"),
}
"""Channel id -> (name, icon). Only 0, 1, 2 and 8 are documented; the rest are plausible."""

TICKET_STATUSES: Final = ("new", "open", "pending", "holding", "solved", "closed")
"""Every status a ticket can have, in the order the docs list them."""

UPDATE_STATUSES: Final = ("solved", "closed")
"""The only statuses PUT /ticket/{id} accepts (``^(solved|closed)$`` in the docs)."""

SUBMIT_STATUSES: Final = ("open", "pending", "holding", "solved")
"""Statuses POST /message may set with ``submitStatus``."""

PRIORITIES: Final = ("low", "medium", "high", "urgent")

OPEN_STATUSES: Final = ("new", "open", "pending", "holding")
"""Statuses that still need work; the older ``open`` view name shows these (see ``views``)."""

NOW: Final = "2026-11-25 09:00:00"
"""The seed's fixed "now": SLA countdowns and snoozes of the demo data are relative to it."""


def channel_name(channel_id: int) -> str:
    """Return the display name of a channel, inventing one for ids nobody documented."""
    return CHANNELS.get(channel_id, (f"channel {channel_id}", "custom"))[0]


def channel_icon(channel_id: int) -> str:
    """Return the icon name of a channel (the API sends it next to ``channel_name``)."""
    return CHANNELS.get(channel_id, (f"channel {channel_id}", "custom"))[1]


def user_name(user_id: int) -> str:
    """Return the agent name the timeline shows for ``user_id`` (0 is the anonymous agent)."""
    agent = AGENTS.get(user_id)
    return agent.name if agent else ANONYMOUS_AGENT


def assign_options_groups() -> list[dict[str, object]]:
    """Return the ``assign_options_groups`` list every ticket carries."""
    return [{"id": gid, "name": name} for gid, name in GROUPS.items()]


def assign_options_users() -> list[dict[str, object]]:
    """Return the ``assign_options_users`` list every ticket carries: the active agents."""
    return [{"id": a.id, "name": a.name} for a in AGENTS.values() if a.active]
