"""What the HTML worker process runs: the render pipeline, one document per call.

:class:`~omnitui.render.html_worker.HtmlConverter` starts the process (a
``concurrent.futures.ProcessPoolExecutor`` of one, ``spawn`` method) with :func:`init_worker` and
sends it :func:`convert` calls; this module is all the worker imports besides the pipeline
(:mod:`omnitui.render.html`), so it stays small.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import threading
import time

from omnitui.render.body import RenderedBody
from omnitui.render.html import render_body

__all__ = ["HANG_ENV", "convert", "init_worker"]

HANG_ENV = "OMNITUI_HTML_WORKER_TEST_HANG"
"""Test hook: when this variable is set in the worker's environment, a document equal to its value
makes the worker sleep, so tests can exercise the time limit. Unset, it does nothing."""

_hang_token: str | None = None


def init_worker() -> None:
    """Prepare the worker: quiet, low priority, gone with its parent. Never raises."""
    global _hang_token
    _silence_std_streams()
    _watch_parent()
    with contextlib.suppress(OSError):
        os.nice(5)  # conversion is background work: the UI process comes first
    _hang_token = os.environ.get(HANG_ENV) or None


def convert(content: str, max_input: int, max_output: int) -> RenderedBody:
    """One document through the pipeline (see :func:`omnitui.render.html.render_body`)."""
    if _hang_token is not None and content == _hang_token:
        time.sleep(3600)
    return render_body(content, max_input=max_input, max_output=max_output)


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
