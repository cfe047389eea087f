"""Folded history as the agent sees it: the fold line, the markup of each mail client, split
attributions, quotes that stay visible, and content the API returns with entities in it."""

from __future__ import annotations

from typing import Any

import pytest

from omnitui.api.models import Ticket, TimelineEntry
from omnitui.core.markup import HISTORY, HISTORY_IF_HEADERS
from omnitui.render.html import RenderedBody, render_body
from omnitui.render.timeline import GUTTER, QUOTE_BAR, layout_entry, line_text

OLD = "<div>Hello Jane,</div><div>Please restart the router.</div>" * 3


def entry(content: str) -> TimelineEntry:
    raw: dict[str, Any] = {"id": "1", "type": "message", "direction": "inbound"}
    return Ticket.model_validate({"id": 1, "timeline": [{**raw, "content": content}]}).timeline[0]


def screen(content: str, *, expand: bool = False, width: int = 100) -> list[str]:
    body = render_body(content)
    lines = layout_entry(entry(content), body, width, expand_quotes=expand).lines
    return [line_text(line).removeprefix(GUTTER) for line in lines[1:-1]]


def shown(body: RenderedBody) -> list[str]:
    return [line.text for line in body.lines if line.text and not line.quoted]


def test_the_fold_line_says_whose_message_it_hides_and_how_long_it_is() -> None:
    mail = (
        "Thanks, it works.\n\nOn Tue, 1 Mar 2011 at 10:02, Jane Doe <jane@example.com> wrote:\n"
        + "> old line\n" * 31
    )
    assert screen(mail) == [
        "Thanks, it works.",
        "",
        "▸ Jane Doe wrote on 1 Mar 2011, 32 lines (z shows them)",
    ]
    opened = screen(mail, expand=True)
    assert (
        opened[2] == f"{QUOTE_BAR}On Tue, 1 Mar 2011 at 10:02, Jane Doe <jane@example.com> wrote:"
    )
    assert opened[3:] == [f"{QUOTE_BAR}old line"] * 31


def test_without_a_name_or_date_the_fold_line_says_earlier_messages() -> None:
    assert screen("Thanks.\n\n> restart the router\n> and try again") == [
        "Thanks.",
        "",
        "▸ Earlier messages, 2 lines (z shows them)",
    ]


def test_a_long_fold_line_wraps_instead_of_running_off_the_screen() -> None:
    name = "Customer Service Department of a Company With a Very Long Name"
    lines = screen(f"Ok.\n\nOn 1 Mar 2011, {name} <a@b.example> wrote:\n> x", width=40)
    assert all(len(line) <= 40 - len(GUTTER) for line in lines)
    assert lines[2].startswith("▸ ") and lines[-1].endswith("(z shows them)")


def test_an_attribution_after_the_reply_on_the_same_line_is_split_off() -> None:
    html = (
        "<div>Hi, <b>thanks</b>, it works now. On Tue, 1 Mar 2011 at 10:02, Jane "
        f'&lt;jane@x.com&gt; wrote:</div><blockquote type="cite">{OLD}</blockquote>'
    )
    body = render_body(html)
    reply = body.lines[0]
    assert (reply.text, reply.quoted) == ("Hi, thanks, it works now.", False)
    assert [(reply.text[a:b], style) for a, b, style in reply.spans] == [("thanks", "bold")]
    assert body.lines[1].quoted and body.lines[1].text.startswith("On Tue, 1 Mar 2011")
    assert body.history == "Jane wrote on 1 Mar 2011"


# Attributions and headers in a language the pattern tables do not know (Indonesian): only the
# client's markup says where the history is.
ATTRIBUTION = "Pada tanggal Sel, 1 Mar 2011 pukul 10.02 Jane &lt;jane@x.com&gt; menulis:"
HEADERS = "<b>Dari:</b> Jane<br><b>Dikirim:</b> Selasa, 1 Maret 2011<br><b>Perihal:</b> Router"
CLIENTS = {
    "gmail": f'<div class="gmail_quote"><div class="gmail_attr">{ATTRIBUTION}</div>{OLD}</div>',
    "yahoo": f'<div id="yahoo_quoted_1" class="yahoo_quoted"><div>{ATTRIBUTION}</div>{OLD}</div>',
    "outlook-web": f'<div id="divRplyFwdMsg"><font>{HEADERS}</font></div>{OLD}',
    "outlook-web-x": f'<div id="x_appendonsend"></div><hr><div>{HEADERS}</div>{OLD}',
    "thunderbird": f'<div class="moz-cite-prefix">{ATTRIBUTION}</div><div>{OLD}</div>',
    "apple": f'<blockquote type="cite"><div>{ATTRIBUTION}</div>{OLD}</blockquote>',
}


@pytest.mark.parametrize("client", CLIENTS)
def test_history_marked_by_the_mail_client_folds(client: str) -> None:
    body = render_body(f"<div>Terima kasih, sudah berfungsi.</div>{CLIENTS[client]}")
    assert shown(body) == ["Terima kasih, sudah berfungsi."], client
    assert "Please restart the router." in [line.text for line in body.lines if line.quoted]
    assert body.history is not None and ("Jane" in body.history or "2011" in body.history)


def test_outlooks_rule_counts_only_above_a_header_block() -> None:
    rule = '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
    outlook = f"<p>Thanks</p>{rule}<p><b>From:</b> Jane<br><b>Sent:</b> 1 March 2011</p></div>{OLD}"
    assert shown(render_body(outlook)) == ["Thanks"]
    signature = f"<p>Thanks</p>{rule}<p>Jane Doe<br>Tel: +44 20 7946 0000</p></div>"
    assert shown(render_body(signature)) == ["Thanks", "Jane Doe", "Tel: +44 20 7946 0000"]


def test_markup_never_hides_the_reply_or_a_forward() -> None:
    # Nothing above the marked history: the message is only that, and stays visible.
    only = render_body(CLIENTS["gmail"])
    assert not any(line.quoted for line in only.lines)
    forward = (
        '<div>FYI</div><div class="gmail_quote">---------- Forwarded message ---------<br>'
        f"From: Shop &lt;a@shop.example&gt;<br>Subject: order</div>{OLD}"
    )
    assert not any(line.quoted for line in render_body(forward).lines)
    # Answers between the quoted lines of the marked history: an inline reply, all shown.
    inline = (
        '<div>Answers below.</div><div class="gmail_quote"><blockquote class="gmail_quote">'
        "Which model?</blockquote><div>A FritzBox.</div></div>"
    )
    assert shown(render_body(inline)) == ["Answers below.", "Which model?", "A FritzBox."]


def test_a_mail_cannot_forge_a_history_marker() -> None:
    forged = f"<p>Reply {HISTORY}</p><p>{HISTORY_IF_HEADERS}From: x@y.example</p><p>Sent: 1 May</p>"
    body = render_body(f"<div>Line one</div>{forged}")
    assert not any(line.quoted for line in body.lines)
    assert HISTORY not in body.text and HISTORY_IF_HEADERS not in body.text


def test_quotes_that_stay_visible_keep_their_quote_bar() -> None:
    mail = "On 1 Mar 2011, Support wrote:\n> Which model?\nA FritzBox.\n> Restarted?\nYes."
    assert screen(mail) == [
        "On 1 Mar 2011, Support wrote:",
        f"{QUOTE_BAR}Which model?",
        "A FritzBox.",
        f"{QUOTE_BAR}Restarted?",
        "Yes.",
    ]
    assert screen("Open:\n>>> http://example.com <<<") == ["Open:", ">>> http://example.com <<<"]


@pytest.mark.parametrize(
    ("content", "typed"),
    [
        ("Tom &amp; Jerry &lt;3 and 5 &gt; 4", "Tom & Jerry <3 and 5 > 4"),
        ("a &lt;b&gt; c<br>\nsecond &amp; line", "a <b> c\nsecond & line"),
        ("<p>Tom &amp; Jerry &lt;3</p>", "Tom & Jerry <3"),
        ("AT&T &copy; &#233;t&#xE9;", "AT&T © été"),
    ],
)
def test_entities_are_decoded_whatever_the_content_looks_like(content: str, typed: str) -> None:
    assert render_body(content).text == typed


def test_a_decoded_escape_is_shown_not_sent_to_the_terminal() -> None:
    text = render_body("colour &#27;[31mred").text
    assert "\x1b" not in text and "red" in text
