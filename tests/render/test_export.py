"""Exporting a ticket as Markdown or plain text."""

from __future__ import annotations

from typing import Any

import pytest

from omnitui.api.models import Ticket
from omnitui.render.export import (
    ExportFormat,
    default_file_name,
    export_ticket,
    md_escape,
)
from omnitui.render.html import render_body


def bodies(ticket: Ticket) -> list[Any]:
    return [None if e.type == "event" else render_body(e.content) for e in ticket.timeline]


@pytest.fixture
def ticket(seed_document: dict[str, Any]) -> Ticket:
    return Ticket.model_validate(seed_document["item"])


def test_plain_text_has_the_header_and_every_entry(ticket: Ticket) -> None:
    text = export_ticket(ticket, bodies(ticket), ExportFormat.PLAIN)
    lines = text.splitlines()
    assert lines[0] == "#858462 vraag van Thomas"
    assert "Status:          new" in lines
    assert "Customer:        T van Test (ext 20164564646592575)" in lines
    assert "Web:             https://guiurl.brand.com/?ticketID=858462#20164564646592575" in lines
    message = lines.index("--- ← thomas@test.com · e-mail · 2019-09-28 22:06:17")
    event = lines.index(
        "  · Assigned to Servicee · trigger: Assign to service · 2019-09-28 22:06:23"
    )
    note = lines.index("--- Internal note · marleen · 2019-09-28 23:30:13")
    assert message < event < note
    assert "HTML email content" in text
    assert "My intern note on this ticket" in text
    assert "<b>" not in text and "<p>" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_has_headings_facts_and_events(ticket: Ticket) -> None:
    text = export_ticket(ticket, bodies(ticket), ExportFormat.MARKDOWN)
    lines = text.splitlines()
    assert lines[0] == "# \\#858462 vraag van Thomas"
    assert "- **Status:** new" in lines
    assert "## Timeline (3 entries)" in lines
    assert "### ← thomas@test.com · e-mail · 2019-09-28 22:06:17" in lines
    assert "- *Assigned to Servicee · trigger: Assign to service · 2019-09-28 22:06:23*" in lines
    assert "### Internal note · marleen · 2019-09-28 23:30:13" in lines


def test_markdown_keeps_customer_text_as_text() -> None:
    ticket = Ticket.model_validate(
        {
            "id": 7,
            "title": "[click](javascript:alert(1))",
            "timeline": [
                {
                    "type": "note",
                    "created_at": "2026-01-01 10:00:00",
                    "content": "line one\n<img src=x onerror=alert(1)>\n- not a list\n1. nor this",
                }
            ],
        }
    )
    text = export_ticket(ticket, [None], ExportFormat.MARKDOWN)
    assert "# \\#7 \\[click\\](javascript:alert(1))" in text
    assert "line one\\\n\\<img src=x onerror=alert(1)\\>\\\n\\- not a list\\\n1\\. nor this" in text


def test_quotes_links_and_attachments() -> None:
    ticket = Ticket.model_validate(
        {
            "id": 8,
            "timeline": [
                {
                    "type": "message",
                    "direction": "inbound",
                    "from": "a@b.example",
                    "created_at": "2026-01-01 10:00:00",
                    "content": "<p>Hi, see <a href='https://x.example/t'>this</a></p>"
                    "<blockquote>old mail</blockquote>",
                    "files": [{"name": "invoice.pdf", "size": 1200}],
                }
            ],
        }
    )
    body = [render_body(ticket.timeline[0].content)]
    plain = export_ticket(ticket, body, ExportFormat.PLAIN)
    assert "> old mail" in plain
    assert "https://x.example/t" in plain
    assert plain.rstrip().endswith("Attachment: invoice.pdf")
    markdown = export_ticket(ticket, body, ExportFormat.MARKDOWN)
    assert "> old mail" in markdown
    assert "Attachment: invoice.pdf" in markdown


def test_one_body_per_entry(ticket: Ticket) -> None:
    with pytest.raises(ValueError):
        export_ticket(ticket, [], ExportFormat.PLAIN)


def test_file_names_and_escaping() -> None:
    assert default_file_name(858462, ExportFormat.MARKDOWN) == "omnitui-858462.md"
    assert default_file_name(858462, ExportFormat.PLAIN) == "omnitui-858462.txt"
    assert md_escape("a_b *c* `d` <e> #f |g| ~h~") == (
        "a\\_b \\*c\\* \\`d\\` \\<e\\> \\#f \\|g\\| \\~h\\~"
    )
    assert md_escape("  + item") == "  \\+ item"
    assert md_escape("2026-11-25") == "2026-11-25"


def test_urls_in_markdown_work_when_copied(ticket: Ticket) -> None:
    """The seed's web URL has a ``#``: escaped as ``\\#`` it would point somewhere else."""
    markdown = export_ticket(ticket, bodies(ticket), ExportFormat.MARKDOWN)
    assert ticket.external_gui_url and "#" in ticket.external_gui_url
    assert f"<{ticket.external_gui_url}>" in markdown
    assert md_escape("see https://x.example/a_b?c=1#d_e.") == "see <https://x.example/a_b?c=1#d_e>."
    assert md_escape("https://x.example/<img>") == "<https://x.example/>\\<img\\>"
    assert md_escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
