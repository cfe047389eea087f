"""What the terminal sends arrives as the agent typed it: pastes whole and inert, Escape as Escape.

**Pastes.**

Textual 8's input parser reads an ESC inside a bracketed paste as the start of a key sequence:
everything from that ESC up to the paste's end marker is re-issued as key presses (ESC as ``^``),
and only the text before it becomes the paste, delivered last. ``P␛]0;T␇Q R`` pasted into a
note came out as ``^]0;TQ RP``, and that is what the draft kept and the server received.

:class:`TerminalInputParser` sits in front of Textual's parser and changes only the bytes between
the start and end markers of a paste: their controls become visible marks
(:func:`omnitui.core.sanitize.inert_paste`), so the parser sees no ESC until the real end marker
and hands the whole text over as one paste.

**Escape in a burst.** Textual reads an ESC as the start of a sequence and waits a moment for the
rest; if the next bytes are already there (keys typed ahead over a laggy link arrive in one read),
it takes them all as one unknown sequence: ``Esc ^U 858462 Enter`` left the ticket screen open
and the number was never typed. No sequence continues an ESC with a control character other than
Tab, Backspace or another ESC (which Textual knows: shift+tab, ctrl+w, escape), so before such a
character the pending ESC is let go as the Escape key, exactly as the wait would have done.
Alt+letter (ESC then a printable character) is read as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual._parser import ParseTimeout
from textual._xterm_parser import XTermParser
from textual.message import Message

from omnitui.core.sanitize import inert_paste

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
ESC = "\x1b"

#: Control characters that do continue an ESC (ESC Tab is shift+tab, ESC DEL is ctrl+w, ESC ESC …).
_CONTINUES_ESC = frozenset("\t\x7f\x1b")


def _ends_escape(character: str) -> bool:
    """Whether ``character`` after a lone ESC means the ESC was the Escape key."""
    return character < " " and character not in _CONTINUES_ESC


def _marker_prefix_at_end(data: str, marker: str) -> int:
    """How many characters at the end of ``data`` could begin ``marker`` (0 if none)."""
    for size in range(min(len(marker) - 1, len(data)), 0, -1):
        if marker.startswith(data[-size:]):
            return size
    return 0


class TerminalInputParser(XTermParser):
    """Textual's terminal parser, with the inside of every bracketed paste made inert first."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._in_paste = False
        # Outside a paste: the last characters already passed on, so that a start marker split
        # over two reads is still seen. Inside: a tail that may be the start of the end marker.
        self._recent = ""
        self._held = ""
        # The last character passed on was an ESC that Textual holds as a sequence's start.
        self._lone_escape = False

    def feed(self, data: str) -> Iterable[Message]:
        if not data:
            return super().feed(data)  # end of input
        return self._feed_keys(self.guard(data))

    def _feed_keys(self, data: str) -> Iterator[Message]:
        start = 0
        for index, character in enumerate(data):
            if self._lone_escape and _ends_escape(character):
                if index > start:  # (an empty feed would mean the end of input)
                    yield from super().feed(data[start:index])
                yield from self._escape_key()
                start = index
            self._lone_escape = character == ESC
        if start < len(data):
            yield from super().feed(data[start:])

    def _escape_key(self) -> Iterator[Message]:
        """Let the pending ESC go as the Escape key: what Textual does when its wait runs out."""
        if self._timeout_time is None:  # the wait already ran out (see ``tick``)
            return
        self._timeout_time = None
        self._awaiting = self._gen.throw(ParseTimeout())
        while self._tokens:
            yield self._tokens.popleft()

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
    """Make Textual's terminal drivers read input through :class:`TerminalInputParser`.

    The drivers build their parser from a module-level name when their input thread starts,
    so this must run before the app does; it changes nothing else in them.
    """
    from textual.drivers import linux_driver, linux_inline_driver

    linux_driver.XTermParser = TerminalInputParser  # type: ignore[misc]
    linux_inline_driver.XTermParser = TerminalInputParser  # type: ignore[misc]
