"""Saving a downloaded attachment: which folder, under which name, whole or not at all.

The name comes from the server, so it is hostile input: it is made a plain file name here (no
folder in it, no ``..``, no hidden file, nothing a file system or a shell takes specially, a
length every file system takes) and never used as a path as sent. The bytes go to a hidden
temporary file (0600) in the chosen folder and get their name only once all of them are there;
an existing file is never replaced: ``name (1).pdf`` is taken instead. No Textual.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from omnitui.core.sanitize import ESC_MARK, REPLACEMENT

#: The longest name written, in UTF-8 bytes: most file systems stop at 255.
MAX_NAME_BYTES = 200
#: How many ``name (n).ext`` are tried before giving up.
MAX_COPIES = 999
TEMP_PREFIX = ".omnitui-download-"

# Characters no file name should hold: path separators, what Windows and macOS refuse, and the
# marks sanitize() left where controls were.
_REFUSED = re.compile(f'[/\\\\<>:"|?*{REPLACEMENT}{ESC_MARK}]')
_RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$")
_SPACES = re.compile(r"\s+")
#: Unicode categories dropped from names: controls, format characters (bidi, zero-width),
#: surrogates, private use, unassigned, line and paragraph separators.
_DROPPED = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


class DownloadError(Exception):
    """Saving is not possible; the message says why in the agent's words."""


def safe_file_name(name: str, fallback: str = "attachment") -> str:
    """``name`` as a file name that stays where it is put: the last part of a path, without
    controls, leading dots or dashes, reserved words or refused characters, at most
    :data:`MAX_NAME_BYTES` long (the extension kept). ``fallback`` when nothing is left."""
    return _clean(name) or _clean(fallback) or "attachment"


def _clean(name: str) -> str:
    name = unicodedata.normalize("NFC", name).replace("\\", "/")
    parts = [part for part in name.split("/") if part.strip() not in {"", ".", ".."}]
    name = parts[-1] if parts else ""
    name = "".join(ch for ch in name if unicodedata.category(ch) not in _DROPPED)
    name = _SPACES.sub(" ", _REFUSED.sub("_", name))
    name = name.lstrip(" .-_").rstrip(" .")
    if _RESERVED.match(name):
        name = f"_{name}"
    return _numbered(name, 0)


def _numbered(name: str, copy: int) -> str:
    """``name``, or its ``copy``-th copy (``name (2).pdf``), within :data:`MAX_NAME_BYTES`."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension.encode("utf-8")) > 16:
        stem, extension = name, ""
    tail = (f" ({copy})" if copy else "") + (f".{extension}" if extension else "")
    if not copy and len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    room = MAX_NAME_BYTES - len(tail.encode("utf-8"))
    return stem.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip(" .") + tail


def download_folder(
    setting: str | None, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Path:
    """Where downloads go: the ``download_dir`` setting if there is one, else ``~/Downloads``
    if that folder exists, else the current directory."""
    if setting:
        folder = Path(setting).expanduser()
        if not folder.is_dir():
            raise DownloadError(f"download_dir = {setting!r} in config.toml is not a folder.")
        return folder
    env = os.environ if env is None else env
    home = env.get("HOME")
    downloads = Path(home) / "Downloads" if home else Path.home() / "Downloads"
    return downloads if downloads.is_dir() else (cwd or Path.cwd())


def shown_path(path: Path, env: Mapping[str, str] | None = None) -> str:
    """``path`` as the agent reads it, with their home folder as ``~``."""
    home = (os.environ if env is None else env).get("HOME")
    if home:
        try:
            return str(Path("~") / path.relative_to(home))
        except ValueError:
            pass
    return str(path)


class PartialFile:
    """A file being downloaded: a hidden temporary file in its folder, readable by its owner
    only, that gets a free name (:meth:`finish`) once complete or is removed (:meth:`discard`).

    The methods are blocking; call them in a thread (a full disk or a network file system may
    take its time).
    """

    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name
        try:
            fd, temp = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=".part")
        except OSError as exc:
            raise DownloadError(disk_problem(exc, folder)) from None
        self.temp = Path(temp)
        self._handle = os.fdopen(fd, "wb")

    def write(self, chunk: bytes) -> None:
        try:
            self._handle.write(chunk)
        except OSError as exc:
            raise DownloadError(disk_problem(exc, self.folder)) from None

    def finish(self) -> Path:
        """Close the file and give it the first free name of ``name``, ``name (1)`` …"""
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            target = _claim_free_name(self.folder, self.name)
            try:
                os.replace(self.temp, target)
            except OSError:
                target.unlink(missing_ok=True)
                raise
        except OSError as exc:
            self.discard()
            raise DownloadError(disk_problem(exc, self.folder)) from None
        return target

    def discard(self) -> None:
        """Remove what was written (after a failure, or when the download was stopped)."""
        with contextlib.suppress(OSError):
            self._handle.close()
        self.temp.unlink(missing_ok=True)


def _claim_free_name(folder: Path, name: str) -> Path:
    """Create the first of ``name``, ``name (1)`` … that does not exist yet, empty and 0600:
    created exclusively, so nothing another program just wrote there is ever replaced."""
    for copy in range(MAX_COPIES + 1):
        path = folder / _numbered(name, copy)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return path
    raise OSError(errno.EEXIST, f"{MAX_COPIES} copies of {name} are there already")


def disk_problem(exc: OSError, folder: Path) -> str:
    """What went wrong writing into ``folder``, in the agent's words."""
    where = shown_path(folder)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"The disk is full: there is no room in {where} for the file."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"omnitui may not write to {where} (permission denied)."
    if exc.errno == errno.EROFS:
        return f"{where} is on a read-only disk."
    if exc.errno == errno.EEXIST:
        return f"Not saved: {exc.strerror} in {where}."
    return f"Could not write to {where}: {exc.strerror or exc}."
