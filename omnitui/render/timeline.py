"""Timeline entries -> styled, wrapped lines at a given width.

Pure functions: no I/O and no Textual, so they can be tested and benchmarked on their own. A line
is a tuple of ``(text, style)`` segments where ``style`` is a space-separated list of role names
("inbound", "header", "bold", …); the widget maps roles to colours from its stylesheet, so the
look lives in ``.tcss`` and the text stays data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import attrgetter

from rich.cells import cell_len
from rich.segment import Segment as RichSegment
from rich.style import Style

from omnitui.api.models import Direction, EntryKind, TimelineEntry
from omnitui.core.wording import plural
from omnitui.render.attachments import attachment_line
from omnitui.render.html import RenderedBody

Segment = tuple[str, str]
Line = tuple[Segment, ...]

GUTTER = "▌ "
#: The current entry (the one z, y, [ and ] act on) in any theme and without colour: a mark
#: before its first line, a full bar beside the others, and its header reversed.
CURRENT_MARK = "▶ "
CURRENT_GUTTER = "█ "
QUOTE_BAR = "│ "
CONVERTING = "converting…"


@dataclass(frozen=True, slots=True)
class EntryLayout:
    """The lines of one entry at one width, and which of them hold a folded quote."""

    lines: tuple[Line, ...]
    has_quotes: bool


def entry_role(entry: TimelineEntry) -> str:
    """The role naming how an entry looks: inbound, outbound, note, event or other."""
    kind = entry.kind
    if kind is EntryKind.MESSAGE:
        return "outbound" if entry.direction == Direction.OUTBOUND else "inbound"
    return kind.value


def header_text(entry: TimelineEntry) -> str:
    """The entry's header as plain text: what, who, channel, when."""
    kind = entry.kind
    parts: list[str]
    if kind is EntryKind.EVENT:
        parts = [entry.description or entry.item_type or "event"]
        if entry.initiated_by:
            parts.append(entry.initiated_by)
    elif kind is EntryKind.NOTE:
        parts = ["Internal note", entry.user_name or "agent"]
    elif kind is EntryKind.MESSAGE:
        arrow = "→" if entry.direction == Direction.OUTBOUND else "←"
        who = entry.author or "unknown sender"
        parts = [f"{arrow} {who}"]
        if entry.direction == Direction.OUTBOUND and entry.to:
            parts.append(f"to {entry.to}")
        if entry.channel_name:
            parts.append(entry.channel_name)
    else:
        parts = [entry.type or "entry", entry.author or entry.channel_name or ""]
    if entry.pinned:
        parts.insert(0, "Pinned")
    parts.append(entry.created_at)
    return " · ".join(p for p in parts if p)


def layout_entry(
    entry: TimelineEntry,
    body: RenderedBody | None,
    width: int,
    *,
    expand_quotes: bool = False,
    gap_after: bool = True,
) -> EntryLayout:
    """Lay one entry out at ``width`` cells.

    ``body`` is the converted content, or None while conversion is still running (a placeholder
    line stands in, and the caller lays the entry out again when the body arrives). Events are
    one dim line with no gap between them; ``gap_after`` adds a blank line after the last event
    of a run, before the next message or note.
    """
    lines = entry_lines(entry, body, width, expand_quotes=expand_quotes, gap_after=gap_after)
    return EntryLayout(tuple(lines), has_quotes(entry, body))


def has_quotes(entry: TimelineEntry, body: RenderedBody | None) -> bool:
    """Whether the entry's layout holds a quoted history (that z shows or folds)."""
    if body is None or entry.kind is EntryKind.EVENT:
        return False
    return any(line.quoted for line in body.lines)


def entry_lines(
    entry: TimelineEntry,
    body: RenderedBody | None,
    width: int,
    *,
    expand_quotes: bool = False,
    gap_after: bool = True,
) -> Iterator[Line]:
    """The lines of :func:`layout_entry`, one at a time: a mail of 20,000 lines is laid out in
    slices between which the event loop runs (``render/layout_builds.py``)."""
    width = max(width, 20)
    role = entry_role(entry)
    if entry.kind is EntryKind.EVENT:
        text = header_text(entry)
        for i, chunk in enumerate(_wrap_plain(text, width - 4)):
            yield ((("  · " if i == 0 else "    ") + chunk, "event"),)
        if gap_after:
            yield ()
        return

    inner = width - cell_len(GUTTER)
    bar = (GUTTER, f"{role} gutter")
    for chunk in _wrap_plain(header_text(entry), inner):
        yield (bar, (chunk, f"{role} header"))

    if body is None:
        yield (bar, (CONVERTING, "meta"))
    else:
        if body.note:
            for chunk in _wrap_plain(body.note, inner):
                yield (bar, (chunk, "warning"))
        quote_width = inner - cell_len(QUOTE_BAR)
        # Lazily, group by group: a huge mail is laid out a slice at a time.
        for group_quoted, group in groupby(body.lines, key=_quoted):
            if group_quoted:
                if not expand_quotes:
                    what = body.history or "Earlier messages"
                    count = sum(1 for _ in group)
                    fold = f"▸ {what}, {plural(count, 'line')} (z shows them)"
                    for chunk in _wrap_plain(fold, inner):
                        yield (bar, (chunk, "quote fold"))
                    continue
                for line in group:
                    for wrapped in wrap_spans(line.text, line.spans, quote_width):
                        yield (bar, (QUOTE_BAR, "quote"), *_with_base(wrapped, "quote"))
                continue
            for line in group:
                if not line.text:
                    yield (bar,)
                    continue
                if line.depth:  # quoted but shown: an inline reply's question, a forward
                    for wrapped in wrap_spans(line.text, line.spans, quote_width):
                        yield (bar, (QUOTE_BAR, "quote"), *_with_base(wrapped, "quote"))
                    continue
                for wrapped in wrap_spans(line.text, line.spans, inner):
                    yield (bar, *_with_base(wrapped, "body"))
        for link in body.links:
            where = f"{link.host}: {link.url}" if link.host else link.url
            text = f"[{link.number}] {where}"
            if link.warning:
                text += f" ({link.warning})"
            for chunk in _wrap_plain(text, inner):
                yield (bar, (chunk, "link" if link.safe else "warning"))
    for attachment in entry.files:  # one line each, under the entry (d saves one)
        for chunk in _wrap_plain(attachment_line(attachment), inner):
            yield (bar, (chunk, "meta"))
    yield ()


def entry_plain_text(entry: TimelineEntry, body: RenderedBody | None) -> str:
    """The entry as plain text, for copying and export: header, body with quotes, links."""
    parts = [header_text(entry)]
    if body is not None:
        for line in body.lines:
            parts.append(f"> {line.text}" if line.depth else line.text)
        parts += [f"[{link.number}] {link.url}" for link in body.links]
    elif entry.content:
        parts.append(entry.content)
    parts += [attachment_line(a) for a in entry.files]
    return "\n".join(parts).strip() + "\n"


def line_text(line: Line) -> str:
    return "".join(text for text, _ in line)


#: Roles whose look is the same everywhere; the others come from the widget's stylesheet.
TEXT_STYLES = {
    "bold": Style(bold=True),
    "italic": Style(italic=True),
    "heading": Style(bold=True, underline=True),
    "code": Style(dim=True),
}


def paint_line(
    line: Line,
    style_of: Callable[[str], Style],
    pattern: re.Pattern[str] | None = None,
    *,
    current: bool = False,
    first: bool = False,
) -> list[RichSegment]:
    """One laid-out line as Rich segments, each styled by ``style_of(roles)``.

    A line of the current entry is marked (:func:`mark_current`; ``first``: its first line);
    text matching ``pattern`` (outside the gutter) gets the style of "match" on top of its own.
    """
    if current:
        line = mark_current(line, first=first)
    segments: list[RichSegment] = []
    for text, roles in line:
        style = style_of(roles)
        if pattern is None or "gutter" in roles:
            segments.append(RichSegment(text, style))
            continue
        pos = 0
        match_style = style + style_of("match")
        for found in pattern.finditer(text):
            if found.start() > pos:
                segments.append(RichSegment(text[pos : found.start()], style))
            segments.append(RichSegment(found.group(), match_style))
            pos = found.end()
        if pos < len(text):
            segments.append(RichSegment(text[pos:], style))
    return segments


def mark_current(line: Line, *, first: bool) -> Line:
    """A line of the current entry: ``▶`` starts its first line, ``█`` replaces the gutter of
    the others, and its header (an event's whole line) gets the role "current" (reversed)."""
    marked: list[Segment] = []
    for text, roles in line:
        if "gutter" in roles:
            text, roles = (CURRENT_MARK if first else CURRENT_GUTTER), f"{roles} mark"
        elif "header" in roles:
            roles = f"{roles} current"
        elif roles == "event":
            if first and text.startswith("  "):
                text = CURRENT_MARK + text[len(CURRENT_MARK) :]
            roles = "event current"
        marked.append((text, roles))
    return tuple(marked)


# ------------------------------------------------------------------------------------------------
# Wrapping


_WORD = re.compile(r"\S+\s*|\s+")


def wrap_spans(text: str, spans: Sequence[tuple[int, int, str]], width: int) -> list[Line]:
    """Wrap one paragraph at ``width`` cells, carrying the styled spans over to the pieces."""
    pieces = _wrap_offsets(text, max(width, 1))
    if not spans:
        return [((text[a:b].rstrip(), ""),) for a, b in pieces]
    lines: list[Line] = []
    for start, end in pieces:
        segments: list[Segment] = []
        pos = start
        for s_start, s_end, style in sorted(spans):
            s_start, s_end = max(s_start, start), min(s_end, end)
            if s_start >= s_end:
                continue
            if s_start > pos:
                segments.append((text[pos:s_start], ""))
            segments.append((text[s_start:s_end], style))
            pos = max(pos, s_end)
        if pos < end:
            segments.append((text[pos:end], ""))
        if segments:
            last_text, last_style = segments[-1]
            segments[-1] = (last_text.rstrip(), last_style)
        lines.append(tuple(seg for seg in segments if seg[0]))
    return lines


def _wrap_plain(text: str, width: int) -> list[str]:
    return [text[a:b].rstrip() for a, b in _wrap_offsets(text, max(width, 1))]


@lru_cache(maxsize=4096)
def _wrap_offsets(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """Greedy word wrap by terminal cells; returns (start, end) offsets into ``text``.

    Words (``\\S+`` and the spaces after them) go on a line while their visible part fits;
    a word longer than a line is cut by cells. Text of :data:`ONE_CELL` characters (nearly all
    mail, in Western languages) takes a shortcut.
    """
    if text.isascii() and len(text) <= width:
        return ((0, len(text)),)
    if ONE_CELL.issuperset(text):
        return _wrap_one_cell(text, width)
    return _wrap_cells(text, width)


#: Characters one cell wide that are not whitespace, and the space: printable ASCII, Latin,
#: Greek, Cyrillic, typographic punctuation, currency signs, arrows, box drawing (what the
#: timeline's own lines use). In text of these alone a character is a cell, a space the only break.
ONE_CELL = frozenset(
    chr(code)
    for first, last in (
        (0x20, 0x7E),
        (0xA1, 0xAC),
        (0xAE, 0x2FF),
        (0x370, 0x482),
        (0x2010, 0x2027),
        (0x2030, 0x205E),
        (0x20A0, 0x20C0),
        (0x2190, 0x21FF),
        (0x2500, 0x25FC),
    )
    for code in range(first, last + 1)
    if chr(code).isprintable()
)
_NON_SPACE = re.compile(r"[^ ]")


def _wrap_one_cell(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """:func:`_wrap_cells` for text of :data:`ONE_CELL` characters, a line at a time instead of
    a word at a time: the same offsets, several times faster (a mail of 20,000 lines)."""
    lines: list[tuple[int, int]] = []
    end = len(text)
    start = 0  # where the line being filled starts
    while end - start > width:
        limit = start + width  # the first character that does not fit
        if text[limit] == " ":  # every word before it fits; the next one starts a line
            found = _NON_SPACE.search(text, limit)
            if found is None:
                break  # only spaces follow: they hang off this line
            lines.append((start, found.start()))
            start = found.start()
            continue
        word = text.rfind(" ", start, limit) + 1  # the start of the word across the limit
        if word > start:
            lines.append((start, word))
            start = word
            continue
        # One word is longer than the line: cut it (and the spaces after it) every width.
        space = text.find(" ", limit)
        found = _NON_SPACE.search(text, space) if space >= 0 else None
        word_end = found.start() if found is not None else end
        while limit < word_end:
            lines.append((start, limit))
            start, limit = limit, limit + width
    lines.append((start, end))
    return tuple(lines)


def _wrap_cells(text: str, width: int) -> tuple[tuple[int, int], ...]:
    lines: list[tuple[int, int]] = []
    line_start = 0
    used = 0
    for match in _WORD.finditer(text):
        word = match.group()
        w = cell_len(word)
        visible = cell_len(word.rstrip())
        if used + visible <= width:
            used += w
            continue
        if used:
            lines.append((line_start, match.start()))
            line_start = match.start()
            used = 0
        if visible > width:
            # A word longer than the line (a URL, a base64 blob): cut it by cells.
            for ch_index, ch in enumerate(word, match.start()):
                cw = cell_len(ch)
                if used + cw > width and used:
                    lines.append((line_start, ch_index))
                    line_start = ch_index
                    used = 0
                used += cw
        else:
            used = w
    if line_start < len(text) or not lines:
        lines.append((line_start, len(text)))
    return tuple(lines)


def _with_base(line: Line, base: str) -> Line:
    return tuple((text, f"{base} {style}".strip()) for text, style in line)


_quoted = attrgetter("quoted")
