"""Canned replies: text snippets the agent keeps as files, with placeholders filled per ticket.

Each snippet is one file in ``<config dir>/snippets/`` ending in ``.txt`` or ``.md``; its name
without the suffix is the title the picker shows. Files are the whole storage on purpose: an
agent (or a team, with a shared folder or a git checkout) edits them with any editor, and
nothing in omnitui has to manage them.

Placeholders are ``{name}`` with a known name (:data:`PLACEHOLDERS`). Filling never fails and
never guesses: an unknown name is left exactly as typed, and a known one with no value (a
ticket without a customer first name) becomes empty; either way a note says so, so the agent
can fix the text before sending. This module knows nothing of Textual or of tickets: the caller
says what each placeholder is worth.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from omnitui.core import paths
from omnitui.core.sanitize import sanitize

#: The file endings a snippet may have; other files in the folder are not snippets.
SUFFIXES = (".txt", ".md")

#: The placeholders a snippet may use, with what each stands for (the picker lists them).
PLACEHOLDERS: dict[str, str] = {
    "customer_first_name": "the customer's first name",
    "ticket_id": "the ticket's number",
    "agent_name": "your name",
}

#: Why a placeholder can be without a value, as the note after inserting says.
WHY_EMPTY: dict[str, str] = {
    "customer_first_name": "the ticket's customer has no first name in Omnidesk",
    "ticket_id": "the ticket has no number yet",
    "agent_name": "omnitui does not know your name yet",
}

#: Larger files are not snippets (a log or an export dropped there by mistake): not read.
MAX_BYTES = 256 * 1024

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def snippets_dir() -> Path:
    """Where the snippets live: under the config directory, so ``OMNITUI_CONFIG_DIR`` moves them."""
    return paths.config_dir() / "snippets"


@dataclass(frozen=True)
class Snippet:
    title: str
    text: str


@dataclass(frozen=True)
class SnippetFolder:
    """What the folder held: the snippets by title, and the files that could not be read."""

    directory: Path
    snippets: list[Snippet] = field(default_factory=list)
    #: One line per file that was skipped, saying why.
    problems: list[str] = field(default_factory=list)


def load_snippets(directory: Path | None = None) -> SnippetFolder:
    """Read every snippet in ``directory`` (the config's by default), sorted by title.

    A missing folder is simply no snippets; a file that cannot be read is named in
    ``problems`` and the others are still offered.
    """
    directory = directory or snippets_dir()
    snippets: list[Snippet] = []
    problems: list[str] = []
    try:
        candidates = sorted(directory.iterdir())
    except FileNotFoundError:
        return SnippetFolder(directory)
    except OSError as exc:
        return SnippetFolder(directory, problems=[f"{directory}: {exc.strerror or exc}"])
    for path in candidates:
        if path.suffix.lower() not in SUFFIXES or path.name.startswith("."):
            continue
        try:
            if not path.is_file():
                continue
            if path.stat().st_size > MAX_BYTES:
                problems.append(f"{path.name}: larger than {MAX_BYTES // 1024} KiB, skipped")
                continue
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(f"{path.name}: not UTF-8 text, skipped")
            continue
        except OSError as exc:
            problems.append(f"{path.name}: {exc.strerror or exc}, skipped")
            continue
        # Editors end files with a newline; the reply goes on after the snippet, on its line.
        snippets.append(Snippet(title=sanitize(path.stem), text=sanitize(text).rstrip("\n")))
    snippets.sort(key=lambda snippet: snippet.title.casefold())
    return SnippetFolder(directory, snippets, problems)


def matching(snippets: Iterable[Snippet], query: str) -> list[Snippet]:
    """The snippets whose title or text holds every word of ``query``; title matches first."""
    words = query.casefold().split()
    titles: list[Snippet] = []
    texts: list[Snippet] = []
    for snippet in snippets:
        title = snippet.title.casefold()
        if all(word in title for word in words):
            titles.append(snippet)
        elif all(word in title or word in snippet.text.casefold() for word in words):
            texts.append(snippet)
    return titles + texts


@dataclass(frozen=True)
class Filled:
    """A snippet's text with its placeholders filled, and what the agent should check."""

    text: str
    notes: list[str]


def fill_placeholders(text: str, values: Mapping[str, str]) -> Filled:
    """Replace each known ``{name}`` with ``values[name]``; see the module doc for the rest.

    ``values`` holds an entry for every placeholder the caller knows of; an empty value is a
    placeholder that has no value for this ticket.
    """
    unknown: list[str] = []
    empty: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            if match.group(0) not in unknown:
                unknown.append(match.group(0))
            return match.group(0)
        value = values[name]
        if not value and name not in empty:
            empty.append(name)
        return value

    filled = _PLACEHOLDER.sub(replace, text)
    notes = [
        f"{{{name}}} was left empty: {WHY_EMPTY.get(name, 'it has no value here')}."
        for name in empty
    ]
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        notes.append(f"Left as typed (not a placeholder omnitui knows): {', '.join(unknown)}.")
        notes.append(f"The placeholders are {known}.")
    return Filled(filled, notes)
