"""Realistic and hostile e-mail bodies shared by the render tests and the benchmark script.

Kept as plain functions (not fixtures) so ``bench_html.py`` can import them outside pytest.
The mails keep their real, long HTML lines.
"""

# ruff: noqa: E501

from __future__ import annotations

SEED_MESSAGE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN" '
    '"http://www.w3.org/TR/REC-html40/loose.dtd">\n'
    "<html><body><p><b>HTML</b> email content</p></body></html>\n"
)

_OUTLOOK_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}
@font-face {font-family:Calibri; panose-1:2 15 5 2 2 2 4 3 2 4;}
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
a:link, span.MsoHyperlink {mso-style-priority:99; color:#0563C1; text-decoration:underline;}
span.EmailStyle17 {mso-style-type:personal-compose; font-family:"Calibri",sans-serif; color:windowtext;}
.MsoChpDefault {mso-style-type:export-only; font-family:"Calibri",sans-serif;}
@page WordSection1 {size:612.0pt 792.0pt; margin:72.0pt 72.0pt 72.0pt 72.0pt;}
div.WordSection1 {page:WordSection1;}
--></style>
</head>
"""


def typical_mail(n: int = 0) -> str:
    """An Outlook-style reply of about 5 kB: styles, a table, links, an image, a signature, history."""
    return (
        _OUTLOOK_HEAD
        + f"""<body lang="NL" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">
<div class="WordSection1">
<p class="MsoNormal"><span style="font-size:11.0pt">Hallo Support,<o:p></o:p></span></p>
<p class="MsoNormal"><span style="font-size:11.0pt"><o:p>&nbsp;</o:p></span></p>
<p class="MsoNormal"><span style="font-size:11.0pt">Since this morning our order #{1000 + n} is
<b>still not delivered</b>, and the tracking page at
<a href="https://track.example.com/t/{n}?utm_source=mail">track.example.com</a> says <i>in transit</i>.
Could you please check with the carrier? We need it before <b><i>Friday</i></b>.<o:p></o:p></span></p>
<p class="MsoNormal"><span style="font-size:11.0pt"><o:p>&nbsp;</o:p></span></p>
<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">
<tr><td width="200" valign="top" style="width:150pt;padding:0cm 5.4pt"><p class="MsoNormal"><b>Article</b></p></td>
<td width="100" valign="top" style="width:75pt;padding:0cm 5.4pt"><p class="MsoNormal"><b>Qty</b></p></td>
<td width="100" valign="top" style="width:75pt;padding:0cm 5.4pt"><p class="MsoNormal"><b>Price</b></p></td></tr>
<tr><td style="padding:0cm 5.4pt"><p class="MsoNormal">Blue widget</p></td>
<td style="padding:0cm 5.4pt"><p class="MsoNormal">3</p></td>
<td style="padding:0cm 5.4pt"><p class="MsoNormal">&euro; 12,50</p></td></tr>
<tr><td style="padding:0cm 5.4pt"><p class="MsoNormal">Red gadget</p></td>
<td style="padding:0cm 5.4pt"><p class="MsoNormal">1</p></td>
<td style="padding:0cm 5.4pt"><p class="MsoNormal">&euro; 99,00</p></td></tr>
</table>
<p class="MsoNormal"><span style="font-size:11.0pt"><o:p>&nbsp;</o:p></span></p>
<ul style="margin-top:0cm" type="disc">
<li class="MsoNormal" style="margin-left:0cm">The box was <b>damaged</b> last time</li>
<li class="MsoNormal" style="margin-left:0cm">Please call <a href="tel:+31201234567">+31 20 123 4567</a></li>
</ul>
<p class="MsoNormal"><span style="font-size:11.0pt">Met vriendelijke groet,<o:p></o:p></span></p>
<p class="MsoNormal"><span style="font-size:11.0pt">Jan de Vries<br>Inkoop | Acme B.V.<br>
<a href="mailto:jan@acme.example">jan@acme.example</a> | <a href="https://www.acme.example/">www.acme.example</a>
<o:p></o:p></span></p>
<p class="MsoNormal"><img width="120" height="40" src="cid:image001.png@01DA1234.56789ABC" alt="Acme logo"></p>
<p class="MsoNormal"><span style="font-size:11.0pt"><o:p>&nbsp;</o:p></span></p>
<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
<p class="MsoNormal"><b><span lang="EN-US">From:</span></b><span lang="EN-US"> Omnidesk Support
&lt;support@shop.example&gt; <br><b>Sent:</b> Monday, 3 March 2025 10:00<br><b>To:</b> Jan de Vries
&lt;jan@acme.example&gt;<br><b>Subject:</b> RE: Order #{1000 + n}<o:p></o:p></span></p>
</div>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Dear Jan,<o:p></o:p></p>
<p class="MsoNormal">Your order has been shipped and should arrive within 2 working days.<o:p></o:p></p>
<p class="MsoNormal">Kind regards,<br>The support team<o:p></o:p></p>
</div>
</body>
</html>
"""
    )


def gmail_reply(n: int = 0) -> str:
    """A Gmail-style reply: a short answer and the quoted history in a blockquote."""
    return f"""<div dir="ltr">Thanks, that fixed it! Ticket {n} can be closed.<div><br></div>
<div>Regards,<br>Anna</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">
On Mon, 3 Mar 2025 at 10:00, Support &lt;<a href="mailto:support@shop.example">support@shop.example</a>&gt; wrote:<br>
</div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">
<div dir="ltr">Hello Anna,<div><br></div><div>Please clear the cache and try again.</div>
<blockquote class="gmail_quote">Original question: <b>it crashes</b></blockquote></div></blockquote></div>
"""


def big_mail(target_bytes: int = 1_000_000) -> str:
    """A realistic mail of about ``target_bytes``: many typical replies glued into one document."""
    parts: list[str] = []
    size = 0
    n = 0
    while size < target_bytes:
        body = typical_mail(n) if n % 2 == 0 else gmail_reply(n)
        # Strip the document wrapper so the result is one long body, like a long forwarded thread.
        start = body.find("<body")
        body = body[start:] if start >= 0 else body
        parts.append(
            body.replace("<body", "<div").replace("</body>", "</div>").replace("</html>", "")
        )
        size += len(parts[-1])
        n += 1
    return "<html><head><title>thread</title></head><body>" + "".join(parts) + "</body></html>"


HOSTILE_STRINGS: tuple[str, ...] = (
    "A\x1b]52;c;cHduZWQ=\x07B",
    "A\x1b]52;c;?\x07",
    "A\x1b]0;PWNED\x1b\\B",
    "A\x1b]8;;https://evil.example/\x1b\\https://bank.example\x1b]8;;\x1b\\",
    "\x1b[2J\x1b[H",
    "\x1b[?1049h",
    "\x1b[8m hidden",
    "\x1b[6n",
    "\x1b[21t",
    "\x1bP$q m\x1b\\",
    "\x1b_APC\x1b\\",
    "\u009b2J",
    "\u009d0;T\u009c",
    "\x00\x7f",
    "line1\roverwrite",
    "x\bY",
    "invoice_\u202egpj.exe",
    "pay\u200bpal",
    "[/]",
    "[/bold]",
    "[@click=app.quit]x[/]",
    "[link=https://evil.example]bank[/link]",
    "[b]" * 10000,
    "trailing backslash\\",
    ":smile:",
)

MARKUP_STRINGS: tuple[str, ...] = (
    "[/]",
    "[/bold]",
    "[@click=app.quit]x[/]",
    "[link=https://evil.example]bank[/link]",
    ":smile:",
    "trailing backslash\\",
)
