"""The ticket and message calls over real loopback HTTP: happy paths and bad input."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from omnitui.sandbox import SandboxServer

ERROR_KEYS = {"status", "message"}


def assert_error(response: httpx.Response, status: int, message: str | None = None) -> None:
    """The error envelope, with the status the API uses for this case."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["status"] == "error"
    if message is not None:
        assert body["message"] == message


def ticket(client: httpx.Client, ticket_id: int | str, **params: Any) -> dict[str, Any]:
    response = client.get(f"/api/v2/ticket/{ticket_id}", params=params)
    assert response.status_code == 200, response.text
    item: dict[str, Any] = response.json()["item"]
    return item


# --- authentication ---------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, {"apiKey": "wrong"}, {"apiKey": ""}])
def test_requests_without_the_right_key_get_401(shared: SandboxServer, headers: dict) -> None:
    calls = [("GET", "/api/v2/ticket/858462"), ("GET", "/api/v2/ticket"),
             ("POST", "/api/v2/message"), ("PUT", "/api/v2/ticket/858462"),
             ("GET", "/api/v2/nothing-here"), ("GET", "/_sandbox/requests")]  # fmt: skip
    with httpx.Client(base_url=shared.url, headers=headers) as client:
        for method, path in calls:
            assert_error(client.request(method, path), 401, "Invalid API key.")


def test_the_key_is_accepted_as_a_query_parameter(shared: SandboxServer, api: httpx.Client) -> None:
    api.headers.pop("apiKey")
    response = api.get("/api/v2/ticket/858462", params={"apiKey": shared.api_key})

    assert response.status_code == 200


def test_header_name_case_does_not_matter(shared: SandboxServer, api: httpx.Client) -> None:
    api.headers.pop("apiKey")
    response = api.get("/api/v2/ticket/858462", headers={"APIKEY": shared.api_key})

    assert response.status_code == 200


# --- GET /ticket/{id} -----------------------------------------------------------------------


def test_unknown_and_malformed_ticket_ids(api: httpx.Client) -> None:
    assert_error(api.get("/api/v2/ticket/1"), 404, "Ticket not found.")
    assert_error(api.get("/api/v2/ticket/99999999999999999999999"), 404, "Ticket not found.")
    assert_error(api.get("/api/v2/ticket/abc"), 400)
    assert_error(api.get("/api/v2/ticket/-5"), 400)


def test_get_ticket_history_adds_history_events(api: httpx.Client) -> None:
    plain = ticket(api, 858462)["timeline"]
    for flag in ("1", "true", "True"):
        full = ticket(api, 858462, getTicketHistory=flag)["timeline"]
        assert len(full) > len(plain)
        assert [entry for entry in full if entry in plain] == plain
        extra = [entry for entry in full if entry not in plain]
        assert {entry["type"] for entry in extra} == {"event"}
        assert "Ticket viewed by marleen" in {entry["description"] for entry in extra}
    assert ticket(api, 858462, getTicketHistory="0")["timeline"] == plain
    assert_error(api.get("/api/v2/ticket/858462", params={"getTicketHistory": "maybe"}), 400)


def test_unknown_paths_and_methods_answer_with_the_envelope(api: httpx.Client) -> None:
    assert_error(api.get("/api/v2/customer"), 404)
    assert_error(api.delete("/api/v2/ticket/858462"), 405)
    assert_error(api.post("/api/v2/ticket/858462", data={"status": "open"}), 405)


# --- GET /ticket (list) ---------------------------------------------------------------------


def test_list_defaults_and_shape(api: httpx.Client) -> None:
    body = api.get("/api/v2/ticket").json()

    assert list(body) == ["type", "itemStart", "itemTotal", "itemLimit", "items"]
    assert (body["type"], body["itemStart"], body["itemLimit"]) == ("items", 0, 15)
    assert body["itemTotal"] > 300
    assert len(body["items"]) == 15
    first = body["items"][0]
    for hidden in (
        "timeline",
        "assign_options_groups",
        "assign_options_users",
        "customer_channels",
    ):
        assert hidden not in first
    assert "customer" in first
    updates = [item["last_update"] for item in body["items"]]
    assert updates == sorted(updates, reverse=True)


def test_list_pages_through_everything_once(api: httpx.Client) -> None:
    total = api.get("/api/v2/ticket", params={"itemLimit": 1}).json()["itemTotal"]
    seen: list[int] = []
    start = 0
    while start < total:
        page = api.get("/api/v2/ticket", params={"itemStart": start, "itemLimit": 100}).json()
        assert page["itemStart"] == start
        seen += [item["id"] for item in page["items"]]
        start += 100

    assert len(seen) == total == len(set(seen))
    beyond = api.get("/api/v2/ticket", params={"itemStart": total + 5}).json()
    assert beyond["items"] == [] and beyond["itemTotal"] == total


def test_list_query_matches_title_sender_and_customer_name(api: httpx.Client) -> None:
    def ids(**params: Any) -> set[int]:
        body = api.get("/api/v2/ticket", params={"itemLimit": 9999, **params}).json()
        return {item["id"] for item in body["items"]}

    assert ids(query="VRAAG VAN thomas") == {858462}
    assert ids(query="thomas@test.com") == {858462}
    assert ids(query="van test") == {858462}
    assert 858462 in ids(query="858462")
    assert ids(query="no ticket mentions this") == set()
    item = api.get("/api/v2/ticket/100010").json()["item"]
    word = item["title"].split()[0]
    assert 100010 in ids(query=word.upper())


def test_list_filters_by_status_and_view(api: httpx.Client) -> None:
    def statuses(**params: Any) -> set[str]:
        body = api.get("/api/v2/ticket", params={"itemLimit": 9999, **params}).json()
        return {item["status"] for item in body["items"]}

    assert statuses(status="pending") == {"pending"}
    assert statuses(applyView="open") == {"new", "open", "pending", "holding"}
    assert statuses(applyView="open", status="solved") == set()
    assert "escalated" in statuses(applyView="all")
    unassigned = api.get("/api/v2/ticket", params={"applyView": "unassigned"}).json()["items"]
    assert all(item["assigned_user_id"] == 0 for item in unassigned)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"itemLimit": "10000"}, None),
        ({"itemLimit": "0"}, None),
        ({"itemLimit": "ten"}, "The itemLimit field must be a whole number."),
        ({"itemStart": "-1"}, None),
        ({"status": "escalated"}, None),
        ({"applyView": "x"}, None),
        ({"applyView": "no such view"}, None),
        ({"applyView": "nonexistent"}, "This view does not exist."),
    ],
)
def test_list_rejects_bad_parameters(
    api: httpx.Client, params: dict[str, str], message: str | None
) -> None:
    assert_error(api.get("/api/v2/ticket", params=params), 400, message)


# --- POST /ticket ---------------------------------------------------------------------------

NEW_TICKET = {
    "assignedGroupID": "10004",
    "to": "klant@example.nl",
    "from": "service@mybrand.com",
    "fromName": "MyBrand",
    "direction": "outbound",
    "channelID": "1",
    "brandID": "2",
    "title": "Uw retour <b>RMA-1</b> [/]",
    "formID": "3",
}


def test_create_then_get_round_trip(own_api: httpx.Client) -> None:
    response = own_api.post("/api/v2/ticket", data=NEW_TICKET)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["type"] == "item"
    created = body["item"]
    assert isinstance(created["id"], str)
    assert int(created["id"]) > 900106
    stored = ticket(own_api, created["id"])
    assert stored["id"] == int(created["id"])
    assert stored["timeline"] == []
    assert (stored["from"], stored["to"]) == ("service@mybrand.com", "klant@example.nl")
    assert stored["title"] == NEW_TICKET["title"]
    assert stored["direction"] == "outbound"
    assert (stored["assigned_group_id"], stored["brand_id"], stored["form_id"]) == (10004, 2, 3)
    assert stored["status"] == "new"
    assert list(stored) == list(ticket(own_api, 858462))
    newest = own_api.get("/api/v2/ticket", params={"itemLimit": 1}).json()["items"][0]
    assert newest["id"] == stored["id"]


def test_create_accepts_multipart_and_json_and_nothing(own_api: httpx.Client) -> None:
    multipart = own_api.post("/api/v2/ticket", files={k: (None, v) for k, v in NEW_TICKET.items()})
    as_json = own_api.post("/api/v2/ticket", json={**NEW_TICKET, "brandID": 3})
    empty = own_api.post("/api/v2/ticket")

    ids = [int(r.json()["item"]["id"]) for r in (multipart, as_json, empty)]
    assert ids == [ids[0], ids[0] + 1, ids[0] + 2]
    assert ticket(own_api, ids[1])["brand_name"] == "OtherBrand"
    assert ticket(own_api, ids[2])["direction"] == "inbound"


def test_create_links_a_known_customer_by_address(own_api: httpx.Client) -> None:
    created = own_api.post(
        "/api/v2/ticket", data={"from": "thomas@test.com", "to": "service@mybrand.com"}
    ).json()["item"]

    assert created["customer_id"] == 626822
    assert created["customer"]["lastname"] == "van Test"


@pytest.mark.parametrize(
    "fields",
    [
        {"direction": "sideways"},
        {"brandID": "two"},
        {"brandID": "99"},
        {"channelID": "-1"},
        {"assignedGroupID": "1.5"},
        {"assignedGroupID": "424242"},
        {"formID": "x"},
        {"title": "x" * 1001},
    ],
)
def test_create_rejects_bad_fields(shared: SandboxServer, api: httpx.Client, fields: dict) -> None:
    assert_error(api.post("/api/v2/ticket", data=fields), 400)


# --- PUT /ticket/{id} -----------------------------------------------------------------------


def test_update_title_and_status(own_api: httpx.Client) -> None:
    for status in ("solved", "closed"):
        response = own_api.put("/api/v2/ticket/100001", data={"title": "New", "status": status})
        assert response.json() == {"type": "result", "message": "Ticket updated."}
        item = ticket(own_api, 100001)
        assert (item["title"], item["status"]) == ("New", status)
    assert item["closed_at"] == item["last_update"]
    history = ticket(own_api, 100001, getTicketHistory=1)["timeline"]
    assert "Status changed from solved to closed" in [e.get("description") for e in history]
    assert "Status changed from solved to closed" not in [
        e.get("description") for e in item["timeline"]
    ]


@pytest.mark.parametrize("status", ["open", "new", "pending", "holding", "", "SOLVED"])
def test_update_accepts_only_solved_or_closed(api: httpx.Client, status: str) -> None:
    before = ticket(api, 100002)

    response = api.put("/api/v2/ticket/100002", data={"status": status, "title": "changed"})

    assert_error(response, 400, "The status field must be solved or closed.")
    assert ticket(api, 100002) == before


def test_update_links_and_unlinks_a_customer(own_api: httpx.Client) -> None:
    own_api.put("/api/v2/ticket/100003", data={"externalPrimaryID": "20164564646592575"})
    linked = ticket(own_api, 100003)
    assert linked["customer_id"] == 626822
    assert linked["customer"]["external_primary_id"] == "20164564646592575"
    assert {ch["unique_reference"] for ch in linked["customer_channels"]} == {
        "thomas@test.com", "+3164568456"
    }  # fmt: skip

    own_api.put("/api/v2/ticket/100003", data={"externalPrimaryID": "nobody-has-this-id"})
    unlinked = ticket(own_api, 100003)
    assert (unlinked["customer_id"], unlinked["customer"]) == (0, None)
    assert unlinked["customer_channels"] == []
    listed = own_api.get("/api/v2/ticket", params={"query": "100003"}).json()["items"]
    assert [(i["id"], i["customer"]) for i in listed if i["id"] == 100003] == [(100003, None)]


def test_update_of_missing_or_malformed_tickets(api: httpx.Client) -> None:
    assert_error(api.put("/api/v2/ticket/5", data={"title": "x"}), 404, "Ticket not found.")
    assert_error(api.put("/api/v2/ticket/x", data={"title": "x"}), 400)
    assert_error(api.put("/api/v2/ticket/858462", json=[1, 2]), 400)
    assert_error(
        api.put(
            "/api/v2/ticket/858462",
            content=b"title=%FF",
            headers={"content-type": "application/x-www-form-urlencoded"},
        ),
        400,
        "The request body is not valid UTF-8.",
    )
    assert_error(
        api.put(
            "/api/v2/ticket/858462", content=b"{", headers={"content-type": "application/json"}
        ),
        400,
        "The request body is not valid JSON.",
    )
    assert_error(
        api.put("/api/v2/ticket/858462", content=b"x", headers={"content-type": "text/csv"}), 400
    )
    bad_multipart = api.put(
        "/api/v2/ticket/858462",
        content=b"--nope\r\ngarbage",
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert bad_multipart.status_code in (200, 400)


# --- POST /ticket/setstatus -----------------------------------------------------------------


def as_form(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """httpx wants repeated form fields as a dict of lists (a list of pairs is not form data)."""
    form: dict[str, list[str]] = {}
    for name, value in pairs:
        form.setdefault(name, []).append(value)
    return form


def statuses_of(client: httpx.Client, ids: list[int]) -> list[str]:
    return [ticket(client, tid)["status"] for tid in ids]


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart", "json", "indexed"])
def test_setstatus_changes_every_listed_ticket(own_api: httpx.Client, encoding: str) -> None:
    ids = [100004, 100005, 100006]
    pairs = [("ticketIDs[]", str(tid)) for tid in ids] + [("status", "holding")]
    if encoding == "urlencoded":
        response = own_api.post("/api/v2/ticket/setstatus", data=as_form(pairs))
    elif encoding == "multipart":
        response = own_api.post(
            "/api/v2/ticket/setstatus", files=[(k, (None, v)) for k, v in pairs]
        )
    elif encoding == "json":
        response = own_api.post(
            "/api/v2/ticket/setStatus", json={"ticketIDs": ids, "status": "holding"}
        )
    else:
        indexed = {f"ticketIDs[{n}]": str(tid) for n, tid in enumerate(ids)}
        response = own_api.post("/api/v2/ticket/SETSTATUS", data={**indexed, "status": "holding"})

    assert response.json() == {"type": "result", "message": "Ticket status is updated."}
    assert statuses_of(own_api, ids) == ["holding"] * 3


def test_setstatus_is_all_or_nothing(own_api: httpx.Client) -> None:
    ids = [100007, 100008]
    before = statuses_of(own_api, ids)

    response = own_api.post(
        "/api/v2/ticket/setstatus",
        data={"ticketIDs[]": ["100007", "1", "100008"], "status": "closed"},
    )

    assert_error(response, 400)
    assert "1" in response.json()["message"]
    assert statuses_of(own_api, ids) == before


@pytest.mark.parametrize(
    "pairs",
    [
        [("ticketIDs[]", "100007"), ("status", "archived")],
        [("ticketIDs[]", "100007")],
        [("status", "open")],
        [("ticketIDs[]", "abc"), ("status", "open")],
        [("ticketIDs[]", ""), ("status", "open")],
    ],
)
def test_setstatus_rejects_bad_input(api: httpx.Client, pairs: list[tuple[str, str]]) -> None:
    before = ticket(api, 100007)["status"]

    assert_error(api.post("/api/v2/ticket/setstatus", data=as_form(pairs)), 400)
    assert ticket(api, 100007)["status"] == before


# --- POST /message --------------------------------------------------------------------------


def test_a_note_is_appended_and_sets_the_status(own_api: httpx.Client) -> None:
    response = own_api.post(
        "/api/v2/message",
        files={"ticketID": (None, "858462"), "type": (None, "0"),
               "message": (None, "Intern: bel klant"), "userID": (None, "2"),
               "submitStatus": (None, "pending")},
    )  # fmt: skip

    assert response.json() == {
        "type": "result",
        "message": "Message has been sent and the ticket status was updated.",
    }
    item = ticket(own_api, 858462)
    note = item["timeline"][-1]
    assert (note["type"], note["channel_id"], note["content"]) == ("note", 0, "Intern: bel klant")
    assert (note["user_id"], note["user_name"], note["status_new"]) == (2, "marleen", "pending")
    assert isinstance(note["id"], str)
    assert item["status"] == "pending"


def test_a_reply_goes_out_from_the_ticket_address(own_api: httpx.Client) -> None:
    own_api.post(
        "/api/v2/message",
        data={"ticketID": "858462", "type": "1", "toAddress": "thomas@test.com",
              "ccInput": "boss@test.com", "message": "<p>Hallo Thomas</p>", "userID": "1"},
    )  # fmt: skip

    reply = ticket(own_api, 858462)["timeline"][-1]
    assert (reply["type"], reply["direction"], reply["channel_id"]) == ("message", "outbound", 1)
    assert (reply["from"], reply["to"]) == ("service@mybrand.com", "thomas@test.com")
    assert (reply["user_name"], reply["content"]) == ("thomas", "<p>Hallo Thomas</p>")
    assert "boss@test.com" in reply["meta_data"]


def test_a_message_without_user_is_from_the_anonymous_agent(own_api: httpx.Client) -> None:
    own_api.post("/api/v2/message", json={"ticketID": 100009, "type": "0", "message": "hello"})

    assert ticket(own_api, 100009)["timeline"][-1]["user_name"] == "Agent Anonymous"


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"message": "kort"}, 400, "The message must be at least 5 characters."),
        ({"message": ""}, 400, "The message field is required."),
        ({"message": None}, 400, "The message field is required."),
        ({"ticketID": None}, 400, "The ticketID field is required."),
        ({"ticketID": "abc"}, 400, None),
        ({"ticketID": "5"}, 404, "Ticket not found."),
        ({"type": None}, 400, "The type field is required."),
        ({"type": "email"}, 400, None),
        ({"type": "1"}, 400, "The toAddress field is required for e-mail."),
        ({"type": "1", "toAddress": "not an address"}, 400, None),
        ({"ccInput": "nope"}, 400, None),
        ({"submitStatus": "closed"}, 400, None),
        ({"sendAt": "tomorrow"}, 400, None),
        ({"userID": "77"}, 400, "This user does not exist."),
        ({"respondMessageID": "x"}, 400, None),
    ],
)
def test_message_rejects_bad_input(
    api: httpx.Client, fields: dict[str, str | None], status: int, message: str | None
) -> None:
    base = {"ticketID": "858462", "type": "0", "message": "long enough"}
    data = {key: value for key, value in {**base, **fields}.items() if value is not None}
    before = ticket(api, 858462)

    assert_error(api.post("/api/v2/message", data=data), status, message)
    assert ticket(api, 858462) == before


def test_calllog_and_scheduled_messages(own_api: httpx.Client) -> None:
    own_api.post(
        "/api/v2/message",
        data={"ticketID": "100011", "type": "calllog", "message": "Called back, 3 min",
              "sendAt": "2026-12-01 09:00:00"},
    )  # fmt: skip

    entry = ticket(own_api, 100011)["timeline"][-1]
    assert (entry["type"], entry["channel_id"]) == ("calllog", 2)
    assert (entry["send_at"], entry["in_queue"]) == ("2026-12-01 09:00:00", 1)
