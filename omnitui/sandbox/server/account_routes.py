"""Handlers of the account's other calls: its views, its users and the files of its timelines.

Views and users are the fixed world of ``data.views`` and ``data.catalog``, listed in the
documented list envelope and paged like tickets. A file is served as its bytes, with its type
and name in the headers; the gate asks for the api key as for every call.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from omnitui.sandbox.data import catalog, views
from omnitui.sandbox.data.attachments import DEMO_FILES
from omnitui.sandbox.data.documents import Doc
from omnitui.sandbox.server.fields import Fields, boolean_flag
from omnitui.sandbox.server.responses import ApiError, bad_request, json_response

MAX_VIEW_LIMIT = 9999
MAX_USER_LIMIT = 999
NO_VIEW = "This view does not exist."
NO_FILE = "Could not retreive a file with this ID."
"""The old docs' message for a file that cannot be fetched, misspelling included."""


def _page(query: Fields, items: list[Doc], maximum: int) -> Doc:
    """Return one page of ``items`` in the list envelope (``itemStart``, ``itemLimit``)."""
    start = query.integer("itemStart")
    limit = query.integer("itemLimit", minimum=1, maximum=maximum)
    first = 0 if start is None else start
    size = 15 if limit is None else limit
    return {
        "type": "items",
        "itemStart": first,
        "itemTotal": len(items),
        "itemLimit": size,
        "items": items[first : first + size],
    }


def _query(request: Request) -> Fields:
    return Fields(request.query_params.multi_items())


async def list_views(request: Request) -> Response:
    """GET /api/v2/view[?query=&itemStart=&itemLimit=]: the account's views, in display order."""
    query = _query(request)
    text = (query.text("query", max_length=1000) or "").strip().casefold()
    found = [v.doc() for v in views.SAVED_VIEWS.values() if text in v.title.casefold()]
    return json_response(_page(query, found, MAX_VIEW_LIMIT))


async def get_view(request: Request) -> Response:
    """GET /api/v2/view/{id}: one view in the item envelope."""
    raw = request.path_params["view_id"]
    if not re.fullmatch(r"[0-9]{1,9}", raw):
        raise ApiError(404, NO_VIEW)
    view = views.SAVED_VIEWS.get(int(raw))
    if view is None:
        raise ApiError(404, NO_VIEW)
    return json_response({"type": "item", "item": view.doc()})


def _user_doc(agent: catalog.Agent, *, extended: bool) -> Doc:
    doc: Doc = {
        "id": agent.id,
        "name": agent.name,
        "email": agent.email,
        "phone": agent.phone,
        "active": 1 if agent.active else 0,
        "avatar": "",
    }
    if extended:
        doc["groups"] = [{"id": gid, "name": catalog.GROUPS[gid]} for gid in agent.groups]
    return doc


async def list_users(request: Request) -> Response:
    """GET /api/v2/user[?query=&activeOnly=&extended=&itemStart=&itemLimit=]: the agents.

    ``query`` matches the name, e-mail address or phone number (any case, any part).
    """
    query = _query(request)
    text = (query.text("query", max_length=1000) or "").strip().casefold()
    active_only = boolean_flag(query.text("activeOnly"), "activeOnly")
    extended_text = query.text("extended")
    extended = True if extended_text is None else boolean_flag(extended_text, "extended")
    found = [
        _user_doc(agent, extended=extended)
        for agent in catalog.AGENTS.values()
        if (agent.active or not active_only)
        and any(text in part.casefold() for part in (agent.name, agent.email, agent.phone))
    ]
    return json_response(_page(query, found, MAX_USER_LIMIT))


async def get_file(request: Request) -> Response:
    """GET /api/v2/file/{id}: a file's bytes, with its type, size and name."""
    raw = request.path_params["file_id"]
    if not re.fullmatch(r"[0-9]+", raw):
        raise bad_request("The file id must be a number.")
    demo = DEMO_FILES.get(int(raw)) if len(raw) < 10 else None
    if demo is None:
        raise ApiError(404, NO_FILE)
    ascii_name = demo.name.encode("ascii", "replace").decode().replace('"', "'")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(demo.name)}"
    return Response(
        demo.content(),
        200,
        headers={"Content-Disposition": disposition},
        media_type=demo.mime_type,
    )
