"""The real program in a real pseudo-terminal: the bytes it writes, and how it ends.

Two promises are only visible from outside the process: hostile ticket content never puts a
terminal escape sequence on the wire (checked on the raw bytes the program writes, not on a
re-render), and when the terminal goes away, as it does when an SSH link drops, the program
exits within seconds instead of spinning, with the reply draft on disk.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from omnitui.sandbox import SandboxServer
from omnitui.sandbox.data.corpus import HOSTILE_TICKETS
from omnitui.sandbox.server.requestlog import RecordedRequest

OMNITUI = Path(sys.executable).with_name("omnitui")
#: How long the program may take to go after its terminal did; generous, the CPU is shared.
EXIT_LIMIT = 15.0


class PtyProgram:
    """omnitui on the slave side of a pty; a thread keeps reading everything it writes."""

    def __init__(self, args: list[str], env: dict[str, str], *, controlling: bool) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.master: int | None = master
        self.process = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            # As sshd does: the pty becomes the session's controlling terminal, so closing the
            # master side makes the kernel send SIGHUP. Without it only the hang-up shows.
            preexec_fn=(lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0)) if controlling else None,
        )
        os.close(slave)
        self._output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, args=(master,), daemon=True)
        self._reader.start()

    def _read(self, master: int) -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self._output += data

    @property
    def output(self) -> bytes:
        with self._lock:
            return bytes(self._output)

    def send(self, data: bytes) -> None:
        assert self.master is not None
        os.write(self.master, data)

    def wait_for(self, needle: bytes, *, since: int = 0, timeout: float = 30.0) -> None:
        wait_for(lambda: needle in self.output[since:], f"{needle!r} on the terminal", timeout)

    def type_number(self, text: str, *, clear: bool) -> None:
        """Type into the lookup's number field, clearing it first (ctrl+u) when it holds text.

        Each key goes in a write of its own that the program has visibly handled before the
        next: a control key and text arriving in one read are not taken as separate keys.
        """
        if clear:
            mark = len(self.output)
            self.send(b"\x15")
            self.wait_for(b"Enter opens it", since=mark)  # the placeholder is back
        mark = len(self.output)
        self.send(text.encode())
        self.wait_for(text.encode(), since=mark)

    def wait_quiet(self, seconds: float = 0.6, timeout: float = 30.0) -> None:
        """Wait until the program has written nothing for ``seconds`` (it is done painting)."""
        last = (len(self.output), time.monotonic())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(0.05)
            size = len(self.output)
            if size != last[0]:
                last = (size, time.monotonic())
            elif time.monotonic() - last[1] >= seconds:
                return
        raise AssertionError("the program kept writing")

    def close_terminal(self) -> None:
        """The terminal goes away: the master side of the pty is closed."""
        if self.master is not None:
            os.close(self.master)
            self.master = None

    def stop(self) -> None:
        self.close_terminal()
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._reader.join(5)


def wait_for(condition: Callable[[], object], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def environment(isolated_home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(isolated_home),
        "OMNITUI_DATA_DIR": str(isolated_home / "data"),
        "OMNITUI_CONFIG_DIR": str(isolated_home / "config"),
        "TEXTUAL_ANIMATIONS": "none",
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "LANG": "C.UTF-8",
        # A worktree under test puts its own tree first; the installed program then runs it.
        **({"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}),
    }


@pytest.fixture
def start(environment: dict[str, str]) -> Iterator[Callable[..., PtyProgram]]:
    programs: list[PtyProgram] = []

    def run(server: SandboxServer, *args: str, controlling: bool = True) -> PtyProgram:
        env = {**environment, "OMNIDESK_URL": server.url, "OMNIDESK_API_KEY": server.api_key}
        program = PtyProgram([str(OMNITUI), *args], env, controlling=controlling)
        programs.append(program)
        return program

    yield run
    for program in programs:
        program.stop()


# ----------------------------------------------------------------------------------------------
# Hostile content: what reaches the terminal

#: Sequences that can only have come from ticket content: Textual itself never writes them in
#: full-screen mode (it writes SGR colours, cursor moves and mode switches).
PAYLOAD_SEQUENCES = {
    "OSC 52 clipboard": "\x1b]52",
    "OSC 0 window title": "\x1b]0;",
    "OSC 8 hyperlink": "\x1b]8;",
    "clear screen": "\x1b[2J",
    "cursor position query": "\x1b[6n",
    "window size query": "\x1b[21t",
    "DCS": "\x1bP",
    "APC": "\x1b_",
    "hidden text": "\x1b[8m",
    "C1 CSI": "\x9b",
    "C1 OSC": "\x9d",
    "C1 ST": "\x9c",
    "BEL": "\x07",
    "NUL": "\x00",
    "bidi override": "\u202e",
}


TEXTUAL_POINTER_SHAPE = re.compile(r"\x1b\]22;[\w-]*\x07")


def test_hostile_tickets_put_no_escape_sequence_on_the_terminal(
    shared: SandboxServer, start: Callable[..., PtyProgram]
) -> None:
    first, *others = HOSTILE_TICKETS
    program = start(shared, str(first))
    program.wait_for(f"#{first} ".encode())
    program.wait_quiet()
    for number, ticket in enumerate(others):
        mark = len(program.output)
        program.send(b"g")  # back to the lookup screen, cursor in the number field
        program.wait_for(b"Ticket number", since=mark)
        program.type_number(str(ticket), clear=number > 0)
        program.send(b"\r")
        program.wait_for(f"#{ticket} ".encode(), since=mark, timeout=60)
        program.wait_quiet()
        program.send(b"G")  # the end of the timeline: the last entries are painted too
        program.wait_quiet()

    assert program.process.poll() is None, "the program ended while showing hostile tickets"
    output = program.output.decode("utf-8", errors="replace")
    output = TEXTUAL_POINTER_SHAPE.sub("", output)  # Textual's own OSC 22, ended by a BEL
    found = {name: seq for name, seq in PAYLOAD_SEQUENCES.items() if seq in output}
    assert not found, {name: output[output.index(seq) - 30 :][:80] for name, seq in found.items()}
    assert output.count("\x1b[?1049h") == 1  # only Textual's own switch to the alternate screen
    assert "␛" in output  # the escapes were there, and were shown as visible placeholders
    program.send(b"\x11")  # ctrl+q
    wait_for(lambda: program.process.poll() is not None, "the program to quit", EXIT_LIMIT)


# ----------------------------------------------------------------------------------------------
# The terminal goes away

REPLY = "Beste Thomas, dit concept overleeft een verbroken SSH-verbinding."


@pytest.mark.parametrize(
    "how",
    ["terminal closed (kernel sends SIGHUP)", "terminal closed, no signal", "SIGHUP only"],
)
def test_the_program_exits_when_its_terminal_goes_away(
    sandbox: SandboxServer,
    start: Callable[..., PtyProgram],
    isolated_home: Path,
    how: str,
) -> None:
    program = start(sandbox, "858462", controlling="no signal" not in how)
    program.wait_for(b"#858462 ")
    program.wait_quiet()
    program.send(b"r")
    program.wait_for(b"Reply to #858462")
    program.send(REPLY.encode())

    def draft() -> str:
        files = list((isolated_home / "data" / "drafts").glob("*/reply-858462.json"))
        return json.loads(files[0].read_text(encoding="utf-8"))["fields"]["body"] if files else ""

    wait_for(lambda: draft() == REPLY, "the reply draft on disk", timeout=20)

    if "SIGHUP only" in how:
        os.kill(program.process.pid, signal.SIGHUP)
    else:
        program.close_terminal()
    wait_for(lambda: program.process.poll() is not None, "the program to exit", EXIT_LIMIT)

    assert program.process.returncode in (0, 129), program.process.returncode
    assert draft() == REPLY


# ----------------------------------------------------------------------------------------------
# A paste with escape codes in it, as a terminal sends it


@pytest.mark.parametrize(
    ("pasted", "kept"),
    [("P\x1b]0;T\x07Q R", "P␛]0;T\ufffdQ R"), ("one \x1b[31mtwo three", "one ␛[31mtwo three")],
)
def test_a_pasted_escape_code_stays_in_place_in_the_note(
    sandbox: SandboxServer,
    start: Callable[..., PtyProgram],
    isolated_home: Path,
    pasted: str,
    kept: str,
) -> None:
    program = start(sandbox, "858462")
    program.wait_for(b"#858462 ")
    program.wait_quiet()
    program.send(b"i")
    program.wait_for(b"Internal note on #858462")
    program.wait_quiet()
    program.send(f"\x1b[200~{pasted}\x1b[201~".encode())

    def draft() -> str:
        files = list((isolated_home / "data" / "drafts").glob("*/note-858462.json"))
        return json.loads(files[0].read_text(encoding="utf-8"))["fields"]["body"] if files else ""

    wait_for(lambda: draft() == kept, f"the note draft to hold {kept!r}")
    program.send(b"\x11")  # ctrl+q
    wait_for(lambda: program.process.poll() is not None, "the program to quit", EXIT_LIMIT)


# ----------------------------------------------------------------------------------------------
# Keys typed ahead over a laggy link: one read holds many keys


def test_a_burst_of_keys_fills_the_new_ticket_form_as_a_slow_typist_would(
    sandbox: SandboxServer, start: Callable[..., PtyProgram]
) -> None:
    program = start(sandbox, "858462")
    program.wait_for(b"#858462 ")
    program.wait_quiet()
    # One write while the ticket screen is busy: open the form, fill three fields, send (ctrl+s).
    program.send(b"cBroken desk\t\t\ta@b.nl\tAnna de Vries\x13")

    def created() -> list[RecordedRequest]:
        return [r for r in sandbox.requests if (r.method, r.path) == ("POST", "/api/v2/ticket")]

    wait_for(created, "the new ticket to be sent")
    (request,) = created()
    sent = (request.field("title"), request.field("from"), request.field("fromName"))
    assert sent == ("Broken desk", "a@b.nl", "Anna de Vries")
    program.send(b"\x11")  # ctrl+q
    wait_for(lambda: program.process.poll() is not None, "the program to quit", EXIT_LIMIT)


def test_escape_and_a_number_typed_in_one_read_open_that_ticket(
    sandbox: SandboxServer, start: Callable[..., PtyProgram]
) -> None:
    program = start(sandbox)
    program.wait_for(b"Enter opens it")
    program.type_number("858462", clear=False)
    mark = len(program.output)
    program.send(b"/")  # to the search field
    program.wait_for(b"Search", since=mark)
    program.send(b"desk")
    program.wait_for(b"desk", since=mark)
    mark = len(program.output)
    # Esc (back to the number field), ctrl+u (clear it), the next number and Enter: one packet.
    program.send(b"\x1b\x15900001\r")
    program.wait_for(b"#900001 ", since=mark)
    program.send(b"\x11")  # ctrl+q
    wait_for(lambda: program.process.poll() is not None, "the program to quit", EXIT_LIMIT)
