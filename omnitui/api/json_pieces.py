"""``json.loads`` for big response bodies, in many small steps instead of one.

``json.loads`` holds the GIL for the whole document (70-150 ms for a 5,000-entry ticket), which
freezes the UI even when it runs in a thread. :func:`loads_in_pieces` walks the outer objects and
arrays in Python and decodes each value below them (one timeline entry, say) on its own, or a
timeline's entries several dozen at a time, so the interpreter can switch to the event loop in
between. The result is exactly :func:`loads`'s, and so is the error on malformed JSON.

This module never imports Textual.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from typing import Any, AnyStr, Generic

from pydantic_core import from_json

__all__ = ["BYTES", "DECODER", "PIECE_CHARS", "TEXT", "loads", "loads_in_pieces", "next_piece"]

#: About sixty entries of a timeline: one piece holds the GIL for well under a millisecond.
PIECE_CHARS = 64 * 1024


def loads(text: str) -> Any:
    """``json.loads(text)``, except that NaN and Infinity (not JSON) raise a ValueError."""
    return json.loads(text, parse_constant=_reject_constant)


def loads_in_pieces(text: str, *, piece_chars: int = PIECE_CHARS) -> Any:
    """:func:`loads` in small steps: the same value, or the same error.

    The steps reach three levels down (envelope -> item -> timeline); an array of objects there
    is decoded ``piece_chars`` characters at a time, anything deeper in one piece. Whatever the
    steps cannot read is left to :func:`loads`, which then returns the value or raises its error.
    """
    with contextlib.suppress(ValueError, IndexError, RecursionError):
        return _in_steps(text, piece_chars)
    return loads(text)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
#: ``json``'s decoder, NaN and Infinity refused: its ``raw_decode`` reads one value and says
#: where it ended (:mod:`json_lazy` walks a document's outer objects with it).
DECODER = _DECODER
_SPACE = re.compile(r"[ \t\n\r]*")
_STEP_DEPTH = 3  # envelope -> item -> timeline: entries and anything deeper decode in one piece


def skip_space(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]  # it matches "" too


def _in_steps(text: str, piece_chars: int) -> Any:
    """The stepwise walk; raises ValueError or IndexError on anything malformed."""
    value, end = _step_value(text, skip_space(text, 0), _STEP_DEPTH, piece_chars)
    if skip_space(text, end) != len(text):
        raise ValueError("extra data")
    return value


def _step_value(text: str, at: int, depth: int, piece_chars: int) -> tuple[Any, int]:
    opener = text[at]
    if depth == 1 and opener == "[":
        found = _object_items(text, at, piece_chars)
        if found is not None:
            return found
    if depth and opener in "{[":
        closer = "}" if opener == "{" else "]"
        result: Any = {} if opener == "{" else []
        at = skip_space(text, at + 1)
        if text[at] == closer:
            return result, at + 1
        while True:
            if opener == "{":
                key, at = _DECODER.raw_decode(text, at)
                if not isinstance(key, str):
                    raise ValueError("object key is not a string")
                at = skip_space(text, at)
                if text[at] != ":":
                    raise ValueError("expected ':'")
                at = skip_space(text, at + 1)
                result[key], at = _step_value(text, at, depth - 1, piece_chars)
            else:
                item, at = _step_value(text, at, depth - 1, piece_chars)
                result.append(item)
            at = skip_space(text, at)
            if text[at] == closer:
                return result, at + 1
            if text[at] != ",":
                raise ValueError("expected ','")
            at = skip_space(text, at + 1)
    return _DECODER.raw_decode(text, at)


@dataclass(frozen=True, slots=True)
class Syntax(Generic[AnyStr]):
    """What cutting an array into pieces looks for, in text or in bytes (:mod:`json_lazy` cuts
    an answer's bytes, which it never decodes whole)."""

    space: re.Pattern[AnyStr]
    #: The end of an object followed by another: a possible cut between two items.
    next_item: re.Pattern[AnyStr]
    #: The end of an object and of its array: the last cut.
    last_item: re.Pattern[AnyStr]
    open_object: AnyStr
    open_array: AnyStr
    close_array: AnyStr

    def skip_space(self, text: AnyStr, at: int) -> int:
        return self.space.match(text, at).end()  # type: ignore[union-attr]  # it matches "" too

    def space_before(self, text: AnyStr, at: int) -> int:
        """Where the last character before ``at`` that is not white space is; -1 if none."""
        at -= 1
        while at >= 0 and self.space.match(text, at, at + 1).end() > at:  # type: ignore[union-attr]
            at -= 1
        return at


TEXT = Syntax(
    _SPACE,
    re.compile(r"\}[ \t\n\r]*,[ \t\n\r]*(?=\{)"),
    re.compile(r"\}[ \t\n\r]*\]"),
    "{",
    "[",
    "]",
)
BYTES = Syntax(
    re.compile(rb"[ \t\n\r]*"),
    re.compile(rb"\}[ \t\n\r]*,[ \t\n\r]*(?=\{)"),
    re.compile(rb"\}[ \t\n\r]*\]"),
    b"{",
    b"[",
    b"]",
)
_PIECE_TRIES = 4
_OBJECT_TRIES = 16


def _object_items(text: str, at: int, piece_chars: int) -> tuple[list[Any], int] | None:
    """An array of objects (a timeline), decoded several dozen objects at a time.

    None when the array is anything else or the cuts fail too often (:func:`next_piece`): the
    caller then decodes it the usual way.
    """
    items: list[Any] = []
    at = skip_space(text, at + 1)
    if text[at] == "]":
        return items, at + 1
    while text[at] == "{":
        found = next_piece(text, at, piece_chars, TEXT)
        if found is None:
            return None
        piece, end = found
        items.extend(piece)
        if text[end - 1] == "]":
            return items, end
        at = end
    return None


def next_piece(
    text: AnyStr, at: int, piece_chars: int, syntax: Syntax[AnyStr], end: int | None = None
) -> tuple[list[Any], int] | None:
    """The objects of an array from ``at`` (an object's ``{``) to a cut about ``piece_chars``
    further on, and where the next piece starts (its ``{``, or just after the array's ``]``).

    pydantic-core's parser is twice as fast as ``json``'s but has no "decode one value and say
    where it ended", so each piece's end is guessed: a ``}`` followed by ``, {`` (or, for the
    last object, by ``]``), after which the text from the piece's first ``{`` parses as a list.
    That is a true end between objects: a cut inside a string or a nested value does not parse.
    Near the array's end no piece fits, and the last objects are taken one at a time. ``end``
    bounds the search (the array's ``]`` is before it). None when the guesses fail too often.
    """
    limit = len(text) if end is None else end
    return (
        _piece_at(text, at, at + piece_chars, limit, syntax.next_item, _PIECE_TRIES, syntax)
        or _piece_at(text, at, at, limit, syntax.next_item, _OBJECT_TRIES, syntax)
        or _piece_at(text, at, at, limit, syntax.last_item, _OBJECT_TRIES, syntax)
    )


def _piece_at(
    text: AnyStr,
    at: int,
    search: int,
    limit: int,
    pattern: re.Pattern[AnyStr],
    tries: int,
    syntax: Syntax[AnyStr],
) -> tuple[list[Any], int] | None:
    for _ in range(tries):
        cut = pattern.search(text, search, limit)
        if cut is None:
            return None
        try:
            piece = from_json(
                syntax.open_array + text[at : cut.start() + 1] + syntax.close_array,
                allow_inf_nan=False,
            )
        except ValueError:
            search = cut.start() + 1
            continue
        return piece, cut.end()
    return None
