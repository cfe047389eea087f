"""Reply to the customer (``r``) or add an internal note (``i``), with drafts kept per ticket.

Both go out as the agent's Omnidesk user (``userID``, storage/identity.py) when it is known, and
are checked once sent: the ticket is read back, and an entry Omnidesk shows as from someone else,
or not as an answer to the message it answers, is told plainly. A reply answers one message
(``respondMessageID``) and goes on a channel Omnidesk can send on (api/replying.py): a telephone
ticket is answered by e-mail, or not at all when the customer has no address.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.notifications import SeverityLevel
from textual.widget import Widget
from textual.widgets import Static

from omnitui.api.agents import ANONYMOUS, AgentIdentity
from omnitui.api.errors import ApiError
from omnitui.api.models import Channel, Ticket, TimelineEntry
from omnitui.api.replying import (
    READ_BACK,
    answered_entry,
    attribution_problems,
    reply_route,
    sent_entry,
)
from omnitui.api.requests import SUBMIT_STATUSES, MessageKind, NewMessage
from omnitui.tui.forms.compose import ComposeArea, ComposeForm
from omnitui.tui.forms.fields import FormField, choice_field, text_field
from omnitui.tui.forms.reply_context import answered_text, sender_text

if TYPE_CHECKING:
    from omnitui.api.client import OmnideskClient
    from omnitui.storage.drafts import DraftStore

log = logging.getLogger(__name__)

STATUSES: list[tuple[Text, str]] = [
    (Text(status.value), status.value) for status in SUBMIT_STATUSES
]


def message_prefill(ticket: Ticket, kind: MessageKind) -> dict[str, str]:
    values = {"status": "", "body": ""}
    route = reply_route(ticket)
    if kind is MessageKind.REPLY and route.channel_id == Channel.EMAIL:
        values = {"to": route.to_address, "cc": "", "bcc": "", **values}
    return values


def message_request(
    values: Mapping[str, str],
    *,
    ticket_id: int,
    kind: MessageKind,
    channel_id: int,
    respond_message_id: int | None = None,
) -> NewMessage:
    """The form's text as a message; raises pydantic's ValidationError when it is not one."""
    return NewMessage.model_validate(
        {
            "ticket_id": ticket_id,
            "kind": kind,
            "body": values.get("body", ""),
            "channel_id": channel_id,
            "to_address": values.get("to", ""),
            "cc": values.get("cc", ""),
            "bcc": values.get("bcc", ""),
            "submit_status": values.get("status", "") or None,
            "respond_message_id": respond_message_id,
        }
    )


@dataclass(frozen=True, slots=True)
class SentMessage:
    """A message Omnidesk accepted, and what the ticket read back says it did not take."""

    request: NewMessage
    #: Who it was sent as ("Demo Agent", "Anonymous").
    sender: str
    #: Sentences for the agent; empty when Omnidesk shows it as sent.
    problems: tuple[str, ...] = ()


def known_identity(host: object) -> AgentIdentity | None:
    """The agent's user as the app knows it now; None while it is being looked up.

    A host that finds no user (a bare test host) sends as Anonymous.
    """
    if not hasattr(host, "agent_identity"):
        return ANONYMOUS
    identity: AgentIdentity | None = getattr(host, "identity", None)
    return identity


class MessageForm(ComposeForm[SentMessage]):
    """A multi-line editor plus, for e-mail replies, the recipients; dismisses with the message.

    The editor's own keys (``ctrl+e``, canned replies) come from :class:`ComposeForm`.
    """

    AUTOSAVE = True
    KIND: ClassVar[MessageKind]
    MODEL_FIELDS = {"to_address": "to", "submit_status": "status"}

    def __init__(
        self,
        ticket: Ticket,
        *,
        drafts: DraftStore | None = None,
        answering: TimelineEntry | None = None,
    ) -> None:
        self.ticket = ticket
        self.route = reply_route(ticket)
        #: Notes ignore it; replies go out on it.
        self.channel_id = self.route.channel_id
        #: The message a reply answers: the one under the cursor, else the customer's newest.
        replying = self.KIND is MessageKind.REPLY
        self.answered = answered_entry(ticket, answering) if replying else None
        super().__init__(
            prefill=message_prefill(ticket, self.KIND), ticket_id=ticket.id, drafts=drafts
        )
        self.add_class("message-form")

    def compose_fields(self) -> Iterable[Widget]:
        start = self.start
        yield Static(self.context_text(), id="message-context", classes="field-hint")
        if "to" in start:
            yield text_field("to", "To", start["to"])
            yield text_field("cc", "Cc", start["cc"], placeholder="optional")
            yield text_field("bcc", "Bcc", start["bcc"], placeholder="optional")
        yield choice_field("status", "Status after", STATUSES, start["status"], prompt="unchanged")
        yield FormField(
            "body",
            "Message",
            ComposeArea(
                start["body"],
                id="input-body",
                soft_wrap=True,
                tab_behavior="focus",
                placeholder=self.placeholder(),
            ),
        )

    def context_text(self) -> Text:
        """How the message goes: as whom, and for a reply what it answers and on which channel."""
        return Text(sender_text(known_identity(self.app)))

    def on_mount(self) -> None:
        # Textual calls every class's on_mount (FormScreen's too): no super() here.
        if known_identity(self.app) is None:
            self._show_identity_when_found()

    @work(group="identity", exit_on_error=False, description="who the message goes as")
    async def _show_identity_when_found(self) -> None:
        """The agent's user was still being looked up when the form opened: say it once known."""
        await self._identity()
        self.query_one("#message-context", Static).update(self.context_text())

    def placeholder(self) -> str:
        raise NotImplementedError

    def first_focus(self) -> Widget | None:
        return self.query_one("#input-body")

    @property
    def answered_description(self) -> str:
        """The message answered, in words ("" when none)."""
        if self.answered is None:
            return ""
        identity = known_identity(self.app)
        user_id = identity.user_id if identity is not None else None
        return answered_text(self.answered, self.ticket, user_id)

    def build_request(self, values: Mapping[str, str]) -> NewMessage:
        return message_request(
            values,
            ticket_id=self.ticket.id,
            kind=self.KIND,
            channel_id=self.channel_id,
            respond_message_id=int(self.answered.id) if self.answered is not None else None,
        )

    async def send(self, client: OmnideskClient, request: NewMessage) -> SentMessage:
        """Send as the agent's user, then read the ticket back to see that Omnidesk did."""
        identity = await self._identity()
        if identity.user_id is not None:
            request = request.model_copy(update={"user_id": identity.user_id})
        before = {entry.id for entry in self.ticket.timeline}
        await client.add_message(request)
        if request.user_id is None and request.respond_message_id is None:
            return SentMessage(request, identity.label)  # nothing Omnidesk could have dropped
        return SentMessage(
            request, identity.label, tuple(await self._read_back(client, request, before, identity))
        )

    async def _identity(self) -> AgentIdentity:
        find = getattr(self.app, "agent_identity", None)
        return ANONYMOUS if find is None else await find()

    async def _read_back(
        self,
        client: OmnideskClient,
        request: NewMessage,
        before: set[str],
        identity: AgentIdentity,
    ) -> list[str]:
        """What Omnidesk did not take, as the ticket shows it now. Never raises: the message
        went, and a failure here must not make the agent send it again."""
        what = "reply" if request.kind is MessageKind.REPLY else "note"
        try:
            newest = await client.get_newest_entries(self.ticket.id, READ_BACK)
        except Exception as exc:  # an ApiError, or a bug: either way the message went
            if not isinstance(exc, ApiError):
                log.exception("reading the ticket back after sending failed")
            return [
                f"Omnidesk accepted the {what}; reading the ticket back failed "
                f"({str(exc).rstrip('.') or 'see the log'}), so who it shows as was not checked."
            ]
        entry = sent_entry(request, before, newest)
        return attribution_problems(
            request, entry, agent_name=identity.label, answered=self.answered_description
        )

    def success_severity(self, outcome: SentMessage) -> SeverityLevel:
        return "warning" if outcome.problems else "information"

    def sent_text(self, outcome: SentMessage, done: str) -> str:
        """``done`` ("Reply sent on #1.") with who it went as, or what Omnidesk did not take."""
        if outcome.problems:
            return " ".join(outcome.problems)
        return f"{done.removesuffix('.')} as {outcome.sender}."


class ReplyForm(MessageForm):
    """A reply to the customer, on the ticket's channel."""

    KIND = MessageKind.REPLY
    DRAFT_KIND = "reply"
    SUBMIT_LABEL = "Send reply"

    def heading(self) -> Text:
        channel = self.ticket.channel_name or "e-mail"
        if self.route.channel_id == Channel.EMAIL:
            channel = "e-mail"
        return Text.assemble(
            (f"Reply to #{self.ticket.id}", "bold"), f" ({channel}) · ", self.ticket.title
        )

    def context_text(self) -> Text:
        lines = [sender_text(known_identity(self.app))]
        if self.answered is not None:
            lines.insert(0, f"Answering {self.answered_description}.")
        if self.route.note:
            lines.append(self.route.note)
        text = Text("\n".join(lines))
        if self.route.refusal:
            text.append("\n" + self.route.refusal, style="bold")
        return text

    def on_mount(self) -> None:
        # Textual calls every class's on_mount (FormScreen's and MessageForm's too): no super().
        if self.route.refusal:
            self.query_one("#form-submit").disabled = True

    def action_submit(self) -> None:
        """A reply that cannot go out says why instead (the text is kept, as a draft)."""
        if self.route.refusal:
            self.show_message(self.route.refusal, error=True)
            return
        super().action_submit()

    def placeholder(self) -> str:
        return "Write your reply to the customer…"

    def success_message(self, outcome: SentMessage) -> str:
        return self.sent_text(outcome, f"Reply sent on #{self.ticket.id}.")


class NoteForm(MessageForm):
    """An internal note: agents see it, the customer does not."""

    KIND = MessageKind.NOTE
    DRAFT_KIND = "note"
    SUBMIT_LABEL = "Add note"

    def heading(self) -> Text:
        return Text.assemble(
            (f"Internal note on #{self.ticket.id}", "bold"), " · ", self.ticket.title
        )

    def placeholder(self) -> str:
        return "Write a note for your colleagues (the customer does not see it)…"

    def success_message(self, outcome: SentMessage) -> str:
        return self.sent_text(outcome, f"Note added to #{self.ticket.id}.")
