"""The HTML worker process: a ``ProcessPoolExecutor`` of one that can be killed when it is stuck.

:class:`WorkerProcess` starts the pool (``spawn`` method, :func:`~omnitui.render.
html_worker_process.init_worker` in the child), asks the child for its process id, and converts
one document per :meth:`WorkerProcess.submit`. ``ProcessPoolExecutor`` has no public way to kill
its process before Python 3.14, and a process id alone could, in theory, name another process once
the pool has reaped a dead worker: where the system has them (Linux), a pidfd names this very
process. :class:`~omnitui.render.html_worker.HtmlConverter` decides when to start, wait and kill.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from omnitui.render.body import RenderedBody
from omnitui.render.html_worker_process import convert, init_worker

__all__ = ["WorkerGoneError", "WorkerProcess"]

_START_TIMEOUT = 60.0  # a cold start on a loaded machine; only a broken environment takes longer


class WorkerGoneError(Exception):
    """The worker process could not be started."""


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


class WorkerProcess:
    """One running worker process; ``last_used`` is when it last finished a document."""

    def __init__(self, pool: ProcessPoolExecutor, pid: int) -> None:
        self.pool = pool
        self.pid = pid
        self.last_used = time.monotonic()
        self._pidfd: int | None = None
        if hasattr(os, "pidfd_open"):
            with contextlib.suppress(OSError):
                self._pidfd = os.pidfd_open(pid)

    @classmethod
    def start(cls, start_method: str) -> WorkerProcess:
        """Start a worker and wait until it has imported the pipeline; raise
        :class:`WorkerGoneError` when it cannot start."""
        context = multiprocessing.get_context(start_method)
        pool: ProcessPoolExecutor | None = None
        try:
            # The pool's locks start multiprocessing's resource tracker, the submit the worker.
            with _real_std_streams():
                pool = ProcessPoolExecutor(1, mp_context=context, initializer=init_worker)
                probe = pool.submit(os.getpid)
            return cls(pool, probe.result(timeout=_START_TIMEOUT))
        except Exception as error:
            # e.g. RuntimeError from spawn when the main module starts work at import time
            # without an ``if __name__ == "__main__"`` guard, EAGAIN from fork_exec, a child
            # that dies while it imports.
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            raise WorkerGoneError(f"cannot start the HTML worker: {error!r}") from error

    def submit(self, content: str, max_input: int, max_output: int) -> Future[RenderedBody]:
        """Convert one document (``BrokenProcessPool`` if the worker has died meanwhile)."""
        return self.pool.submit(convert, content, max_input, max_output)

    def stop(self, *, kill: bool) -> None:
        """Stop the process (killed first if ``kill``: it may be stuck) and reap it."""
        if kill:
            with contextlib.suppress(OSError):
                if self._pidfd is not None:
                    signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)
                else:
                    os.kill(self.pid, signal.SIGKILL)
        self.pool.shutdown(wait=True, cancel_futures=True)
        if self._pidfd is not None:
            with contextlib.suppress(OSError):
                os.close(self._pidfd)
            self._pidfd = None
