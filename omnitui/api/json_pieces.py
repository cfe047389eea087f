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
from typing import Any

from pydantic_core import from_json

__all__ = ["PIECE_CHARS", "loads", "loads_in_pieces"]

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
_SPACE = re.compile(r"[ \t\n\r]*")
_STEP_DEPTH = 3  # envelope -> item -> timeline: entries and anything deeper decode in one piece


def _skip_space(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]  # it matches "" too


def _in_steps(text: str, piece_chars: int) -> Any:
    """The stepwise walk; raises ValueError or IndexError on anything malformed."""
    value, end = _step_value(text, _skip_space(text, 0), _STEP_DEPTH, piece_chars)
    if _skip_space(text, end) != len(text):
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
        at = _skip_space(text, at + 1)
        if text[at] == closer:
            return result, at + 1
        while True:
            if opener == "{":
                key, at = _DECODER.raw_decode(text, at)
                if not isinstance(key, str):
                    raise ValueError("object key is not a string")
                at = _skip_space(text, at)
                if text[at] != ":":
                    raise ValueError("expected ':'")
                at = _skip_space(text, at + 1)
                result[key], at = _step_value(text, at, depth - 1, piece_chars)
            else:
                item, at = _step_value(text, at, depth - 1, piece_chars)
                result.append(item)
            at = _skip_space(text, at)
            if text[at] == closer:
                return result, at + 1
            if text[at] != ",":
                raise ValueError("expected ','")
            at = _skip_space(text, at + 1)
    return _DECODER.raw_decode(text, at)


_NEXT_ITEM = re.compile(r"\}[ \t\n\r]*,[ \t\n\r]*(?=\{)")
_LAST_ITEM = re.compile(r"\}[ \t\n\r]*\]")
_PIECE_TRIES = 4
_OBJECT_TRIES = 16


def _object_items(text: str, at: int, piece_chars: int) -> tuple[list[Any], int] | None:
    """An array of objects (a timeline), decoded several dozen objects at a time.

    pydantic-core's parser is twice as fast as ``json``'s but has no "decode one value and say
    where it ended", so each piece's end is guessed: a ``}`` followed by ``, {`` (or, for the
    last object, by ``]``), after which the text from the piece's first ``{`` parses as a list.
    That is a true end between objects: a cut inside a string or a nested value does not parse.
    Near the array's end no piece fits, and the last objects are taken one at a time. None when
    the array is anything else or the guesses fail too often: the caller then decodes it the
    usual way.
    """
    items: list[Any] = []
    at = _skip_space(text, at + 1)
    if text[at] == "]":
        return items, at + 1
    while text[at] == "{":
        found = (
            _piece_at(text, at, at + piece_chars, _NEXT_ITEM, _PIECE_TRIES)
            or _piece_at(text, at, at, _NEXT_ITEM, _OBJECT_TRIES)
            or _piece_at(text, at, at, _LAST_ITEM, _OBJECT_TRIES)
        )
        if found is None:
            return None
        piece, end = found
        items.extend(piece)
        if text[end - 1] == "]":
            return items, end
        at = end
    return None


def _piece_at(
    text: str, at: int, search: int, pattern: re.Pattern[str], tries: int
) -> tuple[list[Any], int] | None:
    for _ in range(tries):
        end = pattern.search(text, search)
        if end is None:
            return None
        try:
            piece = from_json(f"[{text[at : end.start() + 1]}]", allow_inf_nan=False)
        except ValueError:
            search = end.start() + 1
            continue
        return piece, end.end()
    return None
