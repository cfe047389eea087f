"""What the HTML worker process runs: the render pipeline, one document per request.

:class:`~omnitui.render.worker_pool.WorkerProcess` starts ``python -c`` with :data:`BOOT`, which
calls :func:`serve` with one end of a socket pair; this module is all the worker imports besides
the pipeline (:mod:`omnitui.render.html`), so it stays small. Over the socket go
``multiprocessing.connection`` messages (pickles with a length in front): the worker's process id
once it has imported everything, then for each ``(content, max_input, max_output)`` request
``(True, RenderedBody)`` or ``(False, exception)``.

Its stdin is a pipe its parent never writes to: when the parent dies, however, the pipe is
closed and the worker exits, even in the middle of a runaway conversion.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from multiprocessing.connection import Connection

from omnitui.render.body import RenderedBody
from omnitui.render.html import render_body

__all__ = ["BOOT", "HANG_ENV", "convert", "serve"]

BOOT = (
    "import sys; sys.path[:] = sys.argv[2:]; "
    "from omnitui.render.html_worker_process import serve; serve(int(sys.argv[1]))"
)
"""The worker's ``python -c`` program: arguments are the socket's descriptor, then the parent's
``sys.path`` (so the worker imports the very omnitui its parent runs)."""

HANG_ENV = "OMNITUI_HTML_WORKER_TEST_HANG"
"""Test hook: when this variable is set in the worker's environment, a document equal to its value
makes the worker sleep, so tests can exercise the time limit. Unset, it does nothing."""

_hang_token: str | None = None


def serve(fd: int) -> None:
    """Answer requests on the socket ``fd`` until the parent closes it."""
    global _hang_token
    _watch_parent()
    with contextlib.suppress(OSError):
        os.nice(5)  # conversion is background work: the UI process comes first
    _hang_token = os.environ.get(HANG_ENV) or None
    connection = Connection(fd)
    connection.send(os.getpid())  # ready: everything is imported
    while True:
        try:
            content, max_input, max_output = connection.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[bool, object] = (True, convert(content, max_input, max_output))
        except Exception as error:  # the parent raises it, as if converted there
            answer = (False, error)
        try:
            connection.send(answer)
        except (OSError, ValueError):
            return
        except Exception as error:  # an exception that does not pickle
            connection.send((False, RuntimeError(repr(error))))


def convert(content: str, max_input: int, max_output: int) -> RenderedBody:
    """One document through the pipeline (see :func:`omnitui.render.html.render_body`)."""
    if _hang_token is not None and content == _hang_token:
        time.sleep(3600)
    return render_body(content, max_input=max_input, max_output=max_output)


def _watch_parent() -> None:
    """Exit when stdin, the parent's lifeline, reaches its end: the parent died or let go."""

    def wait() -> None:
        with contextlib.suppress(OSError):
            while os.read(0, 4096):
                pass
        os._exit(0)

    threading.Thread(target=wait, name="omnitui-html-parent-watch", daemon=True).start()
