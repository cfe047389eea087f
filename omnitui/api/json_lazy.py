"""A big answer decoded around its one long array, of which only the first items are decoded.

A 50,000-entry ticket is 56 MB of JSON. Decoding all of it before showing it took a quarter of a
second (turning the bytes into text alone 25 ms), though the first screen needs a hundred
entries: the time to the first screen grew with the ticket. :func:`loads_lazily` reads what the
first screen needs, whatever the length: the members around the array (a ticket's header, before
and after its timeline) and the array's first items; :meth:`LazyArray.rest` decodes the other
items later, in a thread. It works on the answer's bytes and turns into text only what it reads.

The members after the array are found from the document's end, without reading the array: the
last ``]`` after which the rest of the document parses as the end of the objects around the
array ("``, "key": value … }``" once per level) closes either the array or an array member after
it (a ``]`` inside a string cannot be followed by such an end: its quotes would not pair). Which
one is told by looking for that ``]``'s own ``[`` a little way back: an array member after the
timeline is short and its ``[`` is found; the timeline's is far away, or is the timeline's own.

Nothing is taken on trust. The guess is checked when :meth:`LazyArray.rest` decodes the items up
to the guessed end: they must be objects ending exactly there. When they are not, or the
document is shaped differently (no array at that place, not UTF-8, a piece that will not cut),
the document is decoded whole as :func:`~omnitui.api.json_pieces.loads_in_pieces` does: the same
value as ``json.loads``, or the same error. This module never imports Textual.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic_core import from_json

from omnitui.api import json_pieces
from omnitui.api.json_pieces import BYTES, PIECE_CHARS, next_piece

__all__ = ["LazyArray", "Rest", "loads_lazily"]

#: The document's start read at first to find the array; it grows (×8) up to the most.
WINDOW = 64 * 1024
_MAX_WINDOW = 8 * 1024 * 1024
#: How far before a candidate end its ``[`` is looked for: farther than any array member after
#: a timeline (assignable agents, custom fields) is long, and a millisecond of looking.
OPENER_SEARCH = 256 * 1024
#: What is looked at before giving up and decoding the document whole.
_MAX_CANDIDATES = 64
_MAX_OPENER_TRIES = 1024
_MAX_TAIL = 4 * 1024 * 1024
#: An opener is first tried on this much of the text: most are an entry's own arrays, which
#: end well before it (and one that does not is tried on all of its text).
_PRECHECK = 4096


@dataclass(frozen=True, slots=True)
class Rest:
    """What :meth:`LazyArray.rest` found."""

    #: The items after the head, as sent.
    items: list[Any]
    #: The whole document decoded again, when a guess about it did not hold: the caller reads it
    #: instead (its header may differ from what the guess gave). None when the guesses held.
    document: Any = None


class LazyArray:
    """An array of objects whose first items are decoded; :meth:`rest` decodes the others."""

    __slots__ = ("_body", "_digest", "_end", "_opener", "_piece_chars", "_start", "checked", "head")

    def __init__(
        self, head: list[Any], body: bytes, opener: int, start: int, end: int, piece_chars: int
    ) -> None:
        #: The first items, decoded.
        self.head = head
        #: Whether :meth:`rest` found the array ending where it was guessed to.
        self.checked = False
        self._body: bytes | None = body
        self._opener, self._start, self._end = opener, start, end
        self._piece_chars = piece_chars
        self._digest: str | None = None

    def __repr__(self) -> str:
        return f"LazyArray({len(self.head)} items decoded, {self._end - self._start} bytes not)"

    def digest(self) -> str:
        """A name for the array's bytes (as guessed; see :attr:`checked`): the same name is the
        same array, so a refresh whose timeline has the name of a checked one needs not read it.
        Computed once, before :meth:`rest` lets the bytes go (hashing releases the GIL)."""
        if self._digest is None:
            if self._body is None:
                raise RuntimeError("the bytes were let go before their digest was taken")
            view = memoryview(self._body)[self._opener : self._end + 1]
            self._digest = hashlib.sha256(view, usedforsecurity=False).hexdigest()
        return self._digest

    def rest(self) -> Rest:
        """The items after :attr:`head`, decoded: slow (the bulk of the answer), so run it in a
        thread. Raises ValueError or RecursionError as ``json.loads`` would for the whole body
        when it is not JSON. Called once: the bytes are let go afterwards."""
        body = self._body
        if body is None:
            raise RuntimeError("the rest was read already")
        items = _items_between(body, self._start, self._end, self._piece_chars)
        if items is not None:
            self.checked = True
            self.digest()
            self._body = None
            return Rest(items)
        self._body = None
        return Rest([], _decode_whole(body))


def loads_lazily(
    body: bytes,
    path: Sequence[str],
    first: int,
    *,
    piece_chars: int = PIECE_CHARS,
    window: int = WINDOW,
    opener_search: int = OPENER_SEARCH,
) -> Any:
    """The document in ``body``, with the array at ``path`` (one key per object, outermost
    first) as a :class:`LazyArray` holding at least its first ``first`` items.

    When the array ends among those items, it is a plain list; when the document is not shaped
    so, the document is decoded whole. Either way the value is ``json.loads``'s, and a body
    that is not JSON raises its ValueError or RecursionError (or, once the rest is read, from
    :meth:`LazyArray.rest`).
    """
    try:
        found = _lazily(body, tuple(path), first, piece_chars, window, opener_search)
    except (ValueError, IndexError, RecursionError, _NotShaped):
        found = None
    return _decode_whole(body) if found is None else found


class _NotShaped(Exception):
    """The document is not an object holding the array at the path: decode it whole."""


def _decode_whole(body: bytes) -> Any:
    return json_pieces.loads_in_pieces(body.decode("utf-8", errors="replace"))


def _lazily(
    body: bytes,
    path: tuple[str, ...],
    first: int,
    piece_chars: int,
    window: int,
    opener_search: int,
) -> Any:
    levels, opener = _walk_to(body, path, window)
    head: list[Any] = []
    at = BYTES.skip_space(body, opener + 1)
    closed: int | None = at if body.startswith(b"]", at) else None
    while closed is None and len(head) < first:
        found = next_piece(body, at, piece_chars, BYTES) if body.startswith(b"{", at) else None
        if found is None:
            return None
        piece, at = found
        head.extend(piece)
        if body[at - 1] == ord("]"):
            closed = at - 1
    if closed is not None:
        after = _continuation(body[closed + 1 :].decode(), len(path))
        return _assemble(levels, path, head, after)
    if not body.startswith(b"{", at):
        return None
    end = _array_end(body, opener, at, len(path), opener_search)
    if end is None:
        return None
    close, after = end
    return _assemble(levels, path, LazyArray(head, body, opener, at, close, piece_chars), after)


def _walk_to(body: bytes, path: tuple[str, ...], window: int) -> tuple[list[dict[str, Any]], int]:
    """The members before each key of ``path``, and where the array starts (its ``[``).

    Only the document's start is turned into text, more of it when the members before the
    array are longer than that.
    """
    size = window
    while True:
        cut = min(size, len(body))
        while 0 < cut < len(body) and body[cut] & 0xC0 == 0x80:  # not inside a character
            cut -= 1
        text = body[:cut].decode()
        try:
            levels, at = _walk(text, path)
        except (ValueError, IndexError):
            if cut >= len(body) or size >= _MAX_WINDOW:
                raise
            size *= 8
            continue
        return levels, len(text[:at].encode())


def _walk(text: str, path: tuple[str, ...]) -> tuple[list[dict[str, Any]], int]:
    skip, decode = json_pieces.skip_space, json_pieces.DECODER.raw_decode
    levels: list[dict[str, Any]] = []
    at = skip(text, 0)
    for key in path:
        if text[at] != "{":
            raise _NotShaped
        members: dict[str, Any] = {}
        at = skip(text, at + 1)
        while True:
            if text[at] != '"':
                raise _NotShaped  # the object ended (or is broken) before the key
            name, at = decode(text, at)
            at = skip(text, at)
            if text[at] != ":":
                raise _NotShaped
            at = skip(text, at + 1)
            if name == key:
                break
            members[name], at = decode(text, at)
            at = skip(text, at)
            if text[at] != ",":
                raise _NotShaped
            at = skip(text, at + 1)
        levels.append(members)
    if text[at] != "[":
        raise _NotShaped
    return levels, at


def _continuation(text: str, depth: int) -> list[dict[str, Any]]:
    """The members after the array, innermost object first, from the text after its ``]``
    (which must be exactly the end of ``depth`` objects, and of the document)."""
    skip, decode = json_pieces.skip_space, json_pieces.DECODER.raw_decode
    found: list[dict[str, Any]] = []
    at = skip(text, 0)
    for _ in range(depth):
        members: dict[str, Any] = {}
        while text[at] == ",":
            at = skip(text, at + 1)
            if text[at] != '"':
                raise ValueError("object key is not a string")
            name, at = decode(text, at)
            at = skip(text, at)
            if text[at] != ":":
                raise ValueError("expected ':'")
            members[name], at = decode(text, skip(text, at + 1))
            at = skip(text, at)
        if text[at] != "}":
            raise ValueError("expected '}'")
        found.append(members)
        at = skip(text, at + 1)
    if at != len(text):
        raise ValueError("extra data")
    return found


def _assemble(
    levels: list[dict[str, Any]], path: tuple[str, ...], array: Any, after: list[dict[str, Any]]
) -> Any:
    """The document from its parts; a key that comes twice keeps its first place and its last
    value, as in ``json.loads``."""
    value = array
    for depth in reversed(range(len(path))):
        outer = dict(levels[depth])
        outer[path[depth]] = value
        outer.update(after[len(path) - 1 - depth])
        value = outer
    return value


def _array_end(
    body: bytes, opener: int, start: int, depth: int, search: int
) -> tuple[int, list[dict[str, Any]]] | None:
    """The array's ``]`` as guessed from the document's end, and the members after it."""
    close = len(body)
    for _ in range(_MAX_CANDIDATES):
        close = body.rfind(b"]", start, close)
        if close < 0 or len(body) - close > _MAX_TAIL:
            return None
        try:
            after = _continuation(body[close + 1 :].decode(), depth)
        except (ValueError, IndexError, RecursionError):
            continue
        own = _opener_of(body, close, max(opener, close - search))
        if own is None or own == opener:
            return close, after
        close = own  # an array member after the array: look before it
    return None


def _opener_of(body: bytes, close: int, low: int) -> int | None:
    """The ``[`` of the array value that ends at ``close``, if it starts after ``low``."""
    at = close
    for _ in range(_MAX_OPENER_TRIES):
        at = body.rfind(b"[", low, at)
        if at < 0:
            return None
        before = BYTES.space_before(body, at)
        if (before < 0 or body[before] in b":,[") and _one_value(body, at, close + 1):
            return at
    return None


def _one_value(body: bytes, start: int, end: int) -> bool:
    """Whether ``body[start:end]`` is exactly one JSON value."""
    short = min(end, start + _PRECHECK)
    try:
        from_json(body[start:short], allow_inf_nan=False)
    except ValueError as error:
        if short == end or not str(error).startswith("EOF"):
            return False  # it ended (or broke) before the end: not one value up to there
        try:
            from_json(body[start:end], allow_inf_nan=False)
        except ValueError:
            return False
        return True
    return short == end


def _items_between(body: bytes, start: int, end: int, piece_chars: int) -> list[Any] | None:
    """The objects from ``start`` to the array's ``]`` at ``end``, or None when they are not a
    list of objects ending exactly there."""
    items: list[Any] = []
    at = start
    while body.startswith(b"{", at):
        found = next_piece(body, at, piece_chars, BYTES, end + 1)
        if found is None:
            return None
        piece, at = found
        items.extend(piece)
        if body[at - 1] == ord("]"):
            return items if at - 1 == end else None
    return None
