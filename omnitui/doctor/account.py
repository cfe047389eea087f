"""The read-only calls that tell what an account's key may do, each answered by one line.

Every call is one a feature needs (docs/omnidesk-api.md §10.9 names the permissions), made once,
with few retries: a refusal (403) names the permission and the features it takes away, and a
wrong key (401) stops the rest, which would only be refused the same way.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TypeVar

from omnitui.api.client import OmnideskClient
from omnitui.api.errors import (
    ApiError,
    AuthError,
    ForbiddenError,
    NetworkError,
    RequestTimeout,
    TlsError,
)
from omnitui.api.models import User
from omnitui.doctor.clock import ClockSample, clock_check
from omnitui.doctor.lines import Check, Mark

T = TypeVar("T")

#: What each permission the doctor checks gives the agent (and takes away when missing).
FEATURES = {
    "TICKET_READ": "opening a ticket, search, and the tickets of every queue",
    "VIEW_READ": "the queues (the account's views) on the first screen",
    "USER_READ": "finding your agent user from your e-mail (replies sent as you, not Anonymous)",
}
#: The most users one ``GET /user`` answers (docs/omnidesk-api.md §10.3).
MAX_USERS = 999


@dataclass(frozen=True)
class Target:
    """The account to check; ``repr`` never shows the key."""

    profile: str
    url: str
    api_key: str = field(repr=False)
    agent_email: str | None = None
    user_id: int | None = None


class _Calls:
    """Makes the calls and keeps what each answer's ``Date`` says about the server's clock."""

    def __init__(self, client: OmnideskClient, now: Callable[[], float]) -> None:
        self.client = client
        self.now = now
        self.samples: list[ClockSample] = []

    async def __call__(self, call: Awaitable[T]) -> T:
        self.client.server_date = None
        sent = self.now()
        try:
            return await call
        finally:
            self._sample(sent, self.now())

    def _sample(self, sent: float, received: float) -> None:
        try:
            server = parsedate_to_datetime(self.client.server_date or "").timestamp()
        except (TypeError, ValueError, OverflowError):
            return
        # The header is whole seconds, cut off: the server's time was within the next one.
        self.samples.append(ClockSample(server + 0.5 - (sent + received) / 2, received - sent))


async def check_account(
    target: Target, *, timeout: float = 20.0, now: Callable[[], float] = time.time
) -> AsyncIterator[Check]:
    """The key, the permissions, the agent's user and the clock, one check at a time."""
    try:
        client = OmnideskClient(
            target.url, target.api_key, deadline=timeout, max_retries=1, max_retry_wait=5.0
        )
    except (OSError, ValueError) as exc:  # e.g. SSL_CERT_FILE naming a file that is not there
        yield Check(Mark.FAIL, "Connection", f"could not be set up ({exc})", needed=True)
        return
    async with client:
        calls = _Calls(client, now)
        async for check in _checks(target, calls):
            yield check
        yield clock_check(calls.samples)


async def _checks(target: Target, calls: _Calls) -> AsyncIterator[Check]:
    client = calls.client
    name = "List tickets (TICKET_READ)"
    try:
        page = await calls(client.list_tickets(limit=1))
    except AuthError:
        yield Check(
            Mark.FAIL,
            "API key",
            "Omnidesk refused it (HTTP 401): the API key is wrong or revoked",
            todo=f"Make a new key in Omnidesk (Settings → API) and save it: {_config(target)}",
            needed=True,
        )
        yield Check(Mark.WARN, "Permissions", "not checked: every call needs a working key")
        return
    except (TlsError, NetworkError, RequestTimeout) as exc:
        yield Check(Mark.FAIL, "Connection", exc.message, needed=True)
        return
    except ForbiddenError as exc:
        yield Check(Mark.OK, "API key", "accepted")
        yield _refused(name, "TICKET_READ", exc, needed=True)
        page = None
    except ApiError as exc:
        yield Check(Mark.WARN, "API key", "not confirmed: the first call failed")
        yield Check(Mark.FAIL, name, exc.message, effect=_without("TICKET_READ"), needed=True)
        page = None
    else:
        yield Check(Mark.OK, "API key", "accepted")
        yield Check(Mark.OK, name, f"{page.total:,} tickets on the account")
    yield await _read_ticket(calls, page.items[0].id if page and page.items else None, page)
    yield await _views(calls)
    async for check in _users(target, calls):
        yield check


async def _read_ticket(calls: _Calls, ticket_id: int | None, page: object) -> Check:
    name = "Read a ticket (TICKET_READ)"
    if ticket_id is None:
        why = "the account has no tickets yet" if page else "the list gave no ticket to read"
        return Check(Mark.WARN, name, f"not checked: {why}")
    try:
        await calls(calls.client.get_ticket_header(ticket_id))
    except ForbiddenError as exc:
        return _refused(name, "TICKET_READ", exc, needed=True)
    except ApiError as exc:
        return Check(Mark.FAIL, name, f"ticket {ticket_id}: {exc.message}", needed=True)
    return Check(Mark.OK, name, f"ticket {ticket_id} read")


async def _views(calls: _Calls) -> Check:
    name = "Views (VIEW_READ)"
    try:
        views = await calls(calls.client.list_views())
    except ForbiddenError as exc:
        return _refused(name, "VIEW_READ", exc)
    except ApiError as exc:
        return Check(Mark.FAIL, name, exc.message, effect=_without("VIEW_READ"))
    return Check(Mark.OK, name, f"{len(views)} views, shown as queues")


async def _users(target: Target, calls: _Calls) -> AsyncIterator[Check]:
    """The users call, and with it the agent's own user when the profile names one."""
    name = "Users (USER_READ)"
    if target.user_id is not None:
        query, limit = "", MAX_USERS
    else:
        query, limit = target.agent_email or "", 100 if target.agent_email else 1
    try:
        users = await calls(calls.client.list_users(query, limit=limit))
    except ForbiddenError as exc:
        yield _refused(name, "USER_READ", exc)
        yield _agent_unchecked(target)
        return
    except ApiError as exc:
        yield Check(Mark.FAIL, name, exc.message, effect=_without("USER_READ"))
        yield _agent_unchecked(target)
        return
    yield Check(Mark.OK, name, "agents can be listed")
    yield _agent(target, users, complete=len(users) < limit)


AGENT = "Your agent user"
ANONYMOUS = 'replies and notes are sent as "Agent Anonymous"'


def _agent(target: Target, users: list[User], *, complete: bool) -> Check:
    if target.user_id is not None:
        found = next((u for u in users if u.id == target.user_id), None)
        wanted = f"user_id {target.user_id}"
    elif target.agent_email:
        email = target.agent_email.casefold()
        found = next((u for u in users if u.email.casefold() == email), None)
        wanted = f"agent_email {target.agent_email}"
    else:
        return Check(
            Mark.WARN,
            AGENT,
            f"not configured: {ANONYMOUS}",
            todo=f"Set agent_email (or user_id) in [profiles.{target.profile}].",
        )
    if found is None and not complete:
        return Check(Mark.WARN, AGENT, f"{wanted} not among the first {MAX_USERS} agents")
    if found is None and target.user_id is None:
        return Check(
            Mark.WARN,
            AGENT,
            f"no agent has the e-mail {target.agent_email}: {ANONYMOUS}",
            todo=f"Check agent_email in [profiles.{target.profile}] (the address you sign in "
            "to Omnidesk with), or set user_id.",
        )
    if found is None:
        return Check(
            Mark.FAIL,
            AGENT,
            f"no agent has {wanted}: Omnidesk refuses replies sent as that user",
            todo=f"Check user_id in [profiles.{target.profile}], or set agent_email instead.",
            needed=True,
        )
    who = f"{found.name or 'no name'} (user {found.id})"
    if not found.active:
        return Check(
            Mark.FAIL,
            AGENT,
            f"{who} is not active: Omnidesk refuses replies sent as that user",
            todo="Ask an Omnidesk administrator to activate the user, or configure another.",
            needed=True,
        )
    return Check(Mark.OK, AGENT, f"{who}, found by {wanted}")


def _agent_unchecked(target: Target) -> Check:
    if target.user_id is not None:
        return Check(Mark.WARN, AGENT, f"user_id {target.user_id}: not checked without USER_READ")
    if target.agent_email:
        return Check(
            Mark.WARN,
            AGENT,
            f"agent_email {target.agent_email} cannot be looked up without USER_READ",
            todo=f"Set user_id in [profiles.{target.profile}] instead.",
        )
    return _agent(target, [], complete=True)


def _refused(name: str, permission: str, exc: ApiError, *, needed: bool = False) -> Check:
    return Check(
        Mark.FAIL,
        name,
        f"refused: {exc.message}",
        effect=_without(permission),
        todo=f"Ask an Omnidesk administrator to give this API key the {permission} permission.",
        needed=needed,
    )


def _without(permission: str) -> str:
    return f"Without {permission}: {FEATURES[permission]} will not work."


def _config(target: Target) -> str:
    hint = "" if target.profile == "default" else f" --profile {target.profile}"
    return f"omnitui config{hint}"
