"""Process checks shared by the worker tests."""

from __future__ import annotations

import os
import time
from pathlib import Path


def reaped(pid: int) -> bool:
    """True when ``pid`` is neither running nor a zombie of ours."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass  # already reaped (or not our child)
    else:
        return False
    return not Path(f"/proc/{pid}").exists() or _state(pid) not in ("R", "S", "D", "Z")


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def gone(pid: int, within: float = 5.0) -> bool:
    """True when no process ``pid`` exists (it may be another process's child, so poll)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not Path(f"/proc/{pid}").exists() or _state(pid) == "Z":
            return True
        time.sleep(0.05)
    return False
