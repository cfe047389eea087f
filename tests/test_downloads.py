"""Saving an attachment to disk: a safe name, the right folder, never over an existing file,
0600, and nothing half-written left when the disk says no."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest

from omnitui.core.sanitize import sanitize_line
from omnitui.storage import downloads
from omnitui.storage.downloads import (
    MAX_NAME_BYTES,
    DownloadError,
    PartialFile,
    download_folder,
    safe_file_name,
    shown_path,
)


@pytest.mark.parametrize(
    ("sent", "saved"),
    [
        ("invoice.pdf", "invoice.pdf"),
        ("serienummers – overzicht.txt", "serienummers – overzicht.txt"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\evil.bat", "evil.bat"),
        ("/etc/", "etc"),
        ("../../.bashrc", "bashrc"),
        (".hidden", "hidden"),
        ("--remote-debugging-port=9222", "remote-debugging-port=9222"),
        ("factuur\r\noverwrite.pdf", "factuur overwrite.pdf"),
        ("invoice\u202efdp.exe", "invoice_fdp.exe"),
        ("pay\u200bpal.pdf", "paypal.pdf"),
        ('a<b>c:"d|e?f*.txt', "a_b_c__d_e_f_.txt"),
        ("CON.txt", "_CON.txt"),
        ("📦 注文.png", "📦 注文.png"),
        ("..", "attachment-7.pdf"),
        ("", "attachment-7.pdf"),
        ("   ", "attachment-7.pdf"),
    ],
)
def test_a_name_from_the_server_becomes_a_plain_file_name(sent: str, saved: str) -> None:
    # As the model holds it: controls already made inert, as on screen.
    assert safe_file_name(sanitize_line(sent), "attachment-7.pdf") == saved


def test_a_long_name_is_cut_and_keeps_its_extension() -> None:
    for stem in ("a" * 300, "é" * 300, "注" * 300):
        name = safe_file_name(stem + ".pdf")
        assert len(name.encode()) <= MAX_NAME_BYTES
        assert name.endswith(".pdf")
        name.encode().decode()  # not cut in the middle of a character


def test_downloads_go_to_the_downloads_folder_when_there_is_one(tmp_path: Path) -> None:
    home, cwd = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    cwd.mkdir()
    assert download_folder(None, {"HOME": str(home)}, cwd) == cwd
    (home / "Downloads").mkdir()
    assert download_folder(None, {"HOME": str(home)}, cwd) == home / "Downloads"
    assert download_folder(str(cwd), {"HOME": str(home)}, cwd) == cwd
    with pytest.raises(DownloadError, match=r"download_dir = .* is not a folder"):
        download_folder(str(tmp_path / "missing"), {"HOME": str(home)}, cwd)


def test_a_path_under_home_is_shown_with_a_tilde(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path)}
    assert shown_path(tmp_path / "Downloads" / "a.pdf", env) == "~/Downloads/a.pdf"
    assert shown_path(Path("/srv/a.pdf"), env) == "/srv/a.pdf"


def save(folder: Path, name: str, data: bytes) -> Path:
    part = PartialFile(folder, name)
    part.write(data)
    return part.finish()


def test_a_saved_file_is_private_and_never_replaces_another(tmp_path: Path) -> None:
    first = save(tmp_path, "pakbon.pdf", b"one")
    second = save(tmp_path, "pakbon.pdf", b"two")
    third = save(tmp_path, "pakbon.pdf", b"three")
    assert [p.name for p in (first, second, third)] == [
        "pakbon.pdf",
        "pakbon (1).pdf",
        "pakbon (2).pdf",
    ]
    assert [p.read_bytes() for p in (first, second, third)] == [b"one", b"two", b"three"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in (first, second, third))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (first, second, third)
    )
    assert save(tmp_path, "README", b"x").name == "README"
    assert save(tmp_path, "README", b"y").name == "README (1)"


def test_a_copy_of_a_name_at_the_length_cap_still_gets_its_number(tmp_path: Path) -> None:
    name = safe_file_name("a" * 300 + ".pdf")
    save(tmp_path, name, b"1")
    copy = save(tmp_path, name, b"2")
    assert copy.name.endswith(" (1).pdf") and len(copy.name.encode()) <= MAX_NAME_BYTES


def test_the_file_is_hidden_and_private_while_it_comes_in(tmp_path: Path) -> None:
    part = PartialFile(tmp_path, "big.zip")
    part.write(b"half")
    (temp,) = tmp_path.iterdir()
    assert temp.name.startswith(".") and temp.name.endswith(".part")
    assert stat.S_IMODE(temp.stat().st_mode) == 0o600
    part.discard()
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_is_said_plainly_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    part = PartialFile(tmp_path, "big.zip")

    def full(data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(part._handle, "write", full)
    with pytest.raises(DownloadError, match=r"The disk is full: there is no room in .* for the"):
        part.write(b"x" * 100)
    part.discard()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_may_not_be_written_to_is_said_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(DownloadError, match=r"omnitui may not write to .* \(permission denied\)"):
        PartialFile(tmp_path, "a.pdf")


def test_a_failure_when_naming_the_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    part = PartialFile(tmp_path, "a.pdf")
    part.write(b"data")

    def read_only(source: object, target: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(downloads.os, "replace", read_only)
    with pytest.raises(DownloadError, match="is on a read-only disk"):
        part.finish()
    assert list(tmp_path.iterdir()) == []
    assert os.listdir(tmp_path) == []


def test_download_dir_is_a_setting_of_the_config_file(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from omnitui.settings.load import load_settings

    config = isolated_home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('download_dir = "~/Desktop"\n', encoding="utf-8")
    assert load_settings().download_dir == "~/Desktop"
    monkeypatch.setenv("OMNITUI_DOWNLOAD_DIR", "/srv/files")
    assert load_settings().download_dir == "/srv/files"
