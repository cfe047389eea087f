"""What every measurement shares: statistics, the sandbox process, RSS, the machine."""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

API_KEY = "bench-key"
_LISTENING = re.compile(r"listening on (http://\S+)")


@dataclass(frozen=True)
class Stat:
    """The median of several runs, with min and max, in the figure's unit."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stat:
        if not samples:
            raise ValueError("no samples")
        return cls(statistics.median(samples), min(samples), max(samples), len(samples))

    def to_json(self) -> dict[str, float]:
        return {"median": self.median, "min": self.low, "max": self.high, "runs": self.runs}


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (p99 of 50 samples is the largest but one... or the largest)."""
    ordered = sorted(samples)
    rank = max(1, round(fraction * len(ordered) + 0.4999))
    return ordered[min(len(ordered), rank) - 1]


@dataclass(frozen=True)
class BenchConfig:
    """How much to measure: ``quick`` is the smoke test's single small run."""

    quick: bool
    runs: int
    ticket: int
    entries: int
    workdir: Path
    #: The ticket ten times as long (bench_data.py) and its entries.
    scale_ticket: int = 0
    scale_entries: int = 0
    #: Auto-refresh of the long one: for how long, and every how many seconds.
    soak_seconds: float = 0.0
    refresh_seconds: int = 0

    @property
    def python(self) -> str:
        return sys.executable


def machine() -> dict[str, object]:
    """Which machine and which versions produced the figures."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {"python": platform.python_version()}
    for name in ("textual", "httpx", "pydantic", "rich"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "?"
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "platform": platform.platform(terse=True),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "versions": versions,
    }


def rss_mb(pid: int, field: str = "VmRSS") -> float | None:
    """Resident memory of a process in MB (``VmHWM`` is the peak), from /proc; None if gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def children(pid: int) -> list[int]:
    """Direct child processes of ``pid`` (Linux /proc)."""
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text()
            found.extend(int(p) for p in text.split())
    except OSError:
        pass
    return found


def descendants(pid: int) -> list[int]:
    """Every process ``pid`` started, and theirs (a forkserver's children, say)."""
    found: list[int] = []
    todo = children(pid)
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(children(child))
    return found


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment a measured process runs in: no real account, its own config and data."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OMNIDESK_", "OMNITUI_", "TEXTUAL_", "PYTEST"))
    }
    env.update(
        TERM="xterm-256color",
        OMNITUI_CONFIG_DIR=str(home / "config"),
        OMNITUI_DATA_DIR=str(home / "data"),
        TEXTUAL_ANIMATIONS="none",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("NO_COLOR", None)
    env.update(extra)
    return env


class Sandbox:
    """A sandbox in its own process (as a real server would be), on a loopback port."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.api_key = API_KEY
        self.url = ""
        self._process: subprocess.Popen[str] | None = None

    def start(self) -> Sandbox:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "omnitui.sandbox", "--port", "0", "--db", str(self.db)],
            env={**os.environ, "OMNITUI_SANDBOX_API_KEY": self.api_key},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self._process.stdout is not None
        for line in self._process.stdout:
            if found := _LISTENING.search(line):
                self.url = found.group(1)
                return self
        self.stop()
        raise RuntimeError("the sandbox did not start")

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
        if process.stdin is not None:
            process.stdin.close()


@contextmanager
def workdir(keep: Path | None = None) -> Iterator[Path]:
    """A scratch folder for databases and isolated homes, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="omnitui-bench-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
