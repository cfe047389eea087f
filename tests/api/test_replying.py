"""Where a reply goes, what it answers, and what the ticket read back says Omnidesk took."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from omnitui.api.models import Ticket, TimelineEntry
from omnitui.api.replying import (
    answered_entry,
    attribution_problems,
    customer_email,
    reply_route,
    sent_entry,
)
from omnitui.api.requests import MessageKind, NewMessage

INBOUND = {"type": "message", "direction": "inbound", "channel_id": 1}


def ticket(channel: int, *, channels: list[dict[str, Any]] | None = None, **fields: Any) -> Ticket:
    return Ticket.model_validate(
        {
            "id": 7,
            "channel_id": channel,
            "direction": "inbound",
            "from": "+31600000000" if channel == 2 else "klant@x.nl",
            "customer_channels": channels or [],
            **fields,
        }
    )


EMAIL_CHANNEL = {"channel_id": 1, "unique_reference": "klant@x.nl"}
PHONE_CHANNEL = {"channel_id": 2, "unique_reference": "+31600000000"}


def test_email_and_chat_tickets_are_answered_on_their_own_channel() -> None:
    assert reply_route(ticket(1)).channel_id == 1
    assert reply_route(ticket(1)).to_address == "klant@x.nl"
    chat = reply_route(ticket(8))
    assert (chat.channel_id, chat.to_address, chat.note, chat.refusal) == (8, "", "", "")


def test_a_telephone_ticket_is_answered_by_email_when_the_customer_has_an_address() -> None:
    phone = ticket(2, channels=[PHONE_CHANNEL, EMAIL_CHANNEL], channel_name="telephone")
    route = reply_route(phone)
    assert (route.channel_id, route.to_address) == (1, "klant@x.nl")
    assert route.note == "This reply goes by e-mail: Omnidesk cannot send on telephone."
    assert route.refusal == ""


def test_a_telephone_ticket_without_an_address_cannot_be_answered() -> None:
    route = reply_route(ticket(2, channels=[PHONE_CHANNEL]))
    assert route.refusal == (
        "This customer has no e-mail address: add a note (i), or call them (+31600000000)."
    )
    odd = reply_route(ticket(4, channel_name="fax"))
    assert odd.refusal.startswith("Omnidesk cannot send on fax")


def test_the_address_the_customer_last_wrote_from_is_preferred() -> None:
    second = {"channel_id": 1, "unique_reference": "werk@x.nl"}
    wrote = {**INBOUND, "id": "5", "from": "werk@x.nl", "created_at": "2026-01-02 10:00:00"}
    phone = ticket(2, channels=[EMAIL_CHANNEL, second], timeline=[wrote])
    assert customer_email(phone) == "werk@x.nl"
    assert customer_email(ticket(2, channels=[EMAIL_CHANNEL, second])) == "klant@x.nl"


def test_a_telephone_reply_is_refused_before_anything_is_sent() -> None:
    with pytest.raises(ValidationError, match="a reply cannot be sent on telephone"):
        NewMessage(ticket_id=7, body="Hallo daar", channel_id=2)
    note = NewMessage(ticket_id=7, kind=MessageKind.NOTE, body="Gebeld", channel_id=2)
    assert ("type", "0") in note.form()  # a note goes on any ticket


ENTRIES = [
    {**INBOUND, "id": "1", "created_at": "2026-01-01 09:00:00"},
    {"type": "message", "direction": "outbound", "id": "2", "created_at": "2026-01-01 10:00:00"},
    {**INBOUND, "id": "3", "created_at": "2026-01-01 11:00:00"},
    {"type": "note", "id": "4", "created_at": "2026-01-01 12:00:00"},
    {"type": "message", "direction": "outbound", "id": "5", "created_at": "2026-01-01 13:00:00"},
]


def test_a_reply_answers_the_newest_customer_message_or_the_one_under_the_cursor() -> None:
    answered = ticket(1, timeline=ENTRIES)
    entries = {entry.id: entry for entry in answered.timeline}
    assert answered_entry(answered).id == "3"  # not the agent's newer one
    assert answered_entry(answered, entries["1"]).id == "1"
    assert answered_entry(answered, entries["2"]).id == "2"  # an agent's message, chosen
    assert answered_entry(answered, entries["4"]).id == "3"  # a note is not answered
    stranger = TimelineEntry.model_validate({**INBOUND, "id": "99"})
    assert answered_entry(answered, stranger).id == "3"  # not in this ticket
    assert answered_entry(ticket(1)) is None


def entry(**fields: Any) -> TimelineEntry:
    return TimelineEntry.model_validate(fields)


REPLY = NewMessage(
    ticket_id=7, body="Hallo daar", to_address="k@x.nl", user_id=4, respond_message_id=3
)


def test_the_entry_sent_is_the_newest_new_one_of_its_kind() -> None:
    before = {"1", "2"}
    newest = [
        entry(id="2", type="message", direction="outbound"),
        entry(id="8", type="message", direction="outbound", user_id=4),
        entry(id="9", type="message", direction="inbound"),  # the customer, meanwhile
    ]
    assert sent_entry(REPLY, before, newest).id == "8"
    note = NewMessage(ticket_id=7, kind=MessageKind.NOTE, body="Intern.")
    assert sent_entry(note, before, newest) is None


def test_what_omnidesk_did_not_take_is_said() -> None:
    right = entry(id="8", type="message", user_id=4, user_name="Demo Agent", respond_message_id=3)
    assert attribution_problems(REPLY, right, agent_name="Demo Agent") == []
    unsaid = entry(id="8", type="message", user_id=4)  # no respond_message_id at all: unknown
    assert attribution_problems(REPLY, unsaid, agent_name="Demo Agent") == []

    anonymous = entry(
        id="8", type="message", user_id=0, user_name="Anonymous", respond_message_id=0
    )
    problems = attribution_problems(
        REPLY, anonymous, agent_name="Demo Agent", answered="Thomas's message of 28 Sep 22:06"
    )
    assert problems == [
        "Omnidesk accepted the reply but shows it as from Anonymous: it was sent as Demo Agent "
        "(user 4), which this account did not take.",
        "Omnidesk did not record the reply as an answer to Thomas's message of 28 Sep 22:06.",
    ]
    (missing,) = attribution_problems(REPLY, None, agent_name="Demo Agent")
    assert "it is not in the ticket yet" in missing
