"""Handlers of the sandbox's routes: Omnidesk's ticket and message calls, and the admin calls.

Handlers validate the wire format (field names, types, patterns from the docs) and hand typed
values to :class:`TicketService`, running it in a worker thread so a slow SQLite read of a
5,000-entry ticket never stalls the event loop that serves faults and latency.
"""

from __future__ import annotations

import asyncio
import functools
import json
import re
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response

from omnitui.sandbox.data import catalog
from omnitui.sandbox.server.faults import FaultInjector
from omnitui.sandbox.server.fields import (
    DATE_PATTERN,
    Fields,
    boolean_flag,
    parse_body,
    parse_int,
    path_ticket_id,
)
from omnitui.sandbox.server.gate import FIELDS_KEY
from omnitui.sandbox.server.requestlog import RequestLog
from omnitui.sandbox.server.responses import (
    ApiError,
    bad_request,
    json_response,
    raw_json_response,
    result,
)
from omnitui.sandbox.server.tickets import NewMessage, NewTicket, TicketService

T = TypeVar("T")

VIEW_PATTERN = re.compile(r"[0-9a-zA-Z\-_]{2,}")
MESSAGE_TYPE_PATTERN = re.compile(r"[0-9]+|calllog|contactform")
EMAIL_PATTERN = re.compile(r"[^@\s,<>]+@[^@\s,<>]+\.[^@\s,<>]+")
MAX_ITEM_LIMIT = 9999
MAX_TITLE = 1000
MAX_MESSAGE = 20_000_000


def body_fields(request: Request) -> Fields:
    """Return the body fields the gate parsed, or raise the error it found."""
    parsed = request.scope.get(FIELDS_KEY)
    if isinstance(parsed, ApiError):
        raise parsed
    return Fields(parsed or [])


class TicketRoutes:
    """Handlers of the Omnidesk API v2 calls; database work runs on ``executor``."""

    def __init__(self, service: TicketService, executor: Executor) -> None:
        self.service = service
        self.executor = executor

    async def _offload(self, call: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.executor, call)

    async def get_ticket(self, request: Request) -> Response:
        """GET /api/v2/ticket/{id}[?getTicketHistory=1]."""
        ticket_id = path_ticket_id(request.path_params["ticket_id"])
        history = boolean_flag(request.query_params.get("getTicketHistory"), "getTicketHistory")
        text = await self._offload(functools.partial(self.service.get, ticket_id, history=history))
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
            title=fields.text("title", max_length=MAX_TITLE) or "",
            from_address=fields.text("from", max_length=1000) or "",
            from_name=fields.text("fromName", max_length=1000) or "",
            to_address=fields.text("to", max_length=1000) or "",
            direction=fields.choice("direction", ("inbound", "outbound")) or "inbound",
            channel_id=_or(fields.integer("channelID", maximum=10**9), 1),
            brand_id=_or(fields.integer("brandID", maximum=10**9), 2),
            assigned_group_id=_or(fields.integer("assignedGroupID", maximum=10**9), 0),
            form_id=form_id,
        )
        data = await self._offload(functools.partial(self.service.create, new))
        return json_response(data)

    async def update_ticket(self, request: Request) -> Response:
        """PUT /api/v2/ticket/{id}: title, status (solved/closed) and customer link."""
        ticket_id = path_ticket_id(request.path_params["ticket_id"])
        fields = body_fields(request)
        status = fields.text("status")
        if status is not None and status not in catalog.UPDATE_STATUSES:
            raise bad_request("The status field must be solved or closed.")
        await self._offload(
            functools.partial(
                self.service.update,
                ticket_id,
                title=fields.text("title", max_length=MAX_TITLE),
                status=status,
                external_primary_id=fields.text("externalPrimaryID", max_length=255),
            )
        )
        return result("Ticket updated.")

    async def post_on_ticket(self, request: Request) -> Response:
        """POST /api/v2/ticket/{name}: only ``setstatus`` (in any case) exists."""
        if request.path_params["ticket_id"].lower() != "setstatus":
            raise ApiError(405, "Method not allowed.")
        fields = body_fields(request)
        raw_ids = fields.array("ticketIDs")
        if not raw_ids:
            raise bad_request("The ticketIDs[] field is required.")
        ids = [parse_int(raw, "ticketIDs[]") for raw in raw_ids]
        status = fields.choice("status", catalog.TICKET_STATUSES, required=True)
        assert status is not None
        await self._offload(functools.partial(self.service.set_status, ids, status))
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
        fields.integer("respondMessageID")
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
            user_id=_or(fields.integer("userID", maximum=10**9), 0),
            submit_status=fields.choice("submitStatus", catalog.SUBMIT_STATUSES),
            send_at=send_at,
        )
        await self._offload(functools.partial(self.service.add_message, new))
        return result("Message has been sent and the ticket status was updated.")


class AdminRoutes:
    """``/_sandbox/...``: set up faults and read the request log (tests and training)."""

    def __init__(self, faults: FaultInjector, requests: RequestLog) -> None:
        self.faults = faults
        self.requests = requests

    async def list_faults(self, request: Request) -> Response:
        """GET /_sandbox/faults: the queued faults and the global settings."""
        return json_response(self._state())

    async def add_faults(self, request: Request) -> Response:
        """POST /_sandbox/faults: queue one fault (JSON object) or several (JSON list)."""
        data = await _admin_json(request)
        specs = data if isinstance(data, list) else [data]
        if not all(isinstance(spec, dict) for spec in specs):
            raise bad_request("Send a fault as a JSON object, or a list of them.")
        try:
            added = [self.faults.add_json(spec) for spec in specs]
        except ValueError as exc:
            raise bad_request(f"Invalid fault: {exc}") from exc
        return json_response(
            {"type": "result", "message": "Fault queued.", "faults": [f.to_json() for f in added]}
        )

    async def clear_faults(self, request: Request) -> Response:
        """DELETE /_sandbox/faults: drop every queued fault (settings stay)."""
        self.faults.clear()
        return result("Faults cleared.")

    async def settings(self, request: Request) -> Response:
        """GET or PUT /_sandbox/settings: ``latency_ms``, ``fail_rate`` and ``seed``."""
        if request.method != "GET":
            data = await _admin_json(request)
            if not isinstance(data, dict):
                raise bad_request("Send the settings as a JSON object.")
            try:
                if "latency_ms" in data:
                    self.faults.latency_ms = int(data["latency_ms"])
                if "fail_rate" in data:
                    self.faults.fail_rate = float(data["fail_rate"])
                if "seed" in data:
                    self.faults.reseed(int(data["seed"]))
            except (TypeError, ValueError, OverflowError) as exc:
                raise bad_request(f"Invalid setting: {exc}") from exc
        return json_response(self._state())

    async def list_requests(self, request: Request) -> Response:
        """GET /_sandbox/requests: the recorded API requests, oldest first."""
        items = [entry.to_json() for entry in self.requests.all()]
        return json_response({"type": "items", "itemTotal": len(items), "items": items})

    async def clear_requests(self, request: Request) -> Response:
        """DELETE /_sandbox/requests: forget the recorded requests."""
        self.requests.clear()
        return result("Request log cleared.")

    def _state(self) -> dict[str, Any]:
        return {
            "type": "item",
            "item": {
                "latency_ms": self.faults.latency_ms,
                "fail_rate": self.faults.fail_rate,
                "faults": [fault.to_json() for fault in self.faults.pending()],
            },
        }


async def _admin_json(request: Request) -> Any:
    body = await request.body()
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            return json.loads(body or b"{}")
        except (ValueError, RecursionError) as exc:
            raise bad_request("The request body is not valid JSON.") from exc
    return dict(await parse_body(request.headers, body))


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _addresses(fields: Fields, name: str) -> list[str]:
    """Return a comma-separated list of e-mail addresses; 400 if one is not an address."""
    raw = fields.text(name, max_length=10_000) or ""
    addresses = [part.strip() for part in raw.split(",") if part.strip()]
    for address in addresses:
        if not EMAIL_PATTERN.fullmatch(address):
            raise bad_request(f"The {name} field must contain valid e-mail addresses.")
    return addresses
