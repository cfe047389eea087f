"""Stage 3 of the render pipeline: find the quoted history and fold it.

:func:`fold` takes a message as lines with spans (:mod:`omnitui.render.styled_lines`), removes
the ``>`` prefixes of quoted lines (keeping how deep each is), asks the detector
(:mod:`omnitui.render.quotes`) where the earlier thread starts, splits a line whose reply and
attribution share it, collapses blank runs, and returns the :class:`~omnitui.render.body.BodyLine`
s with their ``quoted`` marks and a description of what folds ("Jane Doe wrote on 1 Mar 2011").
Linear in the number of lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from omnitui.core.markup import QUOTE_PREFIX
from omnitui.render.body import BodyLine, Spans
from omnitui.render.quotes import find_history, is_quote_line
from omnitui.render.styled_lines import StyledText

__all__ = ["Folded", "fold"]


@dataclass(frozen=True, slots=True)
class Folded:
    """The message's lines, its history marked ``quoted``; ``history`` says whose it is (None
    when nothing folds)."""

    lines: tuple[BodyLine, ...]
    history: str | None


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


def fold(styled: StyledText) -> Folded:
    """Strip, find the quoted history, collapse blank lines; build the BodyLines and say what
    the history is (for the fold line)."""
    hints = styled.hints
    raw: list[str] = []
    texts: list[str] = []
    spans_of: list[Spans] = []
    depths: list[int] = []
    for text, spans in styled.lines:
        stripped = text.rstrip()
        raw.append(stripped)
        depth = 0
        # What the detector takes for a quote (">>> http://example.com <<<" is none).
        if stripped and stripped.lstrip()[:1] == ">" and is_quote_line(stripped):
            match = QUOTE_PREFIX.match(stripped)
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
    return Folded(tuple(lines), described)
