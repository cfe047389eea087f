"""Realistic Dutch and English support mail, as HTML the way mail clients produce it.

The demo data should exercise the client the way real mail does: HTML documents with a head and
styles, paragraphs, bold and italics, lists, order tables, signatures with links and inline
images, Gmail and Outlook style quoted replies, and plain-text mails with ``> `` quotes. Every
choice comes from the ``random.Random`` passed in, so the same seed gives the same mail.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Final

from omnitui.core.markup import strip_tags

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


TOPICS: Final[tuple[Topic, ...]] = (
    Topic(
        "delivery",
        {
            "nl": ("Waar blijft mijn bestelling {order}?", "Bestelling {order} nog niet ontvangen"),
            "en": ("Where is my order {order}?", "Order {order} has not arrived"),
        },
        {
            "nl": (
                "Op {date} heb ik bestelling <b>{order}</b> geplaatst, maar ik heb nog steeds "
                "niets ontvangen. Volgens de track &amp; trace ligt het pakket al vier dagen "
                "<i>in het sorteercentrum</i>.",
                "Mijn bestelling {order} ({product}) zou gisteren bezorgd worden. De bezorger "
                "is niet geweest en ik heb ook geen kaartje in de bus gehad.",
            ),
            "en": (
                "I placed order <b>{order}</b> on {date} and it still has not arrived. The "
                "tracking page has said <i>out for delivery</i> for three days now.",
                "My order {order} (a {product}) was due yesterday. Nobody came and there was "
                "no card through the door either.",
            ),
        },
        {
            "nl": (
                "Ik heb navraag gedaan bij de vervoerder: uw pakket is vandaag opnieuw "
                "aangeboden en wordt morgen tussen 9:00 en 13:00 bezorgd.",
                "Het pakket is helaas zoekgeraakt. We hebben vandaag kosteloos een nieuwe "
                "{product} naar u verstuurd.",
            ),
            "en": (
                "I checked with the carrier: your parcel was sorted again today and will be "
                "delivered tomorrow between 9am and 1pm.",
                "Unfortunately the parcel was lost. We have sent you a new {product} today, "
                "free of charge.",
            ),
        },
        {
            "nl": (
                "Dank u, het pakket is net bezorgd!",
                "Het is inmiddels vrijdag en er is nog steeds niets bezorgd. Kunt u het geld "
                "terugstorten?",
            ),
            "en": (
                "Thanks, the parcel just arrived!",
                "It is Friday now and nothing has arrived yet. Could you refund me instead?",
            ),
        },
    ),
    Topic(
        "invoice",
        {
            "nl": ("Vraag over factuur {invoice}", "Factuur {invoice} klopt niet"),
            "en": ("Question about invoice {invoice}", "Invoice {invoice} is wrong"),
        },
        {
            "nl": (
                "Op factuur {invoice} staat een bedrag van <b>{amount}</b>, maar volgens mijn "
                "orderbevestiging had dat minder moeten zijn. Er lijkt twee keer "
                "verzendkosten te zijn gerekend.",
                "Kunt u factuur {invoice} opnieuw sturen op naam van {company}? Onze "
                "administratie heeft het btw-nummer erop nodig.",
            ),
            "en": (
                "Invoice {invoice} says <b>{amount}</b>, but my order confirmation was lower. "
                "It looks like shipping was charged twice.",
                "Could you reissue invoice {invoice} to {company}? Our accounts department "
                "needs our VAT number on it.",
            ),
        },
        {
            "nl": (
                "U heeft gelijk, de verzendkosten zijn dubbel berekend. U ontvangt een "
                "creditfactuur en het verschil wordt binnen vijf werkdagen teruggestort.",
                "In de bijlage vindt u de aangepaste factuur met het juiste btw-nummer.",
            ),
            "en": (
                "You are right, shipping was charged twice. You will receive a credit note "
                "and the difference will be refunded within five working days.",
                "Please find attached the corrected invoice with your VAT number.",
            ),
        },
        {
            "nl": ("Prima, dank voor de snelle reactie.", "Ik zie de creditfactuur nog niet."),
            "en": ("Great, thanks for the quick reply.", "I still have not seen the credit note."),
        },
    ),
    Topic(
        "return",
        {
            "nl": ("Retour aanvragen voor bestelling {order}", "Ik wil de {product} retourneren"),
            "en": ("Return request for order {order}", "I would like to return the {product}"),
        },
        {
            "nl": (
                "Ik wil graag de {product} uit bestelling {order} retourneren. Hij past niet "
                "goed bij de rest van onze inrichting.",
                "De {product} is te klein. Kan ik hem ruilen voor een grotere maat of krijg "
                "ik het geld terug?",
            ),
            "en": (
                "I would like to return the {product} from order {order}. It does not go "
                "with the rest of our furniture.",
                "The {product} is too small. Can I exchange it for a larger size, or get a refund?",
            ),
        },
        {
            "nl": (
                "U kunt de {product} binnen 30 dagen kosteloos retourneren. Het retourlabel "
                "staat in de bijlage; plak het op de doos en lever hem in bij een PostNL-punt.",
                "Ruilen kan zeker. Stuur de {product} terug met het bijgevoegde label, dan "
                "versturen we de grotere maat zodra we hem binnen hebben.",
            ),
            "en": (
                "You can return the {product} free of charge within 30 days. The return "
                "label is attached; stick it on the box and drop it at any post office.",
                "An exchange is no problem. Send the {product} back with the attached label "
                "and we will ship the larger size as soon as it arrives.",
            ),
        },
        {
            "nl": ("Het pakket is vandaag verstuurd.", "Het label werkt niet bij het postpunt."),
            "en": ("I sent the parcel today.", "The post office could not scan the label."),
        },
    ),
    Topic(
        "damaged",
        {
            "nl": ("Product beschadigd ontvangen", "{product} kapot aangekomen"),
            "en": ("Item arrived damaged", "{product} broken on arrival"),
        },
        {
            "nl": (
                "Vandaag is de {product} bezorgd, maar de doos was ingedeukt en het glas is "
                "<b>gebarsten</b>. Zie de foto in de bijlage.",
                "Bij het uitpakken van de {product} zag ik een grote kras aan de zijkant.",
            ),
            "en": (
                "The {product} was delivered today but the box was crushed and the glass is "
                "<b>cracked</b>. Photo attached.",
                "When I unpacked the {product} I found a deep scratch along the side.",
            ),
        },
        {
            "nl": (
                "Wat vervelend! We sturen direct een nieuwe {product}; de beschadigde mag u "
                "houden of weggooien.",
                "Dank voor de foto. Wilt u ook een foto van de verzenddoos sturen? Die hebben "
                "we nodig voor de claim bij de vervoerder.",
            ),
            "en": (
                "I am sorry to hear that! We are sending a new {product} right away; you can "
                "keep or discard the damaged one.",
                "Thanks for the photo. Could you also send one of the shipping box? We need it "
                "for the claim with the carrier.",
            ),
        },
        {
            "nl": ("Hierbij de foto van de doos.", "Top, dank u wel!"),
            "en": ("Here is the photo of the box.", "Brilliant, thank you!"),
        },
    ),
    Topic(
        "address",
        {
            "nl": ("Adreswijziging", "Ander bezorgadres voor {order}"),
            "en": ("Change of delivery address", "New address for order {order}"),
        },
        {
            "nl": (
                "We zijn verhuisd. Kunt u bestelling {order} naar ons nieuwe adres sturen? "
                "<br>Nieuwe adres: Kerkstraat 12, 3511 LK Utrecht.",
                "Ik heb per ongeluk mijn oude adres ingevuld bij bestelling {order}.",
            ),
            "en": (
                "We have moved. Could you send order {order} to our new address?<br>New "
                "address: 14 Mill Lane, Bristol BS1 4DJ.",
                "I entered my old address by mistake for order {order}.",
            ),
        },
        {
            "nl": (
                "Het adres is aangepast; de bestelling was nog niet verzonden.",
                "Helaas was de bestelling al onderweg. De vervoerder stuurt hem terug naar ons "
                "en wij versturen hem opnieuw naar het nieuwe adres.",
            ),
            "en": (
                "The address has been changed; the order had not shipped yet.",
                "Unfortunately the order had already shipped. The carrier will return it and "
                "we will send it on to your new address.",
            ),
        },
        {
            "nl": ("Fijn, bedankt.", "Hoe lang duurt dat ongeveer?"),
            "en": ("Lovely, thanks.", "How long will that take?"),
        },
    ),
    Topic(
        "subscription",
        {
            "nl": ("Abonnement opzeggen", "Opzegging abonnement klantnummer {invoice}"),
            "en": ("Cancel my subscription", "Subscription cancellation {invoice}"),
        },
        {
            "nl": (
                "Ik wil mijn abonnement per direct opzeggen. Er is deze maand wel weer "
                "<b>{amount}</b> afgeschreven.",
                "Graag zeg ik mijn abonnement op per het einde van de maand. Kunt u de "
                "opzegging bevestigen?",
            ),
            "en": (
                "I would like to cancel my subscription immediately. <b>{amount}</b> was "
                "taken again this month.",
                "Please cancel my subscription at the end of the month and confirm the "
                "cancellation.",
            ),
        },
        {
            "nl": (
                "Uw abonnement is opgezegd per {date}. De afschrijving van deze maand storten "
                "we terug.",
                "We hebben de opzegging verwerkt. U ontvangt nog een bevestiging per e-mail.",
            ),
            "en": (
                "Your subscription has been cancelled as of {date}. We will refund this "
                "month's payment.",
                "The cancellation has been processed; a confirmation e-mail is on its way.",
            ),
        },
        {
            "nl": ("Bevestiging ontvangen, bedankt.", "Ik heb nog geen bevestiging gehad."),
            "en": ("Got the confirmation, thanks.", "I have not received a confirmation."),
        },
    ),
    Topic(
        "login",
        {
            "nl": ("Kan niet inloggen", "Wachtwoord vergeten, resetmail komt niet aan"),
            "en": ("Cannot log in to my account", "Password reset e-mail never arrives"),
        },
        {
            "nl": (
                "Sinds gisteren kan ik niet meer inloggen. Ik krijg steeds de melding "
                "<i>Ongeldige gebruikersnaam of wachtwoord</i>.",
                "Ik heb drie keer op <b>Wachtwoord vergeten</b> geklikt, maar er komt geen "
                "mail binnen, ook niet in de spam.",
            ),
            "en": (
                "Since yesterday I cannot log in. It keeps saying <i>Invalid username or "
                "password</i>.",
                "I clicked <b>Forgot password</b> three times but no e-mail arrives, not even "
                "in spam.",
            ),
        },
        {
            "nl": (
                "Uw account was tijdelijk geblokkeerd na te veel pogingen. Ik heb de blokkade "
                "opgeheven; u kunt het nu opnieuw proberen.",
                "Ik heb handmatig een resetlink verstuurd naar {email}.",
            ),
            "en": (
                "Your account was locked after too many attempts. I have unlocked it; please "
                "try again.",
                "I have sent a reset link to {email} manually.",
            ),
        },
        {
            "nl": ("Het werkt weer!", "Nog steeds geen mail ontvangen."),
            "en": ("It works again!", "Still no e-mail."),
        },
    ),
    Topic(
        "refund",
        {
            "nl": ("Terugbetaling nog niet ontvangen", "Waar blijft mijn geld? ({order})"),
            "en": ("Refund not received yet", "Where is my refund? ({order})"),
        },
        {
            "nl": (
                "Twee weken geleden heb ik de {product} geretourneerd, maar ik heb de "
                "<b>{amount}</b> nog niet terug op mijn rekening.",
                "Jullie bevestigden op {date} dat de retour is ontvangen. Wanneer wordt het "
                "bedrag teruggestort?",
            ),
            "en": (
                "I returned the {product} two weeks ago but the <b>{amount}</b> is not back in "
                "my account yet.",
                "You confirmed receipt of my return on {date}. When will the money be refunded?",
            ),
        },
        {
            "nl": (
                "De terugbetaling van {amount} is vandaag verwerkt. Het kan 3 tot 5 werkdagen "
                "duren voordat het bedrag op uw rekening staat.",
                "Ik zie dat de retour nog niet is afgemeld in het magazijn; ik heb het "
                "magazijn gevraagd dit vandaag te doen.",
            ),
            "en": (
                "The refund of {amount} was processed today. It can take 3 to 5 working days "
                "to show in your account.",
                "The warehouse had not booked the return in yet; I have asked them to do it today.",
            ),
        },
        {
            "nl": ("Het geld is binnen, dank!", "Nog steeds niets ontvangen."),
            "en": ("The money arrived, thanks!", "Still nothing."),
        },
    ),
    Topic(
        "warranty",
        {
            "nl": ("Garantie op {product}", "{product} doet het niet meer"),
            "en": ("Warranty claim for {product}", "{product} stopped working"),
        },
        {
            "nl": (
                "Mijn {product} is nog geen jaar oud en gaat niet meer aan. Valt dit onder de "
                "garantie?",
                "De {product} maakt sinds kort een raar piepend geluid.",
            ),
            "en": (
                "My {product} is less than a year old and will not switch on any more. Is "
                "this covered by the warranty?",
                "The {product} has started making a strange squeaking noise.",
            ),
        },
        {
            "nl": (
                "Dit valt onder de garantie. Stuur de {product} op met het bijgevoegde label; "
                "reparatie duurt ongeveer twee weken.",
                "Kunt u het serienummer sturen? Dat staat op de onderkant van de {product}.",
            ),
            "en": (
                "This is covered by the warranty. Send the {product} with the attached label; "
                "repair takes about two weeks.",
                "Could you send us the serial number? It is on the bottom of the {product}.",
            ),
        },
        {
            "nl": ("Serienummer: SN-4471-0032.", "Verstuurd, bedankt."),
            "en": ("Serial number: SN-4471-0032.", "Posted it today, thanks."),
        },
    ),
    Topic(
        "discount",
        {
            "nl": ("Kortingscode werkt niet", "Code WINTER26 wordt geweigerd"),
            "en": ("Discount code not working", "Code WINTER26 is rejected"),
        },
        {
            "nl": (
                "Bij het afrekenen krijg ik de melding dat de kortingscode <b>WINTER26</b> "
                "ongeldig is, terwijl hij nog tot eind november geldig zou zijn.",
                "Ik heb de code uit jullie nieuwsbrief gebruikt maar de korting is niet "
                "verrekend op bestelling {order}.",
            ),
            "en": (
                "At checkout I am told the code <b>WINTER26</b> is invalid, but it should be "
                "valid until the end of November.",
                "I used the code from your newsletter but the discount was not applied to "
                "order {order}.",
            ),
        },
        {
            "nl": (
                "De code geldt alleen voor bestellingen vanaf {amount}. Ik heb de korting "
                "handmatig verrekend.",
                "Er ging iets mis met de code; de korting is alsnog teruggestort.",
            ),
            "en": (
                "The code only applies to orders over {amount}. I have applied the discount "
                "manually.",
                "Something went wrong with the code; we have refunded the discount.",
            ),
        },
        {
            "nl": ("Super, dank je wel.", "Ik zie de korting nog niet terug."),
            "en": ("Great, thank you.", "I still do not see the discount."),
        },
    ),
)

PRODUCTS: Final = (
    "Barista Pro koffiezetapparaat",
    "X200 wireless headphones",
    "Trail 3 hiking boots",
    "Flex standing desk",
    "Lumen 6 e-reader",
    "Nordic wool blanket",
    "Aero 2 bike helmet",
    "SmartPlug 4-pack",
)

TRACKING_HOSTS: Final = ("https://jouw.postnl.nl/track-and-trace/", "https://track.dhl.example/")

_GREETING: Final[dict[Lang, tuple[str, ...]]] = {
    "nl": ("Beste klantenservice,", "Goedemiddag,", "Hallo,", "Geachte heer/mevrouw,"),
    "en": ("Hello,", "Hi there,", "Dear customer service,", "Good afternoon,"),
}
_CLOSING: Final[dict[Lang, tuple[str, ...]]] = {
    "nl": ("Met vriendelijke groet,", "Groeten,", "Alvast bedankt!", "Mvg,"),
    "en": ("Kind regards,", "Best,", "Thanks in advance,", "Cheers,"),
}
_TRIED: Final[dict[Lang, tuple[str, tuple[str, ...]]]] = {
    "nl": (
        "Wat ik al geprobeerd heb:",
        (
            "de pagina opnieuw geladen",
            "een andere browser gebruikt",
            "de klantenservice gebeld (geen gehoor)",
            "de app opnieuw geïnstalleerd",
        ),
    ),
    "en": (
        "What I have tried so far:",
        (
            "reloading the page",
            "a different browser",
            "calling you (nobody answered)",
            "reinstalling the app",
        ),
    ),
}
_AGENT_HELLO: Final[dict[Lang, str]] = {"nl": "Beste {first},", "en": "Hi {first},"}
_AGENT_THANKS: Final[dict[Lang, tuple[str, ...]]] = {
    "nl": ("Bedankt voor uw bericht.", "Dank voor uw geduld.", "Excuses voor het ongemak."),
    "en": ("Thanks for getting in touch.", "Thanks for your patience.", "Sorry for the trouble."),
}
_AGENT_BYE: Final[dict[Lang, str]] = {
    "nl": "Met vriendelijke groet,<br>{agent}<br><b>Klantenservice {brand}</b>",
    "en": "Kind regards,<br>{agent}<br><b>{brand} Customer Support</b>",
}
_NOTES: Final[dict[Lang, tuple[str, ...]]] = {
    "nl": (
        "Klant heeft ook gebeld, zelfde vraag.",
        "Gecheckt bij magazijn: pakket is op {date} verstuurd.",
        "Let op: klant is al eerder gecompenseerd (zie {order}).",
        "Doorgezet naar Finance voor creditering van {amount}.",
        "Wacht op foto's van de klant.",
    ),
    "en": (
        "Customer also phoned about this.",
        "Checked with the warehouse: shipped on {date}.",
        "Heads-up: we compensated this customer before (see {order}).",
        "Passed to Finance for a credit of {amount}.",
        "Waiting for photos from the customer.",
    ),
}
_CHAT_LINES: Final[dict[Lang, tuple[str, ...]]] = {
    "nl": (
        "Klant: Hallo, is er iemand?",
        "{agent}: Goedemiddag, waarmee kan ik u helpen?",
        "Klant: Het gaat over bestelling {order}.",
        "{agent}: Een moment, ik kijk het even voor u na.",
        "Klant: Dank je!",
    ),
    "en": (
        "Customer: Hi, anyone there?",
        "{agent}: Good afternoon, how can I help?",
        "Customer: It's about order {order}.",
        "{agent}: One moment while I look that up.",
        "Customer: Thanks!",
    ),
}
_MONTHS: Final[dict[Lang, tuple[str, ...]]] = {
    "nl": ("jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.",
           "dec."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}  # fmt: skip

_HEAD: Final = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN" '
    '"http://www.w3.org/TR/REC-html40/loose.dtd">\n'
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    "<style>p{{margin:0 0 8px 0}} .sig{{color:#555;font-size:12px}}</style></head>"
    '<body><div dir="ltr" style="font-family:{font}">'
)
_FONTS: Final = ("Calibri,sans-serif", "Arial,Helvetica,sans-serif", "Georgia,serif")


def fill(template: str, ctx: Context) -> str:
    """Fill a phrase template with the context's facts (HTML-escaped)."""
    values = {key: escape(str(value)) for key, value in vars(ctx).items()}
    return template.format(**values)


def title(rng: random.Random, topic: Topic, ctx: Context) -> str:
    """Return a ticket title (plain text, not HTML) for ``topic``."""
    raw = rng.choice(topic.titles[ctx.lang])
    return raw.format(**vars(ctx))


def _wrap(body: str, rng: random.Random) -> str:
    return _HEAD.format(font=rng.choice(_FONTS)) + body + "</div></body></html>\n"


def _order_table(rng: random.Random, ctx: Context) -> str:
    heads = ("Artikel", "Aantal", "Prijs") if ctx.lang == "nl" else ("Item", "Qty", "Price")
    rows = []
    for _ in range(rng.randint(1, 4)):
        product = escape(rng.choice(PRODUCTS))
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
        mobile = "Verzonden vanaf mijn iPhone" if ctx.lang == "nl" else "Sent from my iPhone"
        parts = [mobile]
    return '<div class="sig">' + "<br>".join(parts) + "</div>"


def customer_mail(rng: random.Random, topic: Topic, ctx: Context) -> Mail:
    """Return the customer's first mail about ``topic``."""
    if rng.random() < 0.12:
        return plain_customer_mail(rng, topic, ctx)
    lines = [f"<p>{rng.choice(_GREETING[ctx.lang])}</p>"]
    lines.append(f"<p>{fill(rng.choice(topic.problems[ctx.lang]), ctx)}</p>")
    if rng.random() < 0.3:
        heading, items = _TRIED[ctx.lang]
        chosen = rng.sample(items, rng.randint(2, len(items)))
        bullets = "".join(f"<li>{escape(item)}</li>" for item in chosen)
        tag = "ol" if rng.random() < 0.3 else "ul"
        lines.append(f"<p>{heading}</p><{tag}>{bullets}</{tag}>")
    if rng.random() < 0.25:
        intro = "Mijn bestelling:" if ctx.lang == "nl" else "My order:"
        lines.append(f"<p>{intro}</p>{_order_table(rng, ctx)}")
    if rng.random() < 0.3:
        host = rng.choice(TRACKING_HOSTS)
        code = f"3S{rng.randint(10**9, 10**10 - 1)}"
        label = "Track &amp; trace"
        lines.append(f'<p>{label}: <a href="{host}{code}">{host}{code}</a></p>')
    lines.append(f"<p>{rng.choice(_CLOSING[ctx.lang])}<br>{escape(ctx.first)}</p>")
    fresh = "".join(lines)
    return Mail(_wrap(fresh + _customer_signature(rng, ctx), rng), fresh)


def plain_customer_mail(rng: random.Random, topic: Topic, ctx: Context) -> Mail:
    """Return a text/plain-only mail (no tags at all), as some mail clients send."""
    problem = rng.choice(topic.problems[ctx.lang]).format(**vars(ctx))
    for tag in ("<b>", "</b>", "<i>", "</i>"):
        problem = problem.replace(tag, "")
    problem = problem.replace("<br>", "\n").replace("&amp;", "&")
    text = (
        f"{rng.choice(_GREETING[ctx.lang])}\n\n{problem}\n\n"
        f"{rng.choice(_CLOSING[ctx.lang])}\n{ctx.first}\n"
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
    answer = fill(rng.choice(topic.answers[ctx.lang]), ctx)
    lines = [
        f"<p>{fill(_AGENT_HELLO[ctx.lang], ctx)}</p>",
        f"<p>{rng.choice(_AGENT_THANKS[ctx.lang])} {answer}</p>",
        f"<p>{fill(_AGENT_BYE[ctx.lang], ctx)}</p>",
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
        labels = (
            ("Van", "Verzonden", "Aan", "Onderwerp")
            if ctx.lang == "nl"
            else (
                "From",
                "Sent",
                "To",
                "Subject",
            )
        )
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
    return rng.choice(_NOTES[ctx.lang]).format(**vars(ctx))


def chat_transcript(rng: random.Random, ctx: Context) -> str:
    """Return a short live-chat transcript, one line per turn."""
    count = rng.randint(3, len(_CHAT_LINES[ctx.lang]))
    return "\n".join(line.format(**vars(ctx)) for line in _CHAT_LINES[ctx.lang][:count])


def mail_date(lang: Lang, when: datetime | None) -> str:
    """Return a date as mail clients write it in attributions ("14 okt. 2026 om 10:12")."""
    moment = when or datetime(2026, 10, 14, 10, 12)
    month = _MONTHS[lang][moment.month - 1]
    joiner = "om" if lang == "nl" else "at"
    return f"{moment.day} {month} {moment.year} {joiner} {moment:%H:%M}"


def _attribution(ctx: Context, sender: str, when: datetime | None) -> str:
    if ctx.lang == "nl":
        return f"Op {mail_date(ctx.lang, when)} schreef {sender}:"
    return f"On {mail_date(ctx.lang, when)}, {sender} wrote:"


def _inner(mail: Mail) -> str:
    """Return the part of a mail that goes inside a quote (no doctype, head or body tags)."""
    html = mail.html
    start = html.find('<div dir="ltr"')
    if start >= 0:
        return html[start : html.rfind("</body>")]
    if html.lstrip().startswith("<"):
        return html  # already a fragment
    return escape(html).replace("\n", "<br>")
