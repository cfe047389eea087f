"""Start-up: process start to first usable frame, next to a bare Textual app; the first --demo.

omnitui runs as ``python -m omnitui`` against an already running sandbox (OMNIDESK_URL and
OMNIDESK_API_KEY, isolated config and data folders); the baseline runs as
``python -m tools.bench.hello`` in the same environment. Runs alternate, so that both see the
same machine load, and both keep their compiled bytecode, as installed programs do. The frame
counts as usable when the lookup screen's "Ticket number" (the baseline's greeting) has been
written to the terminal.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from tools.bench.common import BenchConfig, Sandbox, Stat, isolated_env
from tools.bench.hello import MARKER as HELLO_MARKER
from tools.bench.pty_run import PtyProcess

OMNITUI_MARKER = "Ticket number"
DEMO_PROGRESS = "Building the demo database"
TIMEOUT = 60.0


def _first_frame(argv: list[str], env: dict[str, str], marker: str) -> float:
    with PtyProcess(argv, env) as process:
        return process.wait_for(marker, TIMEOUT)


def _modules(
    argv_tail: list[str], env: dict[str, str], out: Path, marker: str
) -> tuple[int, float]:
    """Modules imported at the first frame, and the first frame's time (with the hook's cost)."""
    out.unlink(missing_ok=True)
    argv = [sys.executable, "-m", "tools.bench.modcount", str(out), *argv_tail]
    with PtyProcess(argv, env) as process:
        elapsed = process.wait_for(marker, TIMEOUT)
        deadline = time.perf_counter() + 10
        while not out.exists() and time.perf_counter() < deadline:
            process.pump(0.05)
    return int(out.read_text()), elapsed


def measure(config: BenchConfig, sandbox: Sandbox) -> dict[str, object]:
    home = config.workdir / "home-startup"
    env = with_bytecode_cache(
        isolated_env(home, OMNIDESK_URL=sandbox.url, OMNIDESK_API_KEY=sandbox.api_key),
        config.workdir / "pycache",
    )
    omnitui = [sys.executable, "-m", "omnitui"]
    hello = [sys.executable, "-m", "tools.bench.hello"]
    if not config.quick:  # one unmeasured run of each, so that neither pays for a cold cache
        _first_frame(omnitui, env, OMNITUI_MARKER)
        _first_frame(hello, env, HELLO_MARKER)
    app_s: list[float] = []
    hello_s: list[float] = []
    ratios: list[float] = []
    modules_app, a = _modules(["omnitui"], env, config.workdir / "modules-app", OMNITUI_MARKER)
    modules_hello, h = _modules(
        ["tools.bench.hello"], env, config.workdir / "modules-hello", HELLO_MARKER
    )
    if config.quick:  # the smoke test: the counting runs give the times too
        app_s, hello_s, ratios = [a * 1000], [h * 1000], [a / h]
    for _ in range(0 if config.quick else max(config.runs, 3)):
        a = _first_frame(omnitui, env, OMNITUI_MARKER)
        h = _first_frame(hello, env, HELLO_MARKER)
        app_s.append(a * 1000)
        hello_s.append(h * 1000)
        ratios.append(a / h)
    return {
        "first_frame_ms": Stat.of(app_s),
        "hello_first_frame_ms": Stat.of(hello_s),
        "first_frame_ratio": Stat.of(ratios),
        "modules_at_first_frame": modules_app,
        "hello_modules_at_first_frame": modules_hello,
        **_demo_first_run(config),
    }


def with_bytecode_cache(env: dict[str, str], cache: Path) -> dict[str, str]:
    """Let both programs keep their compiled bytecode (in the bench's own folder).

    An installed omnitui, like the installed Textual, starts from ``.pyc`` files; without them
    every run would also compile omnitui's own modules (about 35 ms for those the first frame
    needs), which no user pays twice. The unmeasured first runs fill the cache.
    """
    env = dict(env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def _demo_first_run(config: BenchConfig) -> dict[str, object]:
    """``omnitui --demo 858462`` with no demo database yet: it must show progress at once."""
    first_frame: list[float] = []
    progress: list[float] = []
    ready: list[float] = []
    shown = True
    for run in range(1 if config.quick else 2):
        home = config.workdir / f"home-demo-{run}"
        shutil.rmtree(home, ignore_errors=True)
        env = isolated_env(home)
        with PtyProcess([sys.executable, "-m", "omnitui", "--demo", "858462"], env) as process:
            first_frame.append(process.wait_for(OMNITUI_MARKER, TIMEOUT) * 1000)
            try:
                progress.append(process.wait_for(DEMO_PROGRESS, TIMEOUT) * 1000)
            except TimeoutError:
                shown = False
            # The seed ticket's status line: the demo is usable.
            ready.append(process.wait_for("oldest first", 120) * 1000)
    result: dict[str, object] = {
        "demo_first_frame_ms": Stat.of(first_frame),
        "demo_ready_ms": Stat.of(ready),
        "demo_progress_shown": shown and bool(progress),
    }
    if progress:
        result["demo_progress_ms"] = Stat.of(progress)
    return result
