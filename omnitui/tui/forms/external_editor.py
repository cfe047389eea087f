"""``ctrl+e``: write the message in the agent's own editor (``$VISUAL``, else ``$EDITOR``).

The text goes into a private temporary file (mode 0600, as :func:`tempfile.mkstemp` makes it,
removed afterwards whatever happens), the app steps aside with Textual's ``App.suspend`` while
the editor has the terminal, and the file's text comes back when the editor exits. The old text
stays whenever the editor did not clearly finish: it exited with an error (vim's ``:cq``), it
could not be started, or the file is as it was. The form saves its draft before handing over,
so a crash of the editor or of the terminal costs nothing.

Running the editor is one small function (:func:`run_in_terminal`) that tests replace: under
Pilot the app is headless, and Textual cannot suspend a headless app (``SuspendNotSupported``),
which the agent is told in plain words too.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, SuspendNotSupported

from omnitui.core.sanitize import sanitize

NO_EDITOR = (
    "Set $EDITOR (or $VISUAL) to write in your own editor, e.g. export EDITOR=nano "
    "in your shell's profile."
)
CANNOT_SUSPEND = (
    "This terminal cannot be handed over to another program, so your editor cannot open "
    "here. The message is unchanged."
)

#: Hands the terminal to a command until it exits; returns its exit code.
Runner = Callable[[App[object], list[str]], int]


@dataclass(frozen=True)
class EditResult:
    """What came back from the editor, and what to tell the agent."""

    #: The new text, or None when the old one stays.
    text: str | None
    message: str
    error: bool


def editor_command(environ: Mapping[str, str]) -> list[str] | None:
    """The agent's editor as a command line (``code --wait`` is two words), None if unset.

    ``$VISUAL`` comes first, as for git and crontab: it names the full-screen editor, which is
    what a terminal app hands over to.
    """
    for name in ("VISUAL", "EDITOR"):
        value = environ.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                words = value.split()
            if words:
                return words
    return None


def run_in_terminal(app: App[object], argv: list[str]) -> int:
    """Suspend ``app``, run ``argv`` on the real terminal, resume; the exit code.

    Raises ``SuspendNotSupported`` (headless, Textual web) and ``OSError`` (no such program).
    """
    with app.suspend():
        return subprocess.run(argv, check=False).returncode


def edit_text(
    app: App[object],
    text: str,
    *,
    run: Runner = run_in_terminal,
    environ: Mapping[str, str] | None = None,
    prefix: str = "omnitui-",
) -> EditResult:
    """Let the agent edit ``text`` in their editor; see the module doc for when it is kept."""
    command = editor_command(os.environ if environ is None else environ)
    if command is None:
        return EditResult(None, NO_EDITOR, error=True)
    editor = Path(command[0]).name
    descriptor, name = tempfile.mkstemp(prefix=prefix, suffix=".txt", text=True)
    path = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        try:
            code = run(app, [*command, str(path)])
        except SuspendNotSupported:
            return EditResult(None, CANNOT_SUSPEND, error=True)
        except OSError as exc:
            return EditResult(
                None,
                f"Could not start your editor ({editor}): {exc.strerror or exc}. "
                "Check $VISUAL / $EDITOR. The message is unchanged.",
                error=True,
            )
        if code != 0:
            return EditResult(
                None,
                f"Your editor ({editor}) exited with code {code}, so its text was not taken: "
                "the message is unchanged.",
                error=True,
            )
        try:
            edited = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            return EditResult(
                None,
                f"Could not read the text back from your editor ({exc.strerror or exc}); "
                "the message is unchanged.",
                error=True,
            )
    finally:
        path.unlink(missing_ok=True)
    edited = taken_back(text, edited)
    if edited == text:
        return EditResult(None, "The editor left the message as it was.", error=False)
    return EditResult(edited, f"Your text is back from {editor}.", error=False)


def taken_back(original: str, edited: str) -> str:
    """The editor's text as the message: safe to draw, without a newline the editor added.

    Most editors end a file with a newline; a message that had none keeps having none, so
    saving unchanged counts as unchanged and the cursor lands after the last word. Control
    characters are made visible, as in a paste (the editor may have had binary pasted in).
    """
    edited = sanitize(edited)
    if edited.endswith("\n") and not original.endswith("\n"):
        edited = edited[:-1]
    return edited
