"""Canned replies (``ctrl+t``): a picker of snippet files, inserted at the cursor, filled in."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static, TextArea

from omnitui.api.agents import AgentIdentity
from omnitui.api.models import Ticket
from omnitui.sandbox import SandboxServer
from omnitui.tui.forms.canned import SnippetPicker
from omnitui.tui.forms.message import NoteForm, ReplyForm

from .conftest import FormHost, app_for, fill, flat, open_form, open_ticket_app, screen_text


@pytest.fixture
def snippets(isolated_home: Path) -> Path:
    folder = isolated_home / "config" / "snippets"
    folder.mkdir(parents=True)
    (folder / "Thanks for waiting.txt").write_text(
        "Dear {customer_first_name},\n\nThanks for waiting on ticket #{ticket_id}.\n",
        encoding="utf-8",
    )
    (folder / "Refund sent.md").write_text(
        "Hi {customer_first_name}, the refund is on its way.\n", encoding="utf-8"
    )
    (folder / "Signature.txt").write_text("Kind regards,\n{agent_name}\n", encoding="utf-8")
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a snippet
    return folder


def body(app: FormHost | object) -> TextArea:
    return app.screen.query_one("#input-body", TextArea)  # type: ignore[attr-defined]


def listed(app: object) -> list[str]:
    options = app.screen.query_one("#snippet-list", OptionList)  # type: ignore[attr-defined]
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_picker_lists_filters_and_inserts_at_the_cursor_filled_from_the_ticket(
    sandbox: SandboxServer, snippets: Path
) -> None:
    app = app_for(sandbox, ticket=858462)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_ticket_app(pilot)
        form = await open_form(pilot, "r", ReplyForm)
        assert "ctrl+e: your own editor · ctrl+t: canned reply" in screen_text(app)
        await fill(pilot, body="Hallo,\nGroet")
        body(app).move_cursor((1, 0))  # at the start of the second line

        await pilot.press("ctrl+t")
        assert isinstance(app.screen, SnippetPicker)
        assert listed(app) == ["Refund sent", "Signature", "Thanks for waiting"]
        text = flat(screen_text(app))
        assert "Canned replies" in text
        assert "Hi {customer_first_name}, the refund is on its way." in text  # the preview

        await pilot.press("w", "a", "i", "t")
        assert listed(app) == ["Thanks for waiting"]
        await pilot.press("enter")
        assert app.screen is form
        assert app.focused is body(app)
        assert body(app).text == ("Hallo,\nDear T,\n\nThanks for waiting on ticket #858462.Groet")
        # The cursor is after what was inserted: typing goes on from there.
        assert body(app).cursor_location == (3, len("Thanks for waiting on ticket #858462."))
        assert "Inserted “Thanks for waiting”." in flat(screen_text(app))


async def test_arrows_choose_and_the_search_reaches_the_text_too(
    ticket: Ticket, snippets: Path
) -> None:
    app = FormHost(NoteForm(ticket))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.press("down", "down", "up")
        assert "Kind regards," in flat(screen_text(app))  # the preview follows the arrows
        await pilot.press("r", "e", "f", "u", "n", "d")
        assert listed(app) == ["Refund sent"]
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.press("backspace", "w", "a", "y")  # only in the text of one snippet
        assert listed(app) == ["Refund sent"]
        await pilot.press("x")
        assert listed(app) == []
        assert "No canned reply matches “wayx”." in flat(screen_text(app))
        await pilot.press("enter")  # nothing to insert: the picker stays
        assert isinstance(app.screen, SnippetPicker)
        await pilot.press("escape")
        assert app.screen is app.form
        assert body(app).text == ""


async def test_a_missing_agent_name_and_an_unknown_placeholder_are_named(
    ticket: Ticket, snippets: Path
) -> None:
    (snippets / "Odd.txt").write_text("Order {order_id} for {customer_first_name}\n")
    app = FormHost(ReplyForm(ticket))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t", "s", "i", "g", "n", "enter")
        assert body(app).text == "Kind regards,\n"
        text = flat(screen_text(app))
        assert "{agent_name} was left empty: omnitui does not know your name yet." in text

        await pilot.press("ctrl+t", "o", "d", "d", "enter")
        assert body(app).text == "Kind regards,\nOrder {order_id} for T"
        text = flat(screen_text(app))
        assert "Left as typed (not a placeholder omnitui knows): {order_id}." in text
        assert "{customer_first_name}, {ticket_id}, {agent_name}" in text


async def test_the_agent_name_comes_from_what_the_app_knows(ticket: Ticket, snippets: Path) -> None:
    app = FormHost(ReplyForm(ticket))
    app.identity = AgentIdentity(user_id=2, name="Marleen de Wit")  # type: ignore[attr-defined]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t", "s", "i", "g", "enter")
        assert body(app).text == "Kind regards,\nMarleen de Wit"
        assert "left empty" not in flat(screen_text(app))


async def test_without_snippets_the_picker_says_where_to_put_them(
    ticket: Ticket, isolated_home: Path
) -> None:
    app = FormHost(ReplyForm(ticket))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a", "b")
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, SnippetPicker)
        text = flat(screen_text(app))
        folder = isolated_home / "config" / "snippets"
        assert "No canned replies yet." in text
        assert "the file name is its title" in text
        # The folder's name is long in a test and wraps on screen: read it from the widget.
        where = str(app.screen.query_one("#snippet-empty", Static).content)
        assert f"in {folder}/ ending in .txt or .md" in where
        await pilot.press("escape")
        assert app.screen is app.form and app.focused is body(app)
        assert body(app).text == "ab"


async def test_an_unreadable_snippet_is_named_and_the_others_are_offered(
    ticket: Ticket, snippets: Path
) -> None:
    (snippets / "Broken.txt").write_bytes(b"\xff\xfe not utf-8")
    (snippets / "Escapes.txt").write_text("Hi \x1b]52;c;x\x07 there\n", encoding="utf-8")
    app = FormHost(ReplyForm(ticket))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        assert "Broken" not in listed(app)
        assert "Not offered: Broken.txt: not UTF-8 text, skipped" in flat(screen_text(app))
        await pilot.press("e", "s", "c", "enter")
        assert body(app).text == "Hi ␛]52;c;x\ufffd there"  # the escape made visible, inert
