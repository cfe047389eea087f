"""html2text, specialised for e-mail shown in a terminal: text with in-band style markers.

Why a subclass instead of ``html2text.html2text()``: its Markdown output is wrong for us in every
place that matters — ``**`` and ``_`` marks instead of styles, ``[label](url)`` links that a
terminal cannot follow safely, ``[code]`` (which is Rich markup), backslash escapes ("1\\. item"),
and quadratic blow-ups (docs/hazards.md §2). So this converter keeps html2text's layout engine (the
paragraph/line-break state machine of ``o()``, list indentation, blockquotes) and replaces:

- the tokenizer: a regex scanner instead of ``html.parser``. It is about three times faster on
  real mail, and linear by construction (no attempt to match a tag looks past the next ``<``), so a
  hostile document cannot make it backtrack;
- the emphasis, heading, code, link and table output: instead of Markdown punctuation it writes
  *markers*, characters from plane 16 of Unicode's private use area, which the caller turns into
  ``(start, end, style)`` spans after sanitising. Marker characters are removed from the input and
  from decoded entities first, so a mail cannot forge a style or a link;
- history markup: where a mail client marks the quoted history with a class or id of its own
  (Gmail's ``div.gmail_quote``, Yahoo's ``div.yahoo_quoted``, Outlook's ``#divRplyFwdMsg``,
  ``#appendonsend`` and its ``border-top`` rule, Thunderbird's ``moz-cite-prefix``, Apple Mail's
  ``blockquote type=cite``), a :data:`HISTORY` marker goes before the next text, for
  :mod:`omnitui.render.quotes` to fold from there;
- the output sink: it counts what it writes and raises :class:`OutputLimitExceeded` as soon as the
  cap is passed, so 48 kB of nested lists cannot grow into 36 MB before anyone notices.

Nothing here touches the terminal: the caller must still sanitise the text (``&#27;`` decodes to a
real ESC here, on purpose — sanitising once, after conversion, catches every route).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from html2text import HTML2Text
from html2text.elements import ListElement

from omnitui.core.markup import (
    BOLD_OFF,
    BOLD_ON,
    CELL,
    CODE_OFF,
    CODE_ON,
    DIGITS,
    HEAD_OFF,
    HEAD_ON,
    HEADER_ROW,
    HISTORY,
    HISTORY_IF_HEADERS,
    HTML_SPACE,
    INVISIBLE_RE,
    ITALIC_OFF,
    ITALIC_ON,
    LINK_OFF,
    LINK_ON,
    LINK_SEP,
    RAW_TEXT_END,
    SINGLE_MARKERS,
    TABLE_OFF,
    TABLE_ON,
    TOKEN,
    OutputLimitExceeded,
    decode_entities,
    parse_attrs,
    strip_markers,
)
from omnitui.render.links import LinkTarget, classify_href

_MAX_LABEL = 300  # characters of a link label kept for the link list
_TRACKING_PIXEL = 2  # images this small (width or height) are web bugs, not content
_UL_MARK = "•"
# A cheap look at a <div>'s or <blockquote>'s raw attributes before parsing them.
_HISTORY_ATTRS = re.compile(
    r"gmail_quote|yahoo_quoted|divRplyFwdMsg|appendonsend|moz-cite-prefix|border-top|cite",
    re.IGNORECASE,
)
_BORDER_TOP = re.compile(r"border-top\s*:[^;]*solid", re.IGNORECASE)


@dataclass(slots=True)
class Anchor:
    """One ``<a href>`` seen in the document, while it is open and after."""

    href: str
    label_parts: list[str] = field(default_factory=list)
    label_len: int = 0
    number: int = 0  # the [n] shown after the label; 0 = nothing shown (empty label)
    target: LinkTarget | None = None


@dataclass(slots=True)
class _Table:
    """Per-table state (html2text keeps one global flag, which nested tables corrupt)."""

    split_next_td: bool = False
    row_is_header: bool = False
    rows: int = 0
    cell_has_text: bool = False


class MailConverter(HTML2Text):
    """One use only: ``MailConverter(max_output).convert(html)`` returns marked-up text.

    A new instance per message (html2text keeps state between documents, docs/hazards.md §2.2).
    After :meth:`convert`, :attr:`anchors` holds every link (``anchors[i]`` for marker ``i``),
    :attr:`images` the alt texts of the images shown.
    """

    def __init__(self, max_output: int = 1_000_000) -> None:
        super().__init__(bodywidth=0)
        # The options docs/hazards.md §2.4 asks for. Most no longer matter because the handlers
        # below replace html2text's own, but they document intent and protect any path left to it.
        self.body_width = 0
        self.inline_links = True
        self.protect_links = True
        self.wrap_links = False
        self.images_to_alt = True
        self.pad_tables = False
        self.mark_code = False
        self.unicode_snob = True
        self.ul_item_mark = _UL_MARK
        self.max_output = max_output
        self.out_len = 0
        self.tail_blank = True  # html2text's lastWasNL, also true after a space
        self.anchors: list[Anchor] = []
        self.images: list[str] = []
        self._anchor: Anchor | None = None
        self._numbers: dict[tuple[str, bool], int] = {}
        self._tables: list[_Table] = []
        self._history = ""  # a history marker waiting for the next text

    # --- driving ---------------------------------------------------------------------------------
    def convert(self, html: str) -> str:
        """Convert a whole document; raise :class:`OutputLimitExceeded` past the output cap."""
        html = strip_markers(html)
        self._scan(html)
        if self._anchor is not None:
            self._close_anchor()
        self.pbr()
        self.o("", force="end")
        return "".join(self.outtextlist)

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
                elif not self.quiet:
                    # Whitespace between tags (most of Outlook's HTML): only a pending space.
                    self.space = True
                    if self._anchor is not None:
                        self._anchor.label_parts.append(" ")
            if match is None:
                return
            pos = match.end()
            kind = match.lastindex
            if kind == 2:  # start tag
                tag = match.group(1).lower()
                if tag != "ol" and tag != "ul":
                    self.lastWasList = False
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
                    self.lastWasList = False
                end_handler = ends.get(tag)
                if end_handler is not None:
                    end_handler(self, tag)
            elif kind == 4:  # comment: an unclosed one hides the rest, as in a browser
                close_at = find("-->", match.start() + 2)
                pos = size if close_at < 0 else close_at + 3
            else:  # <!DOCTYPE>, <?xml?>, </3>: bogus comments up to the next ">"
                gt = find(">", pos - 1)
                pos = size if gt < 0 else gt + 1

    # --- output ----------------------------------------------------------------------------------
    def outtextf(self, s: str) -> None:
        """html2text's sink, plus the running size check that stops amplification early."""
        self.outtextlist.append(s)
        if s:
            # Where the visible text ends (markers are invisible): decides if a space is needed.
            if s.isascii():
                self.tail_blank = s[-1] in " \n"
            elif s in SINGLE_MARKERS or (s[0] == LINK_ON and s[-1] == LINK_SEP):
                pass
            else:
                visible = INVISIBLE_RE.sub("", s)
                if visible:
                    self.tail_blank = visible[-1] in " \n"
            self.out_len += len(s)
            if self.out_len > self.max_output:
                raise OutputLimitExceeded(self.out_len)

    def o(self, data: str, puredata: bool = False, force: bool | str = False) -> None:
        """html2text's ``o()`` without the parts we never use (Google Docs, reference links,
        abbreviations) and without the four-space indent of ``<pre>`` (mail clients put whole plain
        text messages in ``<pre>``; indenting them reads as code)."""
        if self.quiet:
            return
        if puredata and not self.pre:
            data = HTML_SPACE.sub(" ", data)
            if data and data[0] == " ":
                self.space = True
                data = data[1:]
        if not data and not force:
            return
        if self.startpre and not data.startswith("\n"):
            data = "\n" + data
        if self.blockquote:
            bq = ">" * self.blockquote
            if not (force and data and data[0] == ">"):
                bq += " "
        else:
            bq = ""
        if self.pre:
            if self.list:
                bq += self.list_code_indent
            data = data.replace("\n", "\n" + bq)
            self.pre_indent = bq
        if self.startpre:
            self.startpre = False
            if self.list:
                data = data.lstrip("\n" + self.pre_indent)
        if self.start:
            self.space = False
            self.p_p = 0
            self.start = False
        out = self.out
        if force == "end":
            self.p_p = 0
            out("\n")
            self.space = False
        if self.p_p:
            out((self.br_toggle + "\n" + bq) * self.p_p)
            self.space = False
            self.br_toggle = ""
        if self.space:
            if not self.tail_blank:
                out(" ")
            self.space = False
        self.p_p = 0
        if self._history and data:
            out(self._history)
            self._history = ""
        out(data)
        self.outcount += 1

    def _data(self, text: str) -> None:
        if "&" in text:
            text = decode_entities(text)
        anchor = self._anchor
        if anchor is not None and anchor.label_len < _MAX_LABEL:
            anchor.label_parts.append(text)
            anchor.label_len += len(text)
        if self._tables:
            self._tables[-1].cell_has_text = True
        self.o(text, puredata=True)

    # --- blocks ----------------------------------------------------------------------------------
    def _block(self, tag: str, attrs: dict[str, str] | None = None) -> None:
        # No break inside a link (as html2text). In a table cell, only between the cell's own
        # paragraphs: Outlook wraps every cell in <p>, which must not split the row, while layout
        # tables (one cell per row, the bulk of HTML mail) hold whole letters in one cell.
        if self._anchor is not None:
            return
        if self._tables and not self._tables[-1].cell_has_text:
            return
        self.p()

    def _pbr(self, tag: str, attrs: dict[str, str] | None = None) -> None:
        self.pbr()

    def _br(self, tag: str, attrs: dict[str, str]) -> None:
        if self.pre:
            self.o("\n")
        elif self.blockquote:
            self.o("  \n" + ">" * self.blockquote + " ")
        else:
            self.o("  \n")

    def _hr(self, tag: str, attrs: dict[str, str]) -> None:
        self.p()
        self.o("* * *")
        self.p()

    def _blockquote_start(self, tag: str, attrs: dict[str, str]) -> None:
        self.p()
        self.o("> ", force=True)
        self.start = True
        self.blockquote += 1

    def _blockquote_end(self, tag: str) -> None:
        if self.blockquote:
            self.blockquote -= 1
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
            self._history = HISTORY
        elif weak and not self._history:
            self._history = HISTORY_IF_HEADERS

    def _heading_start(self, tag: str, attrs: dict[str, str]) -> None:
        self.p()
        self.inheader = True
        self.o(HEAD_ON)

    def _heading_end(self, tag: str) -> None:
        self.o(HEAD_OFF)
        self.inheader = False
        self.p()

    def _pre_start(self, tag: str, attrs: dict[str, str]) -> None:
        self.startpre = True
        self.pre = True
        self.pre_indent = ""
        self.p()

    def _pre_end(self, tag: str) -> None:
        self.pre = False
        self.p()

    def _dl(self, tag: str, attrs: dict[str, str]) -> None:
        self.p()

    def _dd_start(self, tag: str, attrs: dict[str, str]) -> None:
        self.o("    ")

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
        anchor = Anchor(href)
        self._anchor = anchor
        self.anchors.append(anchor)
        self.o(f"{LINK_ON}{len(self.anchors) - 1}{LINK_SEP}")

    def _a_end(self, tag: str) -> None:
        if self._anchor is not None:
            self._close_anchor()

    def _close_anchor(self) -> None:
        anchor = self._anchor
        assert anchor is not None
        self._anchor = None
        label = " ".join("".join(anchor.label_parts).split())[:_MAX_LABEL]
        anchor.label_parts = [label]
        space = self.space  # keep a pending separator for after the marker
        self.space = False
        if not label:
            self.o(LINK_OFF)  # nothing visible to point at: no number either
            self.space = space
            return
        target = classify_href(anchor.href, label)
        anchor.target = target
        # The same URL keeps its number, unless one of its labels is a spoof: that one gets its
        # own entry, so the list shows its warning.
        key = (target.url, target.safe)
        number = self._numbers.get(key)
        if number is None:
            number = len(self._numbers) + 1
            self._numbers[key] = number
        anchor.number = number
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
        if self._tables:
            self._tables[-1].cell_has_text = True
        text = f"[image: {alt}]" if alt else "[image]"
        if self._anchor is not None and self._anchor.label_len < _MAX_LABEL:
            self._anchor.label_parts.append(text)
            self._anchor.label_len += len(text)
        self.o(text)

    # --- lists (html2text's logic, minus Google Docs) --------------------------------------------
    def _list_start(self, tag: str, attrs: dict[str, str]) -> None:
        if not self.list and not self.lastWasList:
            self.p()
        start = 0
        if tag == "ol":
            digits = DIGITS.match(attrs.get("start", "").strip())
            if digits and len(digits.group()) < 9:
                start = int(digits.group()) - 1
        self.list.append(ListElement(tag, start))
        self.lastWasList = True

    def _list_end(self, tag: str) -> None:
        if not self.list and not self.lastWasList:
            self.p()
        if self.list:
            self.list.pop()
            if not self.list:
                self.o("\n")
        self.lastWasList = True

    def _li_start(self, tag: str, attrs: dict[str, str]) -> None:
        self.list_code_indent = ""
        self.pbr()
        li = self.list[-1] if self.list else ListElement("ul", 0)
        indent = []
        parent = None
        for element in self.list:
            indent.append("   " if parent == "ol" else "  ")
            parent = element.name
        self.list_code_indent = "".join(indent)
        self.o(self.list_code_indent)
        if li.name == "ol":
            li.num += 1
            self.list_code_indent += "   "
            self.o(f"{li.num}. ")
        else:
            self.list_code_indent += "  "
            self.o(_UL_MARK + " ")
        self.start = True

    def _li_end(self, tag: str) -> None:
        self.list_code_indent = ""
        self.pbr()

    # --- tables ----------------------------------------------------------------------------------
    def _table_start(self, tag: str, attrs: dict[str, str]) -> None:
        if not self._tables:
            self.pbr()
        else:
            self._tables[-1].split_next_td = self.split_next_td
            self.space = True  # "outer<table>inner" must not read "outerinner"
        self._tables.append(_Table())
        self.split_next_td = False
        self.o(TABLE_ON)

    def _table_end(self, tag: str) -> None:
        if not self._tables:
            return
        self._tables.pop()
        self.o(TABLE_OFF)
        if self._tables:
            self.split_next_td = self._tables[-1].split_next_td
        else:
            self.split_next_td = False
            self.pbr()

    def _tr_start(self, tag: str, attrs: dict[str, str]) -> None:
        if self._tables:
            table = self._tables[-1]
            table.row_is_header = False
        self.split_next_td = False

    def _tr_end(self, tag: str) -> None:
        if self._tables:
            table = self._tables[-1]
            if table.rows == 0 and table.row_is_header:
                self.o(HEADER_ROW)
            table.rows += 1
        self.split_next_td = False
        self.soft_br()

    def _td_start(self, tag: str, attrs: dict[str, str]) -> None:
        if self.split_next_td:
            self.p_p = 0  # the previous cell's closing </p> must not split the row
            self.o(CELL)
        self.split_next_td = True
        if self._tables:
            self._tables[-1].cell_has_text = False
        if tag == "th" and self._tables:
            self._tables[-1].row_is_header = True


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
