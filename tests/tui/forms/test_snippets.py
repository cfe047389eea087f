"""Snippet files and their placeholders (omnitui.storage.snippets), without a screen."""

from __future__ import annotations

from pathlib import Path

from omnitui.storage.snippets import (
    MAX_BYTES,
    Snippet,
    fill_placeholders,
    load_snippets,
    matching,
    snippets_dir,
)

VALUES = {"customer_first_name": "Thomas", "ticket_id": "858462", "agent_name": "Anna"}


def test_the_folder_is_in_the_config_directory(isolated_home: Path) -> None:
    assert snippets_dir() == isolated_home / "config" / "snippets"
    folder = load_snippets()  # not there yet: simply none
    assert (folder.snippets, folder.problems) == ([], [])


def test_each_txt_or_md_file_is_a_snippet_titled_by_its_name(tmp_path: Path) -> None:
    (tmp_path / "zebra.txt").write_text("Z\n\n", encoding="utf-8")
    (tmp_path / "Apple pie.MD").write_text("A", encoding="utf-8")
    (tmp_path / "banana.md").write_text("line 1\r\nline 2\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("no", encoding="utf-8")
    (tmp_path / "notes.json").write_text("no", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "huge.txt").write_text("x" * (MAX_BYTES + 1), encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("café".encode("latin-1"))

    folder = load_snippets(tmp_path)
    assert folder.snippets == [
        Snippet("Apple pie", "A"),
        Snippet("banana", "line 1\nline 2"),
        Snippet("zebra", "Z"),
    ]
    assert folder.problems == [
        "huge.txt: larger than 256 KiB, skipped",
        "latin1.txt: not UTF-8 text, skipped",
    ]


def test_a_filter_matches_words_of_the_title_first_then_of_the_text() -> None:
    snippets = [
        Snippet("Refund sent", "Your money is on its way."),
        Snippet("Shipping delay", "The refund will follow the parcel."),
        Snippet("Signature", "Kind regards"),
    ]
    assert [s.title for s in matching(snippets, "refund")] == ["Refund sent", "Shipping delay"]
    assert [s.title for s in matching(snippets, "SENT ref")] == ["Refund sent"]
    assert [s.title for s in matching(snippets, "")] == [s.title for s in snippets]
    assert matching(snippets, "nothing") == []


def test_known_placeholders_are_filled_and_every_one_is_replaced() -> None:
    filled = fill_placeholders(
        "Dear {customer_first_name}, #{ticket_id} ({ticket_id}) — {agent_name}", VALUES
    )
    assert filled.text == "Dear Thomas, #858462 (858462) — Anna"
    assert filled.notes == []


def test_unknown_placeholders_stay_as_typed_and_are_named_once() -> None:
    filled = fill_placeholders("{order} {order} {Ticket_ID} {{x}} { agent_name }", VALUES)
    assert filled.text == "{order} {order} {Ticket_ID} {{x}} { agent_name }"
    assert filled.notes[0] == (
        "Left as typed (not a placeholder omnitui knows): {order}, {Ticket_ID}, {x}."
    )
    assert "{customer_first_name}, {ticket_id}, {agent_name}" in filled.notes[1]


def test_a_placeholder_without_a_value_is_empty_with_a_note() -> None:
    filled = fill_placeholders(
        "Hi {customer_first_name}, {agent_name}.",
        {**VALUES, "customer_first_name": "", "agent_name": ""},
    )
    assert filled.text == "Hi , ."
    assert filled.notes == [
        "{customer_first_name} was left empty: the ticket's customer has no first name in "
        "Omnidesk.",
        "{agent_name} was left empty: omnitui does not know your name yet.",
    ]
