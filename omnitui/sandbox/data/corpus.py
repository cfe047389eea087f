"""Hostile strings and HTML that the sandbox serves so the client's defences can be tested.

The strings come from docs/hazards.md §1.6 and §6: terminal escape sequences (OSC 52 clipboard
writes, OSC 8 links, title changes, terminal queries), C1 controls, NUL/DEL, carriage returns, bidi
overrides, zero-width characters, Rich markup, wide and right-to-left text, and HTML that is
huge, deeply nested, broken or in the wrong charset. The sandbox stores and returns them
unmodified; tests import them from here to check that nothing reaches the terminal.
"""

from __future__ import annotations

from typing import Final

# Ticket ids of the hostile demo tickets.
HOSTILE_TICKET: Final = 900100
"""Every string below in the title, names, tags, user names, file names, notes and mails."""
HUGE_TICKET: Final = 900101
"""One 2 MB HTML mail."""
NESTED_TICKET: Final = 900102
"""10,000 nested unclosed ``<ul><li>``, and 10,000 nested ``<div>``."""
BROKEN_HTML_TICKET: Final = 900103
"""Nested tables and broken or unclosed tags."""
MOJIBAKE_TICKET: Final = 900104
"""Latin-1/cp1252 mojibake and a ``<meta>`` claiming a non-UTF-8 charset."""
WIDE_TICKET: Final = 900105
"""Emoji, CJK, Arabic, Hebrew, combining marks, a 10,000-character word, a lone surrogate."""
DRIFT_TICKET: Final = 900106
"""Type drift beyond the documented: unknown enum values and entry types, odd ids, nulls."""

HOSTILE_TICKETS: Final = (
    HOSTILE_TICKET,
    HUGE_TICKET,
    NESTED_TICKET,
    BROKEN_HTML_TICKET,
    MOJIBAKE_TICKET,
    WIDE_TICKET,
    DRIFT_TICKET,
)

# Terminal escape sequences (docs/hazards.md §1.6).
OSC52_WRITE: Final = "A\x1b]52;c;cHduZWQ=\x07B"
OSC52_READ: Final = "A\x1b]52;c;?\x07"
OSC0_TITLE: Final = "A\x1b]0;PWNED\x1b\\B"
OSC8_LINK: Final = "A\x1b]8;;https://evil.example/\x1b\\https://bank.example\x1b]8;;\x1b\\"
CLEAR_SCREEN: Final = "\x1b[2J\x1b[H"
ALT_SCREEN: Final = "\x1b[?1049h"
HIDDEN_TEXT: Final = "\x1b[8m hidden"
CURSOR_QUERY: Final = "\x1b[6n"
WINDOW_QUERY: Final = "\x1b[21t"
DCS_QUERY: Final = "\x1bP$q m\x1b\\"
APC: Final = "\x1b_APC\x1b\\"
C1_CSI: Final = "\u009b2J"
C1_OSC: Final = "\u009d0;T\u009c"
NUL_DEL: Final = "\x00\x7f"
CARRIAGE_RETURN: Final = "line1\roverwrite"
BACKSPACE: Final = "x\bY"

# Text that looks like something else.
BIDI_OVERRIDE: Final = "invoice_\u202egpj.exe"
ZERO_WIDTH: Final = "pay\u200bpal"

# Rich/Textual markup that must stay literal.
MARKUP_CLOSE: Final = "[/]"
MARKUP_CLOSE_BOLD: Final = "[/bold]"
MARKUP_CLICK: Final = "[@click=app.quit]x[/]"
MARKUP_LINK: Final = "[link=https://evil.example]bank[/link]"
MARKUP_FLOOD: Final = "[b]" * 10000
TRAILING_BACKSLASH: Final = "trailing backslash\\"
EMOJI_CODE: Final = ":smile:"

# Wide, right-to-left and combining text.
EMOJI: Final = "📦 Pakket onderweg 🚚 👩‍👩‍👧‍👦 🇳🇱 ✅"
CJK: Final = "注文番号の確認をお願いします 订单 주문"
ARABIC: Final = "طلبي لم يصل بعد، أرجو المساعدة"
HEBREW: Final = "ההזמנה שלי לא הגיעה עדיין"
COMBINING: Final = "Z" + "\u0337\u0322\u031b" * 300 + "algo"
LONG_WORD: Final = "A" * 10000
LONE_SURROGATE: Final = "broken \ud800 surrogate"
"""A lone surrogate: valid in a JSON ``\\ud800`` escape, invalid as UTF-8."""

TERMINAL_STRINGS: Final = (
    OSC52_WRITE,
    OSC52_READ,
    OSC0_TITLE,
    OSC8_LINK,
    CLEAR_SCREEN,
    ALT_SCREEN,
    HIDDEN_TEXT,
    CURSOR_QUERY,
    WINDOW_QUERY,
    DCS_QUERY,
    APC,
    C1_CSI,
    C1_OSC,
    NUL_DEL,
    CARRIAGE_RETURN,
    BACKSPACE,
)
"""Strings whose bytes would act on a terminal if printed raw."""

DISGUISE_STRINGS: Final = (BIDI_OVERRIDE, ZERO_WIDTH)
"""Strings that display as something they are not."""

MARKUP_STRINGS: Final = (
    MARKUP_CLOSE,
    MARKUP_CLOSE_BOLD,
    MARKUP_CLICK,
    MARKUP_LINK,
    MARKUP_FLOOD,
    TRAILING_BACKSLASH,
    EMOJI_CODE,
)
"""Strings that Rich or Textual would interpret if they were parsed as markup."""

WIDE_STRINGS: Final = (EMOJI, CJK, ARABIC, HEBREW, COMBINING)
"""Double-width, right-to-left and combining text: legitimate, but hard to lay out."""

ALL_STRINGS: Final = TERMINAL_STRINGS + DISGUISE_STRINGS + MARKUP_STRINGS + WIDE_STRINGS
"""Every hostile plain string; the hostile ticket has one note per string, in this order."""

# HTML that html2text turns into control characters or dangerous links.
HTML_OSC52_ENTITY: Final = "<p>&#27;]52;c;cHduZWQ=&#7;</p>"
HTML_ESC_HEX_ENTITY: Final = "<p>&#x1b;[2J&#x1b;[H screen cleared</p>"
HTML_C1_ENTITY: Final = "<p>&#x9b;2J and &#155;6n</p>"
HTML_NUL_ENTITY: Final = "<p>&#0; null entity</p>"
HTML_RAW_ESCAPES: Final = "<p>raw \x1b]0;PWNED\x07 and \x1b[31mred\x1b[0m and \u009b2J in HTML</p>"
HTML_DASH_HREF: Final = '<a href="--remote-debugging-port=9222">x</a>'
HTML_JAVASCRIPT_HREF: Final = '<a href="javascript:alert(1)">Click to confirm</a>'
HTML_DATA_HREF: Final = (
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">invoice.pdf</a>'
)
HTML_FILE_HREF: Final = '<a href="file:///etc/passwd">your statement</a>'
HTML_SPOOFED_LINK: Final = '<a href="https://evil.example/login">https://bank.example/</a>'
HTML_SCRIPT_STYLE: Final = (
    "<script>alert(document.cookie)</script><style>body{display:none}</style>"
    "<p>text after script</p>"
)
HTML_MARKUP_IN_TEXT: Final = "<p>[bold]not bold[/bold] [@click=app.quit]quit[/] [/]</p>"
HTML_MARKDOWN_LINK: Final = "<p>[click here](javascript:alert(1))</p>"

HTML_SNIPPETS: Final = (
    HTML_OSC52_ENTITY,
    HTML_ESC_HEX_ENTITY,
    HTML_C1_ENTITY,
    HTML_NUL_ENTITY,
    HTML_RAW_ESCAPES,
    HTML_DASH_HREF,
    HTML_JAVASCRIPT_HREF,
    HTML_DATA_HREF,
    HTML_FILE_HREF,
    HTML_SPOOFED_LINK,
    HTML_SCRIPT_STYLE,
    HTML_MARKUP_IN_TEXT,
    HTML_MARKDOWN_LINK,
)
"""HTML fragments; the hostile ticket has one message per fragment, in this order."""

HOSTILE_FILE_NAMES: Final = (
    BIDI_OVERRIDE,
    "[/].pdf",
    "\x1b]0;PWNED\x07.txt",
    "../../.bashrc",
    "factuur\r\noverwrite.pdf",
    "--remote-debugging-port=9222",
    "pay\u200bpal-statement.pdf",
    "📦 注文.png",
)
"""Attachment names a client must show inert and must never use as a path or argument."""


def mail_document(body: str, *, charset: str = "utf-8") -> str:
    """Wrap ``body`` in the HTML document a mail client sends, claiming ``charset``."""
    return (
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" '
        f'content="text/html; charset={charset}"></head><body>{body}</body></html>\n'
    )


def huge_html(size: int = 2_000_000) -> str:
    """Return a newsletter-like HTML mail of at least ``size`` characters."""
    block = (
        "<h2>Aanbieding {n}</h2><p>Dit is alinea {n} van een <b>heel</b> lange nieuwsbrief "
        'met een <a href="https://www.mybrand.com/aanbieding/{n}">link naar aanbieding {n}</a> '
        "en wat <i>schuingedrukte</i> tekst om de regel te vullen.</p>"
        "<table><tr><td>Artikel {n}</td><td>€ {n},99</td></tr></table>"
        '<img src="https://cdn.mybrand.com/img/{n}.jpg" alt="Product {n}">\n'
    )
    parts: list[str] = []
    total = 0
    n = 0
    while total < size:
        part = block.format(n=n)
        parts.append(part)
        total += len(part)
        n += 1
    return mail_document("".join(parts))


def nested_lists(depth: int = 10_000) -> str:
    """Return ``depth`` nested, never-closed ``<ul><li>`` (html2text output grows quadratically)."""
    return mail_document("<ul><li>" * depth + "bottom of the list")


def nested_divs(depth: int = 10_000) -> str:
    """Return ``depth`` nested ``<div>`` elements (deep recursion in naive tree walkers)."""
    return mail_document("<div>" * depth + "bottom of the divs" + "</div>" * depth)


def nested_tables(depth: int = 40) -> str:
    """Return tables nested ``depth`` deep (html2text ``pad_tables`` raises on these, #370)."""
    inner = "innermost cell"
    for level in range(depth):
        inner = (
            f"<table border='1'><tr><th>level {level}</th><th>b</th></tr>"
            f"<tr><td>{inner}</td><td>x</td></tr><tr><td colspan='2'>wide</td></tr></table>"
        )
    return mail_document(inner)


def broken_html() -> str:
    """Return HTML with unclosed, misnested and half-written tags and an unclosed comment."""
    body = (
        "<table><tr><td>cell without end<td>second<tr><td><table><tr><td>inner"
        "</table></td></tr></tbody></thead>"
        "<p>paragraph <b>bold <i>both</b> italic?</i> <u>never closed"
        '<a href="https://mybrand.com/x>unterminated attribute</a>'
        "<p <b>tag inside tag</b></p>"
        "</div></div></span> stray closers"
        "<ul><li>one<li>two<ol><li>three</ul>"
        "<img src=x alt='no end"
        "<p>text after the broken image</p>"
        "<!-- a comment that never ends <p>hidden?</p>"
    )
    return mail_document(body)


# "€ 12,50 — “Geachte” café één" encoded as UTF-8 and read back as cp1252 and as latin-1.
MOJIBAKE_TEXT: Final = "€ 12,50 — “Geachte” café één reçu Ærø"
MOJIBAKE_CP1252: Final = MOJIBAKE_TEXT.encode("utf-8").decode("cp1252", errors="replace")
MOJIBAKE_LATIN1: Final = MOJIBAKE_TEXT.encode("utf-8").decode("latin-1")
"""Contains C1 control characters (``\\x80``-``\\x9f``): a second way mojibake becomes hostile."""


def mojibake_html() -> str:
    """Return a mail that claims windows-1252 and holds UTF-8 read as cp1252 and latin-1."""
    body = (
        f"<p>{MOJIBAKE_CP1252}</p><p>{MOJIBAKE_LATIN1}</p>"
        "<p>Replacement characters: \ufffd\ufffd and a BOM \ufeff in the middle.</p>"
    )
    return mail_document(body, charset="windows-1252")


def iso_claim_html() -> str:
    """Return a mail that claims iso-8859-1 in a ``<meta charset>`` while the text is UTF-8."""
    return (
        '<html><head><meta charset="iso-8859-1"></head><body>'
        f"<p>{MOJIBAKE_TEXT}</p><p>Gr\u00fc\u00dfe aus K\u00f6ln</p></body></html>\n"
    )
