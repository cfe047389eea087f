"""``d`` on a ticket: the current entry's attachment saved to the downloads folder (0600, never
over another file), a picker when it has several, over SSH its address copied instead, and each
failure told plainly with nothing left behind. Ticket 100302 carries the sandbox's real files."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from omnitui.runtime.backends import AccountBackend
from omnitui.sandbox import SandboxServer
from omnitui.sandbox.data import documents
from omnitui.sandbox.data.attachments import PACKING_SLIP, SERIAL_NUMBERS
from omnitui.sandbox.data.store import Store
from omnitui.settings.load import Settings
from omnitui.storage import downloads as storage_downloads
from omnitui.tui.app import OmniApp
from omnitui.tui.screens.ticket import TicketScreen
from omnitui.tui.screens.ticket_attachments import AttachmentPicker, _Progress

from ..conftest import API_KEY
from .conftest import screen_text, settle, widget_text
from .test_browser import osc52_payloads, toasts
from .test_ticket import open_ticket

PARCEL = 100302  # the damaged parcel: a photo and a PDF, then a text file


@pytest.fixture
def downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder with a Downloads folder in it, and no SSH."""
    home = tmp_path / "agent"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    for name in ("SSH_CONNECTION", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    return home / "Downloads"


def app_for(server: SandboxServer, **settings: Any) -> OmniApp:
    backend = AccountBackend(server.url, server.api_key, "sandbox")
    return OmniApp(backend, ticket=PARCEL, settings=Settings(**settings))


def saved(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


async def test_the_files_are_listed_under_their_entries(
    shared: SandboxServer, downloads: Path
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 40)) as pilot:
        timeline = await open_ticket(pilot, shared, PARCEL)
        text = widget_text(timeline)
    assert "█ [image: schade-foto.png] · 740 B" in text  # the first entry is the current one
    assert f"█ 📎 pakbon MB-2026-48213.pdf · {PACKING_SLIP.doc()['size']} B · PDF" in text
    assert "▌ 📎 serienummers – overzicht.txt · 152 B · text" in text


async def test_d_saves_the_one_file_of_the_current_entry_and_never_overwrites(
    shared: SandboxServer, downloads: Path
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, PARCEL)
        await pilot.press("end")  # the newest entry: the text file
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        messages = toasts(app)
    name = "serienummers – overzicht.txt"
    assert saved(downloads) == {
        name: SERIAL_NUMBERS.content(),
        "serienummers – overzicht (1).txt": SERIAL_NUMBERS.content(),
    }
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in downloads.iterdir())
    assert f"Saved {name} (152 B) to ~/Downloads/{name}" in messages
    assert f"Saved {name} (152 B) to ~/Downloads/serienummers – overzicht (1).txt" in messages
    requests = [r for r in shared.requests.all() if r.path.startswith("/api/v2/file/")]
    assert [r.path for r in requests] == ["/api/v2/file/69003"] * 2


async def test_several_files_are_offered_in_a_picker(
    shared: SandboxServer, downloads: Path
) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, PARCEL)  # the first entry is the current one
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, AttachmentPicker)
        text = screen_text(app)
        assert "Save which file?" in text
        assert "[image: schade-foto.png] · 740 B" in text
        assert "📎 pakbon MB-2026-48213.pdf" in text
        await pilot.press("escape")  # nothing
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        assert saved(downloads) == {}

        await pilot.press("d")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        messages = toasts(app)
    assert saved(downloads) == {PACKING_SLIP.name: PACKING_SLIP.content()}
    path = downloads / PACKING_SLIP.name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    size = len(PACKING_SLIP.content())
    assert f"Saved {PACKING_SLIP.name} ({size} B) to ~/Downloads/{PACKING_SLIP.name}" in messages


async def test_the_download_dir_setting_wins(
    shared: SandboxServer, downloads: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    app = app_for(shared, download_dir=str(elsewhere))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, PARCEL)
        await pilot.press("d", "enter")  # the picker: the photo
        await settle(pilot)
    assert list(saved(elsewhere)) == ["schade-foto.png"]
    assert saved(downloads) == {}


async def test_over_ssh_the_address_is_copied_instead(
    shared: SandboxServer, downloads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    app = app_for(shared)
    written: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, PARCEL)
        await pilot.press("end")
        await settle(pilot)
        app._driver.write = written.append  # type: ignore[union-attr, method-assign]
        await pilot.press("d")
        await settle(pilot)
        messages = toasts(app)
    url = f"{shared.url}/api/v2/file/{SERIAL_NUMBERS.id}"
    assert osc52_payloads(written) == [url]
    assert any(m.startswith("Over SSH the file would be saved") and url in m for m in messages)
    assert not any(API_KEY in payload for payload in osc52_payloads(written))
    assert saved(downloads) == {}
    assert not [r for r in shared.requests.all() if r.path.startswith("/api/v2/file/")]


def add_newest_entry(db: Path, *files: dict[str, Any]) -> None:
    """A mail on the parcel ticket, newer than the others, carrying ``files``."""
    store = Store(db)
    try:
        with store.transaction():
            entry = documents.message(
                "9990001",
                PARCEL,
                created_at="2026-11-25 08:55:00",
                content="<p>Nog een bijlage.</p>",
                from_address="bas.hoekstra@ziggo.nl",
                files=list(files),
            )
            store.add_entries(PARCEL, [(False, entry)])
    finally:
        store.close()


@pytest.fixture
def server_with(fresh_db: Path) -> Any:
    """Start a sandbox whose parcel ticket got one more entry with the files given."""
    servers: list[SandboxServer] = []

    def start(*files: dict[str, Any]) -> SandboxServer:
        add_newest_entry(fresh_db, *files)
        server = SandboxServer(fresh_db, api_key=API_KEY)
        server.__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


def demo_file(file_id: int, name: str, mime_type: str = "application/pdf") -> dict[str, Any]:
    return documents.attachment(file_id, name, 714, mime_type, downloadable=True)


async def press_d_on_the_newest(app: OmniApp, server: SandboxServer) -> tuple[str, list[str]]:
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = await open_ticket(pilot, server, PARCEL)
        await pilot.press("end")
        await settle(pilot)
        text = widget_text(timeline)
        await pilot.press("d")
        await settle(pilot)
        return text, toasts(app)


async def test_a_hostile_name_is_saved_as_a_plain_file_in_the_folder(
    server_with: Any, downloads: Path
) -> None:
    server = server_with(demo_file(PACKING_SLIP.id, "../../.bashrc\u202e\x1b[2J.pdf"))
    text, messages = await press_d_on_the_newest(app_for(server), server)
    assert "📎 ../../.bashrc�␛[2J.pdf · 714 B · PDF" in text  # inert on screen
    assert saved(downloads) == {"bashrc__[2J.pdf": PACKING_SLIP.content()}
    assert not (downloads.parent.parent / ".bashrc").exists()
    assert "Saved ../../.bashrc�␛[2J.pdf (714 B) to ~/Downloads/bashrc__[2J.pdf" in messages


async def test_a_file_omnidesk_no_longer_has_is_told_and_leaves_nothing(
    server_with: Any, downloads: Path
) -> None:
    server = server_with(demo_file(69999, "weg.pdf"))
    _, messages = await press_d_on_the_newest(app_for(server), server)
    assert "Omnidesk no longer has weg.pdf: Could not retreive a file with this ID." in messages
    assert list(downloads.iterdir()) == []


async def test_a_file_without_an_address_says_so(server_with: Any, downloads: Path) -> None:
    server = server_with(documents.attachment(69998, "oud.pdf", 2048, "application/pdf"))
    _, messages = await press_d_on_the_newest(app_for(server), server)
    assert "Omnidesk gives no download address for this file (oud.pdf)." in messages
    assert not [r for r in server.requests.all() if r.path.startswith("/api/v2/file/")]


async def test_a_broken_download_leaves_nothing_behind(
    shared: SandboxServer, downloads: Path
) -> None:
    shared.faults.add("drop", path="/api/v2/file/")
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, PARCEL)
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        messages = toasts(app)
    assert (
        "serienummers – overzicht.txt was not saved: The download from 127.0.0.1 broke off "
        "(the server closed it in the middle of its answer)." in messages
    )
    assert list(downloads.iterdir()) == []


async def test_a_full_disk_is_told_and_leaves_nothing_behind(
    shared: SandboxServer, downloads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int, mode: str) -> None:
            self._file = real_fdopen(fd, mode)

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name: str) -> Any:
            return getattr(self._file, name)

    monkeypatch.setattr(storage_downloads.os, "fdopen", FullDisk)
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, PARCEL)
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        messages = toasts(app)
    assert (
        "serienummers – overzicht.txt was not saved: The disk is full: there is no room in "
        "~/Downloads for the file." in messages
    )
    assert list(downloads.iterdir()) == []


async def test_an_entry_without_files_says_so(shared: SandboxServer, downloads: Path) -> None:
    app = app_for(shared)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, PARCEL)
        await pilot.press("right_square_bracket")  # the event after the first mail
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        messages = toasts(app)
    assert "The entry marked ▶ has no attachments ([ and ] move to another entry)." in messages


class _Screen:
    is_attached = True

    def __init__(self) -> None:
        self.shown: list[str] = []

    def status(self, text: str | None = None) -> None:
        self.shown.append(text or "")


def test_a_big_file_shows_its_progress_in_the_status_line() -> None:
    screen = _Screen()
    progress = _Progress(screen, "archief.zip")  # type: ignore[arg-type]
    progress(500_000, 2_000_000)
    assert screen.shown == ["Downloading archief.zip: 25% of 2 MB"]
    small = _Screen()
    _Progress(small, "a.pdf")(500, 714)  # type: ignore[arg-type]
    assert small.shown == []
