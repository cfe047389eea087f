"""The hostile demo tickets (900100 and up), built from the strings in :mod:`corpus`.

Each ticket aims at one class of client failure: escape sequences and markup in every field,
a huge mail, pathological nesting, broken HTML, wrong charsets, wide and right-to-left text, and
type drift beyond what the docs show. The sandbox returns all of it unmodified.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol

from omnitui.core.clock import api_date
from omnitui.sandbox.data import corpus, documents
from omnitui.sandbox.data.documents import Doc

Entries = list[tuple[bool, Doc]]

START = datetime(2026, 11, 18, 10, 0, 0)
DATE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


class IdSource(Protocol):
    """The id counters of the seed (see ``timeline.Ids``)."""

    def next_event(self) -> int: ...
    def next_entry(self) -> int: ...
    def next_file(self) -> int: ...


def _at(minutes: int, ticket_offset: int = 0) -> str:
    moment = START + timedelta(days=ticket_offset, minutes=minutes)
    return api_date(moment)


def _ticket(ticket_id: int, title: str, **fields: Any) -> Doc:
    offset = ticket_id - corpus.HOSTILE_TICKET
    doc = documents.ticket(
        ticket_id,
        title=title,
        created_at=_at(0, offset),
        from_address=fields.pop("from_address", "sender@hostile.example"),
        from_name=fields.pop("from_name", ""),
        to_address="service@mybrand.com",
        status=fields.pop("status", "open"),
        assigned_group_id=10003,
    )
    doc.update(fields)
    return doc


def _mail(ids: IdSource, ticket_id: int, at: str, html: str, **fields: Any) -> Doc:
    doc = documents.message(
        ids.next_entry(),
        ticket_id,
        created_at=at,
        content=html,
        from_address=fields.pop("from_address", "sender@hostile.example"),
        to_address="service@mybrand.com",
        status_new="open",
        meta=documents.meta_data(["service@mybrand.com"]),
    )
    doc.update(fields)
    return doc


def _note(ids: IdSource, ticket_id: int, at: str, content: str, user_name: str = "marleen") -> Doc:
    return documents.note(
        ids.next_entry(), ticket_id, created_at=at, content=content, user_id=2, user_name=user_name
    )


def _finish(doc: Doc, entries: Entries) -> tuple[Doc, Entries]:
    times = [
        str(entry["created_at"])
        for _, entry in entries
        if DATE.fullmatch(str(entry.get("created_at"))) and str(entry["created_at"]) < "2026-11-25"
    ]
    if times:
        doc["last_update"] = max(times)
        doc["last_update_customer"] = max(times)
    return doc, entries


def escape_ticket(ids: IdSource) -> tuple[Doc, Entries]:
    """900100: every hostile string in titles, names, tags, file names, notes and mails."""
    tid = corpus.HOSTILE_TICKET
    customer = documents.customer(
        799001,
        brand_id=2,
        external_primary_id="hostile-1",
        firstname=corpus.MARKUP_CLICK,
        lastname=corpus.OSC8_LINK,
        created_at=_at(0),
    )
    channel = documents.customer_channel(
        1399001, brand_id=2, customer_id=799001, channel_id=1, reference=corpus.OSC52_WRITE
    )
    doc = _ticket(
        tid,
        f"Re: {corpus.MARKUP_CLOSE} factuur {corpus.OSC0_TITLE} {corpus.MARKUP_CLICK} "
        f"{corpus.BIDI_OVERRIDE} {corpus.C1_CSI} {corpus.ZERO_WIDTH} {corpus.CARRIAGE_RETURN}",
        from_address="security@evil.example",
        from_name=f"{corpus.CLEAR_SCREEN}Bank {corpus.MARKUP_LINK}",
        to_name=corpus.MARKUP_CLOSE_BOLD,
        tags=",".join(
            (corpus.MARKUP_CLOSE, corpus.OSC0_TITLE, corpus.ZERO_WIDTH, corpus.EMOJI_CODE)
        ),
        customer_id=799001,
        customer=customer,
        customer_channels=[channel],
        customer_custom_fields=[{"id": 11, "name": corpus.MARKUP_LINK, "value": corpus.OSC8_LINK}],
    )
    files = [
        documents.attachment(ids.next_file(), name, 1024 * (index + 1), "application/octet-stream")
        for index, name in enumerate(corpus.HOSTILE_FILE_NAMES)
    ]
    entries: Entries = [
        (
            False,
            documents.event(
                ids.next_event(),
                tid,
                item_type="assigned_group_id",
                item_type_id="10003",
                description=f"Assigned to {corpus.MARKUP_CLOSE}{corpus.OSC52_WRITE}",
                initiated_by=f"trigger: {corpus.C1_CSI}{corpus.MARKUP_CLICK}",
                created_at=_at(0),
            ),
        )
    ]
    minute = 1
    for snippet in corpus.HTML_SNIPPETS:
        entries.append(
            (
                False,
                _mail(
                    ids,
                    tid,
                    _at(minute),
                    corpus.mail_document(snippet),
                    from_name=corpus.HIDDEN_TEXT,
                    files=files if minute == 1 else [],
                ),
            )
        )
        minute += 1
    for text in corpus.ALL_STRINGS:
        entries.append((False, _note(ids, tid, _at(minute), text)))
        minute += 1
    entries.append(
        (False, _note(ids, tid, _at(minute), "Note by a hostile agent name", corpus.MARKUP_CLICK))
    )
    entries.append(
        (
            False,
            {
                "id": str(ids.next_entry()),
                "ticket_id": tid,
                "type": f"{corpus.MARKUP_CLOSE}{corpus.CLEAR_SCREEN}",
                "created_at": _at(minute + 1),
                "content": corpus.OSC52_WRITE,
            },
        )
    )
    return _finish(doc, entries)


def huge_ticket(ids: IdSource) -> tuple[Doc, Entries]:
    """900101: a 2 MB HTML newsletter, and a short note after it."""
    tid = corpus.HUGE_TICKET
    doc = _ticket(tid, "Nieuwsbrief van 2 MB", from_address="news@mybrand-newsletter.example")
    entries: Entries = [
        (False, _mail(ids, tid, _at(1, 1), corpus.huge_html())),
        (False, _note(ids, tid, _at(2, 1), "Deze mail is 2 MB groot.")),
    ]
    return _finish(doc, entries)


def nested_ticket(ids: IdSource) -> tuple[Doc, Entries]:
    """900102: 10,000 unclosed nested list items, and 10,000 nested divs."""
    tid = corpus.NESTED_TICKET
    doc = _ticket(tid, "Diep geneste lijst (10.000 niveaus)")
    entries: Entries = [
        (False, _mail(ids, tid, _at(1, 2), corpus.nested_lists())),
        (False, _mail(ids, tid, _at(2, 2), corpus.nested_divs())),
        (False, _note(ids, tid, _at(3, 2), "Both mails above nest 10,000 levels deep.")),
    ]
    return _finish(doc, entries)


def broken_html_ticket(ids: IdSource) -> tuple[Doc, Entries]:
    """900103: nested tables and broken, unclosed and misnested tags."""
    tid = corpus.BROKEN_HTML_TICKET
    doc = _ticket(tid, "Kapotte HTML en geneste tabellen")
    entries: Entries = [
        (False, _mail(ids, tid, _at(1, 3), corpus.nested_tables())),
        (False, _mail(ids, tid, _at(2, 3), corpus.broken_html())),
    ]
    return _finish(doc, entries)


def mojibake_ticket(ids: IdSource) -> tuple[Doc, Entries]:
    """900104: mojibake, C1 characters from latin-1, and charsets that lie."""
    tid = corpus.MOJIBAKE_TICKET
    doc = _ticket(tid, corpus.MOJIBAKE_CP1252, from_name=corpus.MOJIBAKE_LATIN1)
    entries: Entries = [
        (False, _mail(ids, tid, _at(1, 4), corpus.mojibake_html())),
        (False, _mail(ids, tid, _at(2, 4), corpus.iso_claim_html())),
    ]
    return _finish(doc, entries)


def wide_ticket(ids: IdSource) -> tuple[Doc, Entries]:
    """900105: wide, right-to-left and combining text, a very long word, a lone surrogate."""
    tid = corpus.WIDE_TICKET
    doc = _ticket(
        tid,
        f"{corpus.EMOJI} {corpus.CJK}",
        from_name=corpus.ARABIC,
        tags="📦,注文,עברית",
    )
    rtl = (
        f'<div dir="rtl"><p>{corpus.ARABIC}</p><p>{corpus.HEBREW}</p>'
        "<p>Mixed: order MB-2026-12345 \u200fמספר\u200e and تم الشحن</p></div>"
    )
    entries: Entries = [(False, _mail(ids, tid, _at(1, 5), corpus.mail_document(rtl)))]
    texts = (*corpus.WIDE_STRINGS, corpus.LONG_WORD, corpus.LONE_SURROGATE)
    for minute, text in enumerate(texts, start=2):
        entries.append((False, _note(ids, tid, _at(minute, 5), text, corpus.HEBREW)))
    return _finish(doc, entries)


def drift_ticket(ids: IdSource) -> tuple[Doc, Entries]:
    """900106: unknown enum values, ids of every type, nulls where lists belong, odd dates."""
    tid = corpus.DRIFT_TICKET
    doc = _ticket(
        tid,
        "Type drift: unknown status, odd ids and nulls",
        status="escalated",
        priority="critical",
        show_timeline="1",
        tags=None,
        channel_account_id=0,
        sla_next_breach_seconds="3600",
        assigned_group_id="10003",
        following=0,
        customer_custom_fields=None,
    )
    base = documents.note(
        3143999, tid, created_at=_at(2, 6), content="Note with an int id", user_id=2,
        user_name="marleen",
    )  # fmt: skip
    base["id"] = 3143999
    odd_user = _mail(ids, tid, _at(3, 6), "<p>user_id is a string here</p>", user_id="2")
    null_lists = _mail(ids, tid, _at(4, 6), "<p>files is null</p>", files=None, meta_data="{bad")
    entries: Entries = [
        (
            False,
            documents.event(
                9007199254740993,
                tid,
                item_type="status",
                item_type_id="escalated",
                description="Id above 2**53",
                initiated_by="api",
                created_at=_at(1, 6),
            ),
        ),
        (False, base),
        (False, odd_user),
        (False, null_lists),
        (False, {"id": "77", "ticket_id": tid, "type": "whatsapp_template", "template": "x"}),
        (
            False,
            {
                "id": "78",
                "ticket_id": str(tid),
                "type": "sms",
                "created_at": "0000-00-00 00:00:00",
                "content": None,
            },
        ),
        (False, {"id": "79", "ticket_id": tid, "type": "note", "created_at": "2026-11-26T10:00"}),
    ]
    return _finish(doc, entries)


TICKET_BUILDERS: tuple[Callable[[IdSource], tuple[Doc, Entries]], ...] = (
    escape_ticket,
    huge_ticket,
    nested_ticket,
    broken_html_ticket,
    mojibake_ticket,
    wide_ticket,
    drift_ticket,
)
"""One builder per hostile ticket, in id order."""
