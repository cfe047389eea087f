"""Pasted escape sequences arrive as one paste, in order, with their controls shown as marks."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st
from textual import events

from omnitui.tui.terminal_input import PASTE_END, PASTE_START, TerminalInputParser


def parse(*chunks: str) -> list[object]:
    parser = TerminalInputParser()
    messages: list[object] = []
    for chunk in chunks:
        messages.extend(parser.feed(chunk))
    messages.extend(parser.tick())
    return messages


def pastes_and_keys(messages: list[object]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for message in messages:
        if isinstance(message, events.Paste):
            found.append(("paste", message.text))
        elif isinstance(message, events.Key):
            found.append(("key", message.key))
    return found


def test_an_osc_sequence_in_a_paste_stays_in_place_and_inert() -> None:
    messages = parse(f"{PASTE_START}P\x1b]0;T\x07Q R{PASTE_END}")
    assert pastes_and_keys(messages) == [("paste", "P␛]0;T\ufffdQ R")]


def test_a_colour_code_in_a_paste_keeps_the_words_in_order() -> None:
    messages = parse(f"{PASTE_START}one \x1b[31mtwo three{PASTE_END}")
    assert pastes_and_keys(messages) == [("paste", "one ␛[31mtwo three")]


def test_keys_around_a_paste_are_still_keys() -> None:
    messages = parse(f"a{PASTE_START}x\x1b[2Jy{PASTE_END}b")
    assert pastes_and_keys(messages) == [("key", "a"), ("paste", "x␛[2Jy"), ("key", "b")]


def test_arrow_keys_outside_a_paste_pass_untouched() -> None:
    assert pastes_and_keys(parse("\x1b[A\x1b[B")) == [("key", "up"), ("key", "down")]


def test_line_ends_and_tabs_of_a_paste_are_left_to_the_widget() -> None:
    messages = parse(f"{PASTE_START}a\tb\r\nc\nd{PASTE_END}")
    assert pastes_and_keys(messages) == [("paste", "a\tb\r\nc\nd")]


@given(
    text=st.text(alphabet=st.sampled_from(["a", "é", " ", "\x1b", "[", "]", "2", "0", "1", "~"])),
    cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=6),
)
def test_a_paste_split_over_any_reads_arrives_whole(text: str, cuts: list[int]) -> None:
    while PASTE_END in text:
        text = text.replace(PASTE_END, "")
    wire = f"{PASTE_START}{text}{PASTE_END}"
    points = sorted({min(cut, len(wire)) for cut in cuts} | {0, len(wire)})
    chunks = [wire[a:b] for a, b in itertools.pairwise(points) if b > a]
    assert pastes_and_keys(parse(*chunks)) == [("paste", text.replace("\x1b", "␛"))]


def keys(*chunks: str) -> list[str]:
    return [value for kind, value in pastes_and_keys(parse(*chunks)) if kind == "key"]


def test_escape_then_keys_in_one_read_are_escape_then_those_keys() -> None:
    # The agent leaves a ticket, clears the number and types the next one: one read over SSH.
    typed = ["escape", "ctrl+u", "8", "5", "8", "4", "6", "2", "enter"]
    assert keys("\x1b\x15858462\r") == typed
    # The same split anywhere over two reads.
    for cut in range(1, 9):
        assert keys("\x1b\x15858462\r"[:cut], "\x1b\x15858462\r"[cut:]) == typed


def test_sequences_and_alt_keys_still_read_as_before() -> None:
    assert keys("\x1b[A") == ["up"]
    assert keys("\x1b\t") == ["shift+tab"]
    assert keys("\x1bb") == ["ctrl+left"]  # iTerm's option+left
    assert keys("\x1b\x1b[B") == ["escape", "down"]
