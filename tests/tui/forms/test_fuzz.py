"""Anything an agent can type or paste into a form yields a request or messages, never a crash."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from omnitui.api.requests import MessageKind
from omnitui.tui.forms.create import FIELDS as CREATE_FIELDS
from omnitui.tui.forms.create import CreateTicketForm, create_request
from omnitui.tui.forms.message import MessageForm, message_request
from omnitui.tui.forms.status import StatusChange, status_request
from omnitui.tui.forms.update import update_request
from omnitui.tui.forms.validation import FORM, FormProblem, explain

from .conftest import seed_ticket

# Everything, lone surrogates and control characters included, plus the shapes that matter.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=80)
FIELD_TEXT = st.one_of(
    ANY_TEXT,
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "2",
            "99999999999999999999999999",
            "1e3",
            "١٢",
            "anna@klant.nl",
            "anna@",
            "@klant.nl",
            "a@b",
            "ä@ö.nl",
            "[/]",
            "[@click=app.quit]x[/]",
            "\x1b]52;c;cHduZWQ=\x07",
            "inbound",
            "outbound",
            "solved",
            "open",
            "858462, 100001\n#100002",
            "x" * 600,
        ]
    ),
)


def form_values(names: tuple[str, ...]) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({name: FIELD_TEXT for name in names})


def outcome(build: Callable[[], Any], fields: Mapping[str, str]) -> dict[str, str] | Any:
    """Build the request; a rejection must come out as messages for fields the form has."""
    try:
        return build()
    except ValidationError as exc:
        problems = explain(exc, fields=fields)
    except FormProblem as exc:
        problems = exc.problems
    assert problems
    for name, message in problems.items():
        assert isinstance(message, str) and message.strip()
        assert message[0].isupper() or not message[0].isalpha()
        assert "\x1b" not in message and len(message) <= 400
        assert name == FORM or name in KNOWN_FIELDS, name
    return problems


KNOWN_FIELDS = {
    *CREATE_FIELDS,
    "title",
    "status",
    "external_id",
    "tickets",
    "to",
    "cc",
    "bcc",
    "body",
}
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(form_values(CREATE_FIELDS))
def test_create_form(values: dict[str, str]) -> None:
    result = outcome(
        lambda: create_request(values),
        CreateTicketForm.MODEL_FIELDS,
    )
    if isinstance(result, BaseModel):
        assert all(name and value for name, value in result.form())  # type: ignore[attr-defined]


@FAST
@given(form_values(("title", "status", "external_id")), form_values(("title", "external_id")))
def test_update_form(values: dict[str, str], baseline: dict[str, str]) -> None:
    outcome(lambda: update_request(values, baseline), {"external_primary_id": "external_id"})


@FAST
@given(form_values(("status", "tickets")))
def test_status_form(values: dict[str, str]) -> None:
    result = outcome(lambda: status_request(values), {})
    if isinstance(result, StatusChange):
        assert result.ticket_ids and len(set(result.ticket_ids)) == len(result.ticket_ids)


@FAST
@given(form_values(("to", "cc", "bcc", "status", "body")), st.sampled_from(list(MessageKind)))
def test_reply_and_note_forms(values: dict[str, str], kind: MessageKind) -> None:
    ticket = seed_ticket()
    outcome(
        lambda: message_request(values, ticket_id=ticket.id, kind=kind, channel_id=1),
        MessageForm.MODEL_FIELDS,
    )
