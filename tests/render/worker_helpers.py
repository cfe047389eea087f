"""Process checks shared by the worker tests."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Callable
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


def children() -> list[int]:
    """The processes this one started that are still there (running or not yet reaped)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == os.getpid():
            found.append(int(stat.parent.name))
    return found


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


def cpu_ticks(pid: int) -> int:
    """The CPU time ``pid`` has used so far, in clock ticks (user + system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def wait_channel(pid: int | str) -> str:
    """Where in the kernel ``pid``'s main thread waits: ``hrtimer_nanosleep`` in ``time.sleep``
    (the test hook's hang), a socket read while a worker waits for work; "0" while it runs, or
    always on a kernel that does not say."""
    try:
        return Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return ""


def wait_channels_shown() -> bool:
    """Whether this kernel says where a process waits (some show "0" for every process)."""
    done = threading.Event()
    thread = threading.Thread(target=done.wait, args=(10,), daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if wait_channel(f"self/task/{thread.native_id}") not in ("", "0"):
                return True
            time.sleep(0.01)
        return False
    finally:
        done.set()
        thread.join()


def eventually(condition: Callable[[], bool], what: str, within: float = 30.0) -> None:
    """Poll ``condition``; fail after ``within`` seconds."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


async def until(condition: Callable[[], bool], what: str, within: float = 30.0) -> None:
    """Poll ``condition`` without blocking the event loop; fail after ``within`` seconds."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)
