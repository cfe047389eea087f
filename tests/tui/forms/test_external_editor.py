"""``ctrl+e``: the reply or note goes to the agent's own editor and comes back from it.

Under Pilot the app is headless and cannot hand the terminal over, so the step that runs the
editor is replaced by a function that edits the file as an editor would; the real hand-over,
with a real editor script, is in test_external_editor_pty.py.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import TextArea

from omnitui.api.models import Ticket
from omnitui.sandbox import SandboxServer
from omnitui.tui.forms.compose import ComposeForm
from omnitui.tui.forms.external_editor import editor_command, taken_back
from omnitui.tui.forms.message import NoteForm, ReplyForm

from .conftest import (
    FormHost,
    app_for,
    fill,
    flat,
    open_form,
    open_ticket_app,
    screen_text,
    type_keys,
)

Editor = Callable[[object, list[str]], int]


class FakeEditor:
    """Stands in for the editor: sees the file, writes ``new`` into it, exits with ``code``."""

    def __init__(self, new: str | None, code: int = 0, *, drafts: Path | None = None) -> None:
        self.new = new
        self.code = code
        self.drafts = drafts
        self.argv: list[str] = []
        self.given = ""
        self.mode = 0
        #: The reply draft on disk at the moment the editor started.
        self.draft_then: str | None = None

    def __call__(self, app: object, argv: list[str]) -> int:
        self.argv = argv
        path = Path(argv[-1])
        self.given = path.read_text(encoding="utf-8")
        self.mode = stat.S_IMODE(path.stat().st_mode)
        if self.drafts is not None:
            files = list(self.drafts.glob("*/reply-858462.json"))
            if files:
                self.draft_then = json.loads(files[0].read_text("utf-8"))["fields"]["body"]
        if self.new is not None:
            path.write_text(self.new, encoding="utf-8")
        return self.code


@pytest.fixture
def editor_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "my-editor --wait")


def use(monkeypatch: pytest.MonkeyPatch, editor: Editor) -> None:
    monkeypatch.setattr(ComposeForm, "run_editor", staticmethod(editor))


def body(app: object) -> TextArea:
    return app.screen.query_one("#input-body", TextArea)  # type: ignore[attr-defined]


async def test_the_text_goes_to_the_editor_after_the_draft_and_comes_back(
    sandbox: SandboxServer,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    editor_env: None,
) -> None:
    editor = FakeEditor(
        "Beste Thomas,\n\nGeschreven in mijn eigen editor.\n",
        drafts=isolated_home / "data" / "drafts",
    )
    use(monkeypatch, editor)
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        await open_form(pilot, "r", ReplyForm)
        await fill(pilot, body="Beste Thomas,")
        await pilot.press("ctrl+e")  # at once: the draft timer has not fired yet

        assert editor.argv[:2] == ["my-editor", "--wait"]
        temp = Path(editor.argv[-1])
        assert temp.name.startswith("omnitui-reply-858462-") and temp.suffix == ".txt"
        assert editor.given == "Beste Thomas,"
        assert editor.mode == 0o600
        assert editor.draft_then == "Beste Thomas,"  # saved before the editor ran
        assert not temp.exists()  # removed afterwards

        area = body(app)
        # The editor's final newline is not the agent's: the cursor ends after the last word.
        assert area.text == "Beste Thomas,\n\nGeschreven in mijn eigen editor."
        assert area.cursor_location == area.document.end
        assert app.focused is area
        assert "Your text is back from my-editor." in flat(screen_text(app))
        await type_keys(pilot, " Groet")
        assert area.text.endswith("eigen editor. Groet")
        await pilot.press("ctrl+z")  # one undo step back to before the editor
        await pilot.press("ctrl+z")
        assert area.text == "Beste Thomas,"


@pytest.mark.parametrize(
    ("editor", "said"),
    [
        (FakeEditor("Half weg", code=1), "Your editor (my-editor) exited with code 1"),
        (FakeEditor(None), "The editor left the message as it was."),
        (FakeEditor("Mijn notitie\n"), "The editor left the message as it was."),
    ],
    ids=["editor failed", "file untouched", "saved as it was, with a newline added"],
)
async def test_an_editor_that_fails_or_changes_nothing_keeps_the_text(
    ticket: Ticket,
    monkeypatch: pytest.MonkeyPatch,
    editor_env: None,
    editor: FakeEditor,
    said: str,
) -> None:
    use(monkeypatch, editor)
    app = FormHost(NoteForm(ticket))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill(pilot, body="Mijn notitie")
        await pilot.press("ctrl+e")
        assert editor.given == "Mijn notitie"
        assert body(app).text == "Mijn notitie"
        assert said in flat(screen_text(app))


async def test_an_editor_that_cannot_start_is_named(
    ticket: Ticket, monkeypatch: pytest.MonkeyPatch, editor_env: None
) -> None:
    def missing(app: object, argv: list[str]) -> int:
        raise FileNotFoundError(2, "No such file or directory")

    use(monkeypatch, missing)
    app = FormHost(ReplyForm(ticket))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill(pilot, body="Tekst")
        await pilot.press("ctrl+e")
        text = flat(screen_text(app))
        assert "Could not start your editor (my-editor): No such file or directory." in text
        assert body(app).text == "Tekst"


async def test_without_an_editor_set_the_agent_is_told_how_to_set_one(
    ticket: Ticket, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    editor = FakeEditor("never")
    use(monkeypatch, editor)
    app = FormHost(ReplyForm(ticket))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill(pilot, body="Tekst")
        await pilot.press("ctrl+e")
        assert "Set $EDITOR (or $VISUAL) to write in your own editor" in flat(screen_text(app))
        assert editor.argv == []
        assert body(app).text == "Tekst"


async def test_a_terminal_that_cannot_be_handed_over_is_told_plainly(
    ticket: Ticket, editor_env: None
) -> None:
    # The real runner: a headless app cannot suspend (Textual's SuspendNotSupported).
    app = FormHost(NoteForm(ticket))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill(pilot, body="Tekst")
        await pilot.press("ctrl+e")
        assert "This terminal cannot be handed over to another program" in flat(screen_text(app))
        assert body(app).text == "Tekst"


def test_visual_comes_before_editor_and_may_have_arguments() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "vi"}) == ["code", "--wait"]
    assert editor_command({"VISUAL": " ", "EDITOR": "nano"}) == ["nano"]
    assert editor_command({"EDITOR": "'/opt/my editor/bin/ed' -q"}) == [
        "/opt/my editor/bin/ed",
        "-q",
    ]
    assert editor_command({}) is None


def test_the_text_taken_back_is_safe_to_draw_and_keeps_its_own_newlines() -> None:
    assert taken_back("a", "a\nb\n") == "a\nb"
    assert taken_back("a\n", "a\nb\n") == "a\nb\n"
    assert taken_back("", "x\r\ny\x1b[2J\n") == "x\ny␛[2J"
