"""The piecewise decoder of big bodies says exactly what ``json.loads`` says, value or error.

JSON is generated as text, not as values, so that numbers, escapes and white space come in every
spelling the grammar allows (``1E+2``, ``-0.0``, ``\\ud800``, tabs between tokens), and as the
envelopes the decoder splits: ``{"item": {"timeline": [{...}, ...]}}``, with strings that look
like the places it cuts (``}, {`` and ``}]``). A tiny piece size makes every array of entries be
cut in many places, as a 5 MB ticket is with the real size.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from omnitui.api import json_pieces
from omnitui.api.json_pieces import loads, loads_in_pieces

SETTINGS = settings(max_examples=200, deadline=None)

space = st.text(" \t\n\r", max_size=2)
number = st.from_regex(
    r"-?(0|[1-9][0-9]{0,25})(\.[0-9]{1,25})?([eE][+-]?[0-9]{1,3})?", fullmatch=True
)
escape = st.sampled_from(['\\"', "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"]) | st.integers(
    0, 0xFFFF
).map(lambda code: f"\\u{code:04x}")  # lone surrogates included: json.loads accepts them
cut_lookalike = st.sampled_from(["}, {", "},{", "}]", "} ]", '\\"}, {\\"', "[{", "{}"])
plain = st.text(
    st.characters(exclude_characters='"\\', exclude_categories=["Cs"], min_codepoint=0x20),
    max_size=8,
)
string = st.lists(plain | escape | cut_lookalike, max_size=5).map(
    lambda parts: f'"{"".join(parts)}"'
)
scalar = number | string | st.sampled_from(["true", "false", "null"])


@st.composite
def joined(draw: st.DrawFn, items: list[str], opener: str, closer: str) -> str:
    """Items between brackets, commas and white space in between."""
    inside = "".join(
        (draw(space) + "," if i else "") + draw(space) + item for i, item in enumerate(items)
    )
    return opener + inside + draw(space) + closer


@st.composite
def member(draw: st.DrawFn, value: st.SearchStrategy[str]) -> str:
    return draw(string) + draw(space) + ":" + draw(space) + draw(value)


def array_of(value: st.SearchStrategy[str], **size: int) -> st.SearchStrategy[str]:
    return st.lists(value, **size).flatmap(lambda items: joined(items, "[", "]"))


def object_of(value: st.SearchStrategy[str], **size: int) -> st.SearchStrategy[str]:
    return st.lists(member(value), **size).flatmap(lambda items: joined(items, "{", "}"))


json_value = st.recursive(
    scalar, lambda inner: array_of(inner, max_size=6) | object_of(inner, max_size=6), max_leaves=30
)
entry = object_of(json_value, max_size=5)  # a timeline entry: an object of anything


@st.composite
def envelope(draw: st.DrawFn) -> str:
    """What the decoder is for: a ticket whose timeline is a long array of objects."""
    timeline = draw(array_of(entry, max_size=60))
    fields = draw(st.lists(member(json_value), max_size=3))
    item = joined([*fields, '"timeline": ' + timeline], "{", "}")
    members = [*draw(st.lists(member(json_value), max_size=2)), '"item":' + draw(item)]
    return draw(space) + draw(joined(members, "{", "}")) + draw(space)


@st.composite
def list_envelope(draw: st.DrawFn) -> str:
    """A ticket list, and arrays of entries at the depth the timeline has, in other containers."""
    items = draw(array_of(entry, max_size=30))
    return draw(
        st.sampled_from(
            [
                '{"type": "list", "itemTotal": 3, "items": ' + items + "}",
                "[[" + items + "]]",
                '{"a": [' + items + ", " + items + "]}",
            ]
        )
    )


any_json = envelope() | list_envelope() | json_value
piece_chars = st.integers(1, 400)


def outcome(decode: Callable[[str], Any], text: str) -> tuple[str, str]:
    """The value (its repr: 1, 1.0 and True differ, as do key orders), or the error's type."""
    try:
        return "value", repr(decode(text))
    except (ValueError, RecursionError) as error:
        return "error", type(error).__name__


def in_pieces(size: int) -> Callable[[str], Any]:
    def decode(text: str) -> Any:
        return loads_in_pieces(text, piece_chars=size)

    return decode


def no_fallback(text: str) -> Any:
    raise AssertionError("valid JSON was left to json.loads in one piece")


@SETTINGS
@given(any_json, piece_chars)
@example('{"item": {"timeline": [{"a": "}, {"}, {"b": "}]"}, {}]}}', 1)
@example('{"item": {"timeline": [{"a": "\\ud800"}, {"b": 1}]}}', 1)  # pydantic-core refuses
@example('{"item": {"timeline": [{"n": 1' + "0" * 4299 + "}]}}", 1)  # json's most digits
@example('{"item": {"timeline": [{"n": 1e400, "m": -0.0, "k": 0.1000000000000000055511}]}}', 1)
@example('{"a": 1, "b": 2, "a": 3}', 1)
def test_valid_json_decodes_as_json_loads_does(text: str, size: int) -> None:
    expected = json.loads(text)
    with mock.patch.object(json_pieces, "loads", no_fallback):  # the fast path, not the fallback
        assert repr(loads_in_pieces(text, piece_chars=size)) == repr(expected)
    assert repr(loads(text)) == repr(expected)


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """Valid JSON with one edit: cut off, a character dropped, or one put in or replaced.

    Half the edits hit a bracket, comma, colon or quote: where the decoder's own walk and cuts are.
    """
    text = draw(any_json)
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
@given(damaged(), piece_chars)
@example('{"item": {"timeline": [{"a": 1}, {"b": 2}]}} x', 1)
@example('{"item": {"timeline": [{"a": 1}, {"b": 2}, ]}}', 1)
@example('{"item": {"timeline": [{"a": 1} {"b": 2}]}}', 1)
@example('{"item": {"timeline": [{"a": 1}, {"b": 01}]}}', 1)
@example('{"item": {1: "a key that is no string"}}', 1)
@example('{"item": {"timeline": [{"a": "x\x01"}]}}', 1)  # a raw control character
@example('{"item": {"timeline": [{"n": 1' + "0" * 4300 + "}]}}", 1)  # one digit too many
@example("[" * 100_000, 1)
@example("", 1)
def test_damaged_json_fails_as_json_loads_does(text: str, size: int) -> None:
    assert outcome(in_pieces(size), text) == outcome(json.loads, text)
    assert outcome(loads, text) == outcome(json.loads, text)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize(
    "shape",
    [
        '{"item": {"timeline": [{"a": 1}, {"n": %s}]}}',  # inside an entry: pydantic-core's piece
        '{"item": {"n": %s, "timeline": []}}',  # above the entries: the stepwise walk
        "[%s]",
    ],
)
def test_nan_and_infinity_are_not_json(shape: str, constant: str) -> None:
    text = shape % constant
    for decode in (loads, in_pieces(1), loads_in_pieces):
        with pytest.raises(ValueError, match="is not JSON"):
            decode(text)
