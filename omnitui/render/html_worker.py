"""Convert message contents off the event loop, with a time limit where one can be enforced.

:class:`HtmlConverter` runs the render pipeline (:func:`omnitui.render.html.render_body`) in one
daemon thread of its own, and from there chooses per document:

- *small* documents (under ``in_process_below`` characters, :data:`IN_PROCESS_BELOW`: nearly all
  mail) are converted right there, in the UI process. Every stage is linear and the input is
  small, so each takes a millisecond or so, and no process has to be kept for them (issue 16:
  memory per agent);
- *larger* ones go to a worker process (:mod:`omnitui.render.worker_pool`: a child Python
  started with ``subprocess``, not forked, since the UI is an asyncio app with threads), one
  document per call, each given ``timeout`` seconds. A document that overruns gets the
  plain-text fallback with a note; the worker is killed and a new one started when a document
  next needs it. The worker starts on the first large document and stops after
  :data:`IDLE_STOP` seconds without one.

Why a process at all: a runaway conversion cannot be stopped in a thread, and would hold the GIL
against the UI (docs/hazards.md §2.2). The asyncio methods only await a future, so the event loop
never blocks on the worker. Closing (also at interpreter exit, and when the converter is
collected) kills the worker and reaps it: no zombies, no orphan left spinning; and a worker whose
parent dies exits by itself (:mod:`omnitui.render.html_worker_process`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
import time
import weakref
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

from omnitui.render.body import NOTE_ERROR, NOTE_TIMEOUT, RenderedBody
from omnitui.render.html import MAX_INPUT, MAX_OUTPUT, render_body, render_fallback
from omnitui.render.worker_pool import WorkerGoneError, WorkerProcess

__all__ = ["IDLE_STOP", "IN_PROCESS_BELOW", "ConverterClosedError", "HtmlConverter"]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 5.0
IN_PROCESS_BELOW = 20_000
"""Documents shorter than this (characters) are converted in the converter's thread."""
IDLE_STOP = 60.0
"""Seconds without a document for it after which the worker process is stopped."""
_POLL_SLICE = 0.05  # how often a wait looks at closing and cancellation
_SLICE = 0.001  # seconds of conversion in the thread before it gives way to the event loop
_GIVE_WAY_WAIT = 0.1  # the longest it waits for the loop (which may be blocked on something)


class ConverterClosedError(RuntimeError):
    """The converter was closed while (or before) this conversion ran."""


class _Stop(Exception):
    """The job was cancelled or the converter closed."""


@dataclass(eq=False)
class _Job:
    contents: Sequence[str]
    timeout: float
    warm: bool = False  # only start the worker
    loop: asyncio.AbstractEventLoop | None = None  # the caller's, to give way to
    future: Future[list[RenderedBody]] = field(default_factory=Future)
    cancel: threading.Event = field(default_factory=threading.Event)

    def give_way(self) -> None:
        """Wait until the caller's event loop has run what was ready (at most _GIVE_WAY_WAIT).

        The thread and the loop share the GIL: without this, a conversion asks for it back every
        5 ms (``sys.getswitchinterval``) and 15 ms of the loop's work (a paint) took 26 ms.
        """
        loop = self.loop
        turn = threading.Event()
        try:
            if loop is not None:
                loop.call_soon_threadsafe(turn.set)
        except RuntimeError:  # the loop is closed
            self.loop = None
            return
        turn.wait(_GIVE_WAY_WAIT)


@dataclass(eq=False)
class _State:
    """Everything the converter's thread and the finaliser need, without a reference to the
    converter (so dropping the converter lets it be collected and closed)."""

    max_input: int
    max_output: int
    in_process_below: int
    idle_stop: float
    jobs: queue.SimpleQueue[_Job | None] = field(default_factory=queue.SimpleQueue)
    lock: threading.Lock = field(default_factory=threading.Lock)
    closed: bool = False
    thread: threading.Thread | None = None
    worker: WorkerProcess | None = None
    current: _Job | None = None
    starts: int = 0
    start_failures: int = 0
    broken: bool = False  # no worker can be started here: convert everything in the thread

    # --- the caller's side -----------------------------------------------------------------------
    def submit(self, job: _Job) -> None:
        with self.lock:
            if self.closed:
                raise ConverterClosedError("the HTML converter is closed")
            if self.thread is None:
                self.thread = threading.Thread(target=self.serve, name="omnitui-html", daemon=True)
                self.thread.start()
            self.jobs.put(job)

    def close(self) -> None:
        """Stop everything. The thread owns the worker, so it does the killing and reaping (it
        looks at ``closed`` every _POLL_SLICE); only if it does not answer is it done here."""
        with self.lock:
            if self.closed:
                return
            self.closed = True
            thread, current = self.thread, self.current
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

    # --- the thread ------------------------------------------------------------------------------
    def serve(self) -> None:
        try:
            while (job := self.next_job()) is not None:
                if self.closed:
                    self.jobs.put(job)  # failed with the others below
                    break
                if job.cancel.is_set() or not job.future.set_running_or_notify_cancel():
                    continue
                self.current = job
                try:
                    job.future.set_result(self.run(job))
                except _Stop:
                    job.future.set_exception(ConverterClosedError("conversion stopped"))
                except BaseException as error:  # keep serving; the caller sees the error
                    log.exception("HTML conversion failed")
                    job.future.set_exception(error)
                finally:
                    self.current = None
        finally:
            self.stop_worker(kill=True)
            self.fail_pending()

    def next_job(self) -> _Job | None:
        """The next job; meanwhile, stop a worker that has been idle for ``idle_stop``."""
        while True:
            worker = self.worker
            if worker is None:
                return self.jobs.get()
            wait = worker.last_used + self.idle_stop - time.monotonic()
            if wait > 0:
                with contextlib.suppress(queue.Empty):
                    return self.jobs.get(timeout=wait)
                continue
            self.stop_worker(kill=False)

    def run(self, job: _Job) -> list[RenderedBody]:
        if job.warm:
            with contextlib.suppress(WorkerGoneError):
                self.start_worker()
            return []
        results: list[RenderedBody] = []
        slice_end = time.monotonic() + _SLICE
        for content in job.contents:
            if job.cancel.is_set() or self.closed:
                raise _Stop
            if self.broken or len(content) < self.in_process_below:
                if job.loop is not None and time.monotonic() >= slice_end:
                    job.give_way()
                    slice_end = time.monotonic() + _SLICE
                body = render_body(content, max_input=self.max_input, max_output=self.max_output)
            else:
                body = self.in_worker(content, job.timeout)
            results.append(body)
        return results

    def in_worker(self, content: str, timeout: float) -> RenderedBody:
        """``content`` converted by the worker within ``timeout``, else its fallback. A worker
        that dies under it is replaced and tried once more (it may have died of something else)."""
        for _attempt in range(2):
            try:
                worker = self.start_worker()
                worker.send(content, self.max_input, self.max_output)
                return self.wait(worker, content, timeout)
            except WorkerGoneError as error:
                log.warning("HTML worker gone, restarting it: %r", error)
                self.stop_worker(kill=True)
            if self.broken:
                return render_body(content, max_input=self.max_input, max_output=self.max_output)
        return render_fallback(
            content, note=NOTE_ERROR, max_input=self.max_input, max_output=self.max_output
        )

    def wait(self, worker: WorkerProcess, content: str, timeout: float) -> RenderedBody:
        """The worker's result, or the fallback once ``timeout`` has passed (the worker is then
        killed). A cancelled job still waits for the document in flight: the worker is kept."""
        deadline = time.monotonic() + timeout
        while not self.closed:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                log.warning("HTML worker timed out; restarting it")
                self.stop_worker(kill=True)
                return render_fallback(
                    content, note=NOTE_TIMEOUT, max_input=self.max_input, max_output=self.max_output
                )
            body = worker.receive(min(remaining, _POLL_SLICE))
            if body is not None:
                worker.last_used = time.monotonic()
                return body
        self.stop_worker(kill=True)
        raise _Stop

    def start_worker(self) -> WorkerProcess:
        """The running worker, or a new one once it has imported everything."""
        if self.worker is not None:
            return self.worker
        if self.closed:
            raise _Stop
        try:
            worker = WorkerProcess.start()
        except WorkerGoneError:
            self.start_failures += 1
            if self.start_failures >= 2:
                log.warning("HTML worker unavailable: converting everything in-process")
                self.broken = True
            raise
        self.starts += 1
        self.start_failures = 0
        with self.lock:
            self.worker = worker
        return worker

    def stop_worker(self, *, kill: bool) -> None:
        """Stop the worker (killed first if ``kill``: it may be stuck) and reap it."""
        with self.lock:
            worker, self.worker = self.worker, None
        if worker is not None:
            worker.stop(kill=kill)


class HtmlConverter:
    """Converts message contents off the event loop; large ones in a worker that cannot be
    outrun (see the module).

    Use one per application: ``await converter.render_many(contents)`` from a Textual worker,
    ``converter.close()`` on exit (also done at interpreter exit and when the converter is
    garbage-collected). Requests are served in order; each large document gets ``timeout``
    seconds. Cancelling the awaiting task stops the rest of its batch.
    """

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_input: int = MAX_INPUT,
        max_output: int = MAX_OUTPUT,
        in_process_below: int = IN_PROCESS_BELOW,
        idle_stop: float = IDLE_STOP,
    ) -> None:
        self.timeout = timeout
        self._state = _State(max_input, max_output, in_process_below, idle_stop)
        self._finalizer = weakref.finalize(self, _State.close, self._state)

    @property
    def closed(self) -> bool:
        """True once :meth:`close` ran."""
        return self._state.closed

    @property
    def worker_pid(self) -> int | None:
        """The worker's process id, or None while none is running (for diagnostics and tests)."""
        worker = self._state.worker
        return worker.pid if worker is not None else None

    @property
    def worker_starts(self) -> int:
        """How many worker processes were started so far."""
        return self._state.starts

    def submit(
        self, contents: Sequence[str], *, timeout: float | None = None
    ) -> Future[list[RenderedBody]]:
        """Queue a batch and return a :class:`concurrent.futures.Future` for its results."""
        job = _Job(list(contents), self.timeout if timeout is None else timeout)
        self._state.submit(job)
        return job.future

    async def start(self) -> None:
        """Start the worker process now rather than for the first large document."""
        job = _Job((), self.timeout, warm=True)
        self._state.submit(job)
        await asyncio.wrap_future(job.future)

    async def render_many(
        self, contents: Sequence[str], *, timeout: float | None = None
    ) -> list[RenderedBody]:
        """Convert many messages; results keep the order."""
        if not contents:
            return []
        timeout = self.timeout if timeout is None else timeout
        job = _Job(list(contents), timeout, loop=asyncio.get_running_loop())
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
