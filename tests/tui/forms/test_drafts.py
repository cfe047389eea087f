"""Reply and note drafts: kept on disk as the agent types, back when the form opens again."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from omnitui.sandbox import SandboxServer
from omnitui.storage.drafts import DraftStore
from omnitui.tui.forms.confirm import ConfirmClose
from omnitui.tui.forms.draft import SAVE_AT_LEAST_EVERY, FormDraft
from omnitui.tui.forms.message import NoteForm, ReplyForm
from omnitui.tui.forms.update import UpdateTicketForm
from omnitui.tui.screens.lookup import LookupScreen
from omnitui.tui.screens.ticket import TicketScreen

from .conftest import (
    app_for,
    draft_files,
    fill,
    flat,
    open_form,
    open_ticket_app,
    posts,
    screen_text,
    settle,
    wait_until,
)

# ----------------------------------------------------------------------------------------------
# The store


def test_a_draft_round_trips_and_is_private(isolated_home: Path) -> None:
    drafts = DraftStore("Acme support")
    drafts.save("reply", 858462, {"to": "a@b.nl", "body": "Hallo ☕ 你好\n[b]x[/b]"})

    path = drafts.path("reply", 858462)
    assert path.parent == isolated_home / "data" / "drafts" / "acme-support"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["reply-858462.json"]  # no temp files
    draft = drafts.load("reply", 858462)
    assert draft is not None
    assert draft.fields == {"to": "a@b.nl", "body": "Hallo ☕ 你好\n[b]x[/b]"}
    assert drafts.load("note", 858462) is None
    assert drafts.load("reply", 100001) is None
    assert DraftStore("other account").load("reply", 858462) is None
    assert [d.ticket_id for d in drafts.all()] == [858462]

    drafts.save("reply", 858462, {"to": "  ", "body": ""})  # nothing left: no draft
    assert drafts.load("reply", 858462) is None and not path.exists()
    drafts.remove("reply", 858462)  # removing twice is fine


@pytest.mark.parametrize(
    "content",
    [
        "",
        "{",
        "[]",
        '{"fields": []}',
        '{"fields": {"body": 3}}',
        "[" * 100_000,
        '{"fields": {"body": "\\ud800 lone"}}',
    ],
)
def test_a_damaged_draft_file_is_no_draft_or_a_cleaned_one(
    isolated_home: Path, content: str
) -> None:
    drafts = DraftStore("sandbox")
    path = drafts.path("note", 1)
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    draft = drafts.load("note", 1)
    if draft is not None:
        assert draft.fields == {"body": "? lone"}
        draft.fields["body"].encode("utf-8")


def test_only_known_kinds_and_ticket_numbers_make_file_names(isolated_home: Path) -> None:
    drafts = DraftStore("../../etc")
    assert drafts.directory.name == "etc" and ".." not in drafts.directory.parts[-1]
    with pytest.raises(ValueError):
        drafts.path("../passwd", 1)
    with pytest.raises(ValueError):
        drafts.path("reply", -1)


def test_a_draft_that_cannot_be_written_is_said_once(tmp_path: Path) -> None:
    (tmp_path / "drafts").write_text("a file where the drafts' folder should be")
    said: list[str] = []
    draft = FormDraft(
        DraftStore("acme", root=tmp_path / "drafts"), "reply", 858462, warn=said.append
    )
    draft.write({"body": "Dear customer"}, changed=True)
    draft.write({"body": "Dear customer,"}, changed=True)
    assert len(said) == 1 and said[0].startswith("Could not save the draft to disk")
    assert draft.saved_fields({"body": ""}) == {}


def test_typing_is_written_at_least_every_two_seconds() -> None:
    draft = FormDraft(None, "note", 858462, warn=print)
    assert not draft.typed(100.0)
    assert not draft.typed(100.0 + SAVE_AT_LEAST_EVERY / 2)
    assert draft.typed(100.0 + SAVE_AT_LEAST_EVERY)
    draft.write({"body": "x"}, changed=True)
    assert draft.unsaved_since is None


@pytest.mark.parametrize("module", ["omnitui.storage.drafts", "omnitui.tui.forms.validation"])
def test_drafts_and_validation_need_no_textual(module: str) -> None:
    probe = f"import sys, {module}; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "False"), done.stderr


# ----------------------------------------------------------------------------------------------
# Through the app


async def test_a_reply_draft_survives_closing_leaving_and_a_new_session(
    sandbox: SandboxServer, isolated_home: Path
) -> None:
    data = isolated_home / "data"
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "r", ReplyForm)
        await fill(pilot, body="Beste Thomas, ik zoek het uit.")
        # Saved while typing, without closing the form.
        await wait_until(pilot, lambda: draft_files(data), timeout=5)
        saved = json.loads(draft_files(data)[0].read_text(encoding="utf-8"))
        assert saved["fields"]["body"] == "Beste Thomas, ik zoek het uit."

        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmClose))
        assert "The draft is kept for this ticket" in flat(screen_text(app))
        await pilot.press("enter")  # the first answer: close, keep the draft
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))

        await pilot.press("q")  # leave the ticket
        await wait_until(pilot, lambda: isinstance(app.screen, LookupScreen))
        app.open_ticket(858462)
        await open_ticket_app(pilot)
        form = await open_form(pilot, "r", ReplyForm)
        assert form.values()["body"] == "Beste Thomas, ik zoek het uit."
        assert "Your unsent draft for this ticket is back." in flat(screen_text(app))
        await fill(pilot, body="Beste Thomas, het is opgelost.")
        # Quit with the form open: the last text is saved on the way out.

    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "r", ReplyForm)
        assert form.values()["body"] == "Beste Thomas, het is opgelost."
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        await settle(pilot)
    assert draft_files(data) == []  # sent: the draft is gone
    assert len(posts(sandbox)) == 1


async def test_discarding_a_draft_forgets_it_and_keep_writing_goes_back(
    shared: SandboxServer, isolated_home: Path
) -> None:
    data = isolated_home / "data"
    app = app_for(shared, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "i", NoteForm)
        await fill(pilot, body="Niet nodig.")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmClose))
        await pilot.press("escape")  # back out of the question: keep writing
        await wait_until(pilot, lambda: app.screen is form)
        assert form.values()["body"] == "Niet nodig."

        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmClose))
        await pilot.press("right", "enter")  # "Discard the draft"
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
        assert draft_files(data) == []
        form = await open_form(pilot, "i", NoteForm)
        assert form.values()["body"] == ""
        await pilot.press("escape")  # nothing typed: closes without asking
        await wait_until(pilot, lambda: isinstance(app.screen, TicketScreen))
    assert posts(shared) == []


async def test_an_edit_form_left_open_when_the_app_goes_keeps_its_values(
    sandbox: SandboxServer, isolated_home: Path
) -> None:
    """Quit, a hang-up or a switch of account with an edit open: the typed title comes back."""
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket_app(pilot)
        await open_form(pilot, "e", UpdateTicketForm)
        await fill(pilot, title="Levering kwijt (half af)")
        # the app ends with the form open

    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "e", UpdateTicketForm)
        assert form.values()["title"] == "Levering kwijt (half af)"
    assert posts(sandbox) == []
