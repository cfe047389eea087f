"""The README's key tables, generated from the bindings so the documentation cannot drift.

``python -m tools.keys_doc`` rewrites the block between the markers in README.md;
``--check`` only says whether it is current (a test runs the same check).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from textual.binding import Binding, BindingType

BEGIN = "<!-- keys:begin — generated from the bindings by `make docs`; do not edit by hand -->"
END = "<!-- keys:end -->"


def sections() -> list[tuple[str, list[BindingType]]]:
    """(heading, bindings) in the order an agent meets them."""
    from omnitui.tui.app import OmniApp
    from omnitui.tui.forms.assign import AssignForm
    from omnitui.tui.forms.base import FormScreen
    from omnitui.tui.forms.canned import SnippetPicker
    from omnitui.tui.forms.compose import ComposeForm
    from omnitui.tui.forms.quick import ResultsScreen
    from omnitui.tui.forms.tags import TagList
    from omnitui.tui.screens.export import ExportScreen
    from omnitui.tui.screens.filter import FilterScreen
    from omnitui.tui.screens.help import HelpScreen
    from omnitui.tui.screens.lookup import LookupScreen
    from omnitui.tui.screens.pinned import PinnedScreen
    from omnitui.tui.screens.queues import QueueScreen
    from omnitui.tui.screens.ticket import TicketScreen
    from omnitui.tui.screens.ticket_attachments import AttachmentPicker
    from omnitui.tui.screens.welcome import WelcomeScreen
    from omnitui.tui.widgets.queue_list import QueueList
    from omnitui.tui.widgets.search_field import SearchField
    from omnitui.tui.widgets.timeline import TimelineView

    return [
        ("Everywhere", list(OmniApp.BINDINGS)),
        ("Lookup screen", [*LookupScreen.BINDINGS, *SearchField.BINDINGS, *QueueList.BINDINGS]),
        ("A queue's tickets (Enter on a queue)", list(QueueScreen.BINDINGS)),
        ("Ticket screen", [*TicketScreen.BINDINGS, *TimelineView.BINDINGS]),
        ("Pinned notes (`P` on a ticket)", list(PinnedScreen.BINDINGS)),
        ("Filter (`f` on a ticket)", list(FilterScreen.BINDINGS)),
        ("Attachments (`d` on an entry with several)", list(AttachmentPicker.BINDINGS)),
        ("Export (`x` on a ticket)", list(ExportScreen.BINDINGS)),
        ("Forms (reply, note, edit, status, new ticket)", list(FormScreen.BINDINGS)),
        ("Reply and note forms", list(ComposeForm.BINDINGS)),
        (
            "Assign, priority, tags (`a`, `p`, `t`)",
            [*AssignForm.BINDINGS, *TagList.BINDINGS, *ResultsScreen.BINDINGS],
        ),
        ("Canned replies (`ctrl+t` in a reply or note)", list(SnippetPicker.BINDINGS)),
        ("Welcome screen (no account configured yet)", list(WelcomeScreen.BINDINGS)),
        ("Help screen", list(HelpScreen.BINDINGS)),
    ]


def markdown() -> str:
    """Tables of key, what it does, and the binding id that ``[keymap]`` in the config uses."""
    parts: list[str] = []
    for heading, bindings in sections():
        parts += [f"**{heading}**", "", "| key | does | id |", "|---|---|---|"]
        parts += [
            f"| {keys} | {does} | `{binding_id}` |" for keys, does, binding_id in _rows(bindings)
        ]
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def _rows(bindings: Iterable[BindingType]) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for binding in bindings:
        assert isinstance(binding, Binding), "bindings are declared with Binding(...)"
        if not binding.description:
            continue
        keys = " ".join(f"`{_display(key)}`" for key in binding.key.split(","))
        does = (binding.tooltip or binding.description).replace("|", "\\|")
        rows.append((keys, does, binding.id or ""))
    return rows


def _display(key: str) -> str:
    from textual.keys import format_key

    *modifiers, name = key.strip().split("+")
    shown = "enter" if name == "enter" else format_key(name)  # "⏎" reads poorly in a table
    if shown == name and len(name) > 1:
        shown = name.replace("_", " ")
    return "+".join([*modifiers, shown])


def replace_block(readme: str, block: str) -> str:
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    return readme[:start] + "\n\n" + block + "\n" + readme[end:]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.keys_doc")
    parser.add_argument("--readme", type=Path, default=Path("README.md"))
    parser.add_argument("--check", action="store_true", help="only check that README is current")
    args = parser.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    updated = replace_block(text, markdown())
    if args.check:
        if updated != text:
            print(f"{args.readme}: the key tables are out of date; run: make docs")
            return 1
        return 0
    if updated != text:
        args.readme.write_text(updated, encoding="utf-8")
        print(f"{args.readme}: key tables updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
