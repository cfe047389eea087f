"""The sandbox as an ASGI app: Omnidesk's calls (tickets, messages, views, users, files) and the
admin calls for tests.

The routes (:mod:`omnitui.sandbox.server.routes`) sit behind the gate, which checks the api key,
records requests and injects faults. Any failure is answered with the error envelope; an
unexpected exception still becomes a 400, never a 500.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from omnitui.sandbox.server import account_routes as account
from omnitui.sandbox.server.admin import AdminRoutes
from omnitui.sandbox.server.faults import FaultInjector
from omnitui.sandbox.server.gate import SandboxGate
from omnitui.sandbox.server.requestlog import RequestLog
from omnitui.sandbox.server.responses import ApiError, error_response
from omnitui.sandbox.server.routes import TicketRoutes
from omnitui.sandbox.server.tickets import TicketService

log = logging.getLogger(__name__)

Handler = Callable[[Request], Awaitable[Response]]


def guarded(handler: Handler) -> Handler:
    """Answer ``ApiError`` with its envelope and anything unexpected with a 400, never a 500."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        try:
            return await handler(request)
        except ApiError as exc:
            return error_response(exc.status, exc.message)
        except Exception:
            log.exception("sandbox handler failed on %s %s", request.method, request.url.path)
            return error_response(400, "The request could not be processed.")

    return wrapper


async def _http_error(request: Request, exc: Exception) -> Response:
    """Answer unknown paths and methods with the error envelope instead of Starlette's text."""
    status = exc.status_code if isinstance(exc, HTTPException) else 400
    message = {404: "Not found.", 405: "Method not allowed."}.get(status, "Bad request.")
    return error_response(status, message)


def create_app(
    service: TicketService,
    *,
    api_key: str,
    faults: FaultInjector,
    requests: RequestLog,
    executor: Executor,
) -> SandboxGate:
    """Return the sandbox as an ASGI app: the routes behind the gate (key, log, faults).

    ``executor`` runs the database work; its owner shuts it down with the server.
    """
    tickets = TicketRoutes(service, executor, faults)
    admin = AdminRoutes(faults, requests)
    routes = [
        Route("/api/v2/ticket", guarded(tickets.list_tickets), methods=["GET"]),
        Route("/api/v2/ticket", guarded(tickets.create_ticket), methods=["POST"]),
        Route("/api/v2/ticket/{ticket_id}", guarded(tickets.get_ticket), methods=["GET"]),
        Route("/api/v2/ticket/{ticket_id}", guarded(tickets.update_ticket), methods=["PUT"]),
        Route("/api/v2/ticket/{ticket_id}", guarded(tickets.post_on_ticket), methods=["POST"]),
        Route("/api/v2/message", guarded(tickets.post_message), methods=["POST"]),
        Route("/api/v2/view", guarded(account.list_views), methods=["GET"]),
        Route("/api/v2/view/{view_id}", guarded(account.get_view), methods=["GET"]),
        Route("/api/v2/user", guarded(account.list_users), methods=["GET"]),
        Route("/api/v2/file/{file_id}", guarded(account.get_file), methods=["GET"]),
        Route("/_sandbox/faults", guarded(admin.list_faults), methods=["GET"]),
        Route("/_sandbox/faults", guarded(admin.add_faults), methods=["POST"]),
        Route("/_sandbox/faults", guarded(admin.clear_faults), methods=["DELETE"]),
        Route("/_sandbox/settings", guarded(admin.settings), methods=["GET", "PUT", "POST"]),
        Route("/_sandbox/requests", guarded(admin.list_requests), methods=["GET"]),
        Route("/_sandbox/requests", guarded(admin.clear_requests), methods=["DELETE"]),
    ]
    router = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    return SandboxGate(router, api_key=api_key, faults=faults, requests=requests)
