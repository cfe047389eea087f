"""Ordinary and long demo tickets: realistic timelines, SLA and snooze fields.

Timelines are laid out forward in time from a start moment, with the gaps, status changes,
history events, attachments and odd entry types a real helpdesk accumulates, then stored in
slightly shuffled order because the API does not sort them either. All randomness comes from
the ``random.Random`` the caller passes, so the seed module decides what is reproducible.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from omnitui.core.clock import API_DATE_FORMAT
from omnitui.sandbox.data import catalog, documents, mail
from omnitui.sandbox.data.customers import Customer, mail_context, slug
from omnitui.sandbox.data.documents import Doc
from omnitui.sandbox.data.timeline import (
    FIRST_TICKET_DAY,
    LATEST,
    NOW,
    Built,
    Ids,
    Timeline,
    fmt,
)
from omnitui.sandbox.data.vocabulary import vocabulary

TOPIC_GROUPS = {"invoice": 10002, "refund": 10002, "subscription": 10002, "return": 10004,
                "damaged": 10004}  # fmt: skip
STATUS_WEIGHTS = (("new", 12), ("open", 25), ("pending", 20), ("holding", 8), ("solved", 20),
                  ("closed", 15))  # fmt: skip
PRIORITY_WEIGHTS = (("low", 25), ("medium", 45), ("high", 20), ("urgent", 10))


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


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
    ctx = mail_context(rng, customer, lang, brand)
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
    overshoot = datetime.strptime(str(built.doc["last_update"]), API_DATE_FORMAT) - LATEST
    if overshoot > timedelta(0):
        rng.setstate(state)
        vars(ids).update(counters)
        built = _ordinary_timeline(rng, ids, plan, t0 - overshoot)
    return built


def _ordinary_timeline(rng: random.Random, ids: Ids, plan: _Plan, t0: datetime) -> Built:
    ticket_id, customer, topic, ctx = plan.ticket_id, plan.customer, plan.topic, plan.ctx
    status, priority, channel, agent = plan.status, plan.priority, plan.channel, plan.agent
    brand = plan.brand
    line = Timeline(rng, ids, ticket_id, ctx)
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
    line: Timeline,
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
            f"https://crm.{slug(ctx.brand)}.example/?ticketID={ticket_id}"
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
        doc["tags"] = ",".join(rng.sample(vocabulary().tags, rng.randint(1, 3)))
    doc["show_timeline"] = 0 if rng.random() < 0.05 else 1
    doc["following"] = rng.random() < 0.1
    if customer is not None and rng.random() < 0.2:
        label = vocabulary().lang(ctx.lang).customer_number_label
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
    ctx = mail_context(rng, customer, lang, brand)
    title = vocabulary().lang(lang).long_ticket_title.format(company=ctx.company, size=size)
    start = datetime(2024, 1, 2, 8, 0, 0)
    step = (NOW - timedelta(days=2) - start) / size
    line = Timeline(rng, ids, ticket_id, ctx)
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
