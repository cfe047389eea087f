"""Taking a ticket out of omnitui: copy an entry or its web address, export it, open the browser.

The ticket screen's keys ``y``, ``u``/``U``, ``x`` and ``b``/``B`` come here; each says what it
did. ``b`` and ``u`` take the ticket's page in Omnidesk's agent interface (the profile's
``web_url``), ``B`` and ``U`` the page its brand gives it (``external_gui_url``).
"""

from __future__ import annotations

import os
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text

from omnitui.api.models import EntryKind
from omnitui.core.wording import plural

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from textual.screen import Screen

    from omnitui.api.models import Ticket, TimelineEntry
    from omnitui.render.export import ExportFormat, ExportScope
    from omnitui.render.html import RenderedBody
    from omnitui.render.html_worker import HtmlConverter
    from omnitui.tui.services import AppServices


def copy_entry(screen: Screen[object], text: str | None) -> None:
    """Copy the entry at the cursor (``text``, None while there is none) to the clipboard."""
    if text is None:
        screen.notify("Nothing to copy yet.", severity="warning")
        return
    screen.app.copy_to_clipboard(text)
    lines = text.count("\n")
    screen.notify(f"Copied the entry ({plural(lines, 'line')}) to the clipboard.")


def copy_url(screen: Screen[object], url: str | None) -> None:
    """Copy a web address of the ticket (``u``, ``U``); None: the agent was told why not."""
    if url is None:
        return
    screen.app.copy_to_clipboard(url)
    screen.notify(Text(f"Copied {url}").plain)


def agent_url(screen: Screen[object], ticket_id: int, brand_page: str | None) -> str | None:
    """The ticket's page in Omnidesk's agent interface (the profile's ``web_url``), or None
    after saying how to set it (and that ``B``/``U`` take the brand's page, when there is one)."""
    from omnitui.runtime.browser import WebUrlError
    from omnitui.runtime.browser import agent_url as make_url

    template, profile = _web_url_setting(screen)
    if template:
        try:
            return make_url(template, ticket_id)
        except WebUrlError as exc:
            screen.notify(str(exc), title="Check config.toml", severity="error", timeout=15)
            return None
    from omnitui.core import paths
    from omnitui.runtime.backends import AccountBackend

    services = cast("AppServices", screen.app)
    brand = " B opens, U copies the brand's page." if brand_page else ""
    if not isinstance(services.backend, AccountBackend):  # the demo: no web interface at all
        screen.notify(f"The demo sandbox has no web pages for its tickets.{brand}")
        return None
    base = services.client.base_url if services.client is not None else "https://acme.omnidesk.com"
    screen.notify(
        f'Add web_url = "{base}/…/{{id}}" (a ticket\'s address in your browser, {{id}} for its '
        f"number) to [profiles.{profile}] in {paths.config_file()}, or set OMNIDESK_WEB_URL."
        f"{brand}",
        title="No web address for tickets",
        severity="warning",
        timeout=20,
    )
    return None


def _web_url_setting(screen: Screen[object]) -> tuple[str | None, str]:
    """The ``web_url`` of the profile in use (its variable first), and that profile's name."""
    import dataclasses

    from omnitui.settings.schema import DEFAULT_PROFILE, Profile

    services = cast("AppServices", screen.app)
    variable = next(f.metadata["env"] for f in dataclasses.fields(Profile) if f.name == "web_url")
    name = services.backend.label if services.backend is not None else DEFAULT_PROFILE
    profile = services.settings.profiles.get(name) if services.settings is not None else None
    return os.environ.get(variable) or (profile.web_url if profile else None), name


def brand_url(screen: Screen[object], ticket: Ticket | None) -> str | None:
    """The page the ticket's brand gives it (``external_gui_url``), or None after saying so."""
    url = ticket.external_gui_url if ticket else None
    if not url:
        screen.notify(
            "This ticket has no page of its brand (external_gui_url).", severity="warning"
        )
    return url or None


async def export_text(
    ticket: Ticket,
    converter: HtmlConverter,
    fmt: ExportFormat,
    scope: ExportScope,
    *,
    shows: Callable[[TimelineEntry], bool],
    history_shown: bool,
    with_history: Callable[[], Awaitable[Ticket]],
) -> str:
    """The ticket as text, with the entries ``scope`` asks for.

    Everything: every message, note and event, the event history too; if the timeline has not
    loaded it (``history_shown``, the ``h`` key), the ticket is read again with it
    (``with_history``), so the export never depends on what happens to be on screen. Shown: the
    loaded entries the timeline's filter (``shows``) lets through.
    """
    from omnitui.render.export import ExportScope, export_ticket
    from omnitui.render.html import render_body
    from omnitui.render.mail_input import needs_converter

    if scope is ExportScope.SHOWN:
        entries = [entry for entry in ticket.timeline if shows(entry)]
    else:
        if not history_shown:
            ticket = await with_history()
        entries = list(ticket.timeline)
    wanted = [i for i, e in enumerate(entries) if e.kind is not EntryKind.EVENT]
    html = [i for i in wanted if needs_converter(entries[i].content)]
    converted = await converter.render_many([entries[i].content for i in html])
    bodies: list[RenderedBody | None] = [None] * len(entries)
    for i in set(wanted) - set(html):
        bodies[i] = render_body(entries[i].content)
    for i, body in zip(html, converted, strict=True):
        bodies[i] = body
    return export_ticket(ticket, bodies, fmt, entries=entries)


def open_in_browser(screen: Screen[object], raw: str | None) -> None:
    """Open ``raw`` (a page of the ticket); over SSH, or when no browser starts, copy it
    instead. None: the agent was told already why there is no address."""
    from omnitui.runtime.browser import web_url, why_no_browser

    if raw is None:
        return
    url = web_url(raw)
    if url is None:
        screen.notify(
            f"Not opening {raw[:80]}: only http and https links go to the browser.",
            severity="warning",
        )
        return
    if reason := why_no_browser(os.environ):
        _copy_instead(screen, url, reason)
        return
    screen.run_worker(
        partial(_launch_browser, screen, url),
        name="launch browser",
        group="browser",
        description="open browser",
        exit_on_error=False,
        thread=True,
    )


def _launch_browser(screen: Screen[object], url: str) -> None:
    """In a thread: a browser may take its time to start."""
    import webbrowser

    try:
        opened = webbrowser.open(url)
    except Exception:  # a broken BROWSER setting raises all sorts of things
        opened = False
    if opened:
        screen.app.call_from_thread(screen.notify, f"Opened {url} in the browser.")
    else:
        screen.app.call_from_thread(_copy_instead, screen, url, "No browser could be started")


def _copy_instead(screen: Screen[object], url: str, reason: str) -> None:
    screen.app.copy_to_clipboard(url)
    screen.notify(f"{reason}; copied the URL to the clipboard: {url}", timeout=15)
