"""``d`` on a ticket: save an attachment of the current entry (the one marked ▶), or over SSH
show and copy its address.

One file is taken at once; several are offered in a small picker. The download runs in an app
worker, so it goes on when the agent leaves the ticket; it is written to a hidden temporary file
in the downloads folder and named only when complete (:mod:`omnitui.storage.downloads`), so a
failure, a full disk or the app quitting leaves nothing half-written behind.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from omnitui.api.errors import ApiError, NotFoundError
from omnitui.api.models import Attachment
from omnitui.render.attachments import attachment_line, extension_for, human_size, shown_name
from omnitui.storage.downloads import (
    DownloadError,
    PartialFile,
    download_folder,
    safe_file_name,
    shown_path,
)

if TYPE_CHECKING:
    from textual.app import App

    from omnitui.tui.services import AppServices
    from omnitui.tui.widgets.timeline import TimelineView

log = logging.getLogger(__name__)

NO_ADDRESS = "Omnidesk gives no download address for this file"
#: Files at least this big show their progress in the status line.
PROGRESS_FROM = 1_000_000
PROGRESS_EVERY = 0.25  # seconds between updates of the status line


class TicketScreen(Protocol):
    """What ``d`` needs of the ticket screen (which imports this module, so not the screen)."""

    @property
    def app(self) -> App[Any]: ...

    @property
    def is_attached(self) -> bool: ...

    @property
    def timeline(self) -> TimelineView: ...

    def status(self, text: str | None = None) -> None: ...

    def notify(self, message: str, **options: Any) -> None: ...


def download(screen: TicketScreen) -> None:
    """Save the current entry's attachment; with several, ask which first."""
    timeline = screen.timeline
    position = timeline.current_position
    if position is None:
        screen.notify("No entry to take an attachment from yet.", severity="warning")
        return
    files = list(timeline.model.entry_at(position).files)
    if not files:
        screen.notify(
            "The entry marked ▶ has no attachments ([ and ] move to another entry).",
            severity="warning",
        )
        return
    remote = _over_ssh()
    if len(files) == 1:
        _take(screen, files[0], remote=remote)
        return
    picker = AttachmentPicker(files, remote=remote)
    screen.app.push_screen(picker, partial(_picked, screen, remote=remote))


def _picked(screen: TicketScreen, file: Attachment | None, *, remote: bool) -> None:
    if file is not None:
        _take(screen, file, remote=remote)


def _over_ssh() -> bool:
    from omnitui.runtime.browser import over_ssh

    return over_ssh(os.environ)


def _take(screen: TicketScreen, file: Attachment, *, remote: bool) -> None:
    name = shown_name(file)
    if not file.url:
        screen.notify(f"{NO_ADDRESS} ({name}).", severity="warning")
        return
    if remote:
        _share_address(screen, file)
        return
    screen.app.run_worker(
        _save(screen, file),
        name=f"download {file.id}",
        group="download",
        description="download attachment",
        exit_on_error=False,
    )


def _share_address(screen: TicketScreen, file: Attachment) -> None:
    """Over SSH a file saved here would land on the remote machine: its address is shown and
    copied (OSC 52) instead, as ``b`` and ``u`` do; never an address carrying a credential."""
    from omnitui.runtime.browser import web_url

    services = cast("AppServices", screen.app)
    client = services.client
    url = client.shareable_file_url(file) if client is not None else None
    if url is None or web_url(url) is None:
        screen.notify(
            f"Not showing the download address of {shown_name(file)}: "
            "it holds a password or key, or is not a web address.",
            severity="warning",
        )
        return
    screen.app.copy_to_clipboard(url)
    screen.notify(
        f"Over SSH the file would be saved on the remote machine; copied its address to the "
        f"clipboard: {url}",
        timeout=20,
    )


async def _save(screen: TicketScreen, file: Attachment) -> None:
    services = cast("AppServices", screen.app)
    name = shown_name(file)
    fallback = f"attachment-{file.id or 'file'}{extension_for(file)}"
    part: PartialFile | None = None
    try:
        setting = services.settings.download_dir if services.settings is not None else None
        folder = download_folder(setting)
        client = await services.wait_for_client()
        part = await asyncio.to_thread(PartialFile, folder, safe_file_name(file.name, fallback))
        progress = _Progress(screen, name)
        size = await client.download_file(
            file, partial(asyncio.to_thread, part.write), progress=progress
        )
        saved = await asyncio.to_thread(part.finish)
    except NotFoundError as error:
        _discard(part)
        _tell(screen, f"Omnidesk no longer has {name}: {error.message}", error=True)
    except (ApiError, DownloadError) as error:
        _discard(part)
        _tell(screen, f"{name} was not saved: {error}", error=True)
    except Exception:
        _discard(part)
        log.exception("saving attachment %s failed", file.id)
        _tell(screen, f"{name} was not saved: something unexpected went wrong.", error=True)
    except BaseException:
        _discard(part)  # cancelled (the app quits): nothing half-written stays
        raise
    else:
        _tell(screen, f"Saved {name} ({human_size(size)}) to {shown_path(saved)}")


def _discard(part: PartialFile | None) -> None:
    if part is not None:
        part.discard()


def _tell(screen: TicketScreen, text: str, *, error: bool = False) -> None:
    """Say how the download went, in a toast (the agent may be on another screen by now), and
    give the ticket's status line back."""
    screen.app.notify(text, severity="error" if error else "information", timeout=10)
    if screen.is_attached:
        screen.status()


class _Progress:
    """The status line while a big file comes in: ``Downloading name: 45% of 12 MB``."""

    def __init__(self, screen: TicketScreen, name: str) -> None:
        self.screen = screen
        self.name = name
        self._shown_at = 0.0

    def __call__(self, received: int, total: int | None) -> None:
        if (total or received) < PROGRESS_FROM or not self.screen.is_attached:
            return
        now = time.monotonic()
        if now - self._shown_at < PROGRESS_EVERY:
            return
        self._shown_at = now
        if total:
            done = f"{min(99, received * 100 // total)}% of {human_size(total)}"
        else:
            done = human_size(received)
        self.screen.status(f"Downloading {self.name}: {done}")


class AttachmentPicker(ModalScreen[Attachment | None]):
    """Which of an entry's files ``d`` takes: arrows choose, Enter takes it, Esc takes none."""

    DEFAULT_CSS = """
    AttachmentPicker { align: center middle; }
    #attachments-box {
        width: 70;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    #attachments-title { text-style: bold; }
    #attachments-list { height: auto; max-height: 16; }
    #attachments-hint { color: $text-muted; }
    """

    BINDINGS = [
        Binding(
            "enter",
            "choose",
            "Save",
            priority=True,
            id="attachments.choose",
            tooltip="Save the chosen file (over SSH: copy its address)",
        ),
        Binding("escape", "cancel", "Cancel", id="attachments.cancel", tooltip="Save nothing"),
    ]

    def __init__(self, files: Sequence[Attachment], *, remote: bool = False) -> None:
        super().__init__()
        self.files = list(files)
        self.remote = remote

    def compose(self) -> ComposeResult:
        what = "Copy the address of which file?" if self.remote else "Save which file?"
        with Vertical(id="attachments-box"):
            yield Static(Text(what), id="attachments-title")
            yield OptionList(
                *(Option(Text(attachment_line(f))) for f in self.files), id="attachments-list"
            )
            yield Static(Text("↑ ↓ choose · Enter takes it · Esc cancels"), id="attachments-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.files[event.option_index])

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        self.dismiss(self.files[index] if index is not None else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
