"""How an attachment reads under its entry: name, size and type on one line; a picture as
``[image: name]``; a hostile name inert and cut to a line."""

from __future__ import annotations

from typing import Any

import pytest
from rich.cells import cell_len

from omnitui.api.models import Attachment, TimelineEntry
from omnitui.render.attachments import (
    NAME_CELLS,
    attachment_line,
    extension_for,
    human_size,
    kind_text,
)
from omnitui.render.html import render_body
from omnitui.render.timeline import entry_plain_text, layout_entry, line_text


def file(**fields: Any) -> Attachment:
    return Attachment.model_validate(fields)


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 B"),
        (740, "740 B"),
        (999, "999 B"),
        (1000, "1 kB"),
        (1234, "1.2 kB"),
        (12_345, "12 kB"),
        (120_000, "120 kB"),
        (999_499, "999 kB"),
        (999_999, "1 MB"),
        (1_234_567, "1.2 MB"),
        (48_000_000, "48 MB"),
        (3_400_000_000, "3.4 GB"),
    ],
)
def test_sizes_read_as_a_file_manager_shows_them(size: int, shown: str) -> None:
    assert human_size(size) == shown


@pytest.mark.parametrize(
    ("mime_type", "name", "kind"),
    [
        ("application/pdf", "pakbon.pdf", "PDF"),
        ("image/png", "foto.png", "PNG image"),
        ("IMAGE/JPEG", "x", "JPEG image"),
        ("text/plain; charset=utf-8", "serienummers.txt", "text"),
        ("text/x-log", "app.log", "text"),
        ("application/octet-stream", "offerte.docx", "Word document"),
        ("", "cijfers.XLSX", "Excel spreadsheet"),
        ("", "readme", ""),
        ("application/octet-stream", "blob.bin", ""),
        ("application/x-custom-thing", "x.thing", "application/x-custom-thing"),
        ("video/mp4", "clip.mp4", "video"),
    ],
)
def test_the_type_is_named_in_words(mime_type: str, name: str, kind: str) -> None:
    assert kind_text(file(name=name, mime_type=mime_type)) == kind


def test_a_file_line_has_name_size_and_type() -> None:
    line = attachment_line(file(name="invoice.pdf", size=120_000, mime_type="application/pdf"))
    assert line == "📎 invoice.pdf · 120 kB · PDF"


def test_what_is_unknown_is_left_out() -> None:
    assert attachment_line(file(name="notes")) == "📎 notes"
    assert attachment_line(file(size=12_000)) == "📎 unnamed file · 12 kB"


def test_a_picture_is_a_line_that_names_it() -> None:
    photo = file(name="schade-foto.png", size=740, mime_type="image/png")
    assert attachment_line(photo) == "[image: schade-foto.png] · 740 B"
    by_name = file(name="scan.JPG", mime_type="application/octet-stream")
    assert attachment_line(by_name) == "[image: scan.JPG]"


@pytest.mark.parametrize(
    "name",
    [
        "invoice\u202efdp.exe",  # bidi override: would show as "invoiceexe.pdf"
        "\x1b]0;PWNED\x07.txt",  # OSC title
        "\x1b[2Jfactuur.pdf",  # clear screen
        "factuur\r\noverwrite.pdf",
        "pay\u200bpal.pdf",
        "nul\x00byte\x7f\x9b.pdf",
    ],
)
def test_a_hostile_name_is_shown_inert_on_one_line(name: str) -> None:
    line = attachment_line(file(name=name, size=10, mime_type="application/pdf"))
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in line)
    assert "\u202e" not in line and "\u200b" not in line
    assert "\n" not in line
    assert line.endswith(" · 10 B · PDF")


def test_a_name_with_folders_is_shown_as_sent() -> None:
    """The agent sees what the customer sent; only the saved file's name is made safe."""
    assert attachment_line(file(name="../../etc/passwd")) == "📎 ../../etc/passwd"


def test_a_long_name_is_cut_to_a_line() -> None:
    line = attachment_line(file(name="x" * 5000 + ".pdf", size=1, mime_type="application/pdf"))
    name = line.removeprefix("📎 ").split(" · ")[0]
    assert cell_len(name) == NAME_CELLS and name.endswith("…")
    wide = attachment_line(file(name="注文" * 100))
    assert cell_len(wide.removeprefix("📎 ")) <= NAME_CELLS


def test_a_nameless_file_gets_an_ending_from_its_type() -> None:
    assert extension_for(file(mime_type="application/pdf")) == ".pdf"
    assert extension_for(file(mime_type="application/x-unknown")) == ""


def test_files_are_listed_under_their_entry_one_line_each() -> None:
    entry = TimelineEntry.model_validate(
        {
            "id": "1",
            "type": "message",
            "direction": "inbound",
            "content": "Zie bijlage.",
            "files": [
                {"id": 1, "name": "schade-foto.png", "size": 740, "mime_type": "image/png"},
                {"id": 2, "name": "pakbon.pdf", "size": 12_000, "mime_type": "application/pdf"},
            ],
        }
    )
    lines = [line_text(line) for line in layout_entry(entry, render_body(entry.content), 60).lines]
    assert lines[-3:] == [
        "▌ [image: schade-foto.png] · 740 B",
        "▌ 📎 pakbon.pdf · 12 kB · PDF",
        "",
    ]
    text = entry_plain_text(entry, render_body(entry.content))
    assert text.endswith("[image: schade-foto.png] · 740 B\n📎 pakbon.pdf · 12 kB · PDF\n")


@pytest.mark.parametrize(
    "sent",
    [
        {"name": "a.pdf", "size": {"bytes": 3}},
        {"name": "a.pdf", "size": "9" * 5000},
        {"name": "a.pdf", "size": -4, "id": [1], "url": 7, "mime_type": None},
        {"name": "a.pdf", "size": float("nan")},
        {"name": "", "file_name": "a.pdf", "size": "12"},
    ],
)
def test_an_odd_file_keeps_its_entry_and_loses_only_the_odd_detail(sent: dict[str, Any]) -> None:
    entry = TimelineEntry.model_validate({"id": "1", "type": "message", "files": [sent]})
    (only,) = entry.files
    assert only.name == "a.pdf"
    assert only.size in (None, 12)
    assert only.url is None and only.mime_type == ""
