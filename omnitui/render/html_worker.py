"""Run :func:`~omnitui.render.html.render_body` in a worker process that can be killed.

Why a process: html2text has open reports of hangs on real pages (docs/hazards.md §2.2, #420) and a
thread cannot be stopped, so a conversion that runs away would pin a core and hold the GIL against
the UI. The worker is a separate interpreter started with the ``spawn`` method (the UI is an asyncio
app with threads; forking it is unsafe), lazily, on first use. Each document gets ``timeout``
seconds; when one overruns, the worker is killed, reaped and replaced, and that document is shown
as plain text with a note. The others are unaffected.

Why batches: a 5,000-entry ticket must not cost 5,000 round trips. :meth:`HtmlConverter.render_many`
sends contents in chunks (one message per up to 500 documents); the worker streams results back in
groups, one message per ~20 ms of work. The time limit applies per document: the worker announces
each large document before converting it (and, after an unexplained timeout, every document), so a
hang is pinned on the right one and only that one is shown as plain text.

Threads: all pipe and process handling happens in one daemon thread owned by the converter; the
asyncio methods only await a future, so the event loop never blocks on the worker. Closing (also at
interpreter exit) kills the worker and reaps it: no zombies, no orphan left spinning (and a worker
whose parent dies exits by itself).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import multiprocessing
import os
import queue
import sys
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from omnitui.render.html import (
    NOTE_ERROR,
    NOTE_TIMEOUT,
    RenderedBody,
    render_body,
    render_fallback,
)

__all__ = [
    "ConverterClosedError",
    "HtmlConverter",
]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 5.0
_START_TIMEOUT = 60.0  # a cold start on a loaded machine; only a broken environment takes longer
_POLL_SLICE = 0.05  # how often the pipe thread looks at cancellation while waiting
_CHUNK_ITEMS = 500  # documents per request
_CHUNK_CHARS = 2_000_000  # characters per request (bounds the pickle in flight)
_FLUSH_SECONDS = 0.02  # the worker reports results at least this often...
_FLUSH_ITEMS = 200  # ...or after this many documents
_ANNOUNCE_CHARS = 20_000  # documents larger than this are announced before conversion
# Test hook: when this variable is set in the worker's environment, a document equal to its value
# makes the worker sleep, so tests can exercise the kill-and-replace path. Unset, it does nothing.
_HANG_ENV = "OMNITUI_HTML_WORKER_TEST_HANG"


@contextlib.contextmanager
def _real_std_streams() -> Iterator[None]:
    """Give multiprocessing the process's real stdout/stderr while it starts a child.

    Textual replaces ``sys.stdout``/``sys.stderr`` with capture objects whose ``fileno()`` is -1;
    multiprocessing passes ``sys.stderr.fileno()`` to its resource tracker, and the spawn then
    fails with "bad value(s) in fds_to_keep".
    """
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = sys.__stdout__ or saved[0], sys.__stderr__ or saved[1]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


class ConverterClosedError(RuntimeError):
    """The converter was closed while (or before) this conversion ran."""


# -------------------------------------------------------------------------------------------------
# The worker process


def _watch_parent() -> None:
    """Exit when the parent dies, even in the middle of a runaway conversion."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def wait() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(0)

    threading.Thread(target=wait, name="omnitui-html-parent-watch", daemon=True).start()


def _silence_std_streams() -> None:
    """Point the worker's stdout and stderr at /dev/null.

    The worker inherits the UI's file descriptors 1 and 2, which are the terminal Textual draws
    on: a warning or traceback written there (logging's last-resort handler writes to stderr)
    would land in the middle of the screen.
    """
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)


def _worker_main(conn: Connection) -> None:
    """Serve render requests until told to stop or the pipe closes. Never raises.

    Results go back in groups (one message per ~20 ms of work: thousands of tiny notes would
    otherwise cost a context switch each). Before a large document, and before every document in
    "careful" mode, the worker says which one it starts, so a hang is blamed on the right one.
    """
    _silence_std_streams()
    _watch_parent()
    with contextlib.suppress(OSError):
        os.nice(5)  # conversion is background work: the UI process comes first
    hang_token = os.environ.get(_HANG_ENV) or None
    clock = time.perf_counter
    try:
        conn.send(("ready", os.getpid()))
        while True:
            message = conn.recv()
            if message[0] == "stop":
                return
            if message[0] != "render":
                continue
            _, request, contents, careful, max_input, max_output = message
            pending: list[RenderedBody] = []
            first = 0
            last_flush = clock()
            cancelled = False
            for index, content in enumerate(contents):
                announce = careful or len(content) > _ANNOUNCE_CHARS
                due = pending and (
                    len(pending) >= _FLUSH_ITEMS or clock() - last_flush >= _FLUSH_SECONDS
                )
                if announce or due:
                    conn.send(("items", request, first, pending, index if announce else -1))
                    pending = []
                    first = index
                    last_flush = clock()
                    if conn.poll():
                        control = conn.recv()
                        if control[0] == "stop":
                            return
                        if control[0] == "cancel":
                            cancelled = True
                            break
                if hang_token is not None and content == hang_token:
                    time.sleep(3600)
                pending.append(render_body(content, max_input=max_input, max_output=max_output))
            if pending and not cancelled:
                conn.send(("items", request, first, pending, -1))
            conn.send(("done", request))
    except (EOFError, OSError, KeyboardInterrupt):
        return


# -------------------------------------------------------------------------------------------------
# The parent side


@dataclass(eq=False)
class _Job:
    contents: Sequence[str]
    timeout: float
    future: Future[list[RenderedBody]] = field(default_factory=Future)
    cancel: threading.Event = field(default_factory=threading.Event)


class _Cancelled(Exception):
    """The caller cancelled this job (its task was cancelled)."""


class _WorkerGone(Exception):
    """The worker died or the pipe broke (not a timeout): restart and retry."""


@dataclass(eq=False)
class _State:
    """Everything the pipe thread and the finaliser need, without a reference to the converter
    (so dropping the converter lets it be collected and closed)."""

    max_input: int
    max_output: int
    start_method: str
    jobs: queue.SimpleQueue[_Job | None] = field(default_factory=queue.SimpleQueue)
    lock: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False
    thread: threading.Thread | None = None
    process: BaseProcess | None = None
    conn: Connection | None = None
    current: _Job | None = None
    requests: itertools.count[int] = field(default_factory=itertools.count)
    starts: int = 0
    start_failures: int = 0
    broken: bool = False  # the worker cannot be started here: convert in the pipe thread instead

    # --- lifecycle -------------------------------------------------------------------------------
    def submit(self, job: _Job) -> None:
        with self.lock:
            if self.closed:
                raise ConverterClosedError("the HTML converter is closed")
            if self.thread is None:
                self.thread = threading.Thread(
                    target=self.serve, name="omnitui-html-pipe", daemon=True
                )
                self.thread.start()
            self.jobs.put(job)

    def close(self) -> None:
        """Stop everything. The pipe thread owns the worker, so it does the killing and reaping
        (it looks at ``closed`` every _POLL_SLICE); only if it never ran is it done here."""
        with self.lock:
            if self.closed:
                return
            self.closed = True
            thread = self.thread
            current = self.current
            self.jobs.put(None)
        if current is not None:
            current.cancel.set()
        if thread is not None and thread.is_alive() and thread is not threading.current_thread():
            thread.join(timeout=5.0)
        if thread is None or not thread.is_alive():
            self.stop_worker(kill=True)
        self.fail_pending()

    def fail_pending(self) -> None:
        while True:
            try:
                job = self.jobs.get_nowait()
            except queue.Empty:
                return
            if job is not None and not job.future.done():
                job.future.set_exception(ConverterClosedError("the HTML converter is closed"))

    def start_worker(self) -> Connection:
        """Start the worker if needed and wait until it has imported everything."""
        if self.conn is not None and self.process is not None and self.process.is_alive():
            return self.conn
        self.stop_worker(kill=True)
        context = multiprocessing.get_context(self.start_method)
        parent_conn, child_conn = context.Pipe(duplex=True)
        process = context.Process(
            target=_worker_main, args=(child_conn,), name="omnitui-html-worker", daemon=True
        )
        with self.lock:
            if self.closed:
                raise ConverterClosedError("the HTML converter is closed")
            try:
                with _real_std_streams():
                    process.start()
            except Exception as error:
                # e.g. RuntimeError from spawn when the main module starts work at import time
                # without an ``if __name__ == "__main__"`` guard, or EAGAIN from fork_exec.
                parent_conn.close()
                child_conn.close()
                raise _WorkerGone(f"cannot start the HTML worker: {error!r}") from error
            self.process = process
            self.conn = parent_conn
        child_conn.close()
        self.starts += 1
        deadline = time.monotonic() + _START_TIMEOUT
        while True:
            if self.closed:
                raise ConverterClosedError("the HTML converter is closed")
            try:
                if parent_conn.poll(_POLL_SLICE):
                    message = parent_conn.recv()
                    if message[0] == "ready":
                        return parent_conn
                    continue
            except (EOFError, OSError):
                pass  # the child died while starting: reported below
            if not process.is_alive() or time.monotonic() > deadline:
                self.stop_worker(kill=True)
                raise _WorkerGone("the HTML worker did not start")

    def stop_worker(self, *, kill: bool) -> None:
        """Stop the worker (politely unless ``kill``), reap it, close the pipe."""
        with self.lock:
            process, conn = self.process, self.conn
            self.process = None
            self.conn = None
        if process is not None:
            if not kill and conn is not None:
                with contextlib.suppress(Exception):
                    conn.send(("stop",))
                process.join(timeout=0.5)
            if process.is_alive():
                with contextlib.suppress(Exception):
                    process.kill()
            process.join(timeout=5.0)
            with contextlib.suppress(Exception):
                process.close()
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    # --- the pipe thread -------------------------------------------------------------------------
    def serve(self) -> None:
        try:
            while True:
                job = self.jobs.get()
                if job is None:
                    break
                if self.closed:
                    if not job.future.done():
                        job.future.set_exception(ConverterClosedError("the converter is closed"))
                    break
                if job.cancel.is_set() or not job.future.set_running_or_notify_cancel():
                    continue
                self.current = job
                try:
                    job.future.set_result(self.run(job))
                except _Cancelled:
                    job.future.set_exception(ConverterClosedError("conversion cancelled"))
                except ConverterClosedError as error:
                    job.future.set_exception(error)
                except BaseException as error:  # keep serving; the caller sees the error
                    log.exception("HTML conversion failed")
                    job.future.set_exception(error)
                finally:
                    self.current = None
        finally:
            self.stop_worker(kill=self.closed)
            self.fail_pending()

    def run(self, job: _Job) -> list[RenderedBody]:
        contents = job.contents
        results: list[RenderedBody | None] = [None] * len(contents)
        for start, stop in _chunks(contents):
            done = start
            careful = False
            while done < stop:
                if job.cancel.is_set():
                    raise _Cancelled
                if self.closed:
                    raise ConverterClosedError("the HTML converter is closed")
                if self.broken:
                    # No worker possible here (a broken environment): convert in this thread,
                    # with the size caps but without the time limit, rather than not at all.
                    for index in range(done, stop):
                        results[index] = render_body(
                            contents[index], max_input=self.max_input, max_output=self.max_output
                        )
                    break
                try:
                    done, careful = self.exchange(job, results, done, stop, careful)
                    self.start_failures = 0
                except _WorkerGone as error:
                    self.start_failures += 1
                    if self.start_failures >= 2:
                        log.warning("HTML worker unavailable, converting in-process: %s", error)
                        self.broken = True
        return [body if body is not None else RenderedBody(note=NOTE_ERROR) for body in results]

    def exchange(
        self,
        job: _Job,
        results: list[RenderedBody | None],
        start: int,
        stop: int,
        careful: bool,
    ) -> tuple[int, bool]:
        """Send ``contents[start:stop]``, collect the results; return (index reached, careful).

        When the worker goes quiet for ``job.timeout`` (or dies) on a document it announced, that
        document gets the plain-text fallback and the caller resumes after it with a fresh worker.
        When the culprit is not known (it was among small documents not yet reported), the caller
        resumes at the first unreported one in careful mode, where every document is announced.
        """
        try:
            conn = self.start_worker()
        except OSError as error:
            raise _WorkerGone(str(error)) from error
        request = next(self.requests)
        contents = job.contents
        message: tuple[object, ...] = (
            "render",
            request,
            list(contents[start:stop]),
            careful,
            self.max_input,
            self.max_output,
        )
        try:
            conn.send(message)
        except (OSError, ValueError) as error:
            self.stop_worker(kill=True)
            raise _WorkerGone(str(error)) from error
        reached = start
        announced = -1
        deadline = time.monotonic() + job.timeout
        while True:
            if job.cancel.is_set() or self.closed:
                self._abandon(conn, request)
                if self.closed:
                    raise ConverterClosedError("the HTML converter is closed")
                raise _Cancelled
            now = time.monotonic()
            failure = ""
            if now >= deadline:
                failure = NOTE_TIMEOUT
            else:
                try:
                    if not conn.poll(min(deadline - now, _POLL_SLICE)):
                        continue
                    reply = conn.recv()
                except (EOFError, OSError):
                    if self.closed:
                        self.stop_worker(kill=True)
                        raise ConverterClosedError("the HTML converter is closed") from None
                    failure = NOTE_ERROR  # the worker died (out of memory, a crash)
            if failure:
                what = "timed out" if failure == NOTE_TIMEOUT else "died"
                log.warning("HTML worker %s; restarting it", what)
                self.stop_worker(kill=True)
                if reached >= stop:
                    return stop, False
                if careful or announced == reached:
                    results[reached] = render_fallback(
                        contents[reached],
                        note=failure,
                        max_input=self.max_input,
                        max_output=self.max_output,
                    )
                    return reached + 1, False
                return reached, True
            if reply[1] != request:
                continue  # a late answer to an abandoned request
            if reply[0] == "items":
                _, _, first, bodies, starting = reply
                for offset, body in enumerate(bodies):
                    results[start + first + offset] = body
                if bodies:
                    reached = start + first + len(bodies)
                announced = start + starting if starting >= 0 else -1
                deadline = time.monotonic() + job.timeout
            elif reply[0] == "done":
                return stop, False

    def _abandon(self, conn: Connection, request: int) -> None:
        """Tell the worker to drop the rest of ``request`` and wait for it to say so."""
        try:
            conn.send(("cancel", request))
            deadline = time.monotonic() + 1.0
            while time.monotonic() < deadline and not self.closed:
                if conn.poll(_POLL_SLICE):
                    message = conn.recv()
                    if message[0] == "done" and message[1] == request:
                        return
            self.stop_worker(kill=True)
        except (EOFError, OSError):
            self.stop_worker(kill=True)


def _chunks(contents: Sequence[str]) -> list[tuple[int, int]]:
    """Split into requests of at most _CHUNK_ITEMS documents and about _CHUNK_CHARS characters."""
    chunks: list[tuple[int, int]] = []
    start = 0
    size = 0
    for index, content in enumerate(contents):
        length = len(content) if content else 0
        if index > start and (index - start >= _CHUNK_ITEMS or size + length > _CHUNK_CHARS):
            chunks.append((start, index))
            start = index
            size = 0
        size += length
    if start < len(contents):
        chunks.append((start, len(contents)))
    return chunks


class HtmlConverter:
    """Converts message contents in a worker process that cannot be outrun.

    Use one per application: ``await converter.render_many(contents)`` from a Textual worker,
    ``converter.close()`` on exit (also done at interpreter exit and when the converter is
    garbage-collected). Requests are served in order; each document gets ``timeout`` seconds.
    Cancelling the awaiting task stops the rest of its batch.
    """

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_input: int = 2_000_000,
        max_output: int = 1_000_000,
        start_method: str = "spawn",
    ) -> None:
        if start_method == "fork":
            raise ValueError("fork is unsafe in a threaded asyncio app; use spawn or forkserver")
        self.timeout = timeout
        self._state = _State(max_input, max_output, start_method)
        self._finalizer = weakref.finalize(self, _State.close, self._state)

    @property
    def closed(self) -> bool:
        """True once :meth:`close` ran."""
        return self._state.closed

    @property
    def worker_pid(self) -> int | None:
        """The worker's process id, or None while none is running (for diagnostics and tests)."""
        process = self._state.process
        return process.pid if process is not None else None

    @property
    def worker_starts(self) -> int:
        """How many worker processes were started so far (1 + the number of replacements)."""
        return self._state.starts

    def submit(
        self, contents: Sequence[str], *, timeout: float | None = None
    ) -> Future[list[RenderedBody]]:
        """Queue a batch and return a :class:`concurrent.futures.Future` for its results."""
        job = _Job(list(contents), self.timeout if timeout is None else timeout)
        self._state.submit(job)
        return job.future

    async def start(self) -> None:
        """Start the worker now instead of on the first conversion (hides its start-up time)."""
        await asyncio.wrap_future(self.submit([""]))

    async def render_many(
        self, contents: Sequence[str], *, timeout: float | None = None
    ) -> list[RenderedBody]:
        """Convert many messages with as few round trips as possible; results keep the order."""
        if not contents:
            return []
        job = _Job(list(contents), self.timeout if timeout is None else timeout)
        self._state.submit(job)
        try:
            return await asyncio.wrap_future(job.future)
        except asyncio.CancelledError:
            job.cancel.set()
            job.future.cancel()
            raise

    def close(self) -> None:
        """Kill and reap the worker, fail pending conversions. Idempotent; safe at exit."""
        self._finalizer()

    async def aclose(self) -> None:
        """:meth:`close` without blocking the event loop while the worker is reaped."""
        await asyncio.to_thread(self.close)

    def __enter__(self) -> HtmlConverter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    async def __aenter__(self) -> HtmlConverter:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()
