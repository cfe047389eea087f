"""Wrapping a paragraph: the same lines whichever way the wrapper takes to find them.

Text of common one-cell characters is wrapped a line at a time, other text a word at a time by
terminal cells. A reader must not be able to tell: the same paragraph with a letter swapped for
another one-cell letter outside that set wraps at the same places.
"""

from __future__ import annotations

import random

import pytest
from rich.cells import cell_len

from omnitui.render.timeline import ONE_CELL, line_text, wrap_spans

OTHER_ONE_CELL = "∑"  # one cell wide, not whitespace, not in ONE_CELL: the word-at-a-time way


def pieces(text: str, width: int) -> list[str]:
    return [line_text(line) for line in wrap_spans(text, (), width)]


def test_every_shortcut_character_is_one_cell_and_no_break() -> None:
    assert OTHER_ONE_CELL not in ONE_CELL and cell_len(OTHER_ONE_CELL) == 1
    assert {c for c in ONE_CELL if cell_len(c) != 1 or (c.isspace() and c != " ")} == set()


@pytest.mark.parametrize("letters", ["ab ", "a  ", "abcdefgh ", "aé ", "a·←  ", "a    "])
def test_a_paragraph_wraps_alike_both_ways(letters: str) -> None:
    rng = random.Random(letters)
    for _ in range(3000):
        text = "".join(rng.choice(letters) for _ in range(rng.randrange(1, 70)))
        width = rng.randrange(1, 25)
        swapped = text.replace("a", OTHER_ONE_CELL)
        expected = [p.replace(OTHER_ONE_CELL, "a") for p in pieces(swapped, width)]
        assert pieces(text, width) == expected, (text, width)


def test_long_words_are_cut_and_spaces_hang_off_the_line() -> None:
    assert pieces("see https://example.com/a/very/long/path", 12) == [
        "see",
        "https://exam",
        "ple.com/a/ve",
        "ry/long/path",
    ]
    assert pieces("one two      three", 7) == ["one two", "three"]
