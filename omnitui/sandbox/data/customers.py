"""Demo customers: Dutch and English names, e-mail addresses, phones and the facts mails cite."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from omnitui.sandbox.data import catalog, documents, mail
from omnitui.sandbox.data.documents import Doc
from omnitui.sandbox.data.timeline import FIRST_TICKET_DAY, Ids, fmt
from omnitui.sandbox.data.vocabulary import vocabulary


@dataclass
class Customer:
    """A demo customer with what mails need to know about them."""

    doc: Doc
    channels: list[Doc]
    lang: str
    email: str
    phone: str
    company: str


def slug(text: str) -> str:
    """Return the lower-case ASCII letters of ``text`` (for addresses and host names)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_text.lower())


def demo_customers(rng: random.Random, ids: Ids) -> list[Customer]:
    """Return the demo customers: Dutch and English names, e-mail addresses, some phones."""
    customers: list[Customer] = []
    used: set[str] = set()
    for number in range(140):
        lang = "nl" if rng.random() < 0.6 else "en"
        lists = vocabulary().lang(lang)
        first = rng.choice(lists.first_names)
        last = rng.choice(lists.last_names)
        brand = 2 if rng.random() < 0.7 else 3
        customer_id = 700001 + number
        external = (
            str(rng.randint(10**16, 10**17 - 1)) if rng.random() < 0.5 else f"C-{100000 + number}"
        )
        created = FIRST_TICKET_DAY - timedelta(seconds=rng.randint(30 * 86400, 3 * 365 * 86400))
        email = f"{slug(first)}.{slug(last)}@{rng.choice(lists.mail_domains)}"
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
        customers.append(
            Customer(doc, channels, lang, email, phone, rng.choice(vocabulary().companies))
        )
    return customers


def mail_context(
    rng: random.Random, customer: Customer | None, lang: str, brand: int
) -> mail.Context:
    """Return the facts a ticket's mails refer to: the customer (or an unknown sender), an order."""
    if customer is not None:
        first = str(customer.doc["firstname"])
        name = f"{first} {customer.doc['lastname']}"
        email, phone, company = customer.email, customer.phone, customer.company
    else:
        first, name = "", ""
        email = f"{rng.choice(vocabulary().unknown_senders)}@unknown-sender.example"
        phone, company = "+31201234567", rng.choice(vocabulary().companies)
    whole, cents = rng.randint(9, 480), rng.randint(0, 99)
    amount = f"€ {whole},{cents:02d}" if lang == "nl" else f"€{whole}.{cents:02d}"
    day = FIRST_TICKET_DAY + timedelta(days=rng.randint(0, 80))
    return mail.Context(
        lang=lang,
        first=first or vocabulary().lang(lang).anonymous_first,
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
        website=f"https://www.{slug(company)}.example",
    )
