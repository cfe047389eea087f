"""Realistic Dutch and English support mail, as HTML the way mail clients produce it.

The demo data should exercise the client the way real mail does: HTML documents with a head and
styles, paragraphs, bold and italics, lists, order tables, signatures with links and inline
images, Gmail and Outlook style quoted replies, and plain-text mails with ``> `` quotes. Every
choice comes from the ``random.Random`` passed in, so the same seed gives the same mail. The
phrases and templates are data, in ``files/mail.toml``.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Final

from omnitui.core.markup import strip_tags
from omnitui.sandbox.data import packaged

Lang = str
"""``"nl"`` or ``"en"``."""


@dataclass(frozen=True)
class Mail:
    """One mail: ``html`` is the stored ``content``, ``fresh`` only the new text, no quotes."""

    html: str
    fresh: str


@dataclass(frozen=True)
class Topic:
    """What a ticket is about, with phrases for each language."""

    key: str
    titles: dict[Lang, tuple[str, ...]]
    problems: dict[Lang, tuple[str, ...]]
    answers: dict[Lang, tuple[str, ...]]
    followups: dict[Lang, tuple[str, ...]]


@dataclass(frozen=True)
class Context:
    """The facts a mail refers to; the phrase templates use these names."""

    lang: Lang
    first: str
    name: str
    email: str
    brand: str
    brand_address: str
    agent: str
    order: str
    product: str
    amount: str
    invoice: str
    date: str
    phone: str
    company: str
    website: str


@dataclass(frozen=True)
class Phrases:
    """What mails say in one language, besides the topics (``files/mail.toml``)."""

    greetings: tuple[str, ...]
    closings: tuple[str, ...]
    tried_heading: str
    tried: tuple[str, ...]
    agent_hello: str
    agent_thanks: tuple[str, ...]
    agent_bye: str
    notes: tuple[str, ...]
    chat: tuple[str, ...]
    months: tuple[str, ...]
    order_intro: str
    order_table_heads: tuple[str, ...]
    sent_from_phone: str
    quote_header_labels: tuple[str, ...]
    attribution: str
    date_joiner: str


@dataclass(frozen=True)
class MailData:
    """Everything in ``files/mail.toml``."""

    topics: tuple[Topic, ...]
    products: tuple[str, ...]
    tracking_hosts: tuple[str, ...]
    tracking_label: str
    fonts: tuple[str, ...]
    document_head: str
    phrases: dict[Lang, Phrases]


LANGS: Final = ("nl", "en")


@functools.cache
def _mail_data() -> MailData:
    """Return the phrase lists and templates of ``files/mail.toml`` (read once)."""
    raw = packaged.load_toml("mail.toml")
    topics = tuple(
        Topic(
            key=topic["key"],
            titles={lang: tuple(topic[lang]["titles"]) for lang in LANGS},
            problems={lang: tuple(topic[lang]["problems"]) for lang in LANGS},
            answers={lang: tuple(topic[lang]["answers"]) for lang in LANGS},
            followups={lang: tuple(topic[lang]["followups"]) for lang in LANGS},
        )
        for topic in raw["topics"]
    )
    phrases = {
        lang: Phrases(
            **{
                name: tuple(value) if isinstance(value, list) else value
                for name, value in raw[lang].items()
            }
        )
        for lang in LANGS
    }
    return MailData(
        topics=topics,
        products=tuple(raw["products"]),
        tracking_hosts=tuple(raw["tracking_hosts"]),
        tracking_label=raw["tracking_label"],
        fonts=tuple(raw["fonts"]),
        document_head=raw["document_head"],
        phrases=phrases,
    )


def topics() -> tuple[Topic, ...]:
    """Return the topics tickets are about, in file order."""
    return _mail_data().topics


def products() -> tuple[str, ...]:
    """Return the products mails mention, in file order."""
    return _mail_data().products


def _phrases(lang: Lang) -> Phrases:
    return _mail_data().phrases[lang]


def fill(template: str, ctx: Context) -> str:
    """Fill a phrase template with the context's facts (HTML-escaped)."""
    values = {key: escape(str(value)) for key, value in vars(ctx).items()}
    return template.format(**values)


def title(rng: random.Random, topic: Topic, ctx: Context) -> str:
    """Return a ticket title (plain text, not HTML) for ``topic``."""
    raw = rng.choice(topic.titles[ctx.lang])
    return raw.format(**vars(ctx))


def _wrap(body: str, rng: random.Random) -> str:
    data = _mail_data()
    return data.document_head.format(font=rng.choice(data.fonts)) + body + "</div></body></html>\n"


def _order_table(rng: random.Random, ctx: Context) -> str:
    heads = _phrases(ctx.lang).order_table_heads
    rows = []
    for _ in range(rng.randint(1, 4)):
        product = escape(rng.choice(products()))
        qty = rng.randint(1, 3)
        price = f"€ {rng.randint(9, 399)},{rng.randint(0, 99):02d}"
        rows.append(f"<tr><td>{product}</td><td align='right'>{qty}</td><td>{price}</td></tr>")
    cells = "".join(f"<th>{h}</th>" for h in heads)
    return (
        '<table border="1" cellpadding="4" cellspacing="0" style="border-collapse:collapse">'
        f"<thead><tr>{cells}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _customer_signature(rng: random.Random, ctx: Context) -> str:
    parts = [f"--<br><b>{escape(ctx.name)}</b>"]
    if rng.random() < 0.5:
        parts.append(escape(ctx.company))
    if rng.random() < 0.6:
        parts.append(f'Tel: <a href="tel:{escape(ctx.phone)}">{escape(ctx.phone)}</a>')
    if rng.random() < 0.5:
        parts.append(f'<a href="{escape(ctx.website)}">{escape(ctx.website)}</a>')
    if rng.random() < 0.3:
        parts.append(
            f'<img src="cid:image001.png@01DB3C1A.5E2F8A40" alt="{escape(ctx.company)} logo" '
            'width="96" height="32">'
        )
    if rng.random() < 0.2:
        parts = [_phrases(ctx.lang).sent_from_phone]
    return '<div class="sig">' + "<br>".join(parts) + "</div>"


def customer_mail(rng: random.Random, topic: Topic, ctx: Context) -> Mail:
    """Return the customer's first mail about ``topic``."""
    if rng.random() < 0.12:
        return plain_customer_mail(rng, topic, ctx)
    phrases = _phrases(ctx.lang)
    lines = [f"<p>{rng.choice(phrases.greetings)}</p>"]
    lines.append(f"<p>{fill(rng.choice(topic.problems[ctx.lang]), ctx)}</p>")
    if rng.random() < 0.3:
        heading, items = phrases.tried_heading, phrases.tried
        chosen = rng.sample(items, rng.randint(2, len(items)))
        bullets = "".join(f"<li>{escape(item)}</li>" for item in chosen)
        tag = "ol" if rng.random() < 0.3 else "ul"
        lines.append(f"<p>{heading}</p><{tag}>{bullets}</{tag}>")
    if rng.random() < 0.25:
        lines.append(f"<p>{phrases.order_intro}</p>{_order_table(rng, ctx)}")
    if rng.random() < 0.3:
        host = rng.choice(_mail_data().tracking_hosts)
        code = f"3S{rng.randint(10**9, 10**10 - 1)}"
        label = _mail_data().tracking_label
        lines.append(f'<p>{label}: <a href="{host}{code}">{host}{code}</a></p>')
    lines.append(f"<p>{rng.choice(phrases.closings)}<br>{escape(ctx.first)}</p>")
    fresh = "".join(lines)
    return Mail(_wrap(fresh + _customer_signature(rng, ctx), rng), fresh)


def plain_customer_mail(rng: random.Random, topic: Topic, ctx: Context) -> Mail:
    """Return a text/plain-only mail (no tags at all), as some mail clients send."""
    phrases = _phrases(ctx.lang)
    problem = strip_tags(rng.choice(topic.problems[ctx.lang]).format(**vars(ctx)), layout=False)[0]
    text = (
        f"{rng.choice(phrases.greetings)}\n\n{problem}\n\n"
        f"{rng.choice(phrases.closings)}\n{ctx.first}\n"
    )
    return Mail(text, text)


def agent_reply(
    rng: random.Random,
    topic: Topic,
    ctx: Context,
    quoted: Mail | None,
    quoted_at: datetime | None = None,
) -> Mail:
    """Return an agent's reply, quoting the customer's mail (sent at ``quoted_at``)."""
    phrases = _phrases(ctx.lang)
    answer = fill(rng.choice(topic.answers[ctx.lang]), ctx)
    lines = [
        f"<p>{fill(phrases.agent_hello, ctx)}</p>",
        f"<p>{rng.choice(phrases.agent_thanks)} {answer}</p>",
        f"<p>{fill(phrases.agent_bye, ctx)}</p>",
    ]
    fresh = "".join(lines)
    body = fresh
    if quoted is not None:
        body += (
            f"<p>{escape(_attribution(ctx, f'{ctx.name} <{ctx.email}>', quoted_at))}</p>"
            f'<blockquote type="cite">{_inner(quoted)}</blockquote>'
        )
    return Mail(_wrap(body, rng), fresh)


def customer_followup(
    rng: random.Random,
    topic: Topic,
    ctx: Context,
    quoted: Mail,
    quoted_at: datetime | None = None,
) -> Mail:
    """Return the customer's answer to an agent reply, quoted Gmail, Outlook or plain style."""
    answer = fill(rng.choice(topic.followups[ctx.lang]), ctx)
    sender = f"{ctx.brand} <{ctx.brand_address}>"
    style = rng.random()
    if style < 0.25:
        text = strip_tags(_inner(quoted), layout=False)[0]
        quote = "\n".join(f"> {line}" if line else ">" for line in text.splitlines())
        plain = f"{answer}\n\n{ctx.first}\n\n{_attribution(ctx, sender, quoted_at)}\n{quote}\n"
        return Mail(plain, f"{answer}\n\n{ctx.first}\n")
    fresh = f"<p>{answer}</p><p>{escape(ctx.first)}</p>"
    if style < 0.4:
        # Plain "> " quoting inside HTML, as some webmails send it.
        lines = strip_tags(_inner(quoted), layout=False)[0].splitlines()
        quote = (
            f"<p>{escape(_attribution(ctx, sender, quoted_at))}</p><p>"
            + "<br>".join(f"&gt; {escape(line)}" for line in lines)
            + "</p>"
        )
    elif style < 0.7:
        quote = (
            f'<div class="gmail_quote"><div>{escape(_attribution(ctx, sender, quoted_at))}'
            '</div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex;'
            f'border-left:1px #ccc solid;padding-left:1ex">{_inner(quoted)}</blockquote></div>'
        )
    else:
        labels = _phrases(ctx.lang).quote_header_labels
        header = "<br>".join(
            f"<b>{label}:</b> {escape(value)}"
            for label, value in zip(
                labels,
                (sender, mail_date(ctx.lang, quoted_at), ctx.email, f"RE: {ctx.order}"),
                strict=True,
            )
        )
        quote = (
            '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
            f"<p>{header}</p></div>{_inner(quoted)}"
        )
    return Mail(_wrap(fresh + quote, rng), fresh)


def note_text(rng: random.Random, ctx: Context) -> str:
    """Return an agent's internal note (plain text, as the seed's note is)."""
    return rng.choice(_phrases(ctx.lang).notes).format(**vars(ctx))


def chat_transcript(rng: random.Random, ctx: Context) -> str:
    """Return a short live-chat transcript, one line per turn."""
    lines = _phrases(ctx.lang).chat
    count = rng.randint(3, len(lines))
    return "\n".join(line.format(**vars(ctx)) for line in lines[:count])


def mail_date(lang: Lang, when: datetime | None) -> str:
    """Return a date as mail clients write it in attributions ("14 okt. 2026 om 10:12")."""
    moment = when or datetime(2026, 10, 14, 10, 12)
    phrases = _phrases(lang)
    month = phrases.months[moment.month - 1]
    joiner = phrases.date_joiner
    return f"{moment.day} {month} {moment.year} {joiner} {moment:%H:%M}"


def _attribution(ctx: Context, sender: str, when: datetime | None) -> str:
    return _phrases(ctx.lang).attribution.format(date=mail_date(ctx.lang, when), sender=sender)


def _inner(mail: Mail) -> str:
    """Return the part of a mail that goes inside a quote (no doctype, head or body tags)."""
    html = mail.html
    start = html.find('<div dir="ltr"')
    if start >= 0:
        return html[start : html.rfind("</body>")]
    if html.lstrip().startswith("<"):
        return html  # already a fragment
    return escape(html).replace("\n", "<br>")
