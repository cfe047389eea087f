"""A whole ticket as Markdown or plain text, for a file or the clipboard. No Textual, no I/O.

The header facts go out, then the entries in time order (messages, notes, events), bodies as
converted for the timeline: by default every one of them, the event history included, or only
what the timeline shows (:class:`ExportScope`). Markdown escapes what the customer wrote, so a
mail quoting ``<img onerror=…>`` or ``[click](javascript:…)`` stays text in whatever renders the
file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from omnitui.api.models import EntryKind, Ticket, TimelineEntry
from omnitui.render.html import RenderedBody
from omnitui.render.timeline import header_text


class ExportFormat(StrEnum):
    MARKDOWN = "markdown"
    PLAIN = "plain"

    @property
    def suffix(self) -> str:
        return ".md" if self is ExportFormat.MARKDOWN else ".txt"


class ExportScope(StrEnum):
    """Which entries an export holds."""

    #: Every message, note and event, the event history included, shown or not.
    EVERYTHING = "everything"
    #: Only what the timeline shows: the history if it is on, what its filter lets through.
    SHOWN = "shown"


def default_file_name(ticket_id: int, fmt: ExportFormat) -> str:
    return f"omnitui-{ticket_id}{fmt.suffix}"


def ticket_facts(ticket: Ticket) -> list[tuple[str, str]]:
    """(label, value) pairs of the header, only those with a value."""
    customer = ticket.customer.name if ticket.customer else ""
    if ticket.customer and ticket.customer.external_primary_id:
        customer = f"{customer} (ext {ticket.customer.external_primary_id})".strip()
    route = ""
    if ticket.from_ or ticket.to:
        route = (
            f"{_address(ticket.from_name, ticket.from_)} → {_address(ticket.to_name, ticket.to)}"
        )
    group = ticket.group_name or (str(ticket.assigned_group_id or "") or "")
    user = ticket.user_name or (str(ticket.assigned_user_id or "") or "")
    sla = ticket.sla_next_breach or ""
    if sla and ticket.sla_next_breach_current_status:
        sla = f"{sla} ({ticket.sla_next_breach_current_status})"
    facts = [
        ("Status", str(ticket.status)),
        ("Priority", str(ticket.priority)),
        ("Channel", " · ".join(p for p in (ticket.channel_name, ticket.brand_name) if p)),
        ("Direction", str(ticket.direction)),
        ("From → to", route),
        ("Customer", customer),
        ("Group", group),
        ("Agent", user),
        ("Tags", ", ".join(ticket.tags)),
        ("Created", ticket.created_at or ""),
        ("Updated", ticket.last_update or ""),
        ("Closed", ticket.closed_at or ""),
        ("Next SLA breach", sla),
        ("Snoozed until", ticket.snooze_time or ""),
        ("Web", ticket.external_gui_url or ""),
    ]
    return [(label, value) for label, value in facts if value]


def export_ticket(
    ticket: Ticket,
    bodies: Sequence[RenderedBody | None],
    fmt: ExportFormat,
    *,
    entries: Sequence[TimelineEntry] | None = None,
) -> str:
    """The ticket as text; ``bodies[i]`` is the converted content of entry ``i`` (None: raw)."""
    entries = ticket.timeline if entries is None else entries
    if len(bodies) != len(entries):
        raise ValueError("one body (or None) per entry")
    title = f"#{ticket.id} {ticket.title or '(no title)'}"
    if fmt is ExportFormat.MARKDOWN:
        return _markdown(ticket, title, entries, bodies)
    return _plain(ticket, title, entries, bodies)


def _plain(
    ticket: Ticket,
    title: str,
    entries: Sequence[TimelineEntry],
    bodies: Sequence[RenderedBody | None],
) -> str:
    out = [title, "=" * min(len(title), 78)]
    width = max((len(label) for label, _ in ticket_facts(ticket)), default=0)
    out += [f"{label + ':':<{width + 1}} {value}" for label, value in ticket_facts(ticket)]
    out += ["", f"Timeline ({len(entries)} entries)", ""]
    for entry, body in zip(entries, bodies, strict=True):
        if entry.kind is EntryKind.EVENT:
            out.append(f"  · {header_text(entry)}")
            continue
        out += ["", f"--- {header_text(entry)}"]
        out += [f"> {text}" if quoted else text for quoted, text in _body_lines(entry, body)]
    return "\n".join(out).rstrip() + "\n"


def _markdown(
    ticket: Ticket,
    title: str,
    entries: Sequence[TimelineEntry],
    bodies: Sequence[RenderedBody | None],
) -> str:
    out = [f"# {md_escape(title)}", ""]
    out += [f"- **{label}:** {md_escape(value)}" for label, value in ticket_facts(ticket)]
    out += ["", f"## Timeline ({len(entries)} entries)", ""]
    in_events = False
    for entry, body in zip(entries, bodies, strict=True):
        if entry.kind is EntryKind.EVENT:
            out.append(f"- *{md_escape(header_text(entry))}*")
            in_events = True
            continue
        if in_events:
            out.append("")
            in_events = False
        out += [f"### {md_escape(header_text(entry))}", ""]
        paragraph: list[str] = []
        for quoted, line in _body_lines(entry, body):
            text = md_escape(line)
            if not text.strip():
                out += [*_hard_breaks(paragraph), ""]
                paragraph = []
                continue
            paragraph.append(f"> {text}" if quoted else text)
        out += [*_hard_breaks(paragraph), ""]
    return "\n".join(out).rstrip() + "\n"


def _hard_breaks(lines: list[str]) -> list[str]:
    """Keep the mail's line breaks: CommonMark's backslash at the end of a line breaks it."""
    return [line + ("\\" if n < len(lines) - 1 else "") for n, line in enumerate(lines)]


def _body_lines(entry: TimelineEntry, body: RenderedBody | None) -> list[tuple[bool, str]]:
    """(quoted, text) lines of the body, then its links and the attachments."""
    lines: list[tuple[bool, str]] = []
    if body is None:
        lines += [(False, text) for text in entry.content.splitlines()]
    else:
        if body.note:
            lines.append((False, f"({body.note})"))
        lines += [(line.depth > 0, line.text) for line in body.lines]
        if body.links:
            lines.append((False, ""))
            lines += [(False, f"[{link.number}] {link.url}") for link in body.links]
    if entry.files:
        lines.append((False, ""))
        lines += [(False, f"Attachment: {a.name or 'unnamed'}") for a in entry.files]
    while lines and not lines[-1][1].strip():
        lines.pop()
    return lines


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~#])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+)([.)]?)(?=\s|$)")


# A web address in running text; trailing punctuation belongs to the sentence, not the URL.
_WEB_URL = re.compile(r"https?://[^\s<>\"'`]+?(?=[.,;:!?)\]]*(?:\s|$|[<>\"'`]))", re.IGNORECASE)
# What an autolink may not hold: written as %XX, which every browser reads the same.
_AUTOLINK_UNSAFE = re.compile(r"[\x00-\x20<>\\\x7f]")


def md_escape(text: str) -> str:
    """Escape what Markdown would turn into markup, links or raw HTML; the text reads the same.

    Web addresses are written as autolinks (``<https://…>``) instead of escaped: a backslash
    before the ``#`` or ``_`` of a URL would break it for whoever copies it.
    """
    parts: list[str] = []
    last = 0
    for match in _WEB_URL.finditer(text):
        parts.append(_MD_SPECIAL.sub(r"\\\1", text[last : match.start()]))
        parts.append(md_url(match.group()))
        last = match.end()
    parts.append(_MD_SPECIAL.sub(r"\\\1", text[last:]))
    return _MD_LINE_START.sub(_escape_line_start, "".join(parts))


def md_url(url: str) -> str:
    """``url`` as a Markdown autolink: its characters as they are, nothing escaped."""
    return "<" + _AUTOLINK_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url) + ">"


def _escape_line_start(match: re.Match[str]) -> str:
    """``- x`` -> ``\\- x`` and ``1. x`` -> ``1\\. x``: no list, no heading underline."""
    indent, mark, dot = match.groups()
    if dot:
        return f"{indent}{mark}\\{dot}"
    if mark.isdigit():
        return match.group(0)
    return f"{indent}\\{mark}"


def _address(name: str, address: str) -> str:
    if name and address:
        return f"{name} <{address}>"
    return name or address or "?"
