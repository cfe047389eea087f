"""Assignment, priority and tags through PUT /ticket/{id}, POST /ticket/setPriority, and the
``--ignore-fields`` switch that accepts a write without applying it (issue 14)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import httpx
import pytest

from omnitui.sandbox import DEMO_AGENT_ID, SandboxServer, add_arguments

from .conftest import assert_error, ticket

UPDATED = {"type": "result", "message": "Ticket updated."}
PRIORITY_UPDATED = {"type": "result", "message": "Ticket priority is updated."}


def descriptions(item: dict[str, Any]) -> list[str]:
    return [str(e.get("description")) for e in item["timeline"] if e["type"] == "event"]


# --- PUT: assignment, priority, tags ------------------------------------------------------------


def test_put_assigns_sets_priority_and_tags(sandbox: SandboxServer, own_api: httpx.Client) -> None:
    response = own_api.put(
        "/api/v2/ticket/100301",
        data={"assignedGroupID": "10002", "assignedUserID": str(DEMO_AGENT_ID),
              "priority": "high", "tags": "refund, vip"},
    )  # fmt: skip

    assert response.json() == UPDATED
    item = ticket(own_api, 100301)
    assert (item["assigned_group_id"], item["assigned_user_id"]) == (10002, DEMO_AGENT_ID)
    assert (item["priority"], item["tags"]) == ("high", "refund,vip")
    assert item["last_update"] == item["last_update_agent"] > "2026-11-25"
    # Assignments show in the timeline, as the documented example's event does; the rest only
    # in the history.
    assert descriptions(item)[-2:] == ["Assigned to Finance", "Assigned to agent Demo Agent"]
    history = descriptions(ticket(own_api, 100301, getTicketHistory=1))
    assert "Priority changed from medium to high" in history
    assert "Tags changed to: refund, vip" in history
    (request,) = [r for r in sandbox.requests.all() if r.method == "PUT"]
    assert request.path == "/api/v2/ticket/100301"
    assert request.content_type == "application/x-www-form-urlencoded"
    assert request.field("assignedUserID") == str(DEMO_AGENT_ID)


def test_put_unassigns_with_zero(own_api: httpx.Client) -> None:
    own_api.put("/api/v2/ticket/100305", data={"assignedUserID": "0", "assignedGroupID": "0"})

    item = ticket(own_api, 100305)
    assert (item["assigned_group_id"], item["assigned_user_id"]) == (0, 0)
    assert descriptions(item)[-2:] == ["Group assignment removed", "Agent assignment removed"]


@pytest.mark.parametrize(
    ("form", "tags"),
    [
        ({"tags": "vip,b2b"}, "vip,b2b"),
        ({"tags[]": ["vip", "b2b"]}, "vip,b2b"),
        ({"tags[]": ["vip", " vip ", "klacht"]}, "vip,klacht"),
        ({"tags": ""}, ""),
        ({"title": "only the title"}, "vip,urgent-followup"),
    ],
)
def test_put_tags_replace_the_list(own_api: httpx.Client, form: dict[str, Any], tags: str) -> None:
    assert own_api.put("/api/v2/ticket/100305", data=form).json() == UPDATED

    assert ticket(own_api, 100305)["tags"] == tags


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"assignedGroupID": "424242"}, "This group does not exist."),
        ({"assignedGroupID": "ten"}, "The assignedGroupID field must be a whole number."),
        ({"assignedUserID": "77"}, "This user does not exist."),
        ({"assignedUserID": "5"}, "This user cannot be assigned to this ticket."),  # inactive
        ({"assignedUserID": "-1"}, None),
        ({"priority": "asap"}, "The priority field must be one of: low, medium, high, urgent."),
        ({"priority": "HIGH"}, None),
        ({"tags": "x" * 101}, "A tag must be printable text of at most 100 characters."),
        ({"tags": "ok,bad\x1b[31m"}, None),
        ({"tags": ",".join(f"t{n}" for n in range(51))}, "A ticket can have at most 50 tags."),
        ({"priority": "high", "status": "open"}, "The status field must be solved or closed."),
    ],
)
def test_put_refuses_bad_fields_and_changes_nothing(
    api: httpx.Client, form: dict[str, str], message: str | None
) -> None:
    before = ticket(api, 100302, getTicketHistory=1)

    assert_error(api.put("/api/v2/ticket/100302", data=form), 400, message)
    assert ticket(api, 100302, getTicketHistory=1) == before


def test_only_the_tickets_own_options_can_be_assigned(api: httpx.Client) -> None:
    """858462 offers thomas and marleen only (the documented example); the demo agent is not."""
    before = ticket(api, 858462)

    response = api.put("/api/v2/ticket/858462", data={"assignedUserID": str(DEMO_AGENT_ID)})

    assert_error(response, 400, "This user cannot be assigned to this ticket.")
    assert_error(
        api.put("/api/v2/ticket/858462", data={"assignedGroupID": "10004"}),
        400,
        "This group cannot be assigned to this ticket.",
    )
    assert ticket(api, 858462) == before


# --- POST /ticket/setPriority -------------------------------------------------------------------


@pytest.mark.parametrize("path", ["setPriority", "setpriority", "SETPRIORITY"])
def test_setpriority_changes_every_listed_ticket(
    sandbox: SandboxServer, own_api: httpx.Client, path: str
) -> None:
    ids = [100301, 100302, 100303]

    response = own_api.post(
        f"/api/v2/ticket/{path}",
        data={"ticketIDs[]": [str(t) for t in ids], "priority": "urgent"},
    )

    assert response.json() == PRIORITY_UPDATED
    (request,) = sandbox.requests.all()
    assert (request.method, request.path) == ("POST", f"/api/v2/ticket/{path}")
    assert request.form == [*(("ticketIDs[]", str(t)) for t in ids), ("priority", "urgent")]
    assert [ticket(own_api, t)["priority"] for t in ids] == ["urgent"] * 3
    history = descriptions(ticket(own_api, 100301, getTicketHistory=1))
    assert "Priority changed from medium to urgent" in history


def test_setpriority_takes_multipart_and_json(own_api: httpx.Client) -> None:
    own_api.post(
        "/api/v2/ticket/setPriority",
        files=[("ticketIDs[]", (None, "100301")), ("priority", (None, "low"))],
    )
    own_api.post("/api/v2/ticket/setPriority", json={"ticketIDs": [100302], "priority": "low"})

    assert [ticket(own_api, t)["priority"] for t in (100301, 100302)] == ["low", "low"]


def test_setpriority_is_all_or_nothing(api: httpx.Client) -> None:
    before = ticket(api, 100302)["priority"]

    response = api.post(
        "/api/v2/ticket/setPriority", data={"ticketIDs[]": ["100302", "1"], "priority": "low"}
    )

    assert_error(response, 400, "Ticket 1 does not exist; no priority was changed.")
    assert ticket(api, 100302)["priority"] == before


@pytest.mark.parametrize(
    "form",
    [
        {"ticketIDs[]": "100302", "priority": "asap"},
        {"ticketIDs[]": "100302"},
        {"priority": "low"},
        {"ticketIDs[]": "abc", "priority": "low"},
    ],
)
def test_setpriority_rejects_bad_input(api: httpx.Client, form: dict[str, str]) -> None:
    assert_error(api.post("/api/v2/ticket/setPriority", data=form), 400)


def test_other_names_after_ticket_are_still_not_allowed(api: httpx.Client) -> None:
    assert_error(api.post("/api/v2/ticket/setTags", data={"tags": "x"}), 405)


# --- --ignore-fields ----------------------------------------------------------------------------


def test_ignored_fields_answer_success_but_are_not_applied(
    sandbox: SandboxServer, own_api: httpx.Client
) -> None:
    sandbox.faults.ignore_fields = "assignedGroupID,tags"
    before = ticket(own_api, 100301)

    response = own_api.put(
        "/api/v2/ticket/100301",
        data={"assignedGroupID": "10002", "tags": "vip", "priority": "high"},
    )

    assert response.json() == UPDATED
    after = ticket(own_api, 100301)
    assert (after["assigned_group_id"], after["tags"]) == (before["assigned_group_id"], "")
    assert after["priority"] == "high"  # not ignored: applied
    (request,) = [r for r in sandbox.requests.all() if r.method == "PUT"]
    assert request.field("assignedGroupID") == "10002"  # it did go over the wire


def test_ignored_priority_and_status_make_the_bulk_calls_no_ops(
    sandbox: SandboxServer, own_api: httpx.Client
) -> None:
    sandbox.faults.ignore_fields = ["priority", "status"]

    priority = own_api.post(
        "/api/v2/ticket/setPriority", data={"ticketIDs[]": "100301", "priority": "urgent"}
    )
    status = own_api.post(
        "/api/v2/ticket/setstatus", data={"ticketIDs[]": "100301", "status": "pending"}
    )

    assert priority.json() == PRIORITY_UPDATED
    assert status.json() == {"type": "result", "message": "Ticket status is updated."}
    item = ticket(own_api, 100301)
    assert (item["priority"], item["status"]) == ("medium", "new")


def test_ignored_fields_are_still_validated(sandbox: SandboxServer, own_api: httpx.Client) -> None:
    sandbox.faults.ignore_fields = ["priority"]

    assert_error(own_api.put("/api/v2/ticket/100301", data={"priority": "asap"}), 400)


def test_an_ignored_userid_leaves_the_message_anonymous(
    sandbox: SandboxServer, own_api: httpx.Client
) -> None:
    sandbox.faults.ignore_fields = ["userID", "submitStatus"]

    own_api.post(
        "/api/v2/message",
        data={"ticketID": "100301", "type": "0", "message": "Looking into it",
              "userID": str(DEMO_AGENT_ID), "submitStatus": "pending"},
    )  # fmt: skip

    item = ticket(own_api, 100301)
    note = item["timeline"][-1]
    assert (note["content"], note["user_id"], note["user_name"]) == (
        "Looking into it", 0, "Agent Anonymous"
    )  # fmt: skip
    assert item["status"] == "new"


def test_the_server_takes_ignore_fields_when_it_starts(fresh_db: Path) -> None:
    with (
        SandboxServer(fresh_db, api_key="k", ignore_fields="tags") as server,
        httpx.Client(base_url=server.url, headers={"apiKey": "k"}) as client,
    ):
        assert client.put("/api/v2/ticket/100301", data={"tags": "vip"}).json() == UPDATED
        assert ticket(client, 100301)["tags"] == ""
        settings = client.get("/_sandbox/settings").json()["item"]
    assert settings["ignore_fields"] == ["tags"]


def test_ignore_fields_through_the_admin_settings(
    sandbox: SandboxServer, own_api: httpx.Client
) -> None:
    set_it = own_api.put("/_sandbox/settings", json={"ignore_fields": ["assignedUserID"]})
    assert set_it.json()["item"]["ignore_fields"] == ["assignedUserID"]
    own_api.put("/api/v2/ticket/100301", data={"assignedUserID": "2"})
    assert ticket(own_api, 100301)["assigned_user_id"] == 0

    own_api.put("/_sandbox/settings", json={"ignore_fields": ""})
    own_api.put("/api/v2/ticket/100301", data={"assignedUserID": "2"})
    assert ticket(own_api, 100301)["assigned_user_id"] == 2
    bad = own_api.put("/_sandbox/settings", json={"ignore_fields": ["colour"]})
    assert_error(bad, 400)
    assert "unknown field 'colour'" in bad.json()["message"]


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="omnitui sandbox")
    add_arguments(parser)
    return parser.parse_args(argv)


def test_the_command_line_switch_takes_any_case_and_names_unknown_fields(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = parse(["--ignore-fields", "assignedgroupid, tags[]"])
    assert args.ignore_fields == {"assignedGroupID", "tags"}
    assert parse([]).ignore_fields == frozenset()

    with pytest.raises(SystemExit):
        parse(["--ignore-fields", "tags,colour"])
    error = capsys.readouterr().err
    assert "unknown field 'colour'" in error and "assignedGroupID" in error
