"""Export the open ticket (``x``): Markdown or text, to a file or the clipboard."""

from __future__ import annotations

import base64
import re
import stat
from pathlib import Path

import pytest
from textual.widgets import Button, Input, RadioButton, Static

from omnitui.render.export import ExportScope
from omnitui.sandbox import SandboxServer
from omnitui.tui.screens.export import ExportScreen
from omnitui.tui.screens.ticket import TicketScreen

from .conftest import app_for, screen_text, settle, wait_until
from .test_ticket import open_ticket


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "user"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


def message(modal: ExportScreen) -> str:
    """The line under the path field (it wraps on screen, long temporary paths and all)."""
    return str(modal.query_one("#export-message", Static).content)


def messages(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def open_export(pilot) -> ExportScreen:  # type: ignore[no-untyped-def]
    await pilot.press("x")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
    await settle(pilot)
    return pilot.app.screen


async def export_to(pilot, typed: str) -> tuple[ExportScreen, Input]:  # type: ignore[no-untyped-def]
    """Open the export modal on the open ticket, type ``typed`` as the path and press Enter."""
    modal = await open_export(pilot)
    path = modal.query_one("#export-path", Input)
    path.value = typed
    await pilot.press("enter")
    await settle(pilot)
    return modal, path


async def test_markdown_to_the_suggested_file(shared: SandboxServer, home: Path) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        modal = await open_export(pilot)
        assert modal.query_one("#export-path", Input).value == "~/omnitui-858462.md"
        assert "Export ticket 858462" in screen_text(app)
        # The choices not taken read as empty without colour too (NO_COLOR, monochrome).
        assert "▐ ▌ Plain text" in screen_text(app) and "▐ ▌ Clipboard" in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        assert f"Exported ticket 858462 to {home / 'omnitui-858462.md'}." in messages(app)
    text = (home / "omnitui-858462.md").read_text(encoding="utf-8")
    assert stat.S_IMODE((home / "omnitui-858462.md").stat().st_mode) == 0o600  # customer data
    assert text.startswith("# \\#858462 vraag van Thomas\n")
    assert "### ← thomas@test.com · e-mail · 2019-09-28 22:06:17" in text
    assert "HTML email content" in text
    assert "- *Assigned to Servicee · trigger: Assign to service · 2019-09-28 22:06:23*" in text
    assert "My intern note on this ticket" in text


async def test_plain_text_follows_the_suffix(shared: SandboxServer, home: Path) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        modal = await open_export(pilot)
        await pilot.click("#format-plain")
        await settle(pilot)
        assert modal.query_one("#export-path", Input).value == "~/omnitui-858462.txt"
        await pilot.click("#export-go")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
    text = (home / "omnitui-858462.txt").read_text(encoding="utf-8")
    assert text.startswith("#858462 vraag van Thomas\n")
    assert "--- Internal note · marleen · 2019-09-28 23:30:13" in text


async def test_an_existing_file_is_only_overwritten_when_asked(
    shared: SandboxServer, home: Path
) -> None:
    target = home / "omnitui-858462.md"
    target.write_text("keep me", encoding="utf-8")
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        await open_export(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert message(app.screen).startswith(
            f"{target} already exists. Press Enter again to overwrite it"
        )
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
    assert "HTML email content" in target.read_text(encoding="utf-8")


async def test_a_write_refused_by_the_system_gets_a_message(
    shared: SandboxServer, home: Path
) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        # sysfs refuses new files, even to root
        modal, path = await export_to(pilot, "/sys/omnitui-export.md")
        assert isinstance(app.screen, ExportScreen)
        assert message(modal) == "Could not write /sys/omnitui-export.md: Permission denied"
        assert path.value == "/sys/omnitui-export.md"


async def test_a_missing_folder_gets_a_message_and_the_path_is_kept(
    shared: SandboxServer, home: Path
) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        modal, path = await export_to(pilot, "~/nowhere/out.md")
        assert isinstance(app.screen, ExportScreen)
        assert message(modal) == (
            f"Could not write {home / 'nowhere' / 'out.md'}: No such file or directory"
        )
        assert path.value == "~/nowhere/out.md"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))


async def test_to_the_clipboard(shared: SandboxServer, home: Path) -> None:
    app = app_for(shared, ticket=858462)
    written: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        app._driver.write = written.append  # type: ignore[union-attr, method-assign]
        await open_export(pilot)
        await pilot.click("#to-clipboard")
        await pilot.click("#export-go")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        assert any(m.startswith("Copied ticket 858462 (") for m in messages(app))
    payloads = [
        base64.b64decode(found).decode()
        for data in written
        for found in re.findall(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", data)
    ]
    assert payloads and payloads[-1].startswith("# \\#858462 vraag van Thomas")
    assert list(home.iterdir()) == []


async def test_odd_paths_get_messages_not_a_silent_failure(
    shared: SandboxServer, home: Path
) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        modal, path = await export_to(pilot, "~nosuchuser4711/out.md")
        assert message(modal) == "~nosuchuser4711/out.md: there is no such home folder."

        path.value = "~/a\x1b]52;c;aGk=\x07b\x00.md"  # as a paste could bring it
        await settle(pilot)
        assert not {"\x1b", "\x07", "\x00"} & set(path.value)  # made visible and inert


async def test_the_keys_do_what_the_dialog_says(shared: SandboxServer, home: Path) -> None:
    """Tab goes from group to group, the arrows change the choice, Enter exports from anywhere."""
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket(pilot, shared, 858462)
        modal = await open_export(pilot)
        hint = "Tab: next group · arrows: change it · Enter: export · Esc: cancel"
        assert hint in screen_text(app)
        path = modal.query_one("#export-path", Input)
        assert app.focused is path

        await pilot.press("tab")
        assert app.focused is modal.query_one("#export-format")
        await pilot.press("down")  # moves to Plain text and chooses it
        assert modal.query_one("#format-plain", RadioButton).value
        assert "▐●▌ Plain text" in screen_text(app) and "▐ ▌ Markdown" in screen_text(app)
        assert path.value == "~/omnitui-858462.txt"

        await pilot.press("tab", "right")
        assert modal.query_one("#to-clipboard", RadioButton).value and path.disabled
        await pilot.press("left")
        assert modal.query_one("#to-file", RadioButton).value and not path.disabled

        await pilot.press("tab")
        assert app.focused is modal.query_one("#export-scope")
        # Tab cycles through the groups and the path only: it never lands on a button, where
        # a space would press it.
        for _ in range(8):
            await pilot.press("tab")
            assert not isinstance(app.focused, Button)
        while app.focused is not modal.query_one("#export-destination"):
            await pilot.press("tab")
        await pilot.press("enter")  # Enter on a group exports with what is chosen
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        assert f"Exported ticket 858462 to {home / 'omnitui-858462.txt'}." in messages(app)
    assert (home / "omnitui-858462.txt").read_text(encoding="utf-8").startswith("#858462 ")


def timeline_count(text: str) -> int:
    found = re.search(r"Timeline \((\d+) entries\)", text)
    assert found, text[:400]
    return int(found.group(1))


async def test_everything_is_exported_by_default_the_history_too(
    shared: SandboxServer, home: Path
) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        assert "3 entries" in screen_text(app)  # the timeline: no history
        modal = await open_export(pilot)
        assert "▐●▌ Everything" in screen_text(app)
        assert "Only what is shown (3)" in screen_text(app)
        assert modal.scope is ExportScope.EVERYTHING
        shared.requests.clear()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
    (read,) = [r for r in shared.requests if r.path == "/api/v2/ticket/858462"]
    assert "getTicketHistory=1" in read.query  # the history, read for the export
    text = (home / "omnitui-858462.md").read_text(encoding="utf-8")
    assert timeline_count(text) == 7
    timeline = text.split("## Timeline", 1)[1]
    assert timeline.count("\n### ") + timeline.count("\n- *") == 7
    assert "Status changed from new to open · marleen" in timeline  # a history event
    # The web address is an autolink, its "#" as it is: copied, it still works.
    assert re.search(r"^- \*\*Web:\*\* <https://[^\s>\\]+#[^\s>\\]+>$", text, re.MULTILINE)


async def test_only_what_the_timeline_shows_when_chosen(shared: SandboxServer, home: Path) -> None:
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket(pilot, shared, 858462)
        await open_export(pilot)
        await pilot.click("#scope-shown")
        shared.requests.clear()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
        assert not [r for r in shared.requests if r.path == "/api/v2/ticket/858462"]
        shown = (home / "omnitui-858462.md").read_text(encoding="utf-8")
        assert timeline_count(shown) == 3
        assert "Status changed from new to open" not in shown

        await pilot.press("h")  # the history on: the timeline shows 7, and so does the export
        await settle(pilot)
        modal = await open_export(pilot)
        assert "Only what is shown (7)" in screen_text(app)
        await pilot.click("#scope-shown")
        modal.query_one("#export-path", Input).value = "~/shown.md"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
    assert timeline_count((home / "shown.md").read_text(encoding="utf-8")) == 7
