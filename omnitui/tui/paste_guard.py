"""Bracketed pastes that carry escape sequences arrive whole, in order, and inert.

Textual 8's input parser reads an ESC inside a bracketed paste as the start of a key sequence:
everything from that ESC up to the paste's end marker is re-issued as key presses (ESC as ``^``),
and only the text before it becomes the paste, delivered last. ``P␛]0;T␇Q R`` pasted into a
note came out as ``^]0;TQ RP``, and that is what the draft kept and the server received.

:class:`PasteSafeParser` sits in front of Textual's parser and changes only the bytes between
the start and end markers of a paste: their controls become visible marks
(:func:`omnitui.core.sanitize.inert_paste`), so the parser sees no ESC until the real end marker
and hands the whole text over as one paste. Everything outside a paste passes untouched, so keys,
mouse and Escape behave exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._xterm_parser import XTermParser
from textual.message import Message

from omnitui.core.sanitize import inert_paste

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


def _marker_prefix_at_end(data: str, marker: str) -> int:
    """How many characters at the end of ``data`` could begin ``marker`` (0 if none)."""
    for size in range(min(len(marker) - 1, len(data)), 0, -1):
        if marker.startswith(data[-size:]):
            return size
    return 0


class PasteSafeParser(XTermParser):
    """Textual's terminal parser, with the inside of every bracketed paste made inert first."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._in_paste = False
        # Outside a paste: the last characters already passed on, so that a start marker split
        # over two reads is still seen. Inside: a tail that may be the start of the end marker.
        self._recent = ""
        self._held = ""

    def feed(self, data: str) -> Iterable[Message]:
        if not data:
            return super().feed(data)  # end of input
        return super().feed(self.guard(data))

    def guard(self, data: str) -> str:
        """``data`` as Textual's parser should see it: the inside of pastes made inert."""
        out: list[str] = []
        while data:
            if not self._in_paste:
                window = self._recent + data
                found = window.find(PASTE_START)
                if found < 0:
                    out.append(data)
                    self._recent = window[-(len(PASTE_START) - 1) :]
                    break
                after = found + len(PASTE_START) - len(self._recent)
                out.append(data[:after])
                data = data[after:]
                self._in_paste, self._recent = True, ""
            else:
                data, self._held = self._held + data, ""
                found = data.find(PASTE_END)
                if found < 0:
                    keep = _marker_prefix_at_end(data, PASTE_END)
                    body = data[: len(data) - keep]
                    self._held = data[len(data) - keep :]
                    out.append(inert_paste(body))
                    break
                out.append(inert_paste(data[:found]) + PASTE_END)
                data = data[found + len(PASTE_END) :]
                self._in_paste = False
        return "".join(out)


def install() -> None:
    """Make Textual's terminal drivers read input through :class:`PasteSafeParser`.

    The drivers build their parser from a module-level name when their input thread starts,
    so this must run before the app does; it changes nothing else in them.
    """
    from textual.drivers import linux_driver, linux_inline_driver

    linux_driver.XTermParser = PasteSafeParser  # type: ignore[misc]
    linux_inline_driver.XTermParser = PasteSafeParser  # type: ignore[misc]
