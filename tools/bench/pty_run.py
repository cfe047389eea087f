"""Run a program in a pseudo-terminal, as a user's terminal would, and watch what it draws.

"First usable frame" is measured from outside: the time from just before the process is started
until a marker text (e.g. the lookup screen's "Ticket number") has been written to the terminal.
Escape sequences are removed before searching, so the marker is found in whatever way the
application positions and colours it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[()][0-9A-Za-z]"
    rb"|\x1b[@-_]"
)


def strip_escapes(data: bytes) -> str:
    return _ESCAPES.sub(b"", data).decode("utf-8", errors="replace")


class PtyProcess:
    """A child process on its own pseudo-terminal of ``size`` (columns, rows)."""

    def __init__(
        self, argv: Sequence[str], env: dict[str, str], size: tuple[int, int] = (120, 40)
    ) -> None:
        self.argv = list(argv)
        self.env = env
        self.size = size
        self.output = bytearray()
        self.started = 0.0
        self._master = -1
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> PtyProcess:
        master, slave = os.openpty()
        columns, rows = self.size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self._master = master
        self.started = time.perf_counter()
        self._process = subprocess.Popen(
            self.argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=self.env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        return self

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def pump(self, timeout: float) -> bool:
        """Read what the program wrote within ``timeout`` seconds; False at end of output."""
        ready, _, _ = select.select([self._master], [], [], max(0.0, timeout))
        if not ready:
            return True
        try:
            data = os.read(self._master, 65536)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not data:
            return False
        self.output += data
        return True

    def text(self) -> str:
        return strip_escapes(bytes(self.output))

    def text_since(self, offset: int) -> str:
        """What was drawn after the first ``offset`` bytes of output, without escapes."""
        return strip_escapes(bytes(self.output[offset:]))

    def wait_for(self, marker: str, timeout: float) -> float:
        """Seconds from start until ``marker`` was drawn; raises TimeoutError with the screen."""
        deadline = time.perf_counter() + timeout
        searched = 0
        while True:
            # Search only what is new (with an overlap for a marker split between reads).
            start = max(0, searched - 4 * len(marker))
            if marker in strip_escapes(bytes(self.output[start:])):
                return time.perf_counter() - self.started
            searched = len(self.output)
            now = time.perf_counter()
            if now > deadline:
                raise TimeoutError(f"{marker!r} not drawn; last output: {self.text()[-400:]!r}")
            if not self.pump(min(0.05, deadline - now)) and marker not in self.text():
                raise TimeoutError(f"{marker!r} not drawn before exit: {self.text()[-400:]!r}")

    def idle(self, seconds: float) -> None:
        """Keep reading (so the program never blocks on a full terminal) for ``seconds``."""
        deadline = time.perf_counter() + seconds
        while (now := time.perf_counter()) < deadline:
            if not self.pump(deadline - now):
                time.sleep(max(0.0, deadline - time.perf_counter()))
                return

    def send(self, data: bytes) -> None:
        os.write(self._master, data)

    def close(self, quit_keys: bytes = b"\x11") -> None:
        """Quit politely (ctrl+q), then firmly; always reap the child and close the terminal."""
        process = self._process
        if process is not None:
            if process.poll() is None:
                with contextlib.suppress(OSError):
                    self.send(quit_keys)
                deadline = time.perf_counter() + 5
                while process.poll() is None and time.perf_counter() < deadline:
                    self.pump(0.05)
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(3)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        if self._master >= 0:
            os.close(self._master)
            self._master = -1
        self._process = None

    def __enter__(self) -> PtyProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
