"""The inferred writes (docs/omnidesk-api.md §10.5, §10.6) over the wire, and what a read back
says of them (api/readback.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from omnitui.api.client import OmnideskClient
from omnitui.api.errors import RejectedError
from omnitui.api.models import Priority, Ticket
from omnitui.api.readback import WriteField, asked_by, compare
from omnitui.api.requests import TicketUpdate, clean_tags
from omnitui.sandbox import SandboxServer

from ..conftest import API_KEY


@pytest.fixture
async def own_client(sandbox: SandboxServer) -> AsyncIterator[OmnideskClient]:
    async with OmnideskClient(sandbox.url, sandbox.api_key) as client:
        yield client


def test_the_update_s_wire_format_is_one_place() -> None:
    update = TicketUpdate(
        assigned_group_id=10002, assigned_user_id=0, priority=Priority.HIGH, tags=" vip, refund,VIP"
    )
    assert update.form() == [
        ("assignedGroupID", "10002"),
        ("assignedUserID", "0"),  # 0 removes the agent
        ("priority", "high"),
        ("tags", "vip,refund"),  # trimmed, each once in any case
    ]
    assert TicketUpdate(tags="").form() == [("tags", "")]  # an empty list clears every tag


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("x" * 101, "a tag must be printable text of at most 100 characters"),
        ("ok,\x07bell", "a tag must be printable text of at most 100 characters"),
        (",".join(f"t{n}" for n in range(51)), "a ticket can have at most 50 tags"),
    ],
)
def test_a_bad_tag_is_refused_before_sending(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        clean_tags(typed)
    with pytest.raises(ValidationError):
        TicketUpdate(tags=typed)


async def test_assignment_priority_and_tags_are_stored(
    own_client: OmnideskClient, sandbox: SandboxServer
) -> None:
    change = TicketUpdate(
        assigned_group_id=10002, assigned_user_id=2, priority=Priority.URGENT, tags="vip,refund"
    )
    assert await own_client.update_ticket(100301, change) == "Ticket updated."

    stored = await own_client.get_ticket_header(100301)
    assert (stored.group_name, stored.user_name) == ("Finance", "marleen")
    assert (stored.priority, stored.tags) == (Priority.URGENT, ["vip", "refund"])


async def test_set_priority_is_one_call_for_many(
    own_client: OmnideskClient, sandbox: SandboxServer
) -> None:
    answer = await own_client.set_priority([100301, 100302, 100301, 100303], Priority.LOW)

    assert answer == "Ticket priority is updated."
    (request,) = [r for r in sandbox.requests if r.method == "POST"]
    assert request.path == "/api/v2/ticket/setPriority"
    assert request.fields("ticketIDs[]") == ["100301", "100302", "100303"]
    assert request.field("priority") == "low"
    for ticket_id in (100301, 100302, 100303):
        assert (await own_client.get_ticket_header(ticket_id)).priority is Priority.LOW


async def test_an_assignment_outside_the_ticket_s_options_is_refused(
    own_client: OmnideskClient,
) -> None:
    with pytest.raises(RejectedError, match="cannot be assigned to this ticket"):
        await own_client.update_ticket(858462, TicketUpdate(assigned_user_id=4))


async def test_the_read_back_tells_applied_from_ignored(fresh_db: Path) -> None:
    with SandboxServer(fresh_db, api_key=API_KEY, ignore_fields="assignedGroupID,tags") as server:
        async with OmnideskClient(server.url, server.api_key) as client:
            before = await client.get_ticket_header(100301)
            change = TicketUpdate(assigned_group_id=10002, priority=Priority.HIGH, tags="vip")
            await client.update_ticket(100301, change)  # "Ticket updated." all the same
            after = await client.get_ticket_header(100301)

    readback = compare(100301, asked_by(change), after, before)
    assert not readback.ok
    assert readback.ignored == [WriteField.GROUP, WriteField.TAGS]
    assert readback.text() == (
        "Priority is now high. Omnidesk accepted the change but the assignment is still "
        "Customer Support and the tags are still none: this account may not allow changing "
        "them through the API."
    )


def _ticket(**fields: object) -> Ticket:
    base = {
        "id": 1,
        "assign_options_groups": [{"id": 10002, "name": "Finance"}],
        "assign_options_users": [{"id": 2, "name": "marleen"}],
    }
    return Ticket.model_validate({**base, **fields})


def test_success_names_what_the_ticket_now_is() -> None:
    change = TicketUpdate(assigned_group_id=10002, assigned_user_id=2, tags="vip,refund")
    after = _ticket(assigned_group_id=10002, assigned_user_id=2, tags="refund,VIP")
    readback = compare(1, asked_by(change), after, _ticket())
    assert readback.ok  # tags in any order and case
    assert readback.text() == "Assigned to Finance / marleen. Tags: refund, VIP."


def test_a_field_someone_else_changed_meanwhile_is_not_taken_for_ignored() -> None:
    change = TicketUpdate(priority=Priority.HIGH)
    readback = compare(1, asked_by(change), _ticket(priority="low"), _ticket(priority="medium"))
    assert not readback.ok and readback.ignored == []
    assert "the priority is now low, not what you asked" in readback.text()


def test_a_write_of_what_already_was_proves_nothing() -> None:
    change = TicketUpdate(priority=Priority.MEDIUM)
    (check,) = compare(
        1, asked_by(change), _ticket(priority="medium"), _ticket(priority="medium")
    ).checks
    assert check.applied and check.no_op
