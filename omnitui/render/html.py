"""E-mail HTML (or plain text) -> safe, structured text the timeline can style and wrap.

Omnidesk timeline entries carry ``content``: HTML mail, often a whole document, or plain text for
notes. :func:`render_body` turns either into a :class:`RenderedBody`: one :class:`BodyLine` per
paragraph or line (unwrapped: the timeline wraps at the current width), style spans instead of
Markdown punctuation, links as numbered references listed separately (never clickable unless safe),
images as ``[image: alt]``, quoted history marked so it can be folded.

Every string in the result has been through :func:`omnitui.core.sanitize.sanitize`: html2text
decodes ``&#27;`` into a real ESC, so sanitising after conversion is the step that keeps escape
sequences from reaching the terminal (docs/hazards.md §0.1). Text stays text: ``[/]`` or
``[@click=…]`` come out exactly as written, for the widget to put in a ``rich.text.Text``, never
in markup.

:func:`render_body` is pure and runs in the calling thread. It has size caps but no time limit; the
UI uses :class:`~omnitui.render.html_worker.HtmlConverter`, which runs it in a worker process
that is killed when a document takes too long (docs/hazards.md §2.2, html2text #420).

This module never imports Textual.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len

from omnitui.core import markup as hs
from omnitui.core.markup import decode_entities, strip_tags
from omnitui.core.sanitize import sanitize
from omnitui.render.quotes import find_history, is_quote_line

if TYPE_CHECKING:
    from omnitui.render.html_convert import Anchor, MailConverter

__all__ = [
    "NOTE_ERROR",
    "NOTE_TIMEOUT",
    "NOTE_TOO_COMPLEX",
    "STYLES",
    "BodyLine",
    "Link",
    "RenderedBody",
    "looks_like_html",
    "render_body",
    "render_fallback",
]

log = logging.getLogger(__name__)

STYLES = ("heading", "bold", "italic", "code", "link")
"""Style names used in spans. Where styles overlap, a span's style lists them, space-separated,
in this order ("bold italic"): spans never overlap, so a consumer can slice the text by them."""

NOTE_TOO_COMPLEX = "This message was too complex to format; showing it as plain text."
NOTE_ERROR = "This message could not be formatted; showing it as plain text."
NOTE_TIMEOUT = "This message took too long to format; showing it as plain text."


Spans = tuple[tuple[int, int, str], ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A link of the message, shown in the text as ``label [number]``.

    ``safe`` is True only for http, https and mailto links whose label does not pretend to be
    another host; the UI may offer to copy or open those. Unsafe ones are shown as text only, with
    ``warning`` saying why in words an agent understands.
    """

    number: int
    label: str
    url: str
    host: str
    safe: bool
    warning: str = ""

    def __reduce__(self) -> tuple[type[Link], tuple[int, str, str, str, bool, str]]:
        # The slots dataclass default pickles through dataclasses.fields(), ten times slower;
        # results cross a process boundary by the thousand.
        return (Link, (self.number, self.label, self.url, self.host, self.safe, self.warning))


@dataclass(frozen=True, slots=True)
class BodyLine:
    """One logical line (a paragraph, a list item, a table row), unwrapped and sanitised.

    ``spans`` are ``(start, end, style)`` over ``text``, sorted and non-overlapping. ``quoted``
    marks the quoted history that folds (from its "On … wrote:" attribution or header block to
    the end, see :mod:`omnitui.render.quotes`); ``depth`` is how deeply a line is quoted (the
    ``>`` markers themselves are removed from ``text``), at least 1 in the history. A line can be
    quoted with ``>`` and still be shown (``depth`` > 0, not ``quoted``): the questions of an
    inline reply, a forward that Apple Mail puts in a blockquote.
    """

    text: str
    spans: Spans = ()
    quoted: bool = False
    depth: int = 0

    def __reduce__(self) -> tuple[type[BodyLine], tuple[str, Spans, bool, int]]:
        return (BodyLine, (self.text, self.spans, self.quoted, self.depth))


@dataclass(frozen=True, slots=True)
class RenderedBody:
    """A converted message: its lines, its links, the alt texts of its images, a note for the
    reader when the rendering is partial or degraded (truncated, plain-text fallback), and what
    the folded history is ("Jane Doe wrote on 1 Mar 2011"; None when nothing folds)."""

    lines: tuple[BodyLine, ...] = ()
    links: tuple[Link, ...] = ()
    images: tuple[str, ...] = ()
    note: str | None = None
    history: str | None = None

    def __reduce__(
        self,
    ) -> tuple[
        type[RenderedBody],
        tuple[tuple[BodyLine, ...], tuple[Link, ...], tuple[str, ...], str | None, str | None],
    ]:
        return (RenderedBody, (self.lines, self.links, self.images, self.note, self.history))

    @property
    def text(self) -> str:
        """The body as plain text, quoted lines prefixed with ``>`` (for copying and tests)."""
        return "\n".join("> " * line.depth + line.text for line in self.lines)


# -------------------------------------------------------------------------------------------------
# Entry points

# A complete tag that only HTML has. Plain text with "<jan@example.com>" or "a<b" stays plain text.
_HTML_HINT = re.compile(
    r"<(?:!doctype\b|!--|/?(?:html|head|body|p|div|br|span|table|tr|td|th|ul|ol|li|a|b|i|u|em|"
    r"strong|img|blockquote|pre|h[1-6]|font|hr|center|meta|style|title|tbody|code|sup|sub|small|"
    r"o:p|section|article|header|footer|label|s|strike|del|ins|big|tt|dl|dt|dd|q|cite|abbr|"
    r"address|wbr|nobr|map|area|button|form|input)"
    r"""(?>\s++[a-zA-Z][\w:.-]*+(?>\s*+=\s*+(?>"[^"<]*+"|'[^'<]*+'|[^\s<>"']++))?+)*+\s*+/?>)""",
    re.IGNORECASE,
)


def looks_like_html(content: str) -> bool:
    """True when ``content`` contains an HTML tag; plain text (notes) takes a faster path."""
    return "<" in content and _HTML_HINT.search(content) is not None


def render_body(
    content: str, *, max_input: int = 2_000_000, max_output: int = 1_000_000
) -> RenderedBody:
    """Convert one message's content. Pure, never raises, never returns an ESC or C1 character.

    Input longer than ``max_input`` characters is cut and the note says how much was left out.
    When the HTML converter fails or its output passes ``max_output`` (the nested-list blow-up),
    the message is shown as tag-stripped plain text with a note saying so.
    """
    original = content or ""
    try:
        content, cut_note = _cap_input(original, max_input)
        if not content.strip():
            return RenderedBody(note=cut_note)
        if not looks_like_html(content):
            if len(content) > max_output:
                content = content[:max_output]
                cut_note = _output_cut_note(max_output)
            lines, history = _finish_lines(_split_plain(_decode(content)))
            return RenderedBody(lines=lines, note=cut_note, history=history)
        try:
            # Imported here: the UI process only needs this module's data types and fallback;
            # conversion (and html2text) lives in the worker process.
            from omnitui.render import html_convert as hc

            converter = hc.MailConverter(max_output)
            marked = converter.convert(content)
            return _assemble(marked, converter, cut_note)
        except hs.OutputLimitExceeded:
            note = NOTE_TOO_COMPLEX
        except Exception:
            log.exception("HTML conversion failed; showing the message as plain text")
            note = NOTE_ERROR
        # From the original: the fallback caps it again and words the cut in one sentence.
        return render_fallback(original, note=note, max_input=max_input, max_output=max_output)
    except Exception:
        log.exception("rendering a message failed")
        return _last_resort(content, max_output)


def render_fallback(
    content: str,
    *,
    note: str | None = NOTE_ERROR,
    max_input: int = 2_000_000,
    max_output: int = 1_000_000,
) -> RenderedBody:
    """The plain-text rendering used when conversion fails, explodes or times out.

    Tags are stripped by a linear scan (no html2text, no html.parser), entities decoded, the text
    sanitised and quote-detected like any other body. Cheap enough to run in the UI process.
    """
    try:
        content, cut_note = _cap_input(content or "", max_input)
        if looks_like_html(content):
            text, truncated = strip_tags(content, max_output)
        else:
            text, truncated = _decode(content[:max_output]), len(content) > max_output
        notes: list[str | None] = [note, _output_cut_note(max_output) if truncated else cut_note]
        lines, history = _finish_lines(_split_plain(text))
        return RenderedBody(lines=lines, note=_join(*notes), history=history)
    except Exception:
        return _last_resort(content, max_output)


def _last_resort(content: str, max_output: int) -> RenderedBody:
    """If everything else failed, the raw content, sanitised: ugly, but never a crash."""
    text = sanitize(hs.strip_markers(str(content)[:max_output]))
    lines = tuple(BodyLine(line.rstrip()) for line in text.split("\n") if line.strip())
    return RenderedBody(lines=lines, note=NOTE_ERROR)


def _decode(text: str) -> str:
    """Entities in text that is not HTML: what omnitui sends is escaped HTML ("Tom &amp; Jerry"),
    and it comes back as the content with no tag in it; it must read as the agent typed it."""
    return decode_entities(text) if "&" in text else text


def _join(*notes: str | None) -> str | None:
    text = " ".join(note for note in notes if note)
    return text or None


def _size(chars: int) -> str:
    if chars >= 1_000_000:
        return f"{chars / 1_000_000:.1f} MB"
    return f"{max(chars // 1000, 1)} kB"


def _output_cut_note(max_output: int) -> str:
    """One sentence for a text cut at ``max_output``, whether or not the input was cut first."""
    return f"Message truncated: only its first {_size(max_output)} of text are shown."


def _cap_input(content: str, max_input: int) -> tuple[str, str | None]:
    if len(content) <= max_input:
        return content, None
    cut = max_input
    # End at a tag or line boundary when one is near, so the tail is not half a tag.
    boundary = max(content.rfind(">", max(0, max_input - 4096), max_input), -1)
    if boundary < 0:
        boundary = content.rfind("\n", max(0, max_input - 4096), max_input)
    if boundary > 0:
        cut = boundary + 1
    left = len(content) - cut
    return content[:cut], f"Message truncated: the last {_size(left)} are not shown."


# -------------------------------------------------------------------------------------------------
# Assembling the converter's marked-up text into lines and spans

_MARKER_SPLIT = re.compile(f"({hs.LINK_ON}[0-9]*{hs.LINK_SEP}|[{hs.MARKER_RANGE}])")


def _clean(text: str) -> str:
    """Sanitise converter output; also turn Unicode line separators into real ones."""
    if not text.isascii():
        for separator in ("\u2028", "\u2029", "\x85"):
            if separator in text:
                text = text.replace(separator, "\n")
    return sanitize(text)


def _split_plain(text: str) -> list[tuple[str, Spans]]:
    return [(line, ()) for line in _clean(hs.strip_markers(text)).split("\n")]


def _assemble(marked: str, converter: MailConverter, cut_note: str | None) -> RenderedBody:
    text = _clean(marked)
    lines = text.split("\n")
    if hs.TABLE_ON in text:
        lines = _layout_tables(lines)
    hints = _history_hints(lines) if hs.HISTORY in text or hs.HISTORY_IF_HEADERS in text else None
    anchors = converter.anchors
    styled = _parse_markers(lines, anchors)
    links: list[Link] = []
    seen: set[int] = set()
    for anchor in anchors:
        target = anchor.target
        if target is None or not anchor.number or anchor.number in seen:
            continue
        seen.add(anchor.number)
        label = anchor.label_parts[0] if anchor.label_parts else ""
        links.append(
            Link(
                anchor.number,
                sanitize(label),
                target.url,
                target.host,
                target.safe,
                target.warning,
            )
        )
    links.sort(key=lambda link: link.number)
    images = tuple(sanitize(alt) for alt in converter.images)
    body_lines, history = _finish_lines(styled, hints)
    return RenderedBody(body_lines, tuple(links), images, cut_note, history)


def _history_hints(lines: list[str]) -> dict[int, bool]:
    """The lines where the converter saw history markup: line → whether it needs a header block
    below it to count (see :data:`omnitui.core.markup.HISTORY_IF_HEADERS`)."""
    return {
        index: hs.HISTORY not in line
        for index, line in enumerate(lines)
        if hs.HISTORY in line or hs.HISTORY_IF_HEADERS in line
    }


def _parse_markers(lines: list[str], anchors: Sequence[Anchor]) -> list[tuple[str, Spans]]:
    """Turn marker characters into spans. Styles may run across lines (a ``<b>`` around a ``<br>``);
    unbalanced markers are tolerated (an off without an on is ignored)."""
    counts = [0, 0, 0, 0]  # nesting depth of heading, bold, italic, code
    mask = 0  # bit i set when counts[i] > 0; bit 4 = inside a safe link
    result: list[tuple[str, Spans]] = []
    search = hs.MARKER_RE.search
    for line in lines:
        if line.isascii() or search(line) is None:
            if mask and line:
                result.append((line, ((0, len(line), _MASK_NAMES[mask]),)))
            else:
                result.append((line, ()))
            continue
        pieces = _MARKER_SPLIT.split(line)
        parts: list[str] = []
        spans: list[tuple[int, int, str]] = []
        pos = 0
        run_start = 0
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                if piece:
                    parts.append(piece)
                    pos += len(piece)
                continue
            marker = piece[0]
            new_mask = mask
            action = _MARKER_ACTIONS.get(marker)
            if action is not None:
                slot, delta = action
                count = counts[slot] + delta
                counts[slot] = count if count > 0 else 0
                if count > 0:
                    new_mask |= 1 << slot
                else:
                    new_mask &= ~(1 << slot)
            elif marker == hs.LINK_ON:
                number = piece[1:-1]
                anchor = anchors[int(number)] if number and int(number) < len(anchors) else None
                # Styled as a link only if the verdict (known once the label was read) is safe.
                if anchor is not None and anchor.target is not None and anchor.target.safe:
                    new_mask |= _LINK_BIT
                else:
                    new_mask &= ~_LINK_BIT
            elif marker == hs.LINK_OFF:
                new_mask &= ~_LINK_BIT
            if new_mask != mask:
                if mask and pos > run_start:
                    spans.append((run_start, pos, _MASK_NAMES[mask]))
                run_start = pos
                mask = new_mask
        if mask and pos > run_start:
            spans.append((run_start, pos, _MASK_NAMES[mask]))
        result.append(("".join(parts), tuple(spans)))
    return result


_MARKER_ACTIONS = {
    hs.HEAD_ON: (0, 1),
    hs.HEAD_OFF: (0, -1),
    hs.BOLD_ON: (1, 1),
    hs.BOLD_OFF: (1, -1),
    hs.ITALIC_ON: (2, 1),
    hs.ITALIC_OFF: (2, -1),
    hs.CODE_ON: (3, 1),
    hs.CODE_OFF: (3, -1),
}
_LINK_BIT = 1 << 4
# Style name for every combination of the five bits, in STYLES order: "bold italic", "heading link".
_MASK_NAMES = tuple(
    " ".join(name for bit, name in enumerate(STYLES) if mask & (1 << bit)) for mask in range(32)
)


# -------------------------------------------------------------------------------------------------
# Tables

_MAX_ALIGNED_ROWS = 60
_MAX_ALIGNED_CELL = 40
_MAX_ALIGNED_WIDTH = 160


def _layout_tables(lines: list[str]) -> list[str]:
    """Align small, simple tables into columns; join the cells of the others with " | ".

    A table is aligned when it is not nested, every row is one line with the same number of
    cells (at least two), and it fits comfortably in a terminal. Layout tables (one cell per row,
    the bulk of HTML mail) just become their lines.
    """
    out: list[str] = []
    region: list[str] = []
    level = 0
    nested = False
    for line in lines:
        opens = line.count(hs.TABLE_ON)
        closes = line.count(hs.TABLE_OFF)
        if level == 0 and not opens:
            out.append(line)
            continue
        region.append(line)
        level += opens - closes
        if opens and level > 1:
            nested = True
        if level <= 0:
            out.extend(_table_region(region, nested))
            region = []
            level = 0
            nested = False
    if region:
        out.extend(_table_region(region, True))
    return out


def _table_region(region: list[str], nested: bool) -> list[str]:
    rows = [line.replace(hs.TABLE_ON, "").replace(hs.TABLE_OFF, "") for line in region]
    if not nested:
        aligned = _align(rows)
        if aligned is not None:
            return aligned
    # Not alignable: keep html2text's "a | b" rows, without the empty cells of layout tables.
    return [
        " | ".join(
            cell.strip()
            for cell in row.replace(hs.HEADER_ROW, "").split(hs.CELL)
            if hs.INVISIBLE_RE.sub("", cell).strip()
        )
        if hs.CELL in row
        else row.replace(hs.HEADER_ROW, "")
        for row in rows
    ]


def _align(rows: list[str]) -> list[str] | None:
    body = [row for row in rows if row.strip()]
    if not body or len(body) > _MAX_ALIGNED_ROWS:
        return None
    header = hs.HEADER_ROW in body[0]
    cells = [
        [cell.strip() for cell in row.replace(hs.HEADER_ROW, "").split(hs.CELL)] for row in body
    ]
    columns = len(cells[0])
    if columns < 2 or any(len(row) != columns for row in cells):
        return None
    widths = [0] * columns
    for row in cells:
        for index, cell in enumerate(row):
            visible = hs.INVISIBLE_RE.sub("", cell) if not cell.isascii() else cell
            width = cell_len(visible)
            if width > _MAX_ALIGNED_CELL:
                return None
            widths[index] = max(widths[index], width)
    if sum(widths) + 3 * (columns - 1) > _MAX_ALIGNED_WIDTH:
        return None
    lines: list[str] = []
    for row_index, row in enumerate(cells):
        padded = []
        for index, cell in enumerate(row):
            visible = hs.INVISIBLE_RE.sub("", cell) if not cell.isascii() else cell
            padded.append(cell + " " * (widths[index] - cell_len(visible)))
        lines.append(" | ".join(padded).rstrip())
        if row_index == 0 and header:
            lines.append("-+-".join("-" * width for width in widths))
    return lines


# -------------------------------------------------------------------------------------------------
# Lines: trailing space, quote prefixes, attributions, blank lines

_QUOTE_PREFIX = hs.QUOTE_PREFIX


def _shift(spans: Spans, cut: int, length: int) -> Spans:
    """Spans of a line whose first ``cut`` characters were removed and which is now ``length``."""
    shifted = []
    for start, end, style in spans:
        start = max(start - cut, 0)
        end = min(end - cut, length)
        if end > start:
            shifted.append((start, end, style))
    return tuple(shifted)


def _tidy_spans(text: str, spans: Spans) -> Spans:
    """Trim whitespace off span edges and merge neighbours with the same style."""
    tidy: list[tuple[int, int, str]] = []
    for start, end, style in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        if tidy and tidy[-1][2] == style and not text[tidy[-1][1] : start].strip():
            tidy[-1] = (tidy[-1][0], end, style)
        else:
            tidy.append((start, end, style))
    return tuple(tidy)


def _finish_lines(
    styled: list[tuple[str, Spans]], hints: dict[int, bool] | None = None
) -> tuple[tuple[BodyLine, ...], str | None]:
    """Strip, find the quoted history, collapse blank lines; build the BodyLines and say what
    the history is (for the fold line). ``hints``: see :func:`_history_hints`."""
    raw: list[str] = []
    texts: list[str] = []
    spans_of: list[Spans] = []
    depths: list[int] = []
    for text, spans in styled:
        stripped = text.rstrip()
        raw.append(stripped)
        depth = 0
        # What the detector takes for a quote (">>> http://example.com <<<" is none).
        if stripped and stripped.lstrip()[:1] == ">" and is_quote_line(stripped):
            match = _QUOTE_PREFIX.match(stripped)
            if match is not None:
                prefix = match.group(1)
                depth = prefix.count(">")
                cut = match.end()
                stripped = stripped[cut:]
                if spans:
                    spans = _shift(spans, cut, len(stripped))
        if not stripped.strip():
            stripped = ""
            spans = ()
        elif spans:
            if len(stripped) != len(text):
                spans = _shift(spans, 0, len(stripped))
            spans = _tidy_spans(stripped, spans)
        texts.append(stripped)
        spans_of.append(spans)
        depths.append(depth)

    found = find_history(raw, hints)
    start = len(texts) if found is None else found.start
    if found is not None and found.split_at is not None:
        # "…thanks. On Tue, 1 Mar 2011, Jane wrote:": the reply part stays visible on its own.
        text, spans, cut = texts[start], spans_of[start], found.split_at
        head, tail = text[:cut].rstrip(), text[cut:].lstrip()
        tail_at = len(text) - len(tail)
        texts[start : start + 1] = [head, tail]
        spans_of[start : start + 1] = [
            _tidy_spans(head, _shift(spans, 0, len(head))) if spans else (),
            _tidy_spans(tail, _shift(spans, tail_at, len(tail))) if spans else (),
        ]
        depths[start : start + 1] = [0, 0]
        start += 1

    # Blank runs become one blank line, none at either end; a blank line in the history is
    # history too, so it folds as one.
    lines: list[BodyLine] = []
    previous_depth = 0
    pending_blank = False
    for index in range(len(texts)):
        text = texts[index]
        if not text:
            pending_blank = bool(lines)
            continue
        history = index >= start
        depth = max(depths[index], 1) if history else depths[index]
        if pending_blank:
            between = min(previous_depth, depth)
            folded = history and bool(lines) and lines[-1].quoted
            lines.append(BodyLine("", (), folded, max(between, 1) if folded else between))
            pending_blank = False
        lines.append(BodyLine(text, spans_of[index], history, depth))
        previous_depth = depth
    described = None
    if found is not None and any(line.quoted for line in lines):
        described = found.describe()
    return tuple(lines), described
