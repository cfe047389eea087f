"""Make text from the API safe to put on a terminal.

Rich and Textual pass ESC, C1 controls and bidi overrides straight to the terminal (docs/hazards.md
§0), so every string that came from outside goes through :func:`sanitize` once, at the model
boundary and again after HTML conversion (html2text turns ``&#27;`` back into ESC).

This module is a leaf: it imports nothing from omnitui and nothing heavy, so every layer may use it.
"""

from __future__ import annotations

import re

ESC_MARK = "\u241b"  # ␛ — shows where an escape sequence was, without performing it
REPLACEMENT = "\ufffd"

# C0 except tab and newline, DEL, C1, lone surrogates, bidi embeddings/overrides/isolates.
# LRM/RLM (U+200E/F) stay: they are legitimate in Hebrew and Arabic mail and cannot reorder runs.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
# Zero-width characters used to disguise words ("pay\u200bpal"); ZWJ (U+200D) stays for emoji.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u2060\ufeff]")
# Anything :func:`sanitize` would change: one scan, much cheaper than the three substitutions.
_UNSAFE = re.compile(
    "[\r\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u200b\u200c\u2060\ufeff]"
)


def _mark(match: re.Match[str]) -> str:
    return ESC_MARK if match.group() == "\x1b" else REPLACEMENT


def sanitize(text: str) -> str:
    """Return ``text`` with every control character made visible and inert.

    Carriage returns become newlines (a bare CR could overwrite a line), ESC becomes ␛ and the
    other controls become U+FFFD, so a reader can still see that something was there.
    """
    if not text or (text.isascii() and text.isprintable()):
        return text  # the common case, and the cheap test for it: nothing to replace
    if _UNSAFE.search(text) is None:
        return text  # multi-line or non-ASCII, but nothing to replace either (most mail)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(_mark, text)
    return _ZERO_WIDTH.sub("", text)


# What a paste may carry that no key can: controls except tab and the line ends, and bidi overrides.
_PASTED_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def inert_paste(text: str) -> str:
    """Pasted text with its controls made visible (ESC as ␛, others as U+FFFD), in place.

    Line ends stay as the terminal sent them: the widget that takes the paste reads them.
    """
    return _PASTED_CONTROL.sub(_mark, text)


def sanitize_line(text: str) -> str:
    """Like :func:`sanitize`, for one-line fields (titles, names): newlines and tabs fold."""
    if text.isascii() and text.isprintable():
        return text
    return sanitize(text).replace("\n", " ").replace("\t", " ")
