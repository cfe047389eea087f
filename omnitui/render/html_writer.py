"""The converter's layout: paragraphs, line breaks, spaces, blockquotes, ``<pre>``, lists, tables.

:class:`MarkedWriter` is the layout state machine the HTML converter
(:mod:`omnitui.render.html_convert`) writes through. It started as html2text's ``o()`` and its
``p()``/``pbr()``/``soft_br()`` (html2text 2025.4.15, GPL-3.0, like omnitui): a paragraph or a
line break is not written when a tag asks for it but owed (``p_p``) and paid before the next text,
so runs of empty ``<div>``s cost one blank line; a space between words is owed the same way
(``space``). Owning it, rather than subclassing html2text and relying on its private state, means
no html2text version can change omnitui's output; what omnitui never used (Markdown escaping,
reference links, Google Docs, abbreviations, the four-space indent of ``<pre>``) is gone.

The block-level tags whose handling is pure layout (blockquote, pre, lists, tables, rules) are
handled here too; the converter maps tags to these methods and adds what needs the document
(styles, links, images, history markup). It also counts what it writes and raises
:class:`~omnitui.core.markup.OutputLimitExceeded` as soon as the cap is passed, so 48 kB of
nested lists cannot grow into 36 MB before anyone notices.
Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from omnitui.core.markup import (
    CELL,
    DIGITS,
    HEADER_ROW,
    HTML_SPACE,
    INVISIBLE_RE,
    LINK_ON,
    LINK_SEP,
    SINGLE_MARKERS,
    TABLE_OFF,
    TABLE_ON,
    OutputLimitExceeded,
)

__all__ = ["UL_MARK", "ListLevel", "MarkedWriter", "Table"]

UL_MARK = "•"


class ListLevel:
    """One open ``<ul>`` or ``<ol>``: its tag and the number of the last item (for ``<ol>``)."""

    __slots__ = ("name", "num")

    def __init__(self, name: str, num: int) -> None:
        self.name = name
        self.num = num


@dataclass(slots=True)
class Table:
    """Per-table state (one global flag would be corrupted by nested tables)."""

    split_next_td: bool = False
    row_is_header: bool = False
    rows: int = 0
    cell_has_text: bool = False


class MarkedWriter:
    """Text with in-band markers, written with the paragraph and spacing rules of the module.

    A new instance per message. The converter sets the layout attributes as tags open and close
    and writes text and markers with :meth:`o`; :meth:`finish` returns everything written.
    """

    def __init__(self, max_output: int) -> None:
        self.max_output = max_output
        self.out_len = 0
        self.parts: list[str] = []
        self.tail_blank = True  # the visible text written so far ends in a space or newline
        self.p_p = 0  # line breaks owed before the next text: 1 a line break, 2 a paragraph
        self.br_toggle = ""  # "  " after a table row: written before the owed line break
        self.space = False  # a space owed before the next text
        self.start = True  # nothing written yet: owed breaks and spaces are dropped
        self.blockquote = 0  # depth of open <blockquote>s
        self.pre = False  # inside <pre>: whitespace and line breaks are kept
        self.startpre = False  # just after <pre>: its text starts on a line of its own
        self.pre_indent = ""
        self.list: list[ListLevel] = []
        self.list_code_indent = ""  # the indent of the open list item's continuation lines
        self.last_was_list = False  # the last tag opened or closed a list
        self.split_next_td = False  # the next cell of the row needs a separator before it
        self.history = ""  # a history marker waiting for the next text
        self.tables: list[Table] = []  # the open tables, innermost last

    # --- owed breaks -----------------------------------------------------------------------------
    def p(self) -> None:
        """Owe a paragraph break (a blank line) before the next text."""
        self.p_p = 2

    def pbr(self) -> None:
        """Owe at least a line break before the next text."""
        if self.p_p == 0:
            self.p_p = 1

    def soft_br(self) -> None:
        """Owe a line break that ends a table row."""
        self.pbr()
        self.br_toggle = "  "

    # --- writing ---------------------------------------------------------------------------------
    def out(self, s: str) -> None:
        """Append ``s``; stop the conversion once the output passes the cap."""
        self.parts.append(s)
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
        """Write ``data`` after what is owed: breaks (with the blockquote prefix), a space.

        ``puredata``: text from the document, whose whitespace collapses (outside ``<pre>``);
        ``force``: write even when ``data`` is empty; ``"end"`` ends the document.
        """
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
        if self.history and data:
            out(self.history)
            self.history = ""
        out(data)

    def finish(self) -> str:
        """End the document and return everything written."""
        self.pbr()
        self.o("", force="end")
        return "".join(self.parts)

    # --- blocks ----------------------------------------------------------------------------------
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

    # --- lists ---------------------------------------------------------------------------------
    def _list_start(self, tag: str, attrs: dict[str, str]) -> None:
        if not self.list and not self.last_was_list:
            self.p()
        start = 0
        if tag == "ol":
            digits = DIGITS.match(attrs.get("start", "").strip())
            if digits and len(digits.group()) < 9:
                start = int(digits.group()) - 1
        self.list.append(ListLevel(tag, start))
        self.last_was_list = True

    def _list_end(self, tag: str) -> None:
        if not self.list and not self.last_was_list:
            self.p()
        if self.list:
            self.list.pop()
            if not self.list:
                self.o("\n")
        self.last_was_list = True

    def _li_start(self, tag: str, attrs: dict[str, str]) -> None:
        self.list_code_indent = ""
        self.pbr()
        li = self.list[-1] if self.list else ListLevel("ul", 0)
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
            self.o(UL_MARK + " ")
        self.start = True

    def _li_end(self, tag: str) -> None:
        self.list_code_indent = ""
        self.pbr()

    # --- tables ----------------------------------------------------------------------------------
    def _table_start(self, tag: str, attrs: dict[str, str]) -> None:
        if not self.tables:
            self.pbr()
        else:
            self.tables[-1].split_next_td = self.split_next_td
            self.space = True  # "outer<table>inner" must not read "outerinner"
        self.tables.append(Table())
        self.split_next_td = False
        self.o(TABLE_ON)

    def _table_end(self, tag: str) -> None:
        if not self.tables:
            return
        self.tables.pop()
        self.o(TABLE_OFF)
        if self.tables:
            self.split_next_td = self.tables[-1].split_next_td
        else:
            self.split_next_td = False
            self.pbr()

    def _tr_start(self, tag: str, attrs: dict[str, str]) -> None:
        if self.tables:
            table = self.tables[-1]
            table.row_is_header = False
        self.split_next_td = False

    def _tr_end(self, tag: str) -> None:
        if self.tables:
            table = self.tables[-1]
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
        if self.tables:
            self.tables[-1].cell_has_text = False
        if tag == "th" and self.tables:
            self.tables[-1].row_is_header = True
