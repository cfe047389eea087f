"""What an agent sees of a message: paragraphs, lists, tables, images, links, emphasis, quotes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from html_samples import SEED_MESSAGE, gmail_reply, typical_mail

from omnitui.render.html import (
    STYLES,
    BodyLine,
    Link,
    RenderedBody,
    looks_like_html,
    render_body,
    render_fallback,
)


def texts(body: RenderedBody) -> list[str]:
    return [line.text for line in body.lines]


def styled(line: BodyLine) -> list[tuple[str, str]]:
    """The spans of a line as (text, style) pairs: easier to read in assertions."""
    return [(line.text[start:end], style) for start, end, style in line.spans]


def check_invariants(body: RenderedBody) -> None:
    """Spans sorted, in range, non-overlapping, with known style names; no blank runs."""
    for line in body.lines:
        previous_end = 0
        for start, end, style in line.spans:
            assert previous_end <= start < end <= len(line.text), line
            assert set(style.split()) <= set(STYLES), style
            previous_end = end
        assert line.text == line.text.rstrip()
        assert line.depth > 0 or not line.quoted  # history is quoted; a shown quote may be too
    if body.lines:
        assert body.lines[0].text and body.lines[-1].text
    for first, second in zip(body.lines, body.lines[1:], strict=False):
        assert first.text or second.text, "two blank lines in a row"


def test_render_module_never_imports_textual() -> None:
    code = "import omnitui.render.html, sys; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
    # Nor the HTML converter (nor html2text, which omnitui no longer uses): only HTML needs it,
    # and the timeline imports this module for its types.
    code = (
        "import omnitui.render.html, sys; "
        "print([m for m in ('omnitui.render.html_convert', 'html2text') if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_seed_message_is_one_line_with_bold_html() -> None:
    body = render_body(SEED_MESSAGE)
    assert body == RenderedBody(lines=(BodyLine("HTML email content", ((0, 4, "bold"),)),))
    assert body.note is None


def test_plain_text_keeps_its_lines_and_never_touches_the_converter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import omnitui.render.html_convert as hc

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("the HTML converter used for plain text")

    monkeypatch.setattr(hc.MailConverter, "__init__", boom)
    body = render_body("Called the customer.\n  Indented line\t(tab)\n\n\n\nWill call back.  \n")
    assert texts(body) == [
        "Called the customer.",
        "  Indented line\t(tab)",
        "",
        "Will call back.",
    ]
    assert not looks_like_html("mail me at <jan@example.com>, a<b and 3 > 2")
    assert texts(render_body("mail me at <jan@example.com>")) == ["mail me at <jan@example.com>"]


def test_paragraphs_line_breaks_and_blank_lines() -> None:
    body = render_body(
        "<p>First   paragraph\nwraps.</p><p>&nbsp;</p><p></p><p>Second<br>line two</p>"
    )
    assert texts(body) == ["First paragraph wraps.", "", "Second", "line two"]
    check_invariants(body)


def test_emphasis_becomes_spans_not_marks() -> None:
    body = render_body("<p>A <b>bold</b>, <i>italic</i>, <strong><em>both</em></strong> word.</p>")
    (line,) = body.lines
    assert line.text == "A bold, italic, both word."
    assert "*" not in line.text and "_" not in line.text
    assert styled(line) == [("bold", "bold"), ("italic", "italic"), ("both", "bold italic")]


def test_headings_and_code() -> None:
    body = render_body("<h1>Invoice</h1><h3>Details</h3><p>Run <code>pip install</code></p>")
    assert texts(body) == ["Invoice", "", "Details", "", "Run pip install"]
    assert styled(body.lines[0]) == [("Invoice", "heading")]
    assert styled(body.lines[2]) == [("Details", "heading")]
    assert styled(body.lines[4]) == [("pip install", "code")]
    assert "[code]" not in body.text and "#" not in body.text


def test_lists() -> None:
    html = (
        "<p>Steps:</p><ol><li>Open the app</li><li>Click <b>Save</b></li></ol>"
        "<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>"
    )
    body = render_body(html)
    assert texts(body) == [
        "Steps:",
        "",
        "  1. Open the app",
        "  2. Click Save",
        "",
        "  • one",
        "  • two",
        "    • nested",
    ]
    assert styled(body.lines[3]) == [("Save", "bold")]


def test_small_table_is_aligned() -> None:
    html = (
        "<table><tr><th>Article</th><th>Qty</th></tr>"
        "<tr><td>Blue widget</td><td>3</td></tr><tr><td>Gadget</td><td>12</td></tr></table>"
    )
    assert texts(render_body(html)) == [
        "Article     | Qty",
        "------------+----",
        "Blue widget | 3",
        "Gadget      | 12",
    ]


def test_table_in_typical_outlook_mail_reads_as_a_table() -> None:
    lines = texts(render_body(typical_mail()))
    assert "Article     | Qty | Price" in lines
    assert "Blue widget | 3   | € 12,50" in lines


def test_layout_and_nested_tables_do_not_crash_and_keep_text() -> None:
    layout = "<table><tr><td>Logo</td></tr><tr><td><p>Body text</p></td></tr></table>"
    assert texts(render_body(layout)) == ["Logo", "Body text"]
    nested = (
        "<table><tr><td>outer<table><tr><td>in1</td><td colspan=3>in2</td></tr>"
        "<tr><td>only one</td></tr></table></td><td>right</td></tr><tr><td></td></tr></table>"
    )
    body = render_body(nested)
    assert body.note is None
    assert "in1 | in2" in body.text and "right" in body.text
    # pad_tables-like structure: ragged rows, nesting inside header cells (html2text #370).
    ragged = "<table><tr><th>a<table><tr><th>x</th></tr></table></th></tr><tr><td>1</td><td>2</td>"
    check_invariants(render_body(ragged * 50))


def test_images_show_alt_without_source_noise() -> None:
    html = (
        '<p>See <img src="cid:image001.png@01DA" alt="Screenshot"> and '
        '<img src="data:image/png;base64,iVBORw0KGgo="> '
        '<img src="https://t.example/p.gif" width="1" height="1"></p>'
    )
    body = render_body(html)
    assert texts(body) == ["See [image: Screenshot] and [image]"]
    assert body.images == ("Screenshot", "")
    assert "cid:" not in body.text and "data:" not in body.text


def test_links_are_numbered_with_their_real_host() -> None:
    html = (
        '<p>Track it at <a href="https://track.example.com/t/1?utm=x">the tracking page</a> '
        'or mail <a href="mailto:help@shop.example">help@shop.example</a>. '
        'Again: <a href="https://track.example.com/t/1?utm=x">here</a>.</p>'
    )
    body = render_body(html)
    (line,) = body.lines
    assert line.text == (
        "Track it at the tracking page [1] or mail help@shop.example [2]. Again: here [1]."
    )
    assert styled(line) == [
        ("the tracking page [1]", "link"),
        ("help@shop.example [2]", "link"),
        ("here [1]", "link"),
    ]
    assert body.links == (
        Link(
            1, "the tracking page", "https://track.example.com/t/1?utm=x", "track.example.com", True
        ),
        Link(2, "help@shop.example", "mailto:help@shop.example", "shop.example", True),
    )


@pytest.mark.parametrize(
    ("href", "label"),
    [
        ("javascript:alert(1)", "click"),
        ("JaVa\tScRiPt:alert(1)", "click"),
        ("data:text/html;base64,PHNjcmlwdD4=", "open"),
        ("file:///etc/passwd", "file"),
        ("--remote-debugging-port=9222", "x"),
        ("-x", "y"),
        ("https://evil.example/login", "https://bank.example/login"),
        ("https://evil.example/", "www.bank.example"),
        ("mailto:support@evil.example", "support@bank.example"),
        ("https://bank.example@evil.example/", "bank"),
        ("https://xn--pypal-4ve.com/", "paypal.com"),
        ("relative/path.html", "relative"),
    ],
)
def test_unsafe_links_are_listed_but_not_styled_as_links(href: str, label: str) -> None:
    body = render_body(f'<p>Go <a href="{href}">{label}</a> now</p>')
    (link,) = body.links
    assert link.safe is False
    assert link.warning
    assert not any("link" in style for _, _, style in body.lines[0].spans)
    assert body.lines[0].text == f"Go {label} [1] now"


def test_a_spoofing_label_gets_its_own_number_for_the_same_url() -> None:
    body = render_body(
        '<a href="https://evil.example/">Click</a> <a href="https://evil.example/">bank.example</a>'
    )
    assert body.lines[0].text == "Click [1] bank.example [2]"
    assert [(link.number, link.safe) for link in body.links] == [(1, True), (2, False)]


def test_homoglyph_host_is_shown_in_punycode() -> None:
    body = render_body('<a href="https://p\u0430ypal.com/">paypal</a>')
    assert body.links[0].host == "xn--pypal-4ve.com"


def test_same_site_labels_and_file_names_are_not_spoofs() -> None:
    html = (
        '<a href="https://www.acme.example/">acme.example</a> '
        '<a href="https://files.example/x/9">report.pdf</a>'
    )
    assert [link.safe for link in render_body(html).links] == [True, True]


def test_empty_links_and_anchors_get_no_number() -> None:
    body = render_body('<p><a name="top"></a>Top <a href="https://x.example/"> </a>end</p>')
    assert texts(body) == ["Top end"]
    assert body.links == ()


def test_gmail_blockquote_and_attribution_are_quoted() -> None:
    body = render_body(gmail_reply())
    assert [(line.text, line.depth) for line in body.lines if line.quoted] == [
        ("On Mon, 3 Mar 2025 at 10:00, Support <support@shop.example [1]> wrote:", 1),
        ("", 1),
        ("Hello Anna,", 1),
        ("", 1),
        ("Please clear the cache and try again.", 1),
        ("", 1),
        ("Original question: it crashes", 2),
    ]
    assert next(line.text for line in body.lines if not line.quoted) == (
        "Thanks, that fixed it! Ticket 0 can be closed."
    )
    check_invariants(body)


def test_plain_text_quotes_english_and_dutch() -> None:
    note = (
        "Thanks!\n\nOn Mon, 3 Mar 2025 at 10:00, X <x@example.com> wrote:\n> old\n>> older\n\n"
        "Op ma 3 mrt. 2025 om 10:00 schreef Jan <jan@example.nl>:\n> oud bericht"
    )
    body = render_body(note)
    assert [(line.text, line.quoted, line.depth) for line in body.lines] == [
        ("Thanks!", False, 0),
        ("", False, 0),
        ("On Mon, 3 Mar 2025 at 10:00, X <x@example.com> wrote:", True, 1),
        ("old", True, 1),
        ("older", True, 2),
        ("", True, 1),
        ("Op ma 3 mrt. 2025 om 10:00 schreef Jan <jan@example.nl>:", True, 1),
        ("oud bericht", True, 1),
    ]


def test_attribution_wrapped_over_two_lines() -> None:
    body = render_body(
        "Fine.\n\nOn Mon, 3 Mar 2025 at 10:00, A Very Long Name\n<a@b.example> wrote:\n> x"
    )
    assert [line.quoted for line in body.lines] == [False, False, True, True, True]


def test_outlook_history_is_quoted_from_the_header_block() -> None:
    body = render_body(typical_mail())
    quoted = [line.text for line in body.lines if line.quoted]
    assert quoted[0] == "From: Omnidesk Support <support@shop.example>"
    assert quoted[1] == "Sent: Monday, 3 March 2025 10:00"
    assert "Your order has been shipped and should arrive within 2 working days." in quoted
    assert not any(line.quoted for line in body.lines[:5])


def test_dutch_outlook_and_original_message_blocks() -> None:
    dutch = (
        "<p>Dank je.</p><p><b>Van:</b> Piet &lt;p@x.nl&gt;<br><b>Verzonden:</b> maandag 3 maart"
        "<br><b>Aan:</b> B<br><b>Onderwerp:</b> vraag</p><p>oud bericht</p>"
    )
    body = render_body(dutch)
    assert [line.text for line in body.lines if not line.quoted] == ["Dank je.", ""]
    assert body.lines[-1] == BodyLine("oud bericht", quoted=True, depth=1)

    booking = "Your flight\n\nFrom: Amsterdam\nTo: London\nDate: 3 May 2025\n\nSeat 12A"
    assert not any(line.quoted for line in render_body(booking).lines)

    original = "Reply here\n\n-----Original Message-----\nFrom: A\nSent: today\n\nold text"
    body = render_body(original)
    assert [line.quoted for line in body.lines] == [False, False, True, True, True, True, True]


def test_forwarded_message_is_not_folded_away() -> None:
    forward = (
        "<p>FYI</p><p>---------- Forwarded message ---------<br>From: A &lt;a@x.example&gt;<br>"
        "Date: Mon, 3 Mar 2025<br>Subject: order</p><p>The forwarded content</p>"
    )
    assert not any(line.quoted for line in render_body(forward).lines)
    # A message that *starts* with a header block has nothing else to show: not folded either.
    assert not any(line.quoted for line in render_body("From: A\nSent: B\n\ntext").lines)


def test_whitespace_rules() -> None:
    body = render_body("\n\n<div><p>  a  </p>\n\n<p></p><div><br><br><br></div><p>b   </p></div>\n")
    assert texts(body) == ["a", "", "b"]


@pytest.mark.parametrize(
    "content", ["", "   ", "\n\n\t\n", "<p></p>", "<html><body> </body></html>"]
)
def test_empty_content(content: str) -> None:
    assert render_body(content) == RenderedBody()


def test_broken_and_unclosed_markup() -> None:
    cases = [
        "<p>unclosed <b>bold <i>both</p><p>next",
        "<div><span>stray </td></tr></table> close</span>",
        "<p>a <b>b</i> c</b> d",
        '<a href="https://x.example/">no end',
        "<p>attr <img alt='unterminated>text after",
        "<p>before <!-- unclosed comment",
        "<<<>>><p>x</p><</p><a <b",
        "<p>&#xD800; &#99999999999; &bogus; &amp</p>",
        "</p></div></b></a>only ends",
    ]
    for html in cases:
        body = render_body(html)
        check_invariants(body)
        assert body.note is None, html
    assert texts(render_body(cases[0])) == ["unclosed bold both", "", "next"]
    assert texts(render_body(cases[-1])) == ["only ends"]


def test_script_style_and_comments_are_not_shown() -> None:
    html = (
        "<html><head><title>T</title><style>p {color: red}</style></head><body>"
        "<!--[if mso]>hidden<![endif]--><script>alert(1)</script><p>shown</p></body></html>"
    )
    assert texts(render_body(html)) == ["shown"]


def test_pre_keeps_its_layout_without_code_indent() -> None:
    body = render_body("<p>Log:</p><pre>  line one\n    indented\r\nthird</pre><p>after</p>")
    assert texts(body) == ["Log:", "", "  line one", "    indented", "third", "", "after"]


def test_fallback_strips_tags_and_says_so() -> None:
    body = render_fallback(
        "<p>Hello &amp; <b>welcome</b></p><blockquote>old</blockquote><ul><li>a</li></ul>"
        "<table><tr><td>x</td><td>y</td></tr></table><img alt='logo' src='cid:x'>"
    )
    assert body.note is not None and "plain text" in body.note
    shown = [line for line in body.lines if line.text]
    assert [line.text for line in shown] == [
        "Hello & welcome",
        "old",
        "• a",
        "x | y",
        "[image: logo]",
    ]
    # The quote has text after it: not history, shown (with its quote bar).
    assert [(line.quoted, line.depth) for line in shown] == [
        (False, 0),
        (False, 1),
        *[(False, 0)] * 3,
    ]


def test_results_pickle_round_trip() -> None:
    import pickle

    body = render_body(typical_mail())
    assert pickle.loads(pickle.dumps(body)) == body


def test_typical_mail_is_fast() -> None:
    # The benchmark measures properly; this only catches an accidental slowdown by 10x.
    import time

    mail = typical_mail()
    render_body(mail)
    start = time.perf_counter()
    for _ in range(20):
        render_body(mail)
    assert (time.perf_counter() - start) / 20 < 0.02
