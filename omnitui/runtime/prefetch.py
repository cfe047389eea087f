"""``omnitui TICKET``: the ticket is fetched by a second process while the app starts.

Opened from a chat link or a shell alias, the ticket is the first thing the agent wants to see.
In one process its fetch waits behind Textual's import, then the client's own (httpx, TLS
set-up, the models) and the request, all on one core. None of that needs Textual, so the
command line forks a child before Textual is imported: the child reads the ticket with the
same client the app uses (one attempt, no retries) on the machine's other core and sends it
back pickled through a pipe, and the ticket screen shows it as soon as the app is up.

Only a ticket that came back is used. If the child fails in any way (an error answer, the
network, a crash), the screen fetches the ticket itself with the app's client, which retries
and says why it waits; so every error an agent sees is worded as usual, at the cost of a second
request in that case only.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from omnitui.api.partial_ticket import PartialTicket

__all__ = ["Prefetch"]

#: What the child sends when it has no ticket to give (an error, a crash): fetch it yourself.
_NOTHING = b""
#: Seconds the ticket screen waits for the child at most: more than the client's own timeout
#: for one attempt (20 s), after which the app's client tries, with its retries and notices.
WAIT = 25.0


class Prefetch:
    """One ticket being fetched by a forked child; :meth:`result` waits for it."""

    def __init__(self, ticket_id: int, pid: int, fd: int) -> None:
        self.ticket_id = ticket_id
        self._pid = pid
        self._fd = fd
        self._done = False
        self._chunks: list[bytes] = []
        os.set_blocking(fd, False)

    @classmethod
    def start(cls, url: str, api_key: str, ticket_id: int) -> Prefetch | None:
        """Fork the child; None where there is no fork (the app then fetches as usual).

        Call it before any thread is started (the command line does, before Textual): a fork
        copies only the thread that calls it.
        """
        if not hasattr(os, "fork"):
            return None
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child: it never returns into the command line
            status = 0
            try:
                os.close(read_end)
                _child(write_end, url, api_key, ticket_id)
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        os.close(write_end)
        return cls(ticket_id, pid, read_end)

    async def result(self, wait: float = WAIT) -> PartialTicket | None:
        """The ticket's start as :meth:`OmnideskClient.get_ticket_start` gives it, or None if
        the child has none within ``wait`` seconds (the caller then fetches it). Read once.

        If the child is done already (it usually is by the time the ticket screen asks), this
        returns without giving way to the event loop, so no "Loading…" frame is painted first.
        """
        if self._done:
            return None
        try:
            if not self._drain():
                await asyncio.wait_for(self._read_rest(), wait)
        except TimeoutError:
            self._chunks.clear()
        finally:
            self.close()
        data, self._chunks = b"".join(self._chunks), []
        if not data:
            return None
        try:
            return pickle.loads(data)  # our own child, through a pipe only it and we hold
        except Exception:
            return None

    def _drain(self) -> bool:
        """Read what the pipe holds now; True once the child has closed it (all is read)."""
        while True:
            try:
                chunk = os.read(self._fd, 1 << 20)
            except BlockingIOError:
                return False
            except OSError:
                return True
            if not chunk:
                return True
            self._chunks.append(chunk)

    async def _read_rest(self) -> None:
        """The rest of what the child writes, read on the event loop as it comes (no thread:
        :meth:`close` closes the pipe whatever becomes of the wait)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()

        def readable() -> None:
            if self._drain() and not done.done():
                done.set_result(None)

        loop.add_reader(self._fd, readable)
        try:
            await done
        finally:
            loop.remove_reader(self._fd)

    def close(self) -> None:
        """Stop the child if it still runs, and reap it."""
        if self._done:
            return
        self._done = True
        with contextlib.suppress(OSError):
            os.close(self._fd)
        with contextlib.suppress(OSError):
            os.kill(self._pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(self._pid, 0)


def _child(fd: int, url: str, api_key: str, ticket_id: int) -> None:
    """Fetch the ticket and write it (pickled) to ``fd``; nothing at all on any failure."""
    # The terminal is the app's: the child neither reads it, writes to it, nor takes its Ctrl+C.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_RDWR)
    for target in (0, 1, 2):
        os.dup2(devnull, target)
    import logging

    logging.disable(logging.CRITICAL)  # a --log file is the app's
    payload = _NOTHING
    with contextlib.suppress(Exception):
        start = asyncio.run(_fetch(url, api_key, ticket_id))
        payload = pickle.dumps(start, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]
    os.close(fd)


async def _fetch(url: str, api_key: str, ticket_id: int) -> PartialTicket:
    from omnitui.api.client import OmnideskClient

    async with OmnideskClient(url, api_key, max_retries=0) as client:
        return await client.get_ticket_start(ticket_id)
