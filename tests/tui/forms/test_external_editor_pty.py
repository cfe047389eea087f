"""``ctrl+e`` for real: the program in a pty hands its terminal to an editor script and back."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from omnitui.sandbox import SandboxServer

from ...test_pty import EXIT_LIMIT, OMNITUI, PtyProgram, wait_for

EDITOR_SCRIPT = """#!/bin/sh
# What an agent's editor does, without a screen: note what it was given, add a line, save.
stat -c %a "$1" > "$HOME/editor-mode"
printf '%s' "$1" > "$HOME/editor-file"
printf '\\n%s\\n' 'Met vriendelijke groet, Anna' >> "$1"
"""


@pytest.fixture
def program(sandbox: SandboxServer, isolated_home: Path) -> Iterator[PtyProgram]:
    isolated_home.mkdir(parents=True, exist_ok=True)
    editor = isolated_home / "fake-editor"
    editor.write_text(EDITOR_SCRIPT, encoding="utf-8")
    editor.chmod(0o755)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(isolated_home),
        "OMNITUI_DATA_DIR": str(isolated_home / "data"),
        "OMNITUI_CONFIG_DIR": str(isolated_home / "config"),
        "TEXTUAL_ANIMATIONS": "none",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "EDITOR": str(editor),
        "OMNIDESK_URL": sandbox.url,
        "OMNIDESK_API_KEY": sandbox.api_key,
        **({"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}),
    }
    started = PtyProgram([str(OMNITUI), "858462"], env, controlling=True)
    yield started
    started.stop()


def test_ctrl_e_runs_the_editor_on_the_real_terminal_and_takes_its_text_back(
    program: PtyProgram, isolated_home: Path
) -> None:
    program.wait_for(b"#858462 ")
    program.wait_quiet()
    program.send(b"r")
    program.wait_for(b"Reply to #858462")
    program.send(b"Beste Thomas,")
    program.wait_for(b"Beste Thomas,")
    mark = len(program.output)
    program.send(b"\x05")  # ctrl+e

    program.wait_for(b"Your text is back from fake-editor.", since=mark)
    # The app left the alternate screen for the editor and came back to it.
    assert b"\x1b[?1049l" in program.output[mark:]
    assert b"\x1b[?1049h" in program.output[mark:]
    assert b"Met vriendelijke groet, Anna" in program.output[mark:]
    assert (isolated_home / "editor-mode").read_text().strip() == "600"
    temp = Path((isolated_home / "editor-file").read_text())
    assert temp.name.startswith("omnitui-reply-858462-")
    assert not temp.exists()

    def draft() -> str:
        files = list((isolated_home / "data" / "drafts").glob("*/reply-858462.json"))
        return json.loads(files[0].read_text(encoding="utf-8"))["fields"]["body"] if files else ""

    wait_for(lambda: draft() == "Beste Thomas,\nMet vriendelijke groet, Anna", "the new draft")
    program.send(b"\x11")  # ctrl+q
    wait_for(lambda: program.process.poll() is not None, "the program to quit", EXIT_LIMIT)
