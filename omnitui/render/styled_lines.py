"""Stage 2 of the render pipeline (continued): the converter's marked text as lines with spans.

:func:`from_marked` sanitises the converter's output (the one step that keeps escape sequences
from reaching the terminal, docs/hazards.md §0.1: ``&#27;`` decoded to a real ESC on the way),
splits it into lines, lays out tables and turns the marker characters into ``(start, end, style)``
spans; the lines where the converter saw history markup become *hints* for the quote detector.
:func:`from_plain` does the same for plain text, which has no markers. Text stays text: ``[/]`` or
``[@click=…]`` come out exactly as written, for the widget to put in a ``rich.text.Text``, never in
markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from omnitui.core import markup as hs
from omnitui.core.sanitize import sanitize
from omnitui.render.body import STYLES, Spans

__all__ = ["StyledText", "from_marked", "from_plain"]


@dataclass(frozen=True, slots=True)
class StyledText:
    """A message as lines with their spans, not yet stripped or folded.

    ``hints`` maps the lines where the mail's markup says the quoted history starts to whether
    that needs a header block below it to count (see ``omnitui.core.markup.HISTORY_IF_HEADERS``);
    None when there is no such markup (always for plain text).
    """

    lines: list[tuple[str, Spans]]
    hints: dict[int, bool] | None = None


def from_plain(text: str) -> StyledText:
    """Plain text (or the fallback's tag-stripped text) as sanitised lines without spans."""
    return StyledText([(line, ()) for line in _clean(hs.strip_markers(text)).split("\n")])


def from_marked(marked: str, link_safe: Sequence[bool]) -> StyledText:
    """The converter's output as lines with spans; ``link_safe[i]``: whether the link of marker
    ``LINK_ON i`` is safe (only those are styled as links)."""
    text = _clean(marked)
    lines = text.split("\n")
    if hs.TABLE_ON in text:
        lines = _layout_tables(lines)
    hints = _history_hints(lines) if hs.HISTORY in text or hs.HISTORY_IF_HEADERS in text else None
    return StyledText(_parse_markers(lines, link_safe), hints)


_MARKER_SPLIT = re.compile(f"({hs.LINK_ON}[0-9]*{hs.LINK_SEP}|[{hs.MARKER_RANGE}])")


def _clean(text: str) -> str:
    """Sanitise; also turn Unicode line separators into real ones."""
    if not text.isascii():
        for separator in ("\u2028", "\u2029", "\x85"):
            if separator in text:
                text = text.replace(separator, "\n")
    return sanitize(text)


def _history_hints(lines: list[str]) -> dict[int, bool]:
    """The lines where the converter saw history markup: line → whether it needs a header block
    below it to count (see :data:`omnitui.core.markup.HISTORY_IF_HEADERS`)."""
    return {
        index: hs.HISTORY not in line
        for index, line in enumerate(lines)
        if hs.HISTORY in line or hs.HISTORY_IF_HEADERS in line
    }


def _parse_markers(lines: list[str], link_safe: Sequence[bool]) -> list[tuple[str, Spans]]:
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
                # Styled as a link only if the verdict (known once the label was read) is safe.
                if number and int(number) < len(link_safe) and link_safe[int(number)]:
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
    # Not alignable: "a | b" rows, without the empty cells of layout tables.
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
