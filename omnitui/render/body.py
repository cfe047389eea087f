"""What rendering a message produces: its lines with style spans, its links, a note for the reader.

The output types of the render pipeline (:mod:`omnitui.render.html` runs it), in a module of their
own so that the timeline, the export and the UI can hold rendered bodies without importing any
stage. The results cross a process boundary by the thousand (the worker,
:mod:`omnitui.render.html_worker`), hence the explicit ``__reduce__``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "NOTE_ERROR",
    "NOTE_TIMEOUT",
    "NOTE_TOO_COMPLEX",
    "STYLES",
    "BodyLine",
    "Link",
    "RenderedBody",
    "Spans",
]

STYLES = ("heading", "bold", "italic", "code", "link")
"""Style names used in spans. Where styles overlap, a span's style lists them, space-separated,
in this order ("bold italic"): spans never overlap, so a consumer can slice the text by them."""

NOTE_TOO_COMPLEX = "This message was too complex to format; showing it as plain text."
NOTE_ERROR = "This message could not be formatted; showing it as plain text."
NOTE_TIMEOUT = "This message took too long to format; showing it as plain text."

Spans = tuple[tuple[int, int, str], ...]
"""``(start, end, style)`` over a line's text, sorted and non-overlapping."""


@dataclass(frozen=True, slots=True)
class Link:
    """A link of the message, shown in the text as ``label [number]``.

    ``safe`` is True only for http, https and mailto links whose label does not pretend to be
    another host; the UI may offer to copy or open those. Unsafe ones are shown as text only, with
    ``warning`` saying why in words an agent understands.
    """

    number: int
    label: str
    url: str
    host: str
    safe: bool
    warning: str = ""

    def __reduce__(self) -> tuple[type[Link], tuple[int, str, str, str, bool, str]]:
        # The slots dataclass default pickles through dataclasses.fields(), ten times slower.
        return (Link, (self.number, self.label, self.url, self.host, self.safe, self.warning))


@dataclass(frozen=True, slots=True)
class BodyLine:
    """One logical line (a paragraph, a list item, a table row), unwrapped and sanitised.

    ``spans`` are ``(start, end, style)`` over ``text``, sorted and non-overlapping. ``quoted``
    marks the quoted history that folds (from its "On … wrote:" attribution or header block to
    the end, see :mod:`omnitui.render.quotes`); ``depth`` is how deeply a line is quoted (the
    ``>`` markers themselves are removed from ``text``), at least 1 in the history. A line can be
    quoted with ``>`` and still be shown (``depth`` > 0, not ``quoted``): the questions of an
    inline reply, a forward that Apple Mail puts in a blockquote.
    """

    text: str
    spans: Spans = ()
    quoted: bool = False
    depth: int = 0

    def __reduce__(self) -> tuple[type[BodyLine], tuple[str, Spans, bool, int]]:
        return (BodyLine, (self.text, self.spans, self.quoted, self.depth))


@dataclass(frozen=True, slots=True)
class RenderedBody:
    """A converted message: its lines, its links, the alt texts of its images, a note for the
    reader when the rendering is partial or degraded (truncated, plain-text fallback), and what
    the folded history is ("Jane Doe wrote on 1 Mar 2011"; None when nothing folds)."""

    lines: tuple[BodyLine, ...] = ()
    links: tuple[Link, ...] = ()
    images: tuple[str, ...] = ()
    note: str | None = None
    history: str | None = None

    def __reduce__(
        self,
    ) -> tuple[
        type[RenderedBody],
        tuple[tuple[BodyLine, ...], tuple[Link, ...], tuple[str, ...], str | None, str | None],
    ]:
        return (RenderedBody, (self.lines, self.links, self.images, self.note, self.history))

    @property
    def text(self) -> str:
        """The body as plain text, quoted lines prefixed with ``>`` (for copying and tests)."""
        return "\n".join("> " * line.depth + line.text for line in self.lines)
