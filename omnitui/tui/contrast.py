"""Colours that stay readable in every theme: text at least 4.5:1 against what it is drawn on.

Textual's themes are made for its own widgets; used for text, some of their colours fade into
the background (``$text-muted`` dimmed on ``textual-light`` is #F4F4F4 on #E0E0E0). Rather than
a colour per theme, omnitui derives its text colours from the theme: each starts as the theme
meant it and is moved towards black or white only as far as needed to reach WCAG's 4.5:1 (AA)
against every background it is used on. The results are CSS variables (``$omni-…``) the
stylesheets use; with an ANSI theme the terminal owns the colours and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.app import App
from textual.color import Color, ColorParseError

#: WCAG 2.1 AA for normal text.
MINIMUM = 4.5
BLACK = Color(0, 0, 0)
WHITE = Color(255, 255, 255)

#: Text colours used on the page (timeline, header, lists): the theme variable each starts from.
TEXT_COLOURS = {
    "omni-text": "foreground",
    "omni-muted": "text-muted-base",
    "omni-inbound": "primary",
    "omni-outbound": "success",
    "omni-note": "warning",
    "omni-other": "secondary",
    "omni-link": "primary",
    "omni-warning": "warning",
    "omni-error": "error",
    "omni-accent": "accent",
}
#: Filled labels (status, badges, matches, buttons, cursors): the background each starts from.
LABEL_BACKGROUNDS = {
    "new": "primary",
    "open": "warning",
    "pending": "accent",
    "holding": "secondary",
    "solved": "success",
    "closed": "panel",
    "unknown": "panel",
    "breached": "error",
    "soon": "warning",
    "snoozed": "secondary",
    "badge": "panel",
    "match": "warning",  # a find match in the timeline
    "button": "primary",  # a primary button's label
    "cursor": "block-cursor-background",  # a table's cursor row and a text cursor
}
#: Backgrounds text is drawn on: the page, its surfaces and panels.
PAGE_BACKGROUNDS = ("background", "surface", "panel")


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(color: Color) -> float:
    """WCAG relative luminance (not Textual's perceptual brightness)."""
    return 0.2126 * _linear(color.r) + 0.7152 * _linear(color.g) + 0.0722 * _linear(color.b)


def contrast_ratio(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two opaque colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on(color: Color, backgrounds: Iterable[Color], minimum: float = MINIMUM) -> Color:
    """``color``, moved towards black or white just far enough to read on every background."""
    backgrounds = list(backgrounds)
    if all(contrast_ratio(color, bg) >= minimum for bg in backgrounds):
        return color
    dark_page = sum(luminance(bg) for bg in backgrounds) / len(backgrounds) < 0.18
    for target in (WHITE, BLACK) if dark_page else (BLACK, WHITE):
        for step in range(1, 21):
            moved = color.blend(target, step / 20)
            if all(contrast_ratio(moved, bg) >= minimum for bg in backgrounds):
                return moved
    return max((WHITE, BLACK), key=lambda c: min(contrast_ratio(c, bg) for bg in backgrounds))


def label_colours(background: Color, minimum: float = MINIMUM) -> tuple[Color, Color]:
    """(text, fill) of a filled label: black or white text, the fill shifted if neither reads."""
    for step in range(21):
        for target in (BLACK, WHITE):
            fill = background.blend(WHITE if target is BLACK else BLACK, step / 20)
            text = max((BLACK, WHITE), key=lambda c: contrast_ratio(c, fill))
            if contrast_ratio(text, fill) >= minimum:
                return text, fill
    return WHITE, BLACK


def _parse(value: str | None) -> Color | None:
    if not value:
        return None
    try:
        color = Color.parse(value)
    except ColorParseError:
        return None
    return None if color.ansi is not None else color


def readable_variables(variables: Mapping[str, str]) -> dict[str, str]:
    """The ``$omni-…`` variables for a theme's variables (Textual's colour system, generated).

    For an ANSI theme (no RGB to reason about) they name the theme's own colours instead.
    """
    page = [_parse(variables.get(name)) for name in PAGE_BACKGROUNDS]
    foreground = _parse(variables.get("foreground"))
    if foreground is None or any(bg is None for bg in page):
        return _fallback(variables)
    backgrounds = [bg for bg in page if bg is not None]
    # A focused field's surface is tinted with the foreground (Textual: 5%); allow for it.
    backgrounds.append(backgrounds[1].blend(foreground, 0.08))
    muted = foreground.blend(backgrounds[0], 0.4)
    starts = {"text-muted-base": muted}
    out: dict[str, str] = {}
    for name, source in TEXT_COLOURS.items():
        start = starts.get(source) or _parse(variables.get(source)) or foreground
        out[name] = readable_on(start, backgrounds).hex
    for label, source in LABEL_BACKGROUNDS.items():
        fill = _parse(variables.get(source)) or backgrounds[-1]
        text, fill = label_colours(fill)
        out[f"omni-{label}-text"], out[f"omni-{label}-fill"] = text.hex, fill.hex
    # Textual's own muted, disabled and body text, for its widgets (placeholders, tabs, tables).
    out["foreground"] = out["button-foreground"] = out["omni-text"]
    out["text-muted"] = out["text-disabled"] = out["omni-muted"]
    footer = _parse(variables.get("footer-background")) or backgrounds[-1]
    for name in ("footer-key-foreground", "footer-description-foreground"):
        start = _parse(variables.get(name)) or foreground
        out[name] = readable_on(start, [footer]).hex
    return out


def _fallback(variables: Mapping[str, str]) -> dict[str, str]:
    """ANSI themes: the theme's own values, which the terminal maps to its palette."""
    text = variables.get("foreground", "ansi_default")
    out = {name: variables.get(source, text) for name, source in TEXT_COLOURS.items()}
    out["omni-muted"] = variables.get("text-muted", text)
    for label, source in LABEL_BACKGROUNDS.items():
        out[f"omni-{label}-text"] = variables.get("text", text)
        out[f"omni-{label}-fill"] = variables.get(source, "ansi_default")
    return out


class ReadableThemeApp(App[None]):
    """An app whose stylesheets may use the ``$omni-…`` colours (every omnitui screen does)."""

    def get_css_variables(self) -> dict[str, str]:
        variables = super().get_css_variables()
        variables.update(readable_variables(variables))
        self.theme_variables = variables
        return variables
