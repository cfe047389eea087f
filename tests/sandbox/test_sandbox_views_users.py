"""GET /view, applyView by a view's id, and GET /user, over loopback HTTP (issue 14)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from omnitui.sandbox import DEMO_AGENT_EMAIL, DEMO_AGENT_ID, SandboxServer

from .conftest import assert_error, listed, ticket

LIST_KEYS = ["type", "itemStart", "itemTotal", "itemLimit", "items"]
VIEW_KEYS = [
    "id", "title", "view_category_id", "view_order_id", "primary_sorting",
    "primary_sorting_order", "secondary_sorting", "secondary_sorting_order", "conditions",
    "columns",
]  # fmt: skip


def view_items(client: httpx.Client, view: int | str, **params: Any) -> list[dict[str, Any]]:
    body = listed(client, "/api/v2/ticket", applyView=view, itemLimit=9999, **params)
    assert body["itemTotal"] == len(body["items"])
    items: list[dict[str, Any]] = body["items"]
    return items


# --- GET /view --------------------------------------------------------------------------------


def test_the_view_list_names_the_accounts_queues(shared: SandboxServer, api: httpx.Client) -> None:
    body = listed(api, "/api/v2/view")

    assert list(body) == LIST_KEYS
    assert (body["type"], body["itemStart"], body["itemTotal"], body["itemLimit"]) == (
        "items", 0, 5, 15
    )  # fmt: skip
    assert [(v["id"], v["title"]) for v in body["items"]] == [
        (301, "All open"), (302, "Unassigned"), (303, "Finance"),
        (304, "Waiting on customer"), (305, "High priority"),
    ]  # fmt: skip
    unassigned = body["items"][1]
    assert list(unassigned) == VIEW_KEYS
    assert unassigned["conditions"] == {
        "all": [
            {"fact": "status", "operation": "not_equals", "value": "solved"},
            {"fact": "status", "operation": "not_equals", "value": "closed"},
            {"fact": "assigned_user_id", "operation": "equals", "value": "0"},
        ],
        "any": [],
    }
    assert {"type": "status", "title": "Status"} in unassigned["columns"]
    (request,) = shared.requests.all()
    assert (request.method, request.path) == ("GET", "/api/v2/view")
    assert request.header("apiKey") == shared.api_key


def test_the_view_list_pages_and_searches(api: httpx.Client) -> None:
    page = listed(api, "/api/v2/view", itemStart=1, itemLimit=2)
    assert [v["id"] for v in page["items"]] == [302, 303]
    assert (page["itemStart"], page["itemLimit"], page["itemTotal"]) == (1, 2, 5)
    assert [v["title"] for v in listed(api, "/api/v2/view", query="PRIOR")["items"]] == [
        "High priority"
    ]
    assert listed(api, "/api/v2/view", query="nothing like it")["items"] == []
    assert_error(api.get("/api/v2/view", params={"itemLimit": "10000"}), 400)


def test_one_view_by_id(api: httpx.Client) -> None:
    response = api.get("/api/v2/view/303")

    assert response.json()["type"] == "item"
    assert response.json()["item"] == listed(api, "/api/v2/view")["items"][2]
    assert_error(api.get("/api/v2/view/399"), 404, "This view does not exist.")
    assert_error(api.get("/api/v2/view/abc"), 404, "This view does not exist.")


# --- GET /ticket?applyView=<id> ----------------------------------------------------------------


def test_each_view_lists_the_tickets_its_conditions_select(api: httpx.Client) -> None:
    done = {"solved", "closed"}
    all_open = view_items(api, 301)
    assert all_open and not {t["status"] for t in all_open} & done
    assert "escalated" in {t["status"] for t in all_open}  # an unknown status is not done
    unassigned = view_items(api, 302)
    assert unassigned and all(t["assigned_user_id"] == 0 for t in unassigned)
    assert not {t["status"] for t in unassigned} & done
    finance = view_items(api, 303)
    assert finance and {t["assigned_group_id"] for t in finance} == {10002}
    assert {t["status"] for t in view_items(api, 304)} == {"pending"}
    high = view_items(api, 305)
    assert {t["priority"] for t in high} == {"high", "urgent"}
    everything = view_items(api, "all")
    assert len(all_open) == sum(1 for t in everything if t["status"] not in done)


def test_the_unassigned_queue_opens_on_the_showcase_tickets(api: httpx.Client) -> None:
    first = listed(api, "/api/v2/ticket", applyView="302", itemLimit=3)["items"]

    assert [t["id"] for t in first] == [100301, 100302, 100303]
    assert "timeline" not in first[0] and "assign_options_users" not in first[0]
    assert first[0]["customer"]["firstname"] == "Lieke"


def test_a_view_is_paged_like_the_ticket_list(api: httpx.Client) -> None:
    total = listed(api, "/api/v2/ticket", applyView=301, itemLimit=1)["itemTotal"]
    seen: list[int] = []
    for start in range(0, total, 40):
        page = listed(api, "/api/v2/ticket", applyView=301, itemStart=start, itemLimit=40)
        assert (page["itemStart"], page["itemTotal"]) == (start, total)
        seen += [t["id"] for t in page["items"]]

    assert len(seen) == total == len(set(seen))


def test_a_view_narrowed_by_status_and_query(api: httpx.Client) -> None:
    assert {t["status"] for t in view_items(api, 303, status="holding")} == {"holding"}
    assert view_items(api, 304, status="open") == []
    assert [t["id"] for t in view_items(api, 302, query="Hoekstra")] == [100302]


@pytest.mark.parametrize("view", ["300", "399", "9999999999999"])
def test_an_unknown_view_id_is_refused(api: httpx.Client, view: str) -> None:
    assert_error(
        api.get("/api/v2/ticket", params={"applyView": view}), 400, "This view does not exist."
    )


def test_assigning_a_ticket_moves_it_out_of_unassigned(own_api: httpx.Client) -> None:
    before = listed(own_api, "/api/v2/ticket", applyView=302, itemLimit=1)["itemTotal"]

    own_api.put("/api/v2/ticket/100301", data={"assignedUserID": str(DEMO_AGENT_ID)})

    after = listed(own_api, "/api/v2/ticket", applyView=302, itemLimit=1)["itemTotal"]
    assert after == before - 1
    assert 100301 not in {t["id"] for t in view_items(own_api, 302)}


# --- GET /user ---------------------------------------------------------------------------------


def test_the_user_list_has_every_agent_with_groups(
    shared: SandboxServer, api: httpx.Client
) -> None:
    body = listed(api, "/api/v2/user")

    assert list(body) == LIST_KEYS
    assert body["itemTotal"] == 5
    demo = next(u for u in body["items"] if u["id"] == DEMO_AGENT_ID)
    assert demo == {
        "id": DEMO_AGENT_ID,
        "name": "Demo Agent",
        "email": DEMO_AGENT_EMAIL,
        "phone": "",
        "active": 1,
        "avatar": "",
        "groups": [{"id": 10003, "name": "Customer Support"}, {"id": 10002, "name": "Finance"}],
    }
    assert [r.path for r in shared.requests.all()] == ["/api/v2/user"]


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ({"query": "demo@example.com"}, [DEMO_AGENT_ID]),
        ({"query": "DEMO AGENT"}, [DEMO_AGENT_ID]),
        ({"query": "marleen"}, [2]),
        ({"query": "+31201230001"}, [1]),
        ({"query": "@mybrand.com"}, [1, 2, 5]),
        ({"query": "@mybrand.com", "activeOnly": "true"}, [1, 2]),
        ({"activeOnly": "1"}, [1, 2, 3, DEMO_AGENT_ID]),
        ({"query": "nobody@nowhere"}, []),
        ({"itemStart": "1", "itemLimit": "2"}, [2, 3]),
    ],
)
def test_users_are_found_by_name_email_or_phone(
    api: httpx.Client, query: dict[str, str], ids: list[int]
) -> None:
    assert [u["id"] for u in listed(api, "/api/v2/user", **query)["items"]] == ids


def test_extended_false_leaves_the_groups_out(api: httpx.Client) -> None:
    users = listed(api, "/api/v2/user", extended="false")["items"]

    assert users and all("groups" not in u for u in users)
    assert all("groups" in u for u in listed(api, "/api/v2/user", extended="1")["items"])


@pytest.mark.parametrize(
    "params",
    [{"itemLimit": "1000"}, {"itemLimit": "0"}, {"activeOnly": "maybe"}, {"itemStart": "x"}],
)
def test_bad_user_list_parameters(api: httpx.Client, params: dict[str, str]) -> None:
    assert_error(api.get("/api/v2/user", params=params), 400)


def test_every_ordinary_ticket_offers_the_active_agents(api: httpx.Client) -> None:
    options = ticket(api, 100001)["assign_options_users"]

    assert options == [
        {"id": 1, "name": "thomas"}, {"id": 2, "name": "marleen"}, {"id": 3, "name": "sanne"},
        {"id": DEMO_AGENT_ID, "name": "Demo Agent"},
    ]  # fmt: skip
    assert [g["name"] for g in ticket(api, 100001)["assign_options_groups"]] == [
        "Finance", "Customer Support", "Returns"
    ]  # fmt: skip
