"""HTML markup primitives: markers, a linear tokenizer, entities, tag stripping.

Shared by the render pipeline (its converter, :mod:`omnitui.render.html_convert`, reads HTML with
the tokenizer) and the sandbox's demo mail.

- *Markers*: characters from plane 16 of Unicode's private use area that the converter writes
  in-band for styles, links and table cells, and that :mod:`omnitui.render.styled_lines` turns
  into spans.
  They are stripped from every input (raw text, decoded entities, attribute values), so a mail can
  never forge a style or a link.
- *Tokenizer patterns*: linear by construction (see ``TOKEN``).
- *Entity decoding* that keeps control characters visible instead of dropping them.
- *Tag stripping* (:func:`strip_tags`): the plain-text fallback when conversion fails.

This module is a leaf: it imports only the standard library.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Final

# --- markers -------------------------------------------------------------------------------------
# Plane 16 private use: no font, keyboard or mail client produces these, so stripping the whole
# block from the input costs real mail nothing.
BOLD_ON: Final = "\U0010ff00"
BOLD_OFF: Final = "\U0010ff01"
ITALIC_ON: Final = "\U0010ff02"
ITALIC_OFF: Final = "\U0010ff03"
HEAD_ON: Final = "\U0010ff04"
HEAD_OFF: Final = "\U0010ff05"
CODE_ON: Final = "\U0010ff06"
CODE_OFF: Final = "\U0010ff07"
LINK_ON: Final = "\U0010ff08"  # followed by the anchor index in decimal and LINK_SEP
LINK_SEP: Final = "\U0010ff09"
LINK_OFF: Final = "\U0010ff0a"
TABLE_ON: Final = "\U0010ff0b"
TABLE_OFF: Final = "\U0010ff0c"
CELL: Final = "\U0010ff0d"  # between two cells of a row
HEADER_ROW: Final = "\U0010ff0e"  # at the end of a row made of <th> cells
# Where a mail client's own markup says the quoted history starts (div.gmail_quote, …); the
# second kind only counts when a From/Sent header block follows (Outlook's rule above it).
HISTORY: Final = "\U0010ff0f"
HISTORY_IF_HEADERS: Final = "\U0010ff10"

MARKER_RANGE: Final = "\U0010ff00-\U0010ffff"
MARKER_RE: Final = re.compile(f"[{MARKER_RANGE}]")
# Everything that is invisible: style markers and the anchor numbers carried by LINK_ON.
INVISIBLE_RE: Final = re.compile(f"{LINK_ON}[0-9]*{LINK_SEP}|[{MARKER_RANGE}]")


SINGLE_MARKERS = frozenset(chr(code) for code in range(0x10FF00, 0x10FF11))


class OutputLimitExceeded(Exception):
    """The converted text passed the output cap: the document is amplifying (nested lists...)."""


def strip_markers(text: str) -> str:
    """Remove every marker character, so text from a mail can never forge a style or a link."""
    if not text.isascii() and MARKER_RE.search(text):
        return MARKER_RE.sub("", text)
    return text


# --- tokenizer ---------------------------------------------------------------------------------
# Two rules keep every pattern linear on any input:
# - nothing can look past the next "<" (names, unquoted and quoted values all exclude it), so one
#   attempt costs at most the distance to the next "<";
# - every repetition is possessive or atomic (Python 3.11+), so a failing attempt never tries
#   another way of splitting "Mon" into attribute names: without that, "<On Mon wrote:" followed by
#   a few dozen characters and a "<" backtracks exponentially (found by the hypothesis test).
# The price: `alt="a<b"` reads as text, which no mail needs.
TAG_NAME = r"""[a-zA-Z][^\s/>"'<]*+"""
ATTRS = (
    r"""(?>[\s/]*+[^\s/>"'=<][^\s/>=<]*+"""
    r"""(?>\s*+=\s*+(?>"[^"<]*+"|'[^'<]*+'|[^\s>"'<]*+))?+)*+"""
)
TOKEN = re.compile(
    r"<(?:(" + TAG_NAME + r")(" + ATTRS + r")[\s/]*+>"  # 1, 2: start tag and attributes
    r"|/(" + TAG_NAME + r")[^<>]*+>"  # 3: end tag
    r"|(!--)"  # 4: comment
    r"|([!?]|/(?![a-zA-Z])))"  # 5: doctype, processing instruction, bogus comment
)
ATTR = re.compile(
    r"""([^\s/>"'=<][^\s/>=<]*+)(?>\s*+=\s*+(?>"([^"<]*+)"|'([^'<]*+)'|([^\s>"'<]*+)))?+"""
)
# Elements whose content is not markup: skipped to their end tag (or to the end, as browsers do).
RAW_TEXT_END = {
    name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in ("script", "style", "title")
}
# HTML collapses ASCII whitespace only; U+00A0 (&nbsp;) and other spaces must survive.
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
DIGITS = re.compile(r"\d+")


_CONTROL_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
# Codepoints html.unescape() silently drops. A dropped ESC hides that the mail carried an escape
# sequence; kept, it becomes a visible ␛ after sanitising (docs/hazards.md §1.6: visible
# placeholder).
_DROPPED_BY_UNESCAPE = frozenset([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _keep_control(match: re.Match[str]) -> str:
    hex_digits, digits = match.groups()
    codepoint = int(hex_digits, 16) if hex_digits else int(digits)
    if codepoint in _DROPPED_BY_UNESCAPE:
        return chr(codepoint)
    return match.group()


def decode_entities(text: str) -> str:
    """``html.unescape``, except that references to control characters give the character
    (to be made visible by the sanitiser) instead of nothing; marker characters are removed."""
    if "&#" in text:
        text = _CONTROL_REF.sub(_keep_control, text)
    return strip_markers(unescape(text))


def parse_attrs(text: str) -> dict[str, str]:
    """Attributes of a start tag, names lower-cased, values entity-decoded, markers removed."""
    attrs: dict[str, str] = {}
    for match in ATTR.finditer(text):
        name = match.group(1).lower()
        if name in attrs:
            continue
        value = match.group(2)
        if value is None:
            value = match.group(3)
        if value is None:
            value = match.group(4) or ""
        attrs[name] = decode_entities(value) if "&" in value else strip_markers(value)
    return attrs


# --- tag stripping ------------------------------------------------------------------------------

QUOTE_PREFIX: Final = re.compile(r"[ \t]*((?:>[ \t]?)+)")
"""The ``>`` markers (and the blanks between them) that start a quoted line of plain text."""

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dl",
        "dt",
        "dd",
        "hr",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "address",
        "center",
        "form",
        "fieldset",
        "nav",
        "aside",
        "main",
        "figure",
        "figcaption",
    ]
)
_FALLBACK_START = re.compile(r"<(/?)(" + TAG_NAME + r")(" + ATTRS + r")[\s/]*+>")


def strip_tags(html: str, max_output: int = 1_000_000, *, layout: bool = True) -> tuple[str, bool]:
    """Plain text from HTML by a linear scan: block tags become line breaks, ``<li>`` a bullet,
    cells are separated by " | ", blockquotes prefix their lines with ">", images show their alt.

    With ``layout=False`` the text is the crude one a plain-text mail client quotes: only
    ``<br>`` and ``</p>`` end a line, every other tag vanishes, whitespace stays as written, only
    ``&amp;``, ``&lt;`` and ``&gt;`` are decoded, and the ends are stripped (the sandbox's demo
    mail quotes this way).

    Returns the text (not yet sanitised) and whether it was cut at ``max_output``.
    """
    html = strip_markers(html)
    out: list[str] = []
    size = 0
    quote = 0
    find = html.find
    length = len(html)
    pos = 0

    def newline() -> str:
        return "\n" + "> " * quote

    while pos < length and size <= max_output:
        lt = find("<", pos)
        chunk = html[pos:] if lt < 0 else html[pos:lt]
        if chunk:
            if not layout:
                chunk = chunk.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            else:
                chunk = HTML_SPACE.sub(" ", chunk)
                if "&" in chunk:
                    chunk = decode_entities(chunk)
            out.append(chunk)
            size += len(chunk)
        if lt < 0:
            break
        nxt = html[lt + 1 : lt + 2]
        if html.startswith("<!--", lt):
            close = find("-->", lt + 2)
            pos = length if close < 0 else close + 3
            continue
        if nxt in ("!", "?"):
            gt = find(">", lt)
            pos = length if gt < 0 else gt + 1
            continue
        match = _FALLBACK_START.match(html, lt)
        if match is None:
            out.append("<")
            size += 1
            pos = lt + 1
            continue
        pos = match.end()
        closing, tag = match.group(1), match.group(2).lower()
        if not closing and tag in RAW_TEXT_END:
            close_match = RAW_TEXT_END[tag].search(html, pos)
            if close_match is None:
                break
            gt = find(">", close_match.end() - 1)
            pos = length if gt < 0 else gt + 1
            continue
        piece = ""
        if not layout:
            if (tag == "br" and not closing) or (tag == "p" and closing):
                piece = "\n"
        elif tag == "blockquote":
            quote = max(0, quote + (-1 if closing else 1))
            piece = newline()
        elif tag in _BLOCK_TAGS:
            piece = newline()
        elif tag == "li" and not closing:
            piece = newline() + "• "
        elif tag in ("td", "th") and not closing:
            piece = " | "
        elif tag == "img" and not closing:
            alt = " ".join(parse_attrs(match.group(3)).get("alt", "").split())
            piece = f" [image: {alt}] " if alt else " [image] "
        if piece:
            out.append(piece)
            size += len(piece)
    text = "".join(out)
    truncated = size > max_output or len(text) > max_output
    text = text[:max_output]
    if not layout:
        return text.strip(), truncated
    # Tidy: no spaces at line ends or starts (after the quote prefix), no leading cell separator.
    cleaned = []
    for line in text.split("\n"):
        match = QUOTE_PREFIX.match(line)
        prefix = match.group(0) if match else ""
        rest = line[len(prefix) :].strip()
        if rest.startswith("| "):
            rest = rest[2:]
        cleaned.append((prefix.strip() + " " + rest) if prefix.strip() and rest else rest)
    return "\n".join(cleaned), truncated
