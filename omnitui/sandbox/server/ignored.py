"""The write fields ``--ignore-fields`` may name: accepted and answered with success, not applied.

A real account may take a field it does not support (or may not change through the API) and
still answer "Ticket updated."; the client reads the ticket back to tell. The sandbox plays that
account: an ignored field's value is checked for form (a number, one of the priorities), then
left out of the change, so whether the ticket offers that group is never asked. Names are the
wire names, and apply to every write that takes them (``priority``: PUT and setPriority;
``status``: PUT and setstatus; ``assignedGroupID``: PUT and create).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

WRITE_FIELDS: Final = (
    "title",
    "status",
    "externalPrimaryID",
    "assignedGroupID",
    "assignedUserID",
    "priority",
    "tags",
    "userID",
    "respondMessageID",
    "submitStatus",
)
"""The fields a write may be told to ignore."""

_BY_LOWER: Final = {name.lower(): name for name in WRITE_FIELDS}


def field_names(names: str | Iterable[str]) -> frozenset[str]:
    """Return write field names from ``"a,b"`` or a list, in their wire spelling.

    Any case is accepted (``assignedgroupid``); an unknown name raises ValueError naming the
    known ones.
    """
    parts = names.split(",") if isinstance(names, str) else [str(name) for name in names]
    chosen: set[str] = set()
    for part in (p.strip() for p in parts):
        if not part:
            continue
        known = _BY_LOWER.get(part.removesuffix("[]").lower())
        if known is None:
            raise ValueError(f"unknown field {part!r}; use any of {', '.join(WRITE_FIELDS)}")
        chosen.add(known)
    return frozenset(chosen)
