"""``/_sandbox/...``: the admin calls tests and trainers use to set faults up and read the log.

They need the api key like every call but are neither recorded nor faulted (see ``gate``).
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from omnitui.sandbox.server.faults import FaultInjector
from omnitui.sandbox.server.fields import parse_body
from omnitui.sandbox.server.requestlog import RequestLog
from omnitui.sandbox.server.responses import bad_request, json_response, result


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
        """GET or PUT /_sandbox/settings: ``latency_ms``, ``fail_rate``, ``seed``,
        ``ignore_fields`` and ``denied_permissions`` (each a list or a comma-separated string).
        """
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
                if "ignore_fields" in data:
                    self.faults.ignore_fields = _names(data["ignore_fields"])
                if "denied_permissions" in data:
                    self.faults.denied_permissions = _names(data["denied_permissions"])
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
                "ignore_fields": sorted(self.faults.ignore_fields),
                "denied_permissions": sorted(self.faults.denied_permissions),
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


def _names(value: Any) -> str | list[str]:
    """Accept a setting's names as a comma-separated string or a JSON list of strings."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise ValueError("send a list of names or a comma-separated string")
