"""A document read lazily, then its rest, is what ``json.loads`` makes of it, or fails as it.

Documents are generated as text (see test_json_pieces.py) in the shape of a ticket answer, with
members after the timeline that look like its end from the back: arrays (of objects too),
strings holding ``]``, ``}]`` or ``"], "x": 1}}"``. The small windows, pieces and searches make
every guess of the lazy reader be tried, and fail, on documents of a few hundred characters.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from omnitui.api.json_lazy import LazyArray, loads_lazily

from .test_json_pieces import (
    array_of,
    entry,
    joined,
    json_value,
    outcome,
    space,
    string,
)

SETTINGS = settings(max_examples=300, deadline=None)
PATH = ("item", "timeline")

end_lookalike = st.sampled_from(['"]"', '"}]"', '"], \\"x\\": 1}}"', '"]}}"', '"["', '"\\\\]"'])
tail_value = (
    json_value
    | end_lookalike
    | array_of(entry, max_size=4)
    | array_of(json_value | end_lookalike, max_size=3)
)


@st.composite
def tail_member(draw: st.DrawFn) -> str:
    return draw(string) + draw(space) + ":" + draw(space) + draw(tail_value)


@st.composite
def ticket_answer(draw: st.DrawFn) -> str:
    """``{… "item": {… "timeline": [entries] …} …}``, members before and after at both levels."""
    timeline = draw(array_of(entry, max_size=30))
    before = draw(st.lists(tail_member(), max_size=2))
    after = draw(st.lists(tail_member(), max_size=4))
    item = draw(joined([*before, '"timeline":' + draw(space) + timeline, *after], "{", "}"))
    outer_before = draw(st.lists(tail_member(), max_size=1))
    outer_after = draw(st.lists(tail_member(), max_size=2))
    members = [*outer_before, '"item"' + draw(space) + ":" + item, *outer_after]
    return draw(space) + draw(joined(members, "{", "}")) + draw(space)


sizes = st.fixed_dictionaries(
    {
        "first": st.integers(0, 5),
        "piece_chars": st.integers(1, 300),
        "window": st.integers(1, 200),
        "opener_search": st.integers(1, 400),
    }
)


def read_all(body: bytes, **sizes: int) -> Any:
    """What a caller ends up with: the lazy document, its rest read and put in place."""
    document = loads_lazily(body, PATH, **sizes)
    try:
        lazy = document["item"]["timeline"]
    except (TypeError, KeyError):
        return document
    if not isinstance(lazy, LazyArray):
        return document
    found = lazy.rest()
    if found.document is not None:
        return found.document
    document["item"]["timeline"] = lazy.head + found.items
    return document


def strict(text: str) -> Any:
    return json.loads(text, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))


@SETTINGS
@given(ticket_answer(), sizes)
@example(
    '{"item": {"timeline": [{"a": 1}, {"b": "]"}], "c": [], "d": [{"e": "]}}"}]}}',
    {"first": 1, "piece_chars": 1, "window": 1, "opener_search": 400},
)
@example(
    '{"item": {"timeline": [{"a": 1}, {"b": 2}], "long": [1, 2, 3, 4, 5, 6, 7, 8, 9]}}',
    {"first": 1, "piece_chars": 1, "window": 1, "opener_search": 3},  # the guess is wrong
)
@example('{"item": {"timeline": [{"a": 1}], "timeline": [{"b": 2}]}, "item": 3}', {"first": 0})
def test_a_document_read_lazily_is_the_document(text: str, sizes: dict[str, int]) -> None:
    assert repr(read_all(text.encode(), **sizes)) == repr(strict(text))


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """A ticket answer with one edit, half of them on its structure (as in test_json_pieces)."""
    text = draw(ticket_answer())
    structural = [i for i, char in enumerate(text) if char in '{}[],:"']
    at = draw(
        st.sampled_from(structural)
        if structural and draw(st.booleans())
        else st.integers(0, len(text))
    )
    how = draw(st.sampled_from(["cut", "drop", "insert", "replace"]))
    if how == "cut":
        return text[:at]
    if how == "drop":
        return text[:at] + text[at + 1 :]
    char = draw(st.sampled_from('{}[],:"\\ 0-1eE.+tfnu\x00\x1f\u00e9') | st.characters())
    return text[:at] + char + text[at + (how == "replace") :]


@SETTINGS
@given(damaged(), sizes)
@example('{"item": {"timeline": [{"a": 1}, {"b": 2} {"c": 3}], "d": 4}}', {"first": 1})
@example('{"item": {"timeline": [{"a": 1}, {"b": NaN}], "d": 4}}', {"first": 1})
@example('{"item": {"timeline": [{"a": 1}, {"b": 2}], "d": 4}} x', {"first": 1})
@example('{"item": {"timeline": [{"a": 1}, {"b": 2}, ], "d": 4}}', {"first": 1})
def test_a_damaged_document_fails_as_json_loads_does(text: str, sizes: dict[str, int]) -> None:
    body = text.encode("utf-8", errors="surrogatepass")
    expected = outcome(strict, body.decode("utf-8", errors="replace"))
    assert outcome(lambda _: read_all(body, **sizes), text) == expected


def test_bytes_that_are_not_utf_8_read_as_replaced_characters() -> None:
    body = b'{"item": {"timeline": [{"a": 1}, {"b": "\xff"}, {"c": 3}], "d": "\xe9"}}'
    expected = json.loads(body.decode("utf-8", errors="replace"))
    assert read_all(body, first=1, piece_chars=1) == expected


def test_only_the_first_entries_are_decoded_until_the_rest_is_asked_for() -> None:
    timeline = [{"id": n, "content": "x" * 50} for n in range(1000)]
    item = {"id": 5, "timeline": timeline, "tags": "a,b", "users": [{"id": 1}]}
    body = json.dumps({"type": "item", "item": item}).encode()

    document = loads_lazily(body, PATH, 10, piece_chars=500)

    lazy = document["item"]["timeline"]
    assert isinstance(lazy, LazyArray)
    assert 10 <= len(lazy.head) < 100
    assert lazy.head == timeline[: len(lazy.head)]
    assert document["item"]["tags"] == "a,b"
    assert document["item"]["users"] == [{"id": 1}]
    found = lazy.rest()
    assert found.document is None and lazy.checked
    assert lazy.head + found.items == timeline


def test_the_same_timeline_has_the_same_digest_whatever_the_header_says() -> None:
    timeline = [{"id": n, "content": "x" * 50} for n in range(300)]

    def answer(seconds: int, extra: list[dict[str, int]]) -> LazyArray:
        item = {"id": 5, "timeline": timeline + extra, "sla_next_breach_seconds": seconds}
        body = json.dumps({"item": item}).encode()
        lazy = loads_lazily(body, PATH, 10, piece_chars=500)["item"]["timeline"]
        assert isinstance(lazy, LazyArray)
        return lazy

    assert answer(3600, []).digest() == answer(3570, []).digest()
    assert answer(3600, []).digest() != answer(3600, [{"id": 300}]).digest()
