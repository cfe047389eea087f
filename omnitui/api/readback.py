"""Did Omnidesk do what it answered it did? A write's fields, compared with the ticket read back.

An account may answer "Ticket updated." and leave a field as it was: a field it does not take, or
one the key may not change (docs/omnidesk-api.md §10.10). Much of what omnitui writes is inferred
(§10.5, §10.6), so a wrong guess would look exactly like that. After every write the ticket is read
back and each field that was asked for is compared here, and the words say what is true now, as
read back: "Assigned to Finance / marleen", or "Omnidesk accepted the change but the assignment is
still Customer Support: …". No I/O here; the caller reads the ticket and remembers the outcome.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from omnitui.api.models import Ticket, TicketStatus
from omnitui.api.requests import TicketUpdate
from omnitui.core.sanitize import sanitize_line

#: Longest title quoted in a message.
SHOWN_CHARS = 60
#: The end of the sentence about a field the account did not apply.
NOT_ALLOWED = "this account may not allow changing {it} through the API"


class WriteField(StrEnum):
    """A ticket field omnitui writes, as the agent thinks of it (and as the memory keeps it)."""

    TITLE = "title"
    STATUS = "status"
    CUSTOMER = "customer"
    GROUP = "group"
    AGENT = "agent"
    PRIORITY = "priority"
    TAGS = "tags"


#: Each field in the words of "changing the … is unavailable".
FIELD_WORDS: Mapping[WriteField, str] = {
    WriteField.TITLE: "title",
    WriteField.STATUS: "status",
    WriteField.CUSTOMER: "customer",
    WriteField.GROUP: "group",
    WriteField.AGENT: "agent",
    WriteField.PRIORITY: "priority",
    WriteField.TAGS: "tags",
}
ASSIGNMENT = (WriteField.GROUP, WriteField.AGENT)

Value = str | int | tuple[str, ...]


def asked_by(update: TicketUpdate) -> dict[WriteField, Value]:
    """What an update asks of each field it sets, in the form :func:`value_of` reads back."""
    asked: dict[WriteField, Value] = {}
    if update.title is not None:
        asked[WriteField.TITLE] = update.title
    if update.status is not None:
        asked[WriteField.STATUS] = update.status.value
    if update.external_primary_id is not None:
        asked[WriteField.CUSTOMER] = update.external_primary_id
    if update.assigned_group_id is not None:
        asked[WriteField.GROUP] = update.assigned_group_id
    if update.assigned_user_id is not None:
        asked[WriteField.AGENT] = update.assigned_user_id
    if update.priority is not None:
        asked[WriteField.PRIORITY] = update.priority.value
    if update.tags is not None:
        asked[WriteField.TAGS] = update.tags
    return asked


def value_of(ticket: Ticket, field: WriteField) -> Value:
    """A field of the ticket as read, comparable with what was asked."""
    if field is WriteField.TITLE:
        return ticket.title
    if field is WriteField.STATUS:
        return str(ticket.status)
    if field is WriteField.CUSTOMER:
        customer = ticket.customer
        return (customer.external_primary_id or "") if customer is not None else ""
    if field is WriteField.GROUP:
        return ticket.assigned_group_id or 0
    if field is WriteField.AGENT:
        return ticket.assigned_user_id or 0
    if field is WriteField.PRIORITY:
        return str(ticket.priority)
    return tuple(ticket.tags)


def same(field: WriteField, one: Value, other: Value) -> bool:
    """Whether two values of ``field`` are the same to an agent: tags in any order and case,
    text without the spaces a server may trim."""
    if isinstance(one, tuple) and isinstance(other, tuple):
        return {tag.casefold() for tag in one} == {tag.casefold() for tag in other}
    if isinstance(one, str) and isinstance(other, str):
        return " ".join(one.split()) == " ".join(other.split())
    return one == other


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """One field asked for, and what the ticket read back says of it."""

    field: WriteField
    asked: Value
    now: Value
    #: The field is as asked.
    applied: bool
    #: The field is as it was before the write (or what it was is not known): the account
    #: took the call and ignored the field. False when it is something else again.
    unchanged: bool
    #: It already was as asked: the write proved nothing about the account.
    no_op: bool = False


@dataclass(frozen=True, slots=True)
class ReadBack:
    """A write to one ticket as read back: a check per field asked for.

    ``ticket`` is the ticket read back, None when reading it failed (``problem`` says why);
    then nothing is known of the fields and nothing is claimed.
    """

    ticket_id: int
    checks: tuple[FieldCheck, ...]
    ticket: Ticket | None
    problem: str = ""

    @property
    def ok(self) -> bool:
        """Everything asked for is as asked."""
        return self.ticket is not None and all(check.applied for check in self.checks)

    @property
    def ignored(self) -> list[WriteField]:
        """The fields the account took and left as they were."""
        return [c.field for c in self.checks if not c.applied and c.unchanged]

    def text(self) -> str:
        """What changed and what did not, in a sentence or two."""
        if self.ticket is None:
            return (
                f"Omnidesk accepted the change, but reading #{self.ticket_id} back failed "
                f"({self.problem}): refresh it (R) to see what changed."
            )
        return " ".join(part for part in (self.success_text(), self.problem_text()) if part)

    def success_text(self) -> str:
        """The fields that are as asked, as read back: "Assigned to Finance / marleen."."""
        assert self.ticket is not None
        done = {c.field for c in self.checks if c.applied}
        phrases = [_done_phrase(field, self.ticket) for field in _grouped(done, self.checks)]
        return " ".join(f"{phrase}." for phrase in phrases)

    def problem_text(self) -> str:
        """The fields that are not, and why we think so."""
        assert self.ticket is not None
        still = {c.field for c in self.checks if not c.applied and c.unchanged}
        other = [c for c in self.checks if not c.applied and not c.unchanged]
        parts = []
        if still:
            phrases = [_still_phrase(field, self.ticket) for field in _grouped(still, self.checks)]
            it = "it" if len(phrases) == 1 else "them"
            parts.append(
                f"Omnidesk accepted the change but {_join(phrases)}: {NOT_ALLOWED.format(it=it)}."
            )
        if other:
            phrases = [f"{_still_phrase(c.field, self.ticket, now=True)}" for c in other]
            parts.append(
                f"Omnidesk accepted the change but {_join(phrases)}, not what you asked: "
                "someone else may have changed it meanwhile (R refreshes)."
            )
        return " ".join(parts)

    def still_phrase(self, field: WriteField) -> str:
        """What the memory keeps of a field that was not applied: "the tags are still none",
        "the assignment is still Customer Support" (the group or the agent)."""
        assert self.ticket is not None
        return _still_phrase(None if field in ASSIGNMENT else field, self.ticket)


def compare(
    ticket_id: int,
    asked: Mapping[WriteField, Value],
    after: Ticket,
    before: Ticket | None = None,
) -> ReadBack:
    """Check each field of ``asked`` in ``after`` (the ticket read back after the write).

    ``before``: the ticket as it was, when known, to tell "ignored" (as it was) from "changed by
    someone else" (neither as it was nor as asked).
    """
    checks = []
    for field, wanted in asked.items():
        now = value_of(after, field)
        was = value_of(before, field) if before is not None else None
        checks.append(
            FieldCheck(
                field,
                wanted,
                now,
                applied=same(field, wanted, now),
                unchanged=was is None or same(field, was, now),
                no_op=was is not None and same(field, was, wanted),
            )
        )
    return ReadBack(ticket_id, tuple(checks), after)


def unread(ticket_id: int, problem: str) -> ReadBack:
    """A write whose ticket could not be read back."""
    return ReadBack(ticket_id, (), None, problem)


# ----------------------------------------------------------------------------------------------
# Words


def group_text(ticket: Ticket) -> str:
    """The group's name from the ticket's options ("group 10002" if not there), "" for none."""
    name = ticket.group_name or (
        f"group {ticket.assigned_group_id}" if ticket.assigned_group_id else ""
    )
    return sanitize_line(name)


def agent_text(ticket: Ticket) -> str:
    """The agent's name from the ticket's options ("agent 7" if not there), "" for none."""
    name = ticket.user_name or (
        f"agent {ticket.assigned_user_id}" if ticket.assigned_user_id else ""
    )
    return sanitize_line(name)


def assignment_text(ticket: Ticket) -> str:
    """ "Finance / marleen", "Finance", "no group / marleen", or "" for nobody."""
    group, agent = group_text(ticket), agent_text(ticket)
    return f"{group or 'no group'} / {agent}" if agent else group


def tags_text(tags: Sequence[str]) -> str:
    return sanitize_line(", ".join(tags)) if tags else "none"


def _grouped(fields: set[WriteField], checks: Sequence[FieldCheck]) -> list[WriteField | None]:
    """The fields in the order asked, group and agent as one "assignment" (None) when both
    are in ``fields`` or only one of them was asked for."""
    asked = [c.field for c in checks]
    both_asked = all(f in asked for f in ASSIGNMENT)
    together = all(f in fields for f in ASSIGNMENT) or not both_asked
    out: list[WriteField | None] = []
    for field in asked:
        if field not in fields:
            continue
        if field in ASSIGNMENT and together:
            if None not in out:
                out.append(None)
            continue
        out.append(field)
    return out


def _done_phrase(field: WriteField | None, ticket: Ticket) -> str:
    if field is None:
        pair = assignment_text(ticket)
        return f"Assigned to {pair}" if pair else "Unassigned"
    if field is WriteField.GROUP:
        group = group_text(ticket)
        return f"Group is now {group}" if group else "No group"
    if field is WriteField.AGENT:
        agent = agent_text(ticket)
        return f"Agent is now {agent}" if agent else "No agent"
    if field is WriteField.TAGS:
        return f"Tags: {tags_text(ticket.tags)}"
    if field is WriteField.CUSTOMER:
        return f"Customer: {_customer(ticket)}"
    return f"{FIELD_WORDS[field].capitalize()} is now {_field_text(field, ticket)}"


def _still_phrase(field: WriteField | None, ticket: Ticket, *, now: bool = False) -> str:
    verb = "is now" if now else "is still"
    if field is None:
        return f"the assignment {verb} {assignment_text(ticket) or 'nobody'}"
    if field is WriteField.TAGS:
        return f"the tags are {'now' if now else 'still'} {tags_text(ticket.tags)}"
    return f"the {FIELD_WORDS[field]} {verb} {_field_text(field, ticket)}"


def _field_text(field: WriteField, ticket: Ticket) -> str:
    if field is WriteField.TITLE:
        return _quote(ticket.title)
    if field is WriteField.STATUS:
        status = ticket.status
        return status.value if isinstance(status, TicketStatus) else sanitize_line(str(status))
    if field is WriteField.CUSTOMER:
        return _customer(ticket)
    if field is WriteField.GROUP:
        return group_text(ticket) or "no group"
    if field is WriteField.AGENT:
        return agent_text(ticket) or "nobody"
    return sanitize_line(str(value_of(ticket, field))) or "none"


def _customer(ticket: Ticket) -> str:
    customer = ticket.customer
    if customer is None or not customer.external_primary_id:
        return "none linked"
    name = sanitize_line(customer.name)
    ext = sanitize_line(customer.external_primary_id)
    return f"{name} ({ext})" if name else ext


def _quote(value: str) -> str:
    value = sanitize_line(value)
    if len(value) > SHOWN_CHARS:
        value = value[: SHOWN_CHARS - 1] + "…"
    return f"“{value}”"


def _join(phrases: Sequence[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return f"{', '.join(phrases[:-1])} and {phrases[-1]}"
