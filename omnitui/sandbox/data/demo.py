"""Ordinary and long demo tickets: customers, realistic timelines, SLA and snooze fields.

Timelines are laid out forward in time from a start moment, with the gaps, status changes,
history events, attachments and odd entry types a real helpdesk accumulates, then stored in
slightly shuffled order because the API does not sort them either. All randomness comes from
the ``random.Random`` the caller passes, so the seed module decides what is reproducible.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from omnitui.sandbox.data import catalog, documents, mail
from omnitui.sandbox.data.documents import Doc

DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
NOW = datetime.strptime(catalog.NOW, DATE_FORMAT)
LATEST = NOW - timedelta(minutes=5)
"""No demo entry is later than this."""
FIRST_TICKET_DAY = datetime(2026, 9, 1, 8, 0, 0)

FIRST_NAMES = {
    "nl": ("Sanne", "Daan", "Emma", "Lucas", "Julia", "Bram", "Fleur", "Thijs", "Lotte", "Ruben",
           "Anouk", "Jeroen", "Marieke", "Pieter", "Ilse", "Koen", "Femke", "Sven", "Noor",
           "Joost"),
    "en": ("Oliver", "Amelia", "Harry", "Isla", "George", "Ava", "Jack", "Mia", "Noah", "Grace",
           "Charlie", "Sophie", "Leo", "Ella", "Arthur", "Freya"),
}  # fmt: skip
LAST_NAMES = {
    "nl": ("de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
           "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker",
           "van Leeuwen", "Brouwer", "Çelik", "El Amrani"),
    "en": ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans", "Thomas",
           "Roberts", "Walker", "Wright", "Hughes", "Clarke", "O'Brien"),
}  # fmt: skip
MAIL_DOMAINS = {
    "nl": ("gmail.com", "hotmail.nl", "outlook.com", "ziggo.nl", "kpnmail.nl", "xs4all.nl"),
    "en": ("gmail.com", "outlook.com", "yahoo.co.uk", "btinternet.com", "icloud.com"),
}
COMPANIES = (
    "Bakkerij De Korenschoof",
    "Van Dijk Installatietechniek",
    "Brightside Studio Ltd",
    "Harbour & Co",
    "Groenrijk Tuinen",
    "Northwind Traders",
    "Fietsenmakerij Spaak",
)
TAGS = ("vip", "refund", "retour", "klacht", "b2b", "social", "urgent-followup", "wachten-op-klant")
TOPIC_GROUPS = {"invoice": 10002, "refund": 10002, "subscription": 10002, "return": 10004,
                "damaged": 10004}  # fmt: skip
ATTACHMENTS = (
    ("IMG_2034.jpg", "image/jpeg"),
    ("factuur.pdf", "application/pdf"),
    ("screenshot 2026-11-03 om 14.22.10.png", "image/png"),
    ("orderbevestiging.pdf", "application/pdf"),
    ("photo_damage.HEIC", "image/heic"),
)
STATUS_WEIGHTS = (("new", 12), ("open", 25), ("pending", 20), ("holding", 8), ("solved", 20),
                  ("closed", 15))  # fmt: skip
PRIORITY_WEIGHTS = (("low", 25), ("medium", 45), ("high", 20), ("urgent", 10))


def fmt(moment: datetime) -> str:
    """Format a datetime the way the API does."""
    return moment.strftime(DATE_FORMAT)


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
class Customer:
    """A demo customer with what mails need to know about them."""

    doc: Doc
    channels: list[Doc]
    lang: str
    email: str
    phone: str
    company: str


@dataclass
class Built:
    """A generated ticket: its document and its timeline as ``(history_only, entry)``."""

    doc: Doc
    entries: list[tuple[bool, Doc]] = field(default_factory=list)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_text.lower())


def customers(rng: random.Random, ids: Ids) -> list[Customer]:
    """Return the demo customers: Dutch and English names, e-mail addresses, some phones."""
    customers: list[Customer] = []
    used: set[str] = set()
    for number in range(140):
        lang = "nl" if rng.random() < 0.6 else "en"
        first = rng.choice(FIRST_NAMES[lang])
        last = rng.choice(LAST_NAMES[lang])
        brand = 2 if rng.random() < 0.7 else 3
        customer_id = 700001 + number
        external = (
            str(rng.randint(10**16, 10**17 - 1)) if rng.random() < 0.5 else f"C-{100000 + number}"
        )
        created = FIRST_TICKET_DAY - timedelta(seconds=rng.randint(30 * 86400, 3 * 365 * 86400))
        email = f"{_slug(first)}.{_slug(last)}@{rng.choice(MAIL_DOMAINS[lang])}"
        if email in used:
            email = email.replace("@", f"{number}@")
        used.add(email)
        digits = "".join(str(rng.randint(0, 9)) for _ in range(8))
        phone = f"+316{digits}" if lang == "nl" else f"+4477{digits}"
        channels = [
            documents.customer_channel(
                ids.next_channel(),
                brand_id=brand,
                customer_id=customer_id,
                channel_id=1,
                reference=email,
            )
        ]
        if rng.random() < 0.4:
            channels.append(
                documents.customer_channel(
                    ids.next_channel(),
                    brand_id=brand,
                    customer_id=customer_id,
                    channel_id=2,
                    reference=phone,
                )
            )
        doc = documents.customer(
            customer_id,
            brand_id=brand,
            external_primary_id=external,
            firstname=first,
            lastname=last,
            created_at=fmt(created),
        )
        customers.append(Customer(doc, channels, lang, email, phone, rng.choice(COMPANIES)))
    return customers


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _context(rng: random.Random, customer: Customer | None, lang: str, brand: int) -> mail.Context:
    if customer is not None:
        first = str(customer.doc["firstname"])
        name = f"{first} {customer.doc['lastname']}"
        email, phone, company = customer.email, customer.phone, customer.company
    else:
        first, name = "", ""
        email = f"{rng.choice(('info', 'kees1971', 'j.doe', 'sales'))}@unknown-sender.example"
        phone, company = "+31201234567", rng.choice(COMPANIES)
    whole, cents = rng.randint(9, 480), rng.randint(0, 99)
    amount = f"€ {whole},{cents:02d}" if lang == "nl" else f"€{whole}.{cents:02d}"
    day = FIRST_TICKET_DAY + timedelta(days=rng.randint(0, 80))
    return mail.Context(
        lang=lang,
        first=first or ("klant" if lang == "nl" else "there"),
        name=name or email,
        email=email,
        brand=catalog.BRANDS[brand],
        brand_address=catalog.BRAND_ADDRESSES[brand],
        agent=rng.choice(tuple(catalog.USERS.values())).capitalize(),
        order=f"{'MB' if brand == 2 else 'OB'}-2026-{rng.randint(10000, 99999)}",
        product=rng.choice(mail.products()),
        amount=amount,
        invoice=f"F{rng.randint(2026000, 2026999)}",
        date=day.strftime("%d-%m-%Y") if lang == "nl" else day.strftime("%d %B %Y"),
        phone=phone,
        company=company,
        website=f"https://www.{_slug(company)}.example",
    )


class _Timeline:
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

    def files(self, chance: float, names: tuple[tuple[str, str], ...] = ATTACHMENTS) -> list[Doc]:
        if self.rng.random() >= chance:
            return []
        picked = self.rng.sample(names, self.rng.randint(1, min(2, len(names))))
        return [
            documents.attachment(self.ids.next_file(), name, self.rng.randint(9_000, 4_000_000), mt)
            for name, mt in picked
        ]

    def customer_mail(self, at: datetime, content: mail.Mail, status: str, **extra: object) -> None:
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
            files=self.files(0.1, (("retourlabel.pdf", "application/pdf"),)),
            cc=cc,
        )
        self.entries.append((False, doc))
        self.last_agent = at

    def note(self, at: datetime, user_id: int, status: str) -> None:
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
            label = "Inkomend gesprek" if ctx.lang == "nl" else "Inbound call"
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
        comment = "Snel geholpen, top!" if self.ctx.lang == "nl" else "Quick and friendly."
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


def _gap(rng: random.Random, low_minutes: int, high_minutes: int) -> timedelta:
    return timedelta(seconds=rng.randint(low_minutes * 60, high_minutes * 60))


@dataclass(frozen=True)
class _Plan:
    """The choices that make an ordinary ticket, before its timeline is laid out in time."""

    ticket_id: int
    customer: Customer | None
    topic: mail.Topic
    ctx: mail.Context
    status: str
    priority: str
    channel: int
    agent: int
    brand: int


def ordinary_ticket(
    rng: random.Random, ticket_id: int, customers: list[Customer], ids: Ids
) -> Built:
    """Return one ordinary ticket: a topic, a customer (or none), a status and its history."""
    customer = rng.choice(customers) if rng.random() < 0.92 else None
    lang = customer.lang if customer else rng.choice(("nl", "en"))
    brand = int(customer.doc["brand_id"]) if customer else rng.choice((2, 3))
    topic = rng.choice(mail.topics())
    ctx = _context(rng, customer, lang, brand)
    status = _weighted(rng, STATUS_WEIGHTS)
    priority = _weighted(rng, PRIORITY_WEIGHTS)
    channel = rng.choices((1, 8, 2), weights=(85, 8, 7))[0]
    agent = rng.choice(tuple(catalog.USERS))
    ctx = dataclasses.replace(ctx, agent=catalog.user_name(agent).capitalize())
    t0 = FIRST_TICKET_DAY + timedelta(
        seconds=rng.randint(0, int((NOW - FIRST_TICKET_DAY).total_seconds()) - 6 * 86400)
    )
    if status in catalog.OPEN_STATUSES and rng.random() < 0.6:
        t0 = NOW - timedelta(seconds=rng.randint(3600, 5 * 86400))
    plan = _Plan(ticket_id, customer, topic, ctx, status, priority, channel, agent, brand)
    # A timeline that would run past NOW is laid out again, earlier, from the same random
    # state: moving dates afterwards would leave the dates quoted inside the mails wrong.
    state, counters = rng.getstate(), dict(vars(ids))
    built = _ordinary_timeline(rng, ids, plan, t0)
    overshoot = datetime.strptime(str(built.doc["last_update"]), DATE_FORMAT) - LATEST
    if overshoot > timedelta(0):
        rng.setstate(state)
        vars(ids).update(counters)
        built = _ordinary_timeline(rng, ids, plan, t0 - overshoot)
    return built


def _ordinary_timeline(rng: random.Random, ids: Ids, plan: _Plan, t0: datetime) -> Built:
    ticket_id, customer, topic, ctx = plan.ticket_id, plan.customer, plan.topic, plan.ctx
    status, priority, channel, agent = plan.status, plan.priority, plan.channel, plan.agent
    brand = plan.brand
    line = _Timeline(rng, ids, ticket_id, ctx)
    first = mail.customer_mail(rng, topic, ctx)
    group = TOPIC_GROUPS.get(topic.key, 10003)
    assign = (
        t0 + timedelta(seconds=6),
        "assigned_group_id",
        str(group),
        f"Assigned to {catalog.GROUPS[group]}",
        rng.choice(("trigger: Assign to service", "trigger: Route by keyword")),
    )
    if rng.random() < 0.5:  # stored before the mail it follows, as in the seed's example
        line.event(*assign, history=False)
        assign_done = True
    else:
        assign_done = False
    line.event(
        t0, "status", "new", "Status set to new", catalog.channel_name(channel), history=True
    )
    if channel == 1:
        line.customer_mail(t0, first, "new")
    else:
        line.contact(t0, channel, "new")
    if not assign_done:
        line.event(*assign, history=False)
    t = t0 + timedelta(seconds=6)
    if priority in ("high", "urgent"):
        t += _gap(rng, 1, 30)
        line.event(t, "priority", priority, f"Priority set to {priority}", "trigger: VIP customer",
                   history=True)  # fmt: skip
    if status != "new" or rng.random() < 0.3:
        t += _gap(rng, 5, 240)
        line.event(t, "viewed", str(agent), f"Ticket viewed by {catalog.user_name(agent)}",
                   catalog.user_name(agent), history=True)  # fmt: skip
    if rng.random() < 0.3 or status == "holding":
        t += _gap(rng, 2, 120)
        line.note(t, agent, "new" if status == "new" else "open")
    if rng.random() < 0.06 and channel == 1:
        t += _gap(rng, 10, 600)
        line.contact(t, 2, "open")

    last_reply: mail.Mail | None = None
    if status != "new":
        rounds = {"open": rng.randint(0, 2), "solved": rng.randint(1, 2),
                  "closed": rng.randint(1, 2)}.get(status, rng.randint(1, 2))  # fmt: skip
        for round_number in range(rounds):
            t += _gap(rng, 20, 1800)
            final = round_number == rounds - 1
            reply_status = {"solved": "solved", "closed": "solved", "holding": "holding"}.get(
                status, "pending"
            )
            reply_status = reply_status if final else "pending"
            quoted = first if round_number == 0 and channel == 1 else None
            last_reply = mail.agent_reply(rng, topic, ctx, quoted, t0)
            replied_at = t
            line.agent_mail(t, last_reply, reply_status, agent)
            line.event(t, "status", reply_status, f"Status changed to {reply_status}",
                       catalog.user_name(agent), history=True)  # fmt: skip
            if not final or status == "open":
                t += _gap(rng, 30, 2880)
                followup = mail.customer_followup(rng, topic, ctx, last_reply, replied_at)
                line.customer_mail(t, followup, "open")
                line.event(t, "status", "open", "Status changed to open",
                           "trigger: Reopen on customer reply", history=True)  # fmt: skip
        if status == "open" and rounds == 0:
            line.event(t + timedelta(minutes=3), "status", "open", "Status changed to open",
                       catalog.user_name(agent), history=True)  # fmt: skip
    if status in ("solved", "closed") and rng.random() < 0.15:
        t += _gap(rng, 60, 2880)
        line.survey(t)
    if status == "closed":
        t += timedelta(days=7)
        line.event(t, "status", "closed", "Status changed to closed",
                   "trigger: Close solved tickets after 7 days", history=True)  # fmt: skip

    _shuffle_a_little(rng, line.entries)
    built = Built(_ordinary_doc(rng, ticket_id, ctx, customer, topic, status, priority, channel,
                                agent, brand, group, t0, line), line.entries)  # fmt: skip
    return built


def _ordinary_doc(
    rng: random.Random,
    ticket_id: int,
    ctx: mail.Context,
    customer: Customer | None,
    topic: mail.Topic,
    status: str,
    priority: str,
    channel: int,
    agent: int,
    brand: int,
    group: int,
    t0: datetime,
    line: _Timeline,
) -> Doc:
    doc = documents.ticket(
        ticket_id,
        title=mail.title(rng, topic, ctx),
        created_at=fmt(t0),
        channel_id=channel,
        brand_id=brand,
        from_address=ctx.phone if channel == 2 else ctx.email,
        from_name=ctx.name if customer and rng.random() < 0.7 else "",
        to_address=ctx.brand_address,
        to_name=ctx.brand if rng.random() < 0.5 else "",
        status=status,
        priority=priority,
        assigned_group_id=group,
        assigned_user_id=0 if status == "new" and rng.random() < 0.8 else agent,
        form_id=3 if rng.random() < 0.1 else None,
        customer=customer.doc if customer else None,
        customer_channels=customer.channels if customer else (),
    )
    times = [str(entry["created_at"]) for _, entry in line.entries if "created_at" in entry]
    doc["last_update"] = max(times)
    doc["last_update_customer"] = fmt(line.last_customer) if line.last_customer else None
    doc["last_update_agent"] = fmt(line.last_agent) if line.last_agent else None
    first_message = next((e for h, e in line.entries if not h and e.get("external_id")), None)
    if first_message is not None:
        doc["external_id"] = first_message["external_id"]
    if customer is not None and rng.random() < 0.4:
        doc["external_gui_url"] = (
            f"https://crm.{_slug(ctx.brand)}.example/?ticketID={ticket_id}"
            f"#{customer.doc['external_primary_id']}"
        )
    if status == "closed":
        doc["closed_at"] = doc["last_update"]
    if status in ("solved", "closed") and rng.random() < 0.3:
        doc["grade_by_customer"] = rng.randint(1, 5)
    if status in catalog.OPEN_STATUSES:
        _set_sla(rng, doc, t0, replied=line.last_agent is not None)
    if status == "holding" and rng.random() < 0.6:
        doc["snooze_time"] = fmt(NOW + timedelta(hours=rng.randint(2, 24 * 6)))
        doc["snooze_time_sent"] = 0
    if rng.random() < 0.5:
        doc["tags"] = ",".join(rng.sample(TAGS, rng.randint(1, 3)))
    doc["show_timeline"] = 0 if rng.random() < 0.05 else 1
    doc["following"] = rng.random() < 0.1
    if customer is not None and rng.random() < 0.2:
        label = "Klantnummer" if ctx.lang == "nl" else "Customer number"
        doc["customer_custom_fields"] = [
            {"id": 11, "name": label, "value": customer.doc["external_primary_id"]},
            {"id": 12, "name": "Loyalty tier", "value": rng.choice(("Bronze", "Silver", "Gold"))},
        ]
    return doc


def _set_sla(rng: random.Random, doc: Doc, t0: datetime, *, replied: bool) -> None:
    """Give an open ticket an SLA deadline around the fixed NOW: some ahead, some breached."""
    offset = rng.randint(-2 * 86400, 10 * 86400) if rng.random() < 0.85 else rng.randint(60, 3600)
    breach = NOW + timedelta(seconds=offset)
    doc["sla_policy_id"] = 5 if doc["brand_id"] == 2 else 7
    doc["sla_next_breach"] = fmt(breach)
    doc["sla_next_breach_current_status"] = "breached" if offset < 0 else "active"
    doc["sla_next_breach_seconds"] = offset
    key = "sla_breach_next_reply_time" if replied else "sla_breach_first_reply_time"
    doc[key] = fmt(breach)
    if rng.random() < 0.2:
        doc["sla_breach_user_work_time"] = fmt(t0 + timedelta(days=5))


def _shuffle_a_little(rng: random.Random, entries: list[tuple[bool, Doc]]) -> None:
    """Swap one pair of neighbours now and then: the API does not sort timelines either."""
    if len(entries) > 3 and rng.random() < 0.2:
        index = rng.randint(1, len(entries) - 2)
        entries[index], entries[index + 1] = entries[index + 1], entries[index]


def long_ticket(
    rng: random.Random, ticket_id: int, size: int, customer: Customer, ids: Ids
) -> Built:
    """Return a ticket with ``size`` timeline entries spread over almost three years."""
    lang = customer.lang
    brand = int(customer.doc["brand_id"])
    ctx = _context(rng, customer, lang, brand)
    title = (
        f"Doorlopend contact {ctx.company} ({size} berichten)"
        if lang == "nl"
        else f"Ongoing correspondence with {ctx.company} ({size} entries)"
    )
    start = datetime(2024, 1, 2, 8, 0, 0)
    step = (NOW - timedelta(days=2) - start) / size
    line = _Timeline(rng, ids, ticket_id, ctx)
    previous: mail.Mail | None = None
    previous_at = start
    t = start
    for _ in range(size):
        t += step * (0.5 + rng.random())
        topic = rng.choice(mail.topics())
        roll = rng.random()
        agent = rng.choice(tuple(catalog.USERS))
        # Quote only the fresh part of the previous mail, or quotes nest without end.
        quoted = mail.Mail(previous.fresh, previous.fresh) if previous else None
        if roll < 0.40:
            content = (
                mail.customer_followup(rng, topic, ctx, quoted, previous_at)
                if quoted
                else mail.customer_mail(rng, topic, ctx)
            )
            line.customer_mail(t, content, "open")
            previous, previous_at = content, t
        elif roll < 0.70:
            agent_ctx = dataclasses.replace(ctx, agent=catalog.user_name(agent).capitalize())
            previous = mail.agent_reply(rng, topic, agent_ctx, quoted, previous_at)
            previous_at = t
            line.agent_mail(t, previous, rng.choice(("pending", "open", "solved")), agent)
        elif roll < 0.85:
            line.note(t, agent, "open")
        else:
            status = rng.choice(("open", "pending", "solved"))
            line.event(t, "status", status, f"Status changed to {status}",
                       catalog.user_name(agent), history=False)  # fmt: skip
    doc = documents.ticket(
        ticket_id,
        title=title,
        created_at=fmt(start),
        brand_id=brand,
        from_address=ctx.email,
        from_name=ctx.name,
        to_address=ctx.brand_address,
        status="open",
        priority="high",
        assigned_group_id=10003,
        assigned_user_id=2,
        customer=customer.doc,
        customer_channels=customer.channels,
    )
    doc["last_update"] = fmt(t)
    doc["last_update_customer"] = fmt(line.last_customer) if line.last_customer else None
    doc["last_update_agent"] = fmt(line.last_agent) if line.last_agent else None
    doc["tags"] = "b2b,vip"
    _set_sla(rng, doc, start, replied=True)
    return Built(doc, line.entries)
