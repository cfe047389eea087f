"""Hostile and pathological mail: nothing reaches the terminal, crashes or explodes."""

from __future__ import annotations

import html
import re
import time

import pytest
from html_samples import HOSTILE_STRINGS, MARKUP_STRINGS, big_mail, typical_mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omnitui.core.markup import BOLD_OFF, BOLD_ON, LINK_ON, LINK_SEP
from omnitui.render.html import (
    NOTE_TOO_COMPLEX,
    RenderedBody,
    render_body,
    render_fallback,
)

# What must never be in a rendered line: C0 (tab is fine), DEL, C1, lone surrogates, bidi controls,
# and the private-use markers the converter works with.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\U0010ff00-\U0010ffff]"
)


def all_strings(body: RenderedBody) -> list[str]:
    strings = [line.text for line in body.lines]
    strings += [value for link in body.links for value in (link.label, link.url, link.host)]
    strings += list(body.images)
    strings += [body.note or ""]
    return strings


def assert_inert(body: RenderedBody) -> None:
    for value in all_strings(body):
        match = FORBIDDEN.search(value)
        assert match is None, f"{match.group()!r} in {value[:80]!r}"
        value.encode("utf-8")  # no lone surrogates: logging and caching must not choke
    for line in body.lines:
        for start, end, _ in line.spans:
            assert 0 <= start < end <= len(line.text)


def as_entities(text: str) -> str:
    return "".join(f"&#{ord(ch)};" for ch in text)


@pytest.mark.parametrize("payload", HOSTILE_STRINGS, ids=range(len(HOSTILE_STRINGS)))
@pytest.mark.parametrize("wrapping", ["plain", "html", "entities", "attribute"])
def test_hostile_strings_render_inert(payload: str, wrapping: str) -> None:
    if wrapping == "plain":
        content = payload
    elif wrapping == "html":
        content = f"<p>{html.escape(payload, quote=False)}</p>"
    elif wrapping == "entities":
        content = f"<p>{as_entities(payload)}</p>"
    else:
        quoted = html.escape(payload)
        content = (
            f'<p><a href="https://x.example/{quoted}">{quoted}</a><img alt="{quoted}" src=x></p>'
        )
    body = render_body(content)
    assert_inert(body)
    if "\x1b" in payload and wrapping != "attribute":
        assert "\u241b" in body.text  # the reader can see that something was there


def test_osc52_entity_payload_from_hazards() -> None:
    body = render_body("<p>&#27;]52;c;cHduZWQ=&#7;</p>")
    assert body.text == "\u241b]52;c;cHduZWQ=\ufffd"


def test_c1_and_csi_entities() -> None:
    body = render_body("<p>&#x1b;[2J &#155;2J \u009b2J &#0;x&#127;</p>")
    assert_inert(body)
    assert body.text.startswith("\u241b[2J")


@pytest.mark.parametrize("markup", (*MARKUP_STRINGS, "[b]" * 10000))
def test_rich_markup_comes_through_literally(markup: str) -> None:
    assert render_body(markup).text == markup
    assert render_body(f"<p>{html.escape(markup)}</p>").text == markup
    assert render_body(f"<p><b>{html.escape(markup)}</b></p>").lines[0].text == markup


def test_bidi_zero_width_and_wide_characters() -> None:
    body = render_body("<p>invoice_\u202egpj.exe pay\u200bpal 中文字 مرحبا \u200fא</p>")
    assert body.text == "invoice_\ufffdgpj.exe paypal 中文字 مرحبا \u200fא"


def test_markers_cannot_be_forged() -> None:
    raw = f"<p>{BOLD_ON}not bold{BOLD_OFF} {LINK_ON}0{LINK_SEP}x</p>"
    encoded = "<p>&#x10FF00;not bold&#x10FF01; &#1113864;0&#1113865;y</p>"
    for content in (raw, encoded, raw.replace("<p>", "").replace("</p>", "")):
        body = render_body(content)
        assert_inert(body)
        assert all(not line.spans for line in body.lines), body
        assert "not bold" in body.text


def test_unsafe_hrefs_with_controls_are_shown_inert() -> None:
    body = render_body(
        '<a href="https://x.example/&#27;]52;c;x&#7;">a</a> '
        '<a href="java&#9;script:alert(1)">b</a> <a href="&#x202e;moc.evil//:sptth">c</a>'
    )
    assert_inert(body)
    assert [link.safe for link in body.links] == [False, False, False]


@pytest.mark.parametrize(
    "content",
    [
        "a\ud800b",
        "<p>a\udfffb</p>",
        '<a href="https://x.example/\ud800">x\ud800</a>',
        "<img alt='\udc00' src=x>",
        "<p>&#xD800;&#xDFFF;</p>",
    ],
)
def test_lone_surrogates(content: str) -> None:
    assert_inert(render_body(content))


def test_two_megabytes_of_html_is_capped_with_a_note() -> None:
    content = "<html><body><p>" + "word " * 440_000 + "</p></body></html>"
    assert len(content) > 2_000_000
    start = time.perf_counter()
    body = render_body(content)
    assert time.perf_counter() - start < 5
    assert body.note is not None and "truncated" in body.note
    assert sum(len(line.text) for line in body.lines) <= 2_000_000
    assert_inert(body)


def test_input_cap_on_realistic_mail() -> None:
    content = big_mail(300_000)
    body = render_body(content, max_input=100_000)
    assert body.note is not None and "truncated" in body.note and "kB" in body.note
    assert body.lines


def test_nested_unclosed_lists_fall_back_quickly_with_bounded_output() -> None:
    content = "<ul><li>" * 6000 + "x"
    assert len(content) == 48_001
    start = time.perf_counter()
    body = render_body(content)
    elapsed = time.perf_counter() - start
    assert elapsed < 3, elapsed
    assert body.note == NOTE_TOO_COMPLEX
    assert sum(len(line.text) + 1 for line in body.lines) <= 1_000_000
    assert_inert(body)


def test_output_cap_applies_to_normal_mail_too() -> None:
    body = render_body(typical_mail(), max_output=500)
    assert body.note is not None and body.note.startswith(NOTE_TOO_COMPLEX)
    assert "truncated: only its first" in body.note
    assert sum(len(line.text) for line in body.lines) <= 500


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<div>" * 10_000 + "deep" + "</div>" * 10_000, "deep"),
        ("<span>" * 10_000 + "deep", "deep"),
        ("<b>" * 10_000 + "deep", "deep"),
        ("<a href='https://x.example/'>" * 10_000 + "deep", None),
        ("<table><tr><td>" * 3000 + "deep", None),
        ("<blockquote>" * 10_000 + "deep", None),
        ("<ol><li>" * 3000 + "deep", None),
        ("<pre>" * 10_000 + "deep", None),
        ("<h1><i>" * 5000 + "deep", "deep"),
    ],
    ids=["div", "span", "b", "a", "table", "blockquote", "ol", "pre", "h1-i"],
)
def test_deep_nesting_is_bounded(content: str, expected: str | None) -> None:
    start = time.perf_counter()
    body = render_body(content)
    assert time.perf_counter() - start < 3
    assert_inert(body)
    if expected is not None:
        assert body.text == expected
    else:
        assert "deep" in body.text or body.note


@pytest.mark.parametrize(
    "content",
    [
        "<a " * 40_000,
        '<a b="' * 20_000,
        "<a b='x' c=\"y\" " * 20_000,
        "<!" * 40_000,
        "</" * 40_000,
        "<" * 80_000,
        "&#" * 40_000,
        "<!--" * 40_000,
        "<p " + "x=1 " * 40_000,
        "<style>" + "x" * 40_000,
        "<p>" + "&amp;" * 40_000,
        "<img alt='" + "a" * 40_000,
        # Exponential backtracking found by hypothesis: attribute names split every possible way.
        "<On Mon wrote:\n[@click=app.quit]x[/];" + "b" * 60 + "</tr>",
        "<a " + "b" * 5000 + "<",
        "<a href=" + "a/" * 5000 + "<",
        "</" + "a" * 40_000 + "<",
        "<a " + "x " * 20_000 + "<",
        "<a " + 'b="c"' * 20_000 + "<",
        "<p" + "\t/" * 20_000 + "<",
        "<p " + "a=b " * 20_000 + "<",
        "<b " + "a" * 40_000,
        "On " + "x" * 300 + " wrote " + "y" * 150 + ":\n" * 5_000,
    ],
    ids=lambda content: repr(content[:12]),
)
def test_tokenizer_stays_linear_on_adversarial_markup(content: str) -> None:
    start = time.perf_counter()
    body = render_body(content)
    fallback = render_fallback(content)
    assert time.perf_counter() - start < 3
    assert_inert(body)
    assert_inert(fallback)


@pytest.mark.parametrize(
    "content",
    [
        # Each took seconds in the quote detector (a pattern retrying every ">", "-" or digit of
        # a long run); mail under 20 kB is converted in the UI process, without a time limit.
        "<blockquote>" * 1500 + "x<br>" * 400,
        ("reply\n\n" + "-" * 2000 + "\n") * 9,
        ("reply\n" + "1 " * 190 + " yazdı:\n") * 40,
    ],
    ids=["deep-blockquote-lines", "dash-rules", "tr-attribution"],
)
def test_quote_detection_stays_linear_on_small_hostile_mail(content: str) -> None:
    start = time.perf_counter()
    body = render_body(content)
    assert time.perf_counter() - start < 0.25  # 6 s, 2 s and 0.4 s before; 10–25 ms now
    assert_inert(body)


FRAGMENTS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<i>",
        "<ul><li>",
        "</li>",
        "<table><tr><td>",
        "</td><td>",
        "</tr></table>",
        "<blockquote>",
        "</blockquote>",
        "<br>",
        "<pre>",
        "</pre>",
        '<a href="javascript:alert(1)">',
        '<a href="https://x.example/">',
        "</a>",
        "<img alt='&#27;x' src=cid:1>",
        "&#27;",
        "&#x9b;",
        "&#0;",
        "&#xD800;",
        "&#x10FF00;",
        "&#8238;",
        "&nbsp;",
        "&lt;",
        "> ",
        "\n> ",
        "On Mon wrote:\n",
        "From: a\nSent: b\n",
        "[/]",
        "[@click=app.quit]x[/]",
        "<!--",
        "-->",
        "<style>",
        "</style>",
        "\x1b]52;c;",
        "\x07",
        "\u009b",
        "\r",
    ]
)
# Any code point at all, lone surrogates and C0/C1 controls included.
CONTROL_TEXT = st.text(alphabet=st.characters(exclude_categories=()), max_size=30)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.one_of(FRAGMENTS, CONTROL_TEXT), max_size=40))
def test_property_output_is_always_inert(pieces: list[str]) -> None:
    content = "".join(pieces)
    body = render_body(content)
    assert_inert(body)
    for first, second in zip(body.lines, body.lines[1:], strict=False):
        assert first.text or second.text
    for line in body.lines:
        previous = 0
        for start, end, _ in line.spans:
            assert start >= previous
            previous = end
    assert_inert(render_fallback(content))


MARKUP_ALPHABET = st.sampled_from(list("<>/=\"' \tab-:!?&#;x\n"))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKUP_ALPHABET, min_size=20, max_size=160))
def test_property_no_catastrophic_backtracking(chars: list[str]) -> None:
    # Short strings made only of markup punctuation: where a backtracking pattern blows up
    # exponentially, 100 characters already take hours. Every one must take milliseconds.
    content = "".join(chars)
    start = time.perf_counter()
    assert_inert(render_body(content))
    assert_inert(render_fallback(content))
    assert time.perf_counter() - start < 0.5, repr(content)


def test_a_message_cut_twice_says_so_in_one_sentence() -> None:
    body = render_body("<p>" + "word " * 5000 + "</p>", max_input=20_000, max_output=2_000)
    assert body.note == (
        "This message was too complex to format; showing it as plain text. "
        "Message truncated: only its first 2 kB of text are shown."
    )
    assert body.note.count("truncated") == 1 and "not shown" not in body.note
