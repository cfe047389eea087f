"""Which API-key permission each call needs, so the sandbox can answer 403 for a missing one.

Omnidesk gives every key its own permissions per controller (docs/omnidesk-api.md §1); a key
without one gets a refusal for that call only. The names are the documented ones; which call
needs which is documented for the ticket, message, view and user calls and inferred for the
file download (``TICKET_READ``, like the e-mail controller's download).
"""

from __future__ import annotations

import re
from typing import Final

PERMISSIONS: Final = (
    "TICKET_READ",
    "TICKET_CREATE",
    "TICKET_UPDATE",
    "SET_STATUS",
    "MESSAGE_CREATE",
    "VIEW_READ",
    "USER_READ",
)
"""The permissions the sandbox's calls need (the docs name more)."""

_CALLS: Final[tuple[tuple[str, re.Pattern[str], str], ...]] = (
    ("POST", re.compile(r"/api/v2/ticket/setstatus", re.IGNORECASE), "SET_STATUS"),
    ("POST", re.compile(r"/api/v2/ticket/setpriority", re.IGNORECASE), "TICKET_UPDATE"),
    ("GET", re.compile(r"/api/v2/ticket(/[^/]*)?"), "TICKET_READ"),
    ("POST", re.compile(r"/api/v2/ticket"), "TICKET_CREATE"),
    ("PUT", re.compile(r"/api/v2/ticket/[^/]*"), "TICKET_UPDATE"),
    ("POST", re.compile(r"/api/v2/message"), "MESSAGE_CREATE"),
    ("GET", re.compile(r"/api/v2/view(/[^/]*)?"), "VIEW_READ"),
    ("GET", re.compile(r"/api/v2/user"), "USER_READ"),
    ("GET", re.compile(r"/api/v2/file/[^/]*"), "TICKET_READ"),
)


def required_permission(method: str, path: str) -> str | None:
    """Return the permission a request needs, or None for a call the sandbox does not know."""
    upper = method.upper()
    for call_method, pattern, permission in _CALLS:
        if call_method == upper and pattern.fullmatch(path.rstrip("/") or "/"):
            return permission
    return None


def denied_message(permission: str) -> str:
    """Return the 403's message for a key that lacks ``permission``."""
    return f"This API key does not have the {permission} permission."


def permission_names(names: str | list[str] | tuple[str, ...] | set[str]) -> frozenset[str]:
    """Return permission names from a comma-separated string or a list; ValueError if unknown."""
    parts = names.split(",") if isinstance(names, str) else list(names)
    chosen = {str(part).strip().upper() for part in parts if str(part).strip()}
    unknown = sorted(chosen - set(PERMISSIONS))
    if unknown:
        raise ValueError(
            f"unknown permission {', '.join(unknown)}; use any of {', '.join(PERMISSIONS)}"
        )
    return frozenset(chosen)
