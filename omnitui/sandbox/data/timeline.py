"""A ticket's timeline as a helpdesk accumulates it: mails, notes, calls, chats and events.

:class:`Timeline` appends entries in the order they happen, with ids from the shared :class:`Ids`
counters and dates on the demo calendar, which ends at the seed's fixed ``NOW``.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from omnitui.core.clock import API_DATE_FORMAT, api_date
from omnitui.sandbox.data import catalog, documents, mail
from omnitui.sandbox.data.documents import Doc
from omnitui.sandbox.data.vocabulary import vocabulary

NOW = datetime.strptime(catalog.NOW, API_DATE_FORMAT)
LATEST = NOW - timedelta(minutes=5)
"""No demo entry is later than this."""
FIRST_TICKET_DAY = datetime(2026, 9, 1, 8, 0, 0)


def fmt(moment: datetime) -> str:
    """Format a datetime the way the API does."""
    return api_date(moment)


class Ids:
    """Id counters shared by all generated data, so every id is unique in the database."""

    def __init__(self) -> None:
        self.event = 5_000_000
        self.entry = 4_000_000
        self.file = 60_000
        self.channel = 1_300_000

    def next_event(self) -> int:
        """Return a new event id (events have int ids)."""
        self.event += 1
        return self.event

    def next_entry(self) -> int:
        """Return a new message/note id (sent as a string)."""
        self.entry += 1
        return self.entry

    def next_file(self) -> int:
        """Return a new attachment id."""
        self.file += 1
        return self.file

    def next_channel(self) -> int:
        """Return a new customer-channel id."""
        self.channel += 1
        return self.channel


@dataclass
class Built:
    """A generated ticket: its document and its timeline as ``(history_only, entry)``."""

    doc: Doc
    entries: list[tuple[bool, Doc]] = field(default_factory=list)


class Timeline:
    """Builds one ticket's timeline forward in time."""

    def __init__(self, rng: random.Random, ids: Ids, ticket_id: int, ctx: mail.Context) -> None:
        self.rng = rng
        self.ids = ids
        self.ticket_id = ticket_id
        self.ctx = ctx
        self.entries: list[tuple[bool, Doc]] = []
        self.last_customer: datetime | None = None
        self.last_agent: datetime | None = None

    def event(
        self, at: datetime, item_type: str, type_id: str, text: str, by: str, *, history: bool
    ) -> None:
        """Add an event; ``history`` ones only show with ``getTicketHistory``."""
        doc = documents.event(
            self.ids.next_event(),
            self.ticket_id,
            item_type=item_type,
            item_type_id=type_id,
            description=text,
            initiated_by=by,
            created_at=fmt(at),
        )
        self.entries.append((history, doc))

    def files(self, chance: float, names: tuple[tuple[str, str], ...] | None = None) -> list[Doc]:
        """Return attachments (customers' files by default), or none, by ``chance``."""
        if names is None:
            names = vocabulary().attachments
        if self.rng.random() >= chance:
            return []
        picked = self.rng.sample(names, self.rng.randint(1, min(2, len(names))))
        return [
            documents.attachment(self.ids.next_file(), name, self.rng.randint(9_000, 4_000_000), mt)
            for name, mt in picked
        ]

    def customer_mail(self, at: datetime, content: mail.Mail, status: str, **extra: object) -> None:
        """Add the customer's mail ``content``, received at ``at``."""
        ctx = self.ctx
        doc = documents.message(
            self.ids.next_entry(),
            self.ticket_id,
            created_at=fmt(at),
            content=content.html,
            content_whole=content.fresh,
            direction="inbound",
            from_address=ctx.email,
            to_address=ctx.brand_address,
            from_name=ctx.name if self.rng.random() < 0.7 else "",
            user_name="Anonymous",
            status_new=status,
            external_id=f"{self.rng.getrandbits(64):016X}.{len(self.entries) + 1}",
            meta=documents.meta_data([ctx.brand_address]),
            files=self.files(0.15),
        )
        doc.update(extra)
        self.entries.append((False, doc))
        self.last_customer = at

    def agent_mail(self, at: datetime, content: mail.Mail, status: str, user_id: int) -> None:
        """Add an agent's reply ``content``, sent at ``at``."""
        ctx = self.ctx
        cc = [f"finance@{ctx.brand_address.split('@')[1]}"] if self.rng.random() < 0.1 else []
        doc = documents.message(
            self.ids.next_entry(),
            self.ticket_id,
            created_at=fmt(at),
            content=content.html,
            content_whole=content.fresh,
            direction="outbound",
            from_address=ctx.brand_address,
            to_address=ctx.email,
            to_name=ctx.name,
            user_id=user_id,
            user_name=catalog.user_name(user_id),
            status_new=status,
            meta=documents.meta_data([ctx.email], cc),
            files=self.files(0.1, vocabulary().agent_attachments),
            cc=cc,
        )
        self.entries.append((False, doc))
        self.last_agent = at

    def note(self, at: datetime, user_id: int, status: str) -> None:
        """Add an internal note by agent ``user_id``."""
        doc = documents.note(
            self.ids.next_entry(),
            self.ticket_id,
            created_at=fmt(at),
            content=mail.note_text(self.rng, self.ctx),
            user_id=user_id,
            user_name=catalog.user_name(user_id),
            status_new=status,
            pinned=1 if self.rng.random() < 0.1 else 0,
        )
        self.entries.append((False, doc))
        self.last_agent = at

    def contact(self, at: datetime, channel_id: int, status: str) -> None:
        """Add a chat transcript (channel 8) or a call log (channel 2)."""
        ctx = self.ctx
        if channel_id == 8:
            kind, content = "chat", mail.chat_transcript(self.rng, ctx)
            meta = json.dumps({"chatSessionID": f"cs-{self.rng.getrandbits(32):08x}"})
        else:
            seconds = self.rng.randint(40, 900)
            kind = "calllog"
            label = vocabulary().lang(ctx.lang).call_label
            content = f"{label}, {seconds // 60}:{seconds % 60:02d} min"
            meta = json.dumps({"duration": seconds, "number": ctx.phone, "direction": "inbound"})
        doc = documents.message(
            self.ids.next_entry(),
            self.ticket_id,
            created_at=fmt(at),
            content=content,
            channel_id=channel_id,
            direction="inbound",
            from_address=ctx.phone if channel_id == 2 else ctx.email,
            to_address=None,
            from_name=ctx.name,
            status_new=status,
            entry_type=kind,
            meta=meta,
        )
        self.entries.append((False, doc))
        self.last_customer = at

    def survey(self, at: datetime) -> None:
        """Add an entry of a type the docs never mention; clients must keep it."""
        score = self.rng.randint(1, 5)
        comment = vocabulary().lang(self.ctx.lang).survey_comment
        doc: Doc = {
            "id": str(self.ids.next_entry()),
            "ticket_id": self.ticket_id,
            "type": "survey_result",
            "created_at": fmt(at),
            "score": score,
            "comment": comment if score > 2 else "",
            "meta_data": json.dumps({"survey_id": 3, "scale": 5}),
        }
        self.entries.append((False, doc))
