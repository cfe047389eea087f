"""POST /message on behalf of an agent (``userID``), answering a message (``respondMessageID``),
and the channels a reply can go out on (issue 14)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from omnitui.sandbox import DEMO_AGENT_ID, SandboxServer

from .conftest import assert_error, ticket

SENT = {"type": "result", "message": "Message has been sent and the ticket status was updated."}
PHONE_ONLY = 100303
"""A telephone ticket whose customer has no e-mail channel."""
PHONE_WITH_EMAIL = 100298
"""A telephone ticket whose customer also has an e-mail address."""


def newest_inbound(item: dict[str, Any]) -> dict[str, Any]:
    inbound = [
        e for e in item["timeline"] if e["type"] == "message" and e["direction"] == "inbound"
    ]
    return max(inbound, key=lambda e: e["created_at"])


def test_a_reply_is_sent_on_behalf_of_the_agent_and_answers_a_message(
    sandbox: SandboxServer, own_api: httpx.Client
) -> None:
    answered = newest_inbound(ticket(own_api, 100302))

    response = own_api.post(
        "/api/v2/message",
        data={"ticketID": "100302", "type": "1", "toAddress": "bas.hoekstra@ziggo.nl",
              "message": "<p>We sturen een nieuw blad.</p>", "userID": str(DEMO_AGENT_ID),
              "respondMessageID": answered["id"], "submitStatus": "pending"},
    )  # fmt: skip

    assert response.json() == SENT
    item = ticket(own_api, 100302)
    reply = item["timeline"][-1]
    assert (reply["user_id"], reply["user_name"]) == (DEMO_AGENT_ID, "Demo Agent")
    assert reply["respond_message_id"] == int(answered["id"])
    assert (reply["from"], reply["to"]) == ("service@mybrand.com", "bas.hoekstra@ziggo.nl")
    assert list(reply)[-2:] == ["respond_message_id", "files"]
    assert item["status"] == "pending"
    (request,) = [r for r in sandbox.requests.all() if r.method == "POST"]
    assert request.field("respondMessageID") == answered["id"]
    assert request.field("userID") == str(DEMO_AGENT_ID)


def test_a_note_records_its_author_and_the_message_it_is_about(own_api: httpx.Client) -> None:
    note_about = newest_inbound(ticket(own_api, 100301))["id"]

    own_api.post(
        "/api/v2/message",
        data={"ticketID": "100301", "type": "0", "message": "Bank statement requested",
              "userID": "2", "respondMessageID": note_about},
    )  # fmt: skip

    note = ticket(own_api, 100301)["timeline"][-1]
    assert (note["type"], note["user_name"], note["respond_message_id"]) == (
        "note", "marleen", int(note_about)
    )  # fmt: skip


def test_a_message_without_respondmessageid_records_zero(own_api: httpx.Client) -> None:
    own_api.post("/api/v2/message", data={"ticketID": "100301", "type": "0", "message": "hello"})

    assert ticket(own_api, 100301)["timeline"][-1]["respond_message_id"] == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"respondMessageID": "999999"},
            "The message to respond to does not exist in this ticket.",
        ),
        ({"userID": "5"}, "This user is not active."),
        ({"userID": "77"}, "This user does not exist."),
    ],
)
def test_unknown_answers_and_senders_are_refused(
    api: httpx.Client, fields: dict[str, str], message: str
) -> None:
    before = ticket(api, 100301)
    data = {"ticketID": "100301", "type": "0", "message": "long enough", **fields}

    assert_error(api.post("/api/v2/message", data=data), 400, message)
    assert ticket(api, 100301) == before


def test_only_a_message_of_the_same_ticket_can_be_answered(api: httpx.Client) -> None:
    elsewhere = newest_inbound(ticket(api, 100302))["id"]
    event = next(e for e in ticket(api, 100301)["timeline"] if e["type"] == "event")

    for answered in (elsewhere, str(event["id"])):
        data = {"ticketID": "100301", "type": "0", "message": "long enough",
                "respondMessageID": answered}  # fmt: skip
        assert_error(
            api.post("/api/v2/message", data=data),
            400,
            "The message to respond to does not exist in this ticket.",
        )


def test_the_seed_tickets_messages_can_be_answered(own_api: httpx.Client) -> None:
    own_api.post(
        "/api/v2/message",
        data={"ticketID": "858462", "type": "1", "toAddress": "thomas@test.com",
              "message": "Dank voor uw vraag", "respondMessageID": "3143690", "userID": "2"},
    )  # fmt: skip

    reply = ticket(own_api, 858462)["timeline"][-1]
    assert (reply["respond_message_id"], reply["user_name"]) == (3143690, "marleen")


# --- channels ---------------------------------------------------------------------------------


def test_an_email_reply_on_a_phone_ticket_needs_a_customer_email(api: httpx.Client) -> None:
    item = ticket(api, PHONE_ONLY)
    assert item["channel_id"] == 2
    assert [ch["channel_id"] for ch in item["customer_channels"]] == [2]

    response = api.post(
        "/api/v2/message",
        data={"ticketID": str(PHONE_ONLY), "type": "1", "toAddress": "henk@example.nl",
              "message": "Wij bellen u terug."},
    )  # fmt: skip

    assert_error(
        response,
        400,
        "The customer of this telephone ticket has no e-mail address; "
        "an e-mail reply cannot be sent.",
    )
    assert ticket(api, PHONE_ONLY) == item


def test_an_email_reply_on_a_phone_ticket_goes_out_from_the_brand(own_api: httpx.Client) -> None:
    item = ticket(own_api, PHONE_WITH_EMAIL)
    assert item["channel_id"] == 2
    address = next(
        ch["unique_reference"] for ch in item["customer_channels"] if ch["channel_id"] == 1
    )

    response = own_api.post(
        "/api/v2/message",
        data={"ticketID": str(PHONE_WITH_EMAIL), "type": "1", "toAddress": address,
              "message": "Zoals besproken aan de telefoon"},
    )  # fmt: skip

    assert response.json() == SENT
    reply = ticket(own_api, PHONE_WITH_EMAIL)["timeline"][-1]
    assert (reply["channel_id"], reply["to"]) == (1, address)
    assert reply["from"] == "service@mybrand.com"


@pytest.mark.parametrize("ticket_id", [PHONE_ONLY, 858462])
def test_a_telephone_message_cannot_be_sent(api: httpx.Client, ticket_id: int) -> None:
    response = api.post(
        "/api/v2/message",
        data={"ticketID": str(ticket_id), "type": "2", "message": "Teruggebeld"},
    )

    assert_error(
        response,
        400,
        "A telephone message cannot be sent; reply by e-mail (type 1) or log the call "
        "(type calllog).",
    )


def test_a_call_log_and_a_note_on_a_phone_ticket_are_fine(own_api: httpx.Client) -> None:
    for kind in ("calllog", "0"):
        response = own_api.post(
            "/api/v2/message",
            data={"ticketID": str(PHONE_ONLY), "type": kind, "message": "Teruggebeld, 2 min",
                  "userID": "3"},
        )  # fmt: skip
        assert response.json() == SENT
    entries = ticket(own_api, PHONE_ONLY)["timeline"][-2:]
    assert [(e["type"], e["user_name"]) for e in entries] == [
        ("calllog", "sanne"), ("note", "sanne")
    ]  # fmt: skip
