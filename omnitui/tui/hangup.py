"""When the terminal goes away (an SSH link drops), exit cleanly within seconds.

sshd sends SIGHUP, whose default action kills the process before forms can write their drafts.
A terminal that is merely closed (the pty's other end gone, no signal) is worse: Textual's input
thread reads end-of-file, takes it for input and spins at full CPU for ever, and the first write
to the dead terminal kills its output thread, after which the app blocks on a full queue.

So on SIGHUP, or as soon as stdin reports a hang-up, the standard streams are pointed at
/dev/null (the app's last writes then cannot fail or block) and the app exits the normal way,
which lets open forms save what was typed. Should that stall, the process ends after a grace
period anyway: a stuck process on a server nobody is looking at helps no one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import select
import signal
import sys
import threading
from typing import Protocol

log = logging.getLogger(__name__)

#: Seconds the normal exit may take after a hang-up before the process is ended regardless.
GRACE = 10.0


class Exitable(Protocol):
    def exit(self) -> None: ...


class HangupWatch:
    """Watches for the terminal going away and then makes ``app`` exit; see the module doc."""

    def __init__(self, app: Exitable, *, fd: int = 0, grace: float = GRACE) -> None:
        self.app = app
        self.fd = fd
        self.grace = grace
        self.gone = threading.Event()
        self._stop = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> None:
        """Install the SIGHUP handler and the watching thread (call from the app's loop)."""
        self._loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            self._loop.add_signal_handler(signal.SIGHUP, self.terminal_gone)
        threading.Thread(target=self._watch, name="omnitui-hangup", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                self._loop.remove_signal_handler(signal.SIGHUP)

    def _watch(self) -> None:
        poller = select.poll()
        # Registered for no events: poll still reports a hang-up or an error, and reads nothing.
        poller.register(self.fd, 0)
        while not self._stop.is_set():
            try:
                events = poller.poll(500)
            except OSError:
                return
            if any(
                mask & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, mask in events
            ):
                self.terminal_gone()
                return

    def terminal_gone(self) -> None:
        """Silence the dead terminal and ask the app to exit; safe from any thread, once."""
        if self.gone.is_set():
            return
        self.gone.set()
        log.warning("the terminal went away; exiting")
        _silence_standard_streams()
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self.app.exit)
        threading.Thread(target=self._last_resort, name="omnitui-hangup-exit", daemon=True).start()

    def _last_resort(self) -> None:
        # A daemon thread: when the normal exit finishes first, it ends with the process.
        threading.Event().wait(self.grace)
        os._exit(129)  # 128 + SIGHUP, as if the signal had ended the process


def _silence_standard_streams() -> None:
    try:
        null = os.open(os.devnull, os.O_RDWR)
    except OSError:
        return
    for stream in (sys.__stdin__, sys.__stdout__, sys.__stderr__):
        with contextlib.suppress(AttributeError, OSError, ValueError):
            if stream is not None:
                os.dup2(null, stream.fileno())
    os.close(null)


def watch_terminal(app: Exitable) -> HangupWatch | None:
    """Start watching when the app draws on a real terminal (not under tests' headless mode)."""
    stdin = sys.__stdin__
    try:
        if stdin is None or not os.isatty(stdin.fileno()):
            return None
    except (OSError, ValueError):
        return None
    watch = HangupWatch(app, fd=stdin.fileno())
    watch.start()
    return watch
