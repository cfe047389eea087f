"""Parsing the wire format: the seed verbatim, type drift, unknown entries, hostile strings."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from omnitui.api.json_lazy import LazyArray, loads_lazily
from omnitui.api.models import (
    Attachment,
    Direction,
    EntryKind,
    Priority,
    Ticket,
    TicketStatus,
    TimelineEntry,
)
from omnitui.api.partial_ticket import PartialTicket
from omnitui.api.requests import MessageKind, NewMessage, TicketCreate, TicketUpdate
from omnitui.api.wire import WireModel, mender


def test_the_seed_example_parses_field_for_field(seed_document: dict[str, Any]) -> None:
    ticket = Ticket.model_validate(seed_document["item"])

    assert ticket.id == 858462
    assert ticket.title == "vraag van Thomas"
    assert ticket.status is TicketStatus.NEW
    assert ticket.priority is Priority.MEDIUM
    assert ticket.direction is Direction.INBOUND
    assert ticket.channel_account_id == "0"
    assert ticket.from_ == "thomas@test.com"
    assert ticket.to == "service@mybrand.com"
    assert ticket.brand_name == "MyBrand"
    assert ticket.show_timeline is True
    assert ticket.tags == []
    assert ticket.customer is not None
    assert ticket.customer.name == "T van Test"
    assert ticket.customer.external_primary_id == "20164564646592575"
    assert [c.unique_reference for c in ticket.customer_channels] == [
        "thomas@test.com",
        "+3164568456",
    ]
    assert ticket.group_name == "Customer Support"
    assert ticket.user_name is None  # assigned_user_id 0 means nobody
    assert ticket.sla_next_breach_seconds == 222706
    assert ticket.external_gui_url == (
        "https://guiurl.brand.com/?ticketID=858462#20164564646592575"
    )


def test_the_timeline_is_sorted_by_time_and_ids_are_strings(
    seed_document: dict[str, Any],
) -> None:
    ticket = Ticket.model_validate(seed_document["item"])

    assert [(e.kind, e.id, e.created_at) for e in ticket.timeline] == [
        (EntryKind.MESSAGE, "3143690", "2019-09-28 22:06:17"),
        (EntryKind.EVENT, "4090647", "2019-09-28 22:06:23"),
        (EntryKind.NOTE, "3143281", "2019-09-28 23:30:13"),
    ]
    message, event, note = ticket.timeline
    assert message.meta_data == {"to": [{"address": "service@mybrand.com", "name": ""}]}
    assert note.meta_data == []
    assert event.description == "Assigned to Servicee"
    assert event.initiated_by == "trigger: Assign to service"
    assert note.user_name == "marleen"
    assert note.content == "My intern note on this ticket"


def test_type_drift_is_tolerated() -> None:
    ticket = Ticket.model_validate(
        {
            "id": "42",
            "status": "escalated",
            "priority": None,
            "show_timeline": "0",
            "tags": "refund, vip ,",
            "customer": [],
            "assigned_group_id": "",
            "sla_next_breach_seconds": "not a number",
            "brand_id": "3",
            "unknown_field": {"nested": True},
            "timeline": [
                {"type": "chat", "id": 9, "created_at": "2020-01-01 00:00:00", "content": "hi"},
                {"type": "event", "id": 10, "created_at": "2019-01-01 00:00:00"},
                "not an entry",
                {"id": {"object": "as id"}},
                {"type": "note", "id": 11, "files": None, "meta_data": "{broken"},
            ],
        }
    )

    assert ticket.id == 42
    assert ticket.status == "escalated"  # kept, shown as unknown by the UI
    assert ticket.priority == ""
    assert ticket.show_timeline is False
    assert ticket.tags == ["refund", "vip"]
    assert ticket.customer is None
    assert ticket.assigned_group_id is None
    assert ticket.sla_next_breach_seconds is None
    assert ticket.brand_id == 3
    assert ticket.skipped_entries == 2
    kinds = [(e.kind, e.id) for e in ticket.timeline]
    assert kinds == [(EntryKind.NOTE, "11"), (EntryKind.EVENT, "10"), (EntryKind.OTHER, "9")]
    assert ticket.timeline[0].meta_data is None


def test_a_ticket_without_an_id_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Ticket.model_validate({"title": "no id"})


HOSTILE = [
    "A\x1b]52;c;cHduZWQ=\x07B",
    "A\x1b]0;PWNED\x1b\\B",
    "\x1b[2J\x1b[H",
    "\u009b2J",
    "\u009d0;T\u009c",
    "\x00\x7f",
    "line1\roverwrite",
    "invoice_\u202egpj.exe",
    "\ud800",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_strings_from_the_api_are_sanitised_at_the_boundary(text: str) -> None:
    ticket = Ticket.model_validate(
        {"id": 1, "title": text, "timeline": [{"type": "note", "id": 1, "content": text}]}
    )

    for value in (ticket.title, ticket.timeline[0].content):
        assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in value)
        assert not any(0x7F <= ord(ch) <= 0x9F for ch in value)
        assert "\u202e" not in value
        assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in value)
    assert "\n" not in ticket.title


@pytest.mark.parametrize("text", HOSTILE)
def test_every_string_of_a_timeline_entry_is_sanitised(text: str) -> None:
    fields = ["type", "created_at", "from", "from_name", "user_name", "to", "description"]
    entry = {"id": text, "content": text, "send_at": text, **{name: text for name in fields}}
    (parsed,) = Ticket.model_validate({"id": 1, "timeline": [entry]}).timeline

    for value in [parsed.id, parsed.content, parsed.send_at or ""] + [
        getattr(parsed, "from_" if name == "from" else name) for name in fields
    ]:
        assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in value)
        assert not any(0x7F <= ord(ch) <= 0x9F for ch in value)
        assert "\u202e" not in value
    assert "\n" not in parsed.from_name + parsed.description


def test_every_field_of_a_timeline_entry_is_read_from_the_wire() -> None:
    """Entries are mended in one pass over the keys the model declares: a field added to
    ``TimelineEntry`` is read too, not silently left out."""

    def sent(annotation: Any) -> Any:
        if annotation is bool:
            return "1"
        if annotation == list[Attachment]:
            return [{"file_name": "invoice.pdf"}]
        return " 7 "

    fields = TimelineEntry.model_fields
    wire = {field.alias or name: sent(field.annotation) for name, field in fields.items()}
    (parsed,) = Ticket.model_validate({"id": 1, "timeline": [wire]}).timeline

    unread = [name for name in fields if getattr(parsed, name) in (None, "", False, [])]
    assert unread == []
    assert parsed.ticket_id == 7 and parsed.from_ == "7" and parsed.pinned is True
    assert parsed.files[0].name == "invoice.pdf"


def test_an_entry_field_that_does_not_say_how_to_mend_it_is_refused() -> None:
    class Entry(WireModel):
        title: str = ""

    with pytest.raises(TypeError, match=r"Entry\.title needs a Mend"):
        mender(Entry)


def test_markup_like_text_is_kept_literally() -> None:
    title = "[@click=app.quit]x[/] [link=https://evil.example]bank[/link] [/]"
    assert Ticket.model_validate({"id": 1, "title": title}).title == title


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
entry_keys = st.sampled_from(
    ["id", "type", "created_at", "content", "files", "meta_data", "pinned", "user_id", "from"]
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["title", "status", "tags", "customer", "timeline", "brand_id"]),
        json_values,
    ),
    st.lists(st.dictionaries(entry_keys, json_values), max_size=5),
)
def test_any_document_with_an_id_parses_or_fails_cleanly(
    fields: dict[str, Any], timeline: list[dict[str, Any]]
) -> None:
    document = {**fields, "id": 7, "timeline": timeline}
    try:
        ticket = Ticket.model_validate(document)
    except ValidationError:
        return
    assert ticket.id == 7
    assert len(ticket.timeline) + ticket.skipped_entries == len(timeline)


timeline_entries = st.lists(
    st.one_of(
        st.dictionaries(entry_keys, json_values),
        st.fixed_dictionaries(
            {
                "id": st.integers(0, 99),
                "type": st.sampled_from(["message", "note", "event", "whatever"]),
                "created_at": st.sampled_from(["2024-01-02 10:00:00", " 2024-01-01 09:00:00", ""]),
                "pinned": st.sampled_from([0, 1, "1", True, None]),
                "content": st.text(max_size=5),
            }
        ),
    ),
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(timeline_entries, st.integers(0, 14))
def test_a_ticket_read_in_two_steps_is_the_ticket_read_at_once(
    timeline: list[dict[str, Any]], first: int
) -> None:
    """A big ticket is shown from its oldest entries while the rest is read: same result."""
    document = {"id": 7, "title": "Big", "timeline": timeline}
    whole = Ticket.model_validate(document)

    start = PartialTicket.read(document, first)

    assert start.ticket.timeline == whole.timeline[: len(start.ticket.timeline)]
    assert len(start.ticket.timeline) + start.ticket.skipped_entries == min(first, len(timeline))
    assert start.pending == max(0, len(timeline) - first)
    rest = whole.timeline[len(start.ticket.timeline) :]
    assert start.pinned == [e for e in rest if e.pinned]
    assert start.finish() == whole


@settings(max_examples=200, deadline=None)
@given(timeline_entries, st.integers(0, 14), st.integers(0, 6))
def test_a_ticket_read_lazily_in_two_steps_is_the_ticket_read_at_once(
    timeline: list[dict[str, Any]], first: int, decoded: int
) -> None:
    """Only some entries decoded at first, in the server's order (times in any order): once the
    rest is decoded and read, the ticket is the one read at once, sorted by time."""
    document = {"id": 7, "title": "Big", "timeline": timeline, "tags": "a"}
    whole = Ticket.model_validate(document)
    try:
        body = json.dumps({"item": document}, allow_nan=False).encode()
    except ValueError:
        assume(False)  # infinity: not JSON
    item = loads_lazily(body, ("item", "timeline"), decoded, piece_chars=1)["item"]

    start = PartialTicket.read(item, first)
    lazy = item["timeline"]
    rest = lazy.rest().items if isinstance(lazy, LazyArray) else []

    assert start.finish(rest) == whole
    if not whole.skipped_entries:  # an unreadable one among the newest is left out
        assert start.newest(2, rest) == whole.timeline[-2:]


# ------------------------------------------------------------------------------------------------
# Request models


def test_create_maps_addresses_by_direction() -> None:
    inbound = TicketCreate(
        title="Refund", customer_address="klant@example.nl", our_address="service@mybrand.com"
    )
    outbound = TicketCreate(
        title="Refund",
        direction=Direction.OUTBOUND,
        customer_address="klant@example.nl",
        our_address="service@mybrand.com",
        brand_id=2,
        group_id=10003,
        form_id=5,
    )

    assert ("from", "klant@example.nl") in inbound.form()
    assert ("to", "service@mybrand.com") in inbound.form()
    assert dict(outbound.form()) == {
        "title": "Refund",
        "direction": "outbound",
        "channelID": "1",
        "from": "service@mybrand.com",
        "to": "klant@example.nl",
        "brandID": "2",
        "assignedGroupID": "10003",
        "formID": "5",
    }


def test_create_checks_e_mail_addresses_only_for_the_e_mail_channel() -> None:
    with pytest.raises(ValidationError) as raised:
        TicketCreate(title="x", customer_address="not-an-address", our_address="desk")
    assert {err["loc"]: err["msg"] for err in raised.value.errors()} == {
        ("customer_address",): "Value error, not a valid e-mail address",
        ("our_address",): "Value error, not a valid e-mail address",
    }
    phone = TicketCreate(
        title="Call", channel_id=2, customer_address="+3164568456", our_address="desk"
    )
    assert ("from", "+3164568456") in phone.form()


def test_update_sends_only_what_is_set_and_only_allowed_statuses() -> None:
    assert TicketUpdate(title="New title").form() == [("title", "New title")]
    assert TicketUpdate(external_primary_id="X1").form() == [("externalPrimaryID", "X1")]
    assert TicketUpdate().is_empty
    with pytest.raises(ValidationError, match="only sets status to solved or closed"):
        TicketUpdate(status=TicketStatus.OPEN)


def test_messages_validate_before_sending() -> None:
    with pytest.raises(ValidationError, match="at least 5 characters"):
        NewMessage(ticket_id=1, kind=MessageKind.NOTE, body="  hi ")
    with pytest.raises(ValidationError, match="needs a recipient"):
        NewMessage(ticket_id=1, body="Hello there")
    with pytest.raises(ValidationError, match="not a valid e-mail"):
        NewMessage(ticket_id=1, body="Hello there", to_address="a@b.nl, nope")
    with pytest.raises(ValidationError, match="status after sending"):
        NewMessage(ticket_id=1, body="Hello", to_address="a@b.nl", submit_status="closed")
    with pytest.raises(ValidationError) as raised:
        NewMessage(ticket_id=1, body="Hello there", to_address="", cc="x, y@z.nl", bcc="q")
    assert {err["loc"][0]: err["msg"] for err in raised.value.errors()} == {
        "to_address": "Value error, an e-mail reply needs a recipient",
        "cc": "Value error, not a valid e-mail address: x",
        "bcc": "Value error, not a valid e-mail address: q",
    }

    reply = NewMessage(
        ticket_id=5, body="Dear <customer>,\nthanks!", to_address="a@b.nl", submit_status="pending"
    )
    form = dict(reply.form())
    assert form["type"] == "1"
    assert form["message"] == "Dear &lt;customer&gt;,<br>\nthanks!"
    assert form["plaintext"] == "Dear <customer>,\nthanks!"
    assert form["submitStatus"] == "pending"
    note = dict(NewMessage(ticket_id=5, kind=MessageKind.NOTE, body="Internal only").form())
    assert note["type"] == "0"
    assert "toAddress" not in note
