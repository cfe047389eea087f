"""Opening a ticket as an agent does: straight from the shell, and from the lookup screen.

Both in a pseudo-terminal against the bench's sandbox, with the bytecode cache of
:mod:`startup`:

- ``omnitui 858462`` (a chat link, a shell alias): from just before the process starts until the
  seed ticket's mail text ("HTML email content") has been drawn, next to the bare Textual app's
  first frame, the two alternating in one run; the figure is the ratio of each pair. The same
  bare app importing omnitui's models first (hello_models.py) is measured beside them: what
  pydantic alone costs of that ratio.
- From the lookup screen: ``omnitui``, its first frame, a second to read it (as an agent takes to
  type a number), the number typed, then Enter; the clock runs from Enter until the ticket's mail
  text is drawn. Then ``g`` back to the lookup field, and a second, different ticket the same
  way: the first ticket pays for whatever the app left for later, the second shows what a warm
  app does.
"""

from __future__ import annotations

import sys
import time

from tools.bench.bench_data import SECOND_MARKER, SECOND_TICKET, SEED_MARKER
from tools.bench.common import BenchConfig, Sandbox, Stat, isolated_env
from tools.bench.hello import MARKER as HELLO_MARKER
from tools.bench.pty_run import PtyProcess
from tools.bench.startup import OMNITUI_MARKER, TIMEOUT, with_bytecode_cache

SEED_TICKET = 858462
#: Seconds an agent looks at the lookup screen before the number is typed.
THINK = 1.0


def _env(config: BenchConfig, sandbox: Sandbox, name: str) -> dict[str, str]:
    env = isolated_env(
        config.workdir / name, OMNIDESK_URL=sandbox.url, OMNIDESK_API_KEY=sandbox.api_key
    )
    return with_bytecode_cache(env, config.workdir / "pycache")


def _shown(argv: list[str], env: dict[str, str], marker: str) -> float:
    with PtyProcess(argv, env) as process:
        return process.wait_for(marker, TIMEOUT)


def straight_to_ticket(config: BenchConfig, sandbox: Sandbox) -> dict[str, Stat]:
    """``omnitui 858462`` until its mail text is drawn, alternating with the bare app."""
    env = _env(config, sandbox, "home-straight")
    omnitui = [sys.executable, "-m", "omnitui", str(SEED_TICKET)]
    hello = [sys.executable, "-m", "tools.bench.hello"]
    if not config.quick:  # unmeasured, so that neither pays for a cold cache
        _shown(omnitui, env, SEED_MARKER)
        _shown(hello, env, HELLO_MARKER)
    models = [sys.executable, "-m", "tools.bench.hello_models"]
    app_ms: list[float] = []
    hello_ms: list[float] = []
    ratios: list[float] = []
    floor: list[float] = []
    for _ in range(1 if config.quick else max(config.runs, 3)):
        a = _shown(omnitui, env, SEED_MARKER)
        h = _shown(hello, env, HELLO_MARKER)
        m = _shown(models, env, HELLO_MARKER)
        app_ms.append(a * 1000)
        hello_ms.append(h * 1000)
        ratios.append(a / h)
        floor.append(m / h)
    return {
        "straight_ticket_ms": Stat.of(app_ms),
        "straight_hello_ms": Stat.of(hello_ms),
        "straight_ticket_ratio": Stat.of(ratios),
        "straight_models_ratio": Stat.of(floor),
    }


def _enter(process: PtyProcess, number: int, marker: str) -> float:
    """Type ``number``, then Enter; seconds from Enter until ``marker`` is drawn."""
    process.send(str(number).encode())
    process.idle(0.3)
    searched = len(process.output)
    process.send(b"\r")
    sent = time.perf_counter()
    deadline = sent + TIMEOUT
    while marker not in process.text_since(searched):
        if time.perf_counter() > deadline or not process.pump(0.005):
            raise TimeoutError(f"{marker!r} not drawn; last output: {process.text()[-400:]!r}")
    return time.perf_counter() - sent


def from_lookup(config: BenchConfig, sandbox: Sandbox) -> dict[str, Stat]:
    """Enter on the lookup screen to the ticket's mail text: the first ticket, then another."""
    first: list[float] = []
    second: list[float] = []
    for run in range(1 if config.quick else max(config.runs, 3)):
        env = _env(config, sandbox, f"home-lookup-{run}")
        with PtyProcess([sys.executable, "-m", "omnitui"], env) as process:
            process.wait_for(OMNITUI_MARKER, TIMEOUT)
            process.idle(THINK)
            first.append(_enter(process, SEED_TICKET, SEED_MARKER) * 1000)
            process.idle(0.5)
            process.send(b"g")  # back to the lookup field, its text selected
            process.idle(0.5)
            second.append(_enter(process, SECOND_TICKET, SECOND_MARKER) * 1000)
    return {"lookup_first_open_ms": Stat.of(first), "lookup_second_open_ms": Stat.of(second)}
