"""E-mail HTML (or plain text) -> safe, structured text the timeline can style and wrap.

Omnidesk timeline entries carry ``content``: HTML mail, often a whole document, or plain text for
notes. :func:`render_body` turns either into a :class:`~omnitui.render.body.RenderedBody`: one
line per paragraph or line (unwrapped: the timeline lays it out for the width), style spans
instead of Markdown punctuation, links as numbered references listed separately (never clickable
unless safe), images as ``[image: alt]``, quoted history marked so it can be folded.

The pipeline, one stage per module, data flowing one way:

1. :mod:`~omnitui.render.mail_input` — decide HTML or plain text, cap the input;
2. :mod:`~omnitui.render.html_convert` (HTML only, laying out through
   :mod:`~omnitui.render.html_writer`) — text with in-band style markers; then
   :mod:`~omnitui.render.styled_lines` — sanitised lines with spans;
3. :mod:`~omnitui.render.folding` — the quoted history found (:mod:`~omnitui.render.quotes`) and
   marked;
4. :mod:`~omnitui.render.links` — each link judged and numbered; the number is part of the text
   ("label [2]"), so the converter asks for it as each link closes, and the list comes out with
   its text;
5. layout for a width, which is the timeline's (:mod:`omnitui.render.timeline`).

Every string in the result has been sanitised (docs/hazards.md §0.1). :func:`render_body` is pure,
never raises, and has size caps but no time limit; the UI runs it through
:class:`~omnitui.render.html_worker.HtmlConverter`, which puts a time limit on large documents
(docs/hazards.md §2.2). This module never imports Textual; it imports the HTML converter only
when a message is HTML.
"""

from __future__ import annotations

import logging

from omnitui.core import markup as hs
from omnitui.core.markup import OutputLimitExceeded, strip_tags
from omnitui.core.sanitize import sanitize
from omnitui.render.body import (
    NOTE_ERROR,
    NOTE_TIMEOUT,
    NOTE_TOO_COMPLEX,
    STYLES,
    BodyLine,
    Link,
    RenderedBody,
)
from omnitui.render.folding import fold
from omnitui.render.mail_input import (
    cap_input,
    decode_plain,
    join_notes,
    looks_like_html,
    output_cut_note,
    prepare,
)
from omnitui.render.styled_lines import from_marked, from_plain

__all__ = [
    "NOTE_ERROR",
    "NOTE_TIMEOUT",
    "NOTE_TOO_COMPLEX",
    "STYLES",
    "BodyLine",
    "Link",
    "RenderedBody",
    "looks_like_html",
    "render_body",
    "render_fallback",
]

log = logging.getLogger(__name__)

MAX_INPUT = 2_000_000
"""Characters of a message's content read at most; the rest is cut, with a note."""
MAX_OUTPUT = 1_000_000
"""Characters of converted text at most: past it, HTML is shown as plain text (nested lists)."""


def render_body(
    content: str, *, max_input: int = MAX_INPUT, max_output: int = MAX_OUTPUT
) -> RenderedBody:
    """Convert one message's content. Pure, never raises, never returns an ESC or C1 character.

    Input longer than ``max_input`` characters is cut and the note says how much was left out.
    When the HTML converter fails or its output passes ``max_output`` (the nested-list blow-up),
    the message is shown as tag-stripped plain text with a note saying so.
    """
    try:
        mail = prepare(content, max_input, max_output)
        if not mail.text:
            return RenderedBody(note=mail.note)
        if not mail.html:
            folded = fold(from_plain(mail.text))
            return RenderedBody(lines=folded.lines, note=mail.note, history=folded.history)
        try:
            # Imported here: plain text, the most common content, never needs the converter.
            from omnitui.render.html_convert import convert_html

            marked = convert_html(mail.text, max_output)
            folded = fold(from_marked(marked.text, marked.link_safe))
            lines, history = folded.lines, folded.history
            return RenderedBody(lines, marked.links, marked.images, mail.note, history)
        except OutputLimitExceeded:
            note = NOTE_TOO_COMPLEX
        except Exception:
            log.exception("HTML conversion failed; showing the message as plain text")
            note = NOTE_ERROR
        # From the original: the fallback caps it again and words the cut in one sentence.
        return render_fallback(content, note=note, max_input=max_input, max_output=max_output)
    except Exception:
        log.exception("rendering a message failed")
        return _last_resort(content, max_output)


def render_fallback(
    content: str,
    *,
    note: str | None = NOTE_ERROR,
    max_input: int = MAX_INPUT,
    max_output: int = MAX_OUTPUT,
) -> RenderedBody:
    """The plain-text rendering used when conversion fails, explodes or times out.

    Tags are stripped by a linear scan (no converter, no html.parser), entities decoded, the text
    sanitised and quote-detected like any other body. Cheap enough to run in the UI process.
    """
    try:
        text, cut_note = cap_input(content or "", max_input)
        if looks_like_html(text):
            text, truncated = strip_tags(text, max_output)
        else:
            text, truncated = decode_plain(text[:max_output]), len(text) > max_output
        notes = join_notes(note, output_cut_note(max_output) if truncated else cut_note)
        folded = fold(from_plain(text))
        return RenderedBody(lines=folded.lines, note=notes, history=folded.history)
    except Exception:
        return _last_resort(content, max_output)


def _last_resort(content: str, max_output: int) -> RenderedBody:
    """If everything else failed, the raw content, sanitised: ugly, but never a crash."""
    text = sanitize(hs.strip_markers(str(content)[:max_output]))
    lines = tuple(BodyLine(line.rstrip()) for line in text.split("\n") if line.strip())
    return RenderedBody(lines=lines, note=NOTE_ERROR)
