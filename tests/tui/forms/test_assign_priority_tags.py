"""``a``, ``p`` and ``t`` on a ticket: picked by name, sent, read back and told as read back; with
an account that ignores fields (the sandbox's ``ignore_fields``) nothing claims success and the
next try says at once that it is unavailable."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from textual.widgets import OptionList

from omnitui.api.client import OmnideskClient
from omnitui.api.readback import WriteField
from omnitui.api.requests import TicketUpdate
from omnitui.sandbox import SandboxServer
from omnitui.sandbox.server.requestlog import RecordedRequest
from omnitui.storage.write_support import WriteState, WriteSupport, known_writes
from omnitui.tui.forms.assign import AssignForm
from omnitui.tui.forms.priority import PriorityForm
from omnitui.tui.forms.tags import TagsForm
from omnitui.tui.forms.update import UpdateTicketForm
from omnitui.tui.screens.ticket import TicketScreen

from ...conftest import API_KEY
from .conftest import (
    app_for,
    choose,
    fetch,
    flat,
    open_form,
    open_ticket_app,
    posts,
    screen_text,
    settle,
    toasts,
    type_keys,
    wait_until,
)

NOT_ALLOWED = "this account may not allow changing it through the API"


@pytest.fixture
def ignoring(fresh_db: Path) -> Iterator[SandboxServer]:
    """An account that answers success and does not apply the group or the tags."""
    with SandboxServer(fresh_db, api_key=API_KEY, ignore_fields={"assignedGroupID", "tags"}) as s:
        yield s


def read_back_after(server: SandboxServer, write: RecordedRequest, ticket_id: int) -> bool:
    """Whether the ticket was fetched again after ``write`` (the verification)."""
    log = list(server.requests)
    later = log[log.index(write) + 1 :]
    return any(r.method == "GET" and r.path == f"/api/v2/ticket/{ticket_id}" for r in later)


def shown_names(form: AssignForm) -> list[str]:
    names = form.query_one("#assign-names", OptionList)
    options = [names.get_option_at_index(i) for i in range(names.option_count)]
    return [str(o.prompt).strip() for o in options if not o.disabled]


def shown_tags(form: TagsForm) -> list[str]:
    tags = form.query_one("#tag-list", OptionList)
    return [str(tags.get_option_at_index(i).prompt) for i in range(tags.option_count)]


async def back_on_the_ticket(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
    await settle(pilot)


async def test_assign_by_name_typing_to_filter(sandbox: SandboxServer) -> None:
    app = app_for(sandbox, ticket=100301)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "a", AssignForm)
        assert "Now: Customer Support" in screen_text(app)
        assert shown_names(form)[:2] == ["thomas", "marleen"]  # no "me": not known yet

        await type_keys(pilot, "mar")
        assert shown_names(form) == ["marleen"]
        await pilot.press("enter")
        await type_keys(pilot, "FIN")  # any case
        assert shown_names(form) == ["Finance"]
        await pilot.press("enter")
        assert "New: Finance / marleen" in screen_text(app)
        assert posts(sandbox) == []  # picking sends nothing

        await pilot.press("ctrl+s")
        await back_on_the_ticket(pilot, app)
        assert "Assigned to Finance / marleen." in toasts(app)
        assert "Assigned: Finance / marleen" in screen_text(app)

    (put,) = posts(sandbox)
    assert (put.method, put.path) == ("PUT", "/api/v2/ticket/100301")
    assert put.form == [("assignedGroupID", "10002"), ("assignedUserID", "2")]
    assert read_back_after(sandbox, put, 100301)
    (stored,) = await fetch(sandbox, 100301)
    assert (stored.assigned_group_id, stored.assigned_user_id) == (10002, 2)


async def test_me_comes_first_once_the_agent_is_known(sandbox: SandboxServer) -> None:
    app = app_for(sandbox, ticket=100301)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        app.identity = SimpleNamespace(user_id=4)  # what the identity feature provides
        form = await open_form(pilot, "a", AssignForm)
        assert shown_names(form)[:2] == ["me (Demo Agent)", "thomas"]
        assert "Demo Agent" not in shown_names(form)[1:]
        await pilot.press("enter", "ctrl+s")  # the first name is highlighted
        await back_on_the_ticket(pilot, app)
        assert "Assigned to Customer Support / Demo Agent." in toasts(app)
    (put,) = posts(sandbox)
    assert put.form == [("assignedUserID", "4")]


async def test_priority_is_set_and_read_back(sandbox: SandboxServer) -> None:
    app = app_for(sandbox, ticket=100301)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        await open_form(pilot, "p", PriorityForm)
        assert "medium  (now)" in screen_text(app)
        await pilot.press("down", "enter")  # from medium to high, and set
        await back_on_the_ticket(pilot, app)
        assert "Priority is now high." in toasts(app)
        assert " high " in screen_text(app).splitlines()[0]  # the header's badge
    (put,) = posts(sandbox)
    assert put.form == [("priority", "high")]
    assert read_back_after(sandbox, put, 100301)


async def test_tags_are_added_and_removed_and_a_colleague_s_tag_stays(
    sandbox: SandboxServer,
) -> None:
    app = app_for(sandbox, ticket=100302)  # tagged "retour"
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "t", TagsForm)
        assert "retour" in screen_text(app)
        await type_keys(pilot, "vip, refund")
        await pilot.press("enter")
        await pilot.press("tab")  # to the list: "retour" is highlighted
        await pilot.press("delete")
        assert shown_tags(form) == ["vip  (new)", "refund  (new)"]
        assert "Add vip, refund and remove retour" in flat(screen_text(app))
        async with OmnideskClient(sandbox.url, sandbox.api_key) as colleague:
            await colleague.update_ticket(100302, TicketUpdate(tags="retour,b2b"))

        await pilot.press("ctrl+s")
        await back_on_the_ticket(pilot, app)
        assert "Tags: b2b, vip, refund." in toasts(app)
        assert form.is_attached is False
    put = posts(sandbox)[-1]
    assert put.form == [("tags", "b2b,vip,refund")]  # the edit, applied to the tags as they were
    (stored,) = await fetch(sandbox, 100302)
    assert stored.tags == ["b2b", "vip", "refund"]


async def test_writes_omnidesk_ignores_are_told_and_remembered(ignoring: SandboxServer) -> None:
    app = app_for(ignoring, ticket=100301)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        await open_form(pilot, "a", AssignForm)
        await type_keys(pilot, "fin")
        await pilot.press("enter", "ctrl+s")
        await back_on_the_ticket(pilot, app)
        assert toasts(app) == [
            "Omnidesk accepted the change but the assignment is still Customer Support: "
            f"{NOT_ALLOWED}."
        ]
        app._notifications.clear()

        await open_form(pilot, "t", TagsForm)
        await type_keys(pilot, "vip")
        await pilot.press("enter", "ctrl+s")
        await back_on_the_ticket(pilot, app)
        assert toasts(app) == [
            f"Omnidesk accepted the change but the tags are still none: {NOT_ALLOWED}."
        ]
        app._notifications.clear()
        writes = len(posts(ignoring))

        # The second time the keys say so at once: nothing opens, nothing is sent.
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        (said,) = toasts(app)
        assert said.startswith("Changing the tags is unavailable: the last time Omnidesk")
        assert "the tags are still none (#100301)" in said
        form = await open_form(pilot, "a", AssignForm)  # the agent can still be changed
        text = flat(screen_text(app))
        assert "Changing the group is unavailable: last time Omnidesk accepted it" in text
        assert "Groups: changing the group is unavailable" in text
        await type_keys(pilot, "fin")
        assert shown_names(form) == []
        await pilot.press("escape")
        assert len(posts(ignoring)) == writes

        # A change that works (here: the account changed its mind) makes it available again.
        ignoring.faults.ignore_fields = ""
        update = await open_form(pilot, "e", UpdateTicketForm)
        assert "Changing the group is unavailable" in flat(screen_text(app))
        await choose(pilot, "group", "10002")
        await pilot.press("ctrl+s")
        await back_on_the_ticket(pilot, app)
        assert "Assigned to Finance." in toasts(app)
        assert update.is_attached is False
        form = await open_form(pilot, "a", AssignForm)
        assert "unavailable" not in screen_text(app)

    known = known_writes("sandbox")
    assert (known[WriteField.GROUP], known[WriteField.TAGS]) == (
        WriteState.APPLIED,
        WriteState.IGNORED,
    )
    path = WriteSupport("sandbox").path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
