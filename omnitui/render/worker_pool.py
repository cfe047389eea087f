"""The HTML worker process: a child Python converting one document at a time, killable when stuck.

:class:`WorkerProcess` starts ``python -c`` :data:`~omnitui.render.html_worker_process.BOOT`
(:func:`~omnitui.render.html_worker_process.serve` in the child) with ``subprocess``, and talks
to it over a socket pair with ``multiprocessing.connection`` messages. Not a
``ProcessPoolExecutor``: a pool's queues are guarded by named semaphores, and with ``spawn`` (the
only safe start method in a threaded asyncio app) those start multiprocessing's resource tracker,
a third process of ≈12 MB that stays for the app's life only to clean them up (issue 16, memory
per agent). Here there is nothing to clean up, no pool thread, and the child can be killed by its
``Popen``: it is ours to reap, so its process id names it until we do.
:class:`~omnitui.render.html_worker.HtmlConverter` decides when to start, wait and kill.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from multiprocessing.connection import Connection

from omnitui.render.body import RenderedBody
from omnitui.render.html_worker_process import BOOT

__all__ = ["WorkerGoneError", "WorkerProcess"]

_START_TIMEOUT = 60.0  # a cold start on a loaded machine; only a broken environment takes longer
_STOP_TIMEOUT = 5.0  # for a worker asked to stop (not killed) before it is killed after all


class WorkerGoneError(Exception):
    """The worker process could not be started, or died."""


class WorkerProcess:
    """One running worker process; ``last_used`` is when it last finished a document."""

    def __init__(self, process: subprocess.Popen[bytes], connection: Connection, pid: int) -> None:
        self.process = process
        self.connection = connection
        self.pid = pid
        self.last_used = time.monotonic()

    @classmethod
    def start(cls) -> WorkerProcess:
        """Start a worker and wait until it has imported the pipeline; raise
        :class:`WorkerGoneError` when it cannot start."""
        ours, theirs = socket.socketpair()
        process: subprocess.Popen[bytes] | None = None
        connection: Connection | None = None
        try:
            # stdin: the lifeline (see html_worker_process); stdout and stderr away from the
            # terminal the UI draws on.
            process = subprocess.Popen(
                [sys.executable, "-c", BOOT, str(theirs.fileno()), *sys.path],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(theirs.fileno(),),
            )
            theirs.close()
            connection = Connection(ours.detach())
            if not connection.poll(_START_TIMEOUT):
                raise TimeoutError("no answer")
            pid = connection.recv()
            return cls(process, connection, pid)
        except (OSError, EOFError, TimeoutError, ValueError) as error:
            # EAGAIN from fork_exec, a child that dies while it imports, one that never answers.
            theirs.close()
            if connection is not None:
                connection.close()
            else:
                ours.close()
            if process is not None:
                _end(process, kill=True)
            raise WorkerGoneError(f"cannot start the HTML worker: {error!r}") from error

    def send(self, content: str, max_input: int, max_output: int) -> None:
        """Ask for one document (:class:`WorkerGoneError` if the worker has died meanwhile)."""
        try:
            self.connection.send((content, max_input, max_output))
        except (OSError, ValueError) as error:
            raise WorkerGoneError(f"the HTML worker is gone: {error!r}") from error

    def receive(self, timeout: float) -> RenderedBody | None:
        """The document asked for, or None if it is not done within ``timeout`` seconds. An
        exception the conversion raised is raised here; :class:`WorkerGoneError` if it died."""
        try:
            if not self.connection.poll(timeout):
                return None
            ok, value = self.connection.recv()
        except (OSError, EOFError, ValueError) as error:
            raise WorkerGoneError(f"the HTML worker is gone: {error!r}") from error
        if not ok:
            raise value
        return value

    def stop(self, *, kill: bool) -> None:
        """Stop the process (killed first if ``kill``: it may be stuck) and reap it."""
        self.connection.close()  # a worker waiting for work exits at once
        _end(self.process, kill=kill)


def _end(process: subprocess.Popen[bytes], *, kill: bool) -> None:
    if kill:
        process.kill()
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()  # its lifeline: a worker still running exits
    try:
        process.wait(_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
