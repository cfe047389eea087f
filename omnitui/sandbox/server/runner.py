"""Running the sandbox: in a background thread for tests and ``--demo``, or in the foreground.

We bind the listening socket ourselves and hand it to uvicorn, so port 0 works (the real port is
known before the first request) and the URL can be printed before uvicorn starts. uvicorn's
access log is off: it would print URLs, and a client using ``?apiKey=`` puts the key in them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import socket
import sys
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import TextIO

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from omnitui.sandbox.data.seed import ProgressCallback, is_outdated, open_database
from omnitui.sandbox.data.store import Store
from omnitui.sandbox.server.app import create_app
from omnitui.sandbox.server.faults import FaultInjector, quiet_dropped_responses
from omnitui.sandbox.server.gate import SandboxGate
from omnitui.sandbox.server.requestlog import RequestLog
from omnitui.sandbox.server.tickets import TicketService

API_KEY_VARIABLE = "OMNITUI_SANDBOX_API_KEY"
"""Where the command line takes the api key from when ``--api-key`` is absent (ps shows argv)."""
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
START_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0


def new_api_key() -> str:
    """Return a random api key for a sandbox started without one."""
    return secrets.token_urlsafe(18)


def bind_socket(host: str, port: int) -> socket.socket:
    """Return a listening TCP socket on ``host``:``port`` (port 0: any free port)."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except BaseException:
        sock.close()
        raise
    return sock


def socket_url(sock: socket.socket) -> str:
    """Return the ``http://host:port`` base URL of a bound socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def _config(
    store: Store,
    *,
    api_key: str,
    faults: FaultInjector,
    requests: RequestLog,
    executor: ThreadPoolExecutor,
    configure_logging: bool,
) -> uvicorn.Config:
    quiet_dropped_responses()
    app = create_app(
        TicketService(store), api_key=api_key, faults=faults, requests=requests, executor=executor
    )
    return uvicorn.Config(
        app,
        http="h11",
        lifespan="off",
        access_log=False,
        log_level="warning",
        # Embedded (tests, --demo): leave logging to the host application; a TUI owns the tty.
        log_config=LOGGING_CONFIG if configure_logging else None,
        timeout_graceful_shutdown=1,
    )


class _ThreadedServer(uvicorn.Server):
    """A uvicorn server that can be told to stop from another thread without polling delay."""

    def __init__(self, config: uvicorn.Config, gate: SandboxGate) -> None:
        super().__init__(config)
        self._gate = gate
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None

    async def main_loop(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 0.1)

    def request_exit(self) -> None:
        """Ask the server to shut down (from any thread)."""
        self.should_exit = True
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with contextlib.suppress(RuntimeError):  # the loop already closed
                loop.call_soon_threadsafe(wake.set)
                loop.call_soon_threadsafe(self._gate.close)


class SandboxServer:
    """A sandbox on a loopback port, served from a background thread.

    Use it as a context manager (``with SandboxServer(db) as sandbox: ...``) or call
    :meth:`start` and :meth:`stop`. ``faults`` and ``requests`` are the live fault injector and
    request log; the same are reachable over HTTP under ``/_sandbox/``.

    ``ignore_fields`` (write field names such as ``assignedGroupID``) are accepted with success
    but not applied; ``denied_permissions`` (``VIEW_READ``, ...) are answered with a 403. Both
    can be changed while running, as ``faults.ignore_fields`` and ``faults.denied_permissions``.
    """

    def __init__(
        self,
        db_path: Path | str,
        *,
        api_key: str | None = None,
        host: str = DEFAULT_HOST,
        port: int = 0,
        latency_ms: int = 0,
        fail_rate: float = 0.0,
        fault_seed: int = 0,
        progress: ProgressCallback | None = None,
        ignore_fields: str | Iterable[str] = (),
        denied_permissions: str | Iterable[str] = (),
    ) -> None:
        self.db_path = Path(db_path)
        self.api_key = api_key if api_key is not None else new_api_key()
        self.host = host
        self.faults = FaultInjector(
            latency_ms=latency_ms,
            fail_rate=fail_rate,
            seed=fault_seed,
            ignore_fields=ignore_fields,
            denied_permissions=denied_permissions,
        )
        self.requests = RequestLog()
        self._port = port
        self._progress = progress
        self._url: str | None = None
        self._store: Store | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._server: _ThreadedServer | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:  # no api key
        return f"SandboxServer(db_path={str(self.db_path)!r}, url={self._url!r})"

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321`` (only once started)."""
        if self._url is None:
            raise RuntimeError("the sandbox is not running")
        return self._url

    @property
    def port(self) -> int:
        """The port the sandbox listens on (only once started)."""
        return int(self.url.rsplit(":", 1)[1])

    @property
    def running(self) -> bool:
        """Whether the server thread is serving."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> SandboxServer:
        """Open (or create and seed) the database and serve it; return once listening."""
        if self._thread is not None:
            raise RuntimeError("the sandbox is already running")
        sock = bind_socket(self.host, self._port)
        try:
            self._store = open_database(self.db_path, progress=self._progress)
            self._executor = ThreadPoolExecutor(4, thread_name_prefix="omnitui-sandbox-db")
            config = _config(
                self._store,
                api_key=self.api_key,
                faults=self.faults,
                requests=self.requests,
                executor=self._executor,
                configure_logging=False,
            )
            assert isinstance(config.app, SandboxGate)
            self._server = _ThreadedServer(config, config.app)
            server = self._server
            self._thread = threading.Thread(
                target=lambda: server.run(sockets=[sock]), name="omnitui-sandbox", daemon=True
            )
            self._thread.start()
            self._wait_started(sock)
        except BaseException:
            self.stop()
            sock.close()
            raise
        return self

    def _wait_started(self, sock: socket.socket) -> None:
        assert self._server is not None and self._thread is not None
        deadline = time.monotonic() + START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the sandbox server failed to start")
            if time.monotonic() > deadline:
                raise RuntimeError("the sandbox server did not start in time")
            time.sleep(0.002)
        self._url = socket_url(sock)

    def stop(self) -> None:
        """Stop serving, wait for the thread to end, and close the database."""
        if self._server is not None:
            self._server.request_exit()
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT)
            if self._thread.is_alive() and self._server is not None:
                self._server.force_exit = True
                self._thread.join(STOP_TIMEOUT)
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        if self._store is not None:
            self._store.close()
        self._server = self._thread = self._executor = self._store = None
        self._url = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def run(
    *,
    db: Path | str,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    api_key: str | None = None,
    latency_ms: int = 0,
    fail_rate: float = 0.0,
    fault_seed: int = 0,
    reset: bool = False,
    exit_with_parent: bool = False,
    ignore_fields: str | Iterable[str] = (),
    denied_permissions: str | Iterable[str] = (),
    out: TextIO | None = None,
) -> None:
    """Serve the sandbox in the foreground until interrupted (Ctrl+C or SIGTERM).

    Prints ``omnitui sandbox listening on URL (api key: KEY)`` once the port is bound, so
    scripts and parent processes can read the URL; while a missing database is being built it
    prints ``omnitui sandbox: seeding DONE/TOTAL`` lines first. With ``api_key=None`` the key
    comes from ``$OMNITUI_SANDBOX_API_KEY`` (not shown again) or is made up (shown).
    ``exit_with_parent`` stops the server when stdin reaches end-of-file, i.e. when the
    process that started it with a pipe on stdin goes away. ``ignore_fields`` and
    ``denied_permissions`` are as for :class:`SandboxServer`.

    Raises ``OSError`` if the port cannot be bound, ``StoreError`` for an unusable database and
    ``ValueError`` for an unknown field or permission name.
    """
    stream = out if out is not None else sys.stdout
    faults = FaultInjector(
        latency_ms=latency_ms,
        fail_rate=fail_rate,
        seed=fault_seed,
        ignore_fields=ignore_fields,
        denied_permissions=denied_permissions,
    )
    key, shown_key = _choose_key(api_key)
    sock = bind_socket(host, port)
    executor: ThreadPoolExecutor | None = None
    store: Store | None = None
    try:
        path = Path(db)
        if reset:
            path.unlink(missing_ok=True)
        progress = None
        if not path.exists():
            print(f"omnitui sandbox: building the demo database at {path}", file=stream)
            progress = _progress_printer(stream)
        elif is_outdated(path):
            print(
                f"omnitui sandbox: rebuilding the demo database at {path} (older demo data)",
                file=stream,
            )
            progress = _progress_printer(stream)
        store = open_database(path, progress=progress)
        executor = ThreadPoolExecutor(4, thread_name_prefix="omnitui-sandbox-db")
        config = _config(
            store,
            api_key=key,
            faults=faults,
            requests=RequestLog(),
            executor=executor,
            configure_logging=True,
        )
        server = uvicorn.Server(config)
        if exit_with_parent:
            threading.Thread(
                target=_exit_at_end_of_stdin, args=(server,), name="omnitui-sandbox-parent",
                daemon=True,
            ).start()  # fmt: skip
        print(
            f"omnitui sandbox listening on {socket_url(sock)} (api key: {shown_key})", file=stream
        )
        stream.flush()
        server.run(sockets=[sock])
    finally:
        sock.close()
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        if store is not None:
            store.close()


def _choose_key(api_key: str | None) -> tuple[str, str]:
    """Return the key to require and how to show it (a key from the environment stays hidden)."""
    if api_key is not None:
        return api_key, api_key
    from_env = os.environ.get(API_KEY_VARIABLE)
    if from_env:
        return from_env, f"from ${API_KEY_VARIABLE}"
    key = new_api_key()
    return key, key


def _progress_printer(stream: TextIO) -> ProgressCallback:
    """Return a progress callback that prints every tenth of the work (parents parse these)."""
    last = -1

    def report(done: int, total: int) -> None:
        nonlocal last
        step = done * 10 // max(total, 1)
        if step != last or done == total:
            last = step
            print(f"omnitui sandbox: seeding {done}/{total}", file=stream, flush=True)

    return report


def _exit_at_end_of_stdin(server: uvicorn.Server) -> None:
    """Read stdin until it closes, then ask the server to stop (its parent went away)."""
    stdin = sys.stdin
    if stdin is None:
        return
    with contextlib.suppress(OSError, ValueError):
        while stdin.buffer.read1(65536):
            pass
    server.should_exit = True
