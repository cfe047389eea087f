"""A key without a permission: one call answered 403 (a queued fault), or every call needing it
(``--deny-permission``), the way doctor and the app must tell it (issue 14)."""

from __future__ import annotations

import argparse
from pathlib import Path

import httpx
import pytest

from omnitui.sandbox import SandboxServer, add_arguments
from omnitui.sandbox.server.permissions import required_permission

from .conftest import assert_error

VIEW_DENIED = "This API key does not have the VIEW_READ permission."


@pytest.mark.parametrize(
    ("method", "path", "permission"),
    [
        ("GET", "/api/v2/ticket", "TICKET_READ"),
        ("GET", "/api/v2/ticket/858462", "TICKET_READ"),
        ("POST", "/api/v2/ticket", "TICKET_CREATE"),
        ("PUT", "/api/v2/ticket/858462", "TICKET_UPDATE"),
        ("POST", "/api/v2/ticket/setPriority", "TICKET_UPDATE"),
        ("POST", "/api/v2/ticket/SETSTATUS", "SET_STATUS"),
        ("POST", "/api/v2/message", "MESSAGE_CREATE"),
        ("GET", "/api/v2/view", "VIEW_READ"),
        ("GET", "/api/v2/view/301", "VIEW_READ"),
        ("GET", "/api/v2/user", "USER_READ"),
        ("GET", "/api/v2/file/69001", "TICKET_READ"),
        ("GET", "/api/v2/customer", None),
    ],
)
def test_each_call_needs_its_documented_permission(
    method: str, path: str, permission: str | None
) -> None:
    assert required_permission(method, path) == permission


def test_a_queued_403_refuses_one_call_needing_the_permission(
    shared: SandboxServer, api: httpx.Client
) -> None:
    shared.faults.add("403", permission="view_read")

    assert api.get("/api/v2/ticket/858462").status_code == 200  # another permission
    assert_error(api.get("/api/v2/view"), 403, VIEW_DENIED)
    assert api.get("/api/v2/view").status_code == 200  # consumed
    assert [r.path for r in shared.requests.all()] == ["/api/v2/ticket/858462"] + [
        "/api/v2/view"
    ] * 2


def test_a_queued_403_over_the_admin_endpoint(shared: SandboxServer, api: httpx.Client) -> None:
    added = api.post("/_sandbox/faults", json={"kind": "403", "permission": "USER_READ"})

    assert added.json()["faults"][0]["permission"] == "USER_READ"
    assert_error(
        api.get("/api/v2/user"), 403, "This API key does not have the USER_READ permission."
    )
    bad = api.post("/_sandbox/faults", json={"kind": "403", "permission": "EVERYTHING"})
    assert_error(bad, 400)
    assert "unknown permission EVERYTHING" in bad.json()["message"]


def test_a_denied_permission_refuses_every_call_needing_it(
    sandbox: SandboxServer, own_api: httpx.Client
) -> None:
    sandbox.faults.denied_permissions = ["VIEW_READ", "TICKET_UPDATE"]

    for _ in range(2):
        assert_error(own_api.get("/api/v2/view"), 403, VIEW_DENIED)
    assert_error(
        own_api.put("/api/v2/ticket/100301", data={"priority": "high"}),
        403,
        "This API key does not have the TICKET_UPDATE permission.",
    )
    assert_error(
        own_api.post("/api/v2/ticket/setPriority", data={"ticketIDs[]": "1", "priority": "x"}),
        403,
    )
    assert own_api.get("/api/v2/ticket/100301").json()["item"]["priority"] == "medium"
    assert own_api.get("/api/v2/user").status_code == 200
    # A wrong key is still a 401 first, as a real server checks the key before its rights.
    assert_error(own_api.get("/api/v2/view", headers={"apiKey": "wrong"}), 401)


def test_denied_permissions_through_the_admin_settings(
    sandbox: SandboxServer, own_api: httpx.Client
) -> None:
    item = own_api.put("/_sandbox/settings", json={"denied_permissions": "user_read"}).json()
    assert item["item"]["denied_permissions"] == ["USER_READ"]
    assert own_api.get("/api/v2/user").status_code == 403

    own_api.put("/_sandbox/settings", json={"denied_permissions": []})
    assert own_api.get("/api/v2/user").status_code == 200
    assert_error(own_api.put("/_sandbox/settings", json={"denied_permissions": 5}), 400)


def test_the_server_and_the_command_line_take_denied_permissions(
    fresh_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser(prog="omnitui sandbox")
    add_arguments(parser)
    args = parser.parse_args(["--deny-permission", "view_read,USER_READ"])
    assert args.denied_permissions == {"VIEW_READ", "USER_READ"}
    with pytest.raises(SystemExit):
        parser.parse_args(["--deny-permission", "ROOT"])
    assert "unknown permission ROOT" in capsys.readouterr().err

    denied = args.denied_permissions
    with (
        SandboxServer(fresh_db, api_key="k", denied_permissions=denied) as server,
        httpx.Client(base_url=server.url, headers={"apiKey": "k"}) as client,
    ):
        assert client.get("/api/v2/user").status_code == 403
        assert client.get("/api/v2/ticket/858462").status_code == 200
