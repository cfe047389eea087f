"""Handlers of Omnidesk's ticket and message calls (views, users and files: ``account_routes``).

Handlers validate the wire format (field names, types, patterns from the docs) and hand typed
values to :class:`TicketService`, running it in a worker thread so a slow SQLite read of a
5,000-entry ticket never stalls the event loop that serves faults and latency. A field named by
``--ignore-fields`` is validated, then dropped before the service sees it (``ignored``).
"""

from __future__ import annotations

import asyncio
import functools
import re
from collections.abc import Callable
from concurrent.futures import Executor
from typing import TypeVar

from starlette.requests import Request
from starlette.responses import Response

from omnitui.sandbox.data import catalog
from omnitui.sandbox.server.faults import FaultInjector
from omnitui.sandbox.server.fields import (
    DATE_PATTERN,
    Fields,
    boolean_flag,
    parse_int,
    path_ticket_id,
)
from omnitui.sandbox.server.gate import FIELDS_KEY
from omnitui.sandbox.server.responses import (
    ApiError,
    bad_request,
    json_response,
    raw_json_response,
    result,
)
from omnitui.sandbox.server.tickets import NewMessage, NewTicket, TicketChange, TicketService

T = TypeVar("T")

VIEW_PATTERN = re.compile(r"[0-9a-zA-Z\-_]{2,}")
MESSAGE_TYPE_PATTERN = re.compile(r"[0-9]+|calllog|contactform")
EMAIL_PATTERN = re.compile(r"[^@\s,<>]+@[^@\s,<>]+\.[^@\s,<>]+")
MAX_ITEM_LIMIT = 9999
MAX_TITLE = 1000
MAX_MESSAGE = 20_000_000
MAX_TAGS = 50
MAX_TAG = 100


def body_fields(request: Request) -> Fields:
    """Return the body fields the gate parsed, or raise the error it found."""
    parsed = request.scope.get(FIELDS_KEY)
    if isinstance(parsed, ApiError):
        raise parsed
    return Fields(parsed or [])


class TicketRoutes:
    """Handlers of the Omnidesk API v2 calls; database work runs on ``executor``.

    ``faults`` says which write fields to accept but not apply (``ignore_fields``).
    """

    def __init__(self, service: TicketService, executor: Executor, faults: FaultInjector) -> None:
        self.service = service
        self.executor = executor
        self.faults = faults

    async def _offload(self, call: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.executor, call)

    def _kept(self, name: str, value: T | None) -> T | None:
        """Return a validated field's value, or None if the sandbox is told to ignore it."""
        return None if name in self.faults.ignore_fields else value

    async def get_ticket(self, request: Request) -> Response:
        """GET /api/v2/ticket/{id}[?getTicketHistory=1]."""
        ticket_id = path_ticket_id(request.path_params["ticket_id"])
        history = boolean_flag(request.query_params.get("getTicketHistory"), "getTicketHistory")
        base_url = str(request.base_url)
        text = await self._offload(
            functools.partial(self.service.get, ticket_id, history=history, base_url=base_url)
        )
        return raw_json_response(text)

    async def list_tickets(self, request: Request) -> Response:
        """GET /api/v2/ticket: search, filter and page."""
        query = Fields(request.query_params.multi_items())
        view = query.text("applyView")
        if view is not None and not VIEW_PATTERN.fullmatch(view):
            raise bad_request(
                "The applyView parameter must be at least 2 letters, digits, '-' or '_'."
            )
        start = query.integer("itemStart")
        limit = query.integer("itemLimit", minimum=1, maximum=MAX_ITEM_LIMIT)
        data = await self._offload(
            functools.partial(
                self.service.search,
                query=query.text("query", max_length=1000),
                status=query.choice("status", catalog.TICKET_STATUSES),
                view=view,
                start=0 if start is None else start,
                limit=15 if limit is None else limit,
            )
        )
        return json_response(data)

    async def create_ticket(self, request: Request) -> Response:
        """POST /api/v2/ticket: an empty ticket; the response's id is a string."""
        fields = body_fields(request)
        form_id = fields.integer("formID")
        new = NewTicket(
            title=self._kept("title", fields.text("title", max_length=MAX_TITLE)) or "",
            from_address=fields.text("from", max_length=1000) or "",
            from_name=fields.text("fromName", max_length=1000) or "",
            to_address=fields.text("to", max_length=1000) or "",
            direction=fields.choice("direction", ("inbound", "outbound")) or "inbound",
            channel_id=_or(fields.integer("channelID", maximum=10**9), 1),
            brand_id=_or(fields.integer("brandID", maximum=10**9), 2),
            assigned_group_id=_or(
                self._kept("assignedGroupID", fields.integer("assignedGroupID", maximum=10**9)), 0
            ),
            form_id=form_id,
        )
        data = await self._offload(functools.partial(self.service.create, new))
        return json_response(data)

    async def update_ticket(self, request: Request) -> Response:
        """PUT /api/v2/ticket/{id}: title, status (solved/closed), customer link (documented);
        assignedGroupID, assignedUserID, priority and tags (inferred)."""
        ticket_id = path_ticket_id(request.path_params["ticket_id"])
        fields = body_fields(request)
        status = fields.text("status")
        if status is not None and status not in catalog.UPDATE_STATUSES:
            raise bad_request("The status field must be solved or closed.")
        change = TicketChange(
            title=self._kept("title", fields.text("title", max_length=MAX_TITLE)),
            status=self._kept("status", status),
            external_primary_id=self._kept(
                "externalPrimaryID", fields.text("externalPrimaryID", max_length=255)
            ),
            assigned_group_id=self._kept(
                "assignedGroupID", fields.integer("assignedGroupID", maximum=10**9)
            ),
            assigned_user_id=self._kept(
                "assignedUserID", fields.integer("assignedUserID", maximum=10**9)
            ),
            priority=self._kept("priority", fields.choice("priority", catalog.PRIORITIES)),
            tags=self._kept("tags", _tags(fields)),
        )
        await self._offload(functools.partial(self.service.update, ticket_id, change))
        return result("Ticket updated.")

    async def post_on_ticket(self, request: Request) -> Response:
        """POST /api/v2/ticket/{name}: ``setstatus`` and ``setPriority`` (in any case)."""
        action = request.path_params["ticket_id"].lower()
        if action not in ("setstatus", "setpriority"):
            raise ApiError(405, "Method not allowed.")
        fields = body_fields(request)
        raw_ids = fields.array("ticketIDs")
        if not raw_ids:
            raise bad_request("The ticketIDs[] field is required.")
        ids = [parse_int(raw, "ticketIDs[]") for raw in raw_ids]
        if action == "setpriority":
            priority = fields.choice("priority", catalog.PRIORITIES, required=True)
            kept = self._kept("priority", priority)
            await self._offload(functools.partial(self.service.set_priority, ids, kept))
            return result("Ticket priority is updated.")
        status = fields.choice("status", catalog.TICKET_STATUSES, required=True)
        await self._offload(
            functools.partial(self.service.set_status, ids, self._kept("status", status))
        )
        return result("Ticket status is updated.")

    async def post_message(self, request: Request) -> Response:
        """POST /api/v2/message: a reply on a channel, or an internal note (type 0)."""
        fields = body_fields(request)
        ticket_id = fields.integer("ticketID", required=True)
        channel = fields.text("type", required=True) or ""
        if not MESSAGE_TYPE_PATTERN.fullmatch(channel):
            raise bad_request("The type field must be a channel number, calllog or contactform.")
        if channel.isdigit():
            channel = str(parse_int(channel, "type", maximum=10**9))
        message = fields.text("message", max_length=MAX_MESSAGE)
        if message is None or message.strip() == "":
            raise bad_request("The message field is required.")
        if len(message) < 5:
            raise bad_request("The message must be at least 5 characters.")
        to_addresses = _addresses(fields, "toAddress")
        if channel == "1" and not to_addresses:
            raise bad_request("The toAddress field is required for e-mail.")
        respond_to = fields.integer("respondMessageID", maximum=10**12)
        send_at = fields.text("sendAt")
        if send_at == "":
            send_at = None
        if send_at is not None and not DATE_PATTERN.fullmatch(send_at):
            raise bad_request("The sendAt field must look like YYYY-MM-DD HH:MM:SS.")
        assert ticket_id is not None
        new = NewMessage(
            ticket_id=ticket_id,
            channel=channel,
            message=message,
            to_addresses=to_addresses,
            cc=_addresses(fields, "ccInput"),
            bcc=_addresses(fields, "bccInput"),
            user_id=_or(self._kept("userID", fields.integer("userID", maximum=10**9)), 0),
            submit_status=self._kept(
                "submitStatus", fields.choice("submitStatus", catalog.SUBMIT_STATUSES)
            ),
            send_at=send_at,
            respond_message_id=_or(self._kept("respondMessageID", respond_to), 0),
        )
        await self._offload(functools.partial(self.service.add_message, new))
        return result("Message has been sent and the ticket status was updated.")


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _tags(fields: Fields) -> tuple[str, ...] | None:
    """Return the tags to set: ``tags`` comma-separated, or ``tags[]`` repeated; None if absent.

    An empty ``tags`` removes every tag. Tags are trimmed and kept once, in the order sent.
    """
    values = fields.array("tags")
    if not values:
        return None
    tags: list[str] = []
    for value in values:
        for part in value.split(","):
            tag = part.strip()
            if not tag or tag in tags:
                continue
            if len(tag) > MAX_TAG or not tag.isprintable():
                raise bad_request(f"A tag must be printable text of at most {MAX_TAG} characters.")
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise bad_request(f"A ticket can have at most {MAX_TAGS} tags.")
    return tuple(tags)


def _addresses(fields: Fields, name: str) -> list[str]:
    """Return a comma-separated list of e-mail addresses; 400 if one is not an address."""
    raw = fields.text(name, max_length=10_000) or ""
    addresses = [part.strip() for part in raw.split(",") if part.strip()]
    for address in addresses:
        if not EMAIL_PATTERN.fullmatch(address):
            raise bad_request(f"The {name} field must contain valid e-mail addresses.")
    return addresses
