"""Stage 2 of the render pipeline: HTML mail to text with in-band style markers.

:func:`convert_html` reads the document with the linear tokenizer of :mod:`omnitui.core.markup`
and lays it out through :class:`~omnitui.render.html_writer.MarkedWriter`. What it writes instead
of Markdown punctuation:

- styles, links and table cells as *markers*, characters from plane 16 of Unicode's private use
  area, which :mod:`omnitui.render.styled_lines` turns into ``(start, end, style)`` spans after
  sanitising. Marker characters are removed from the input and from decoded entities first, so a
  mail cannot forge a style or a link;
- a link as its label and `` [n]``, the number of its entry in the message's link list
  (:class:`~omnitui.render.links.LinkList`, which judges it when its label is complete);
- images as ``[image: alt]``, tracking pixels not at all;
- history markup: where a mail client marks the quoted history with a class or id of its own
  (Gmail's ``div.gmail_quote``, Yahoo's ``div.yahoo_quoted``, Outlook's ``#divRplyFwdMsg``,
  ``#appendonsend`` and its ``border-top`` rule, Thunderbird's ``moz-cite-prefix``, Apple Mail's
  ``blockquote type=cite``), a ``HISTORY`` marker goes before the next text, for
  :mod:`omnitui.render.quotes` to fold from there.

Why not html2text or ``html.parser``: html2text writes Markdown (``**``, ``[label](url)``,
``[code]``, which is Rich markup, backslash escapes) and, to change that, had to be subclassed down
to its private state; ``html.parser`` of Python 3.11.7 is quadratic on unclosed tags (15 kB of
``<a `` take 1.7 s, docs/hazards.md §2.2). The tokenizer here cannot backtrack or rescan, and is
about three times faster on real mail.

Nothing here touches the terminal: ``&#27;`` decodes to a real ESC, on purpose — the next stage
sanitises once, after conversion, which catches every route.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from omnitui.core.markup import (
    BOLD_OFF,
    BOLD_ON,
    CODE_OFF,
    CODE_ON,
    DIGITS,
    HEAD_OFF,
    HEAD_ON,
    HISTORY,
    HISTORY_IF_HEADERS,
    ITALIC_OFF,
    ITALIC_ON,
    LINK_OFF,
    LINK_ON,
    LINK_SEP,
    RAW_TEXT_END,
    TOKEN,
    decode_entities,
    parse_attrs,
    strip_markers,
)
from omnitui.core.sanitize import sanitize
from omnitui.render.body import Link
from omnitui.render.html_writer import MarkedWriter
from omnitui.render.links import LinkList

__all__ = ["MailConverter", "Marked", "convert_html"]

_MAX_LABEL = 300  # characters of a link label kept for the link list
_TRACKING_PIXEL = 2  # images this small (width or height) are web bugs, not content
# A cheap look at a <div>'s or <blockquote>'s raw attributes before parsing them.
_HISTORY_ATTRS = re.compile(
    r"gmail_quote|yahoo_quoted|divRplyFwdMsg|appendonsend|moz-cite-prefix|border-top|cite",
    re.IGNORECASE,
)
_BORDER_TOP = re.compile(r"border-top\s*:[^;]*solid", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Marked:
    """A converted document: ``text`` with markers; per link marker ``LINK_ON i``, whether link
    ``i`` is safe (``link_safe[i]``, to style it as a link); the link list; image alt texts."""

    text: str
    link_safe: tuple[bool, ...] = ()
    links: tuple[Link, ...] = ()
    images: tuple[str, ...] = ()


def convert_html(html: str, max_output: int) -> Marked:
    """Convert a whole document; raise ``OutputLimitExceeded`` past ``max_output`` characters."""
    converter = MailConverter(max_output)
    text = converter.convert(html)
    images = tuple(sanitize(alt) for alt in converter.images)
    return Marked(text, tuple(converter.link_safe), converter.links.links, images)


@dataclass(slots=True)
class _OpenAnchor:
    """The ``<a href>`` being read: its label so far (capped) and the index of its marker."""

    href: str
    index: int
    parts: list[str] = field(default_factory=list)
    length: int = 0


class MailConverter(MarkedWriter):
    """One use only: ``MailConverter(max_output).convert(html)`` returns marked-up text.

    After :meth:`convert`, :attr:`links` holds the numbered links, :attr:`link_safe` the verdict
    per link marker and :attr:`images` the alt texts of the images shown.
    """

    def __init__(self, max_output: int = 1_000_000) -> None:
        super().__init__(max_output)
        self.links = LinkList()
        self.link_safe: list[bool] = []
        self.images: list[str] = []
        self._anchor: _OpenAnchor | None = None

    # --- driving ---------------------------------------------------------------------------------
    def convert(self, html: str) -> str:
        """Convert a whole document; raise ``OutputLimitExceeded`` past the output cap."""
        self._scan(strip_markers(html))
        if self._anchor is not None:
            self._close_anchor()
        return self.finish()

    def _scan(self, html: str) -> None:
        search = TOKEN.search
        find = html.find
        size = len(html)
        pos = 0
        starts = _STARTS
        ends = _ENDS
        needs_attrs = _NEEDS_ATTRS
        while True:
            match = search(html, pos)
            end = match.start() if match is not None else size
            if end > pos:
                chunk = html[pos:end]  # text, including any "<" that starts no tag
                if self.pre or chunk.strip(" \t\n\r\f"):
                    self._data(chunk)
                else:
                    # Whitespace between tags (most of Outlook's HTML): only a pending space.
                    self.space = True
                    if self._anchor is not None:
                        self._anchor.parts.append(" ")
            if match is None:
                return
            pos = match.end()
            kind = match.lastindex
            if kind == 2:  # start tag
                tag = match.group(1).lower()
                if tag != "ol" and tag != "ul":
                    self.last_was_list = False
                raw_end = RAW_TEXT_END.get(tag)
                if raw_end is not None:
                    close = raw_end.search(html, pos)
                    if close is None:
                        return  # an unclosed <style> or <script> runs to the end, as in a browser
                    gt = find(">", close.end() - 1)
                    pos = size if gt < 0 else gt + 1
                    continue
                handler = starts.get(tag)
                if handler is not None:
                    raw = match.group(2)
                    attrs = parse_attrs(raw) if tag in needs_attrs else _NO_ATTRS
                    handler(self, tag, attrs)
                    if tag in _HISTORY_TAGS and raw and _HISTORY_ATTRS.search(raw):
                        self._history_markup(tag, parse_attrs(raw))
            elif kind == 3:  # end tag
                tag = match.group(3).lower()
                if tag != "ol" and tag != "ul":
                    self.last_was_list = False
                end_handler = ends.get(tag)
                if end_handler is not None:
                    end_handler(self, tag)
            elif kind == 4:  # comment: an unclosed one hides the rest, as in a browser
                close_at = find("-->", match.start() + 2)
                pos = size if close_at < 0 else close_at + 3
            else:  # <!DOCTYPE>, <?xml?>, </3>: bogus comments up to the next ">"
                gt = find(">", pos - 1)
                pos = size if gt < 0 else gt + 1

    def _data(self, text: str) -> None:
        if "&" in text:
            text = decode_entities(text)
        anchor = self._anchor
        if anchor is not None and anchor.length < _MAX_LABEL:
            anchor.parts.append(text)
            anchor.length += len(text)
        if self.tables:
            self.tables[-1].cell_has_text = True
        self.o(text, puredata=True)

    # --- blocks ----------------------------------------------------------------------------------
    def _block(self, tag: str, attrs: dict[str, str] | None = None) -> None:
        # No break inside a link (as html2text). In a table cell, only between the cell's own
        # paragraphs: Outlook wraps every cell in <p>, which must not split the row, while layout
        # tables (one cell per row, the bulk of HTML mail) hold whole letters in one cell.
        if self._anchor is not None:
            return
        if self.tables and not self.tables[-1].cell_has_text:
            return
        self.p()

    def _history_markup(self, tag: str, attrs: dict[str, str]) -> None:
        """Mark where a client's own markup says the quoted history starts (see the module)."""
        classes = attrs.get("class", "").split()
        ident = attrs.get("id", "")
        if tag == "blockquote":
            strong = attrs.get("type", "").lower() == "cite" or "gmail_quote" in classes
            weak = False
        else:
            # Outlook on the web prefixes ids with "x_" when it quotes a message again.
            strong = ident.endswith(("divRplyFwdMsg", "appendonsend")) or any(
                name.startswith("gmail_quote") or name in ("yahoo_quoted", "moz-cite-prefix")
                for name in classes
            )
            # A rule is also how signatures are set off: it counts only above a header block.
            weak = bool(_BORDER_TOP.search(attrs.get("style", "")))
        if strong:
            self.history = HISTORY
        elif weak and not self.history:
            self.history = HISTORY_IF_HEADERS

    def _heading_start(self, tag: str, attrs: dict[str, str]) -> None:
        self.p()
        self.o(HEAD_ON)

    def _heading_end(self, tag: str) -> None:
        self.o(HEAD_OFF)
        self.p()

    # --- inline styles ---------------------------------------------------------------------------
    def _bold_start(self, tag: str, attrs: dict[str, str]) -> None:
        self.o(BOLD_ON)

    def _bold_end(self, tag: str) -> None:
        self.o(BOLD_OFF)

    def _italic_start(self, tag: str, attrs: dict[str, str]) -> None:
        self.o(ITALIC_ON)

    def _italic_end(self, tag: str) -> None:
        self.o(ITALIC_OFF)

    def _code_start(self, tag: str, attrs: dict[str, str]) -> None:
        if not self.pre:
            self.o(CODE_ON)

    def _code_end(self, tag: str) -> None:
        if not self.pre:
            self.o(CODE_OFF)

    def _q(self, tag: str, attrs: dict[str, str] | None = None) -> None:
        self.o('"')

    # --- links and images ------------------------------------------------------------------------
    def _a_start(self, tag: str, attrs: dict[str, str]) -> None:
        if self._anchor is not None:
            self._close_anchor()  # <a> cannot nest: a browser closes the first one
        href = attrs.get("href")
        if href is None:
            return
        self._anchor = _OpenAnchor(href, len(self.link_safe))
        self.link_safe.append(False)
        self.o(f"{LINK_ON}{self._anchor.index}{LINK_SEP}")

    def _a_end(self, tag: str) -> None:
        if self._anchor is not None:
            self._close_anchor()

    def _close_anchor(self) -> None:
        anchor = self._anchor
        assert anchor is not None
        self._anchor = None
        label = " ".join("".join(anchor.parts).split())[:_MAX_LABEL]
        space = self.space  # keep a pending separator for after the marker
        self.space = False
        if not label:
            self.o(LINK_OFF)  # nothing visible to point at: no number either
            self.space = space
            return
        number, safe = self.links.add(anchor.href, label)
        self.link_safe[anchor.index] = safe
        self.o(f" [{number}]{LINK_OFF}")
        self.space = space

    def _img(self, tag: str, attrs: dict[str, str]) -> None:
        for dimension in ("width", "height"):
            value = attrs.get(dimension, "")
            digits = DIGITS.match(value.strip())
            if digits and int(digits.group()) <= _TRACKING_PIXEL:
                return
        alt = " ".join(attrs.get("alt", "").split())
        self.images.append(alt)
        if self.tables:
            self.tables[-1].cell_has_text = True
        text = f"[image: {alt}]" if alt else "[image]"
        if self._anchor is not None and self._anchor.length < _MAX_LABEL:
            self._anchor.parts.append(text)
            self._anchor.length += len(text)
        self.o(text)


_Start = Callable[[MailConverter, str, dict[str, str]], None]
_End = Callable[[MailConverter, str], None]
_NO_ATTRS: dict[str, str] = {}
_NEEDS_ATTRS = frozenset({"a", "img", "ol"})
_HISTORY_TAGS = frozenset({"div", "blockquote"})
# Dispatch tables, built once: per-instance dicts of bound methods cost more than a small
# message's whole conversion.
_STARTS: dict[str, _Start] = {
    "p": MailConverter._block,
    "div": MailConverter._block,
    "br": MailConverter._br,
    "hr": MailConverter._hr,
    "blockquote": MailConverter._blockquote_start,
    "b": MailConverter._bold_start,
    "strong": MailConverter._bold_start,
    "em": MailConverter._italic_start,
    "i": MailConverter._italic_start,
    "u": MailConverter._italic_start,
    "cite": MailConverter._italic_start,
    "code": MailConverter._code_start,
    "kbd": MailConverter._code_start,
    "tt": MailConverter._code_start,
    "samp": MailConverter._code_start,
    "q": MailConverter._q,
    "a": MailConverter._a_start,
    "img": MailConverter._img,
    "dl": MailConverter._dl,
    "dd": MailConverter._dd_start,
    "ol": MailConverter._list_start,
    "ul": MailConverter._list_start,
    "li": MailConverter._li_start,
    "table": MailConverter._table_start,
    "tr": MailConverter._tr_start,
    "td": MailConverter._td_start,
    "th": MailConverter._td_start,
    "pre": MailConverter._pre_start,
    **{f"h{level}": MailConverter._heading_start for level in range(1, 7)},
}
_ENDS: dict[str, _End] = {
    "p": MailConverter._block,
    "div": MailConverter._block,
    "blockquote": MailConverter._blockquote_end,
    "b": MailConverter._bold_end,
    "strong": MailConverter._bold_end,
    "em": MailConverter._italic_end,
    "i": MailConverter._italic_end,
    "u": MailConverter._italic_end,
    "cite": MailConverter._italic_end,
    "code": MailConverter._code_end,
    "kbd": MailConverter._code_end,
    "tt": MailConverter._code_end,
    "samp": MailConverter._code_end,
    "q": MailConverter._q,
    "a": MailConverter._a_end,
    "dt": MailConverter._pbr,
    "dd": MailConverter._pbr,
    "ol": MailConverter._list_end,
    "ul": MailConverter._list_end,
    "li": MailConverter._li_end,
    "table": MailConverter._table_end,
    "tr": MailConverter._tr_end,
    "pre": MailConverter._pre_end,
    **{f"h{level}": MailConverter._heading_end for level in range(1, 7)},
}
