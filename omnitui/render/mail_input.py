"""Stage 1 of the render pipeline: decide what a message's content is and cap it.

Omnidesk gives a message's ``content`` as HTML mail (often a whole document) or as plain text
(notes, and what omnitui sent, which Omnidesk returns as escaped HTML without a tag: "Tom &amp;
Jerry"). :func:`prepare` caps the input at ``max_input`` characters (at a tag or line boundary
when one is near, so the tail is not half a tag), says in a note how much was left out, and for
plain text decodes the entities and applies the output cap, since no converter will.

Standard library only; cheap enough for the UI process (the timeline asks :func:`looks_like_html`
of every entry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from omnitui.core.markup import decode_entities

__all__ = [
    "PLAIN_IN_PLACE_BELOW",
    "MailInput",
    "join_notes",
    "looks_like_html",
    "needs_converter",
    "output_cut_note",
    "prepare",
]

PLAIN_IN_PLACE_BELOW = 8_000
"""Plain text shorter than this (characters) is rendered where it is shown, on the event loop:
at worst (a line of "b:" and one of ">" in turn, every line a candidate for the quote detector)
8 kB take about 20 ms. Longer plain text goes to the converter like HTML: 0.9 MB of such lines
take about 0.8 s."""

# A complete tag that only HTML has. Plain text with "<jan@example.com>" or "a<b" stays plain text.
_HTML_HINT = re.compile(
    r"<(?:!doctype\b|!--|/?(?:html|head|body|p|div|br|span|table|tr|td|th|ul|ol|li|a|b|i|u|em|"
    r"strong|img|blockquote|pre|h[1-6]|font|hr|center|meta|style|title|tbody|code|sup|sub|small|"
    r"o:p|section|article|header|footer|label|s|strike|del|ins|big|tt|dl|dt|dd|q|cite|abbr|"
    r"address|wbr|nobr|map|area|button|form|input)"
    r"""(?>\s++[a-zA-Z][\w:.-]*+(?>\s*+=\s*+(?>"[^"<]*+"|'[^'<]*+'|[^\s<>"']++))?+)*+\s*+/?>)""",
    re.IGNORECASE,
)
_BOUNDARY_WINDOW = 4096  # how far back from the cap a tag or line end is looked for


def looks_like_html(content: str) -> bool:
    """True when ``content`` contains an HTML tag; plain text (notes) takes a faster path."""
    return "<" in content and _HTML_HINT.search(content) is not None


def needs_converter(content: str) -> bool:
    """Whether ``content`` is rendered by the converter, off the event loop (HTML, and plain
    text of :data:`PLAIN_IN_PLACE_BELOW` characters or more), rather than where it is shown."""
    return len(content) >= PLAIN_IN_PLACE_BELOW or looks_like_html(content)


@dataclass(frozen=True, slots=True)
class MailInput:
    """A message's content ready for conversion.

    ``text`` is the capped HTML when ``html``, else the capped plain text with its entities
    decoded (not yet sanitised: the next stage does that once, for every route); "" when there
    is nothing but white space. ``note`` says what a cap left out, or is None.
    """

    text: str
    html: bool
    note: str | None = None


def prepare(content: str, max_input: int, max_output: int) -> MailInput:
    """Cap ``content`` and say whether it is HTML. Never raises on any string."""
    text, note = cap_input(content or "", max_input)
    if not text.strip():
        return MailInput("", False, note)
    if looks_like_html(text):
        return MailInput(text, True, note)
    if len(text) > max_output:
        text = text[:max_output]
        note = output_cut_note(max_output)
    return MailInput(decode_plain(text), False, note)


def decode_plain(text: str) -> str:
    """Entities in text that is not HTML: what omnitui sends is escaped HTML ("Tom &amp; Jerry"),
    and it comes back as the content with no tag in it; it must read as the agent typed it."""
    return decode_entities(text) if "&" in text else text


def cap_input(content: str, max_input: int) -> tuple[str, str | None]:
    """``content`` cut to about ``max_input`` characters, and the note that says so (or None)."""
    if len(content) <= max_input:
        return content, None
    cut = max_input
    window = max(0, max_input - _BOUNDARY_WINDOW)
    boundary = max(content.rfind(">", window, max_input), -1)
    if boundary < 0:
        boundary = content.rfind("\n", window, max_input)
    if boundary > 0:
        cut = boundary + 1
    left = len(content) - cut
    return content[:cut], f"Message truncated: the last {_size(left)} are not shown."


def output_cut_note(max_output: int) -> str:
    """One sentence for a text cut at ``max_output``, whether or not the input was cut first."""
    return f"Message truncated: only its first {_size(max_output)} of text are shown."


def join_notes(*notes: str | None) -> str | None:
    """The notes that are set, as one text (None when there are none)."""
    text = " ".join(note for note in notes if note)
    return text or None


def _size(chars: int) -> str:
    if chars >= 1_000_000:
        return f"{chars / 1_000_000:.1f} MB"
    return f"{max(chars // 1000, 1)} kB"
