"""Unsent form input kept on disk: reply and note drafts, and the values of forms that failed.

An agent's typing must survive closing the form, leaving the ticket, quitting, a crash, ``kill -9``
and a dropped SSH session. So each draft is one small JSON file per (account, form, ticket),
replaced atomically and readable by its owner only: it may hold a customer's words. A damaged
file is treated as no draft, never as an error. No Textual import here: the forms decide *when*
to save (debounced as the agent types), this module only decides *how*.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from omnitui.core import paths
from omnitui.core.private_files import write_private

#: The forms that keep drafts; also the first part of each draft's file name.
DRAFT_KINDS: Final = ("reply", "note", "create", "update", "status")
FORMAT_VERSION: Final = 1


@dataclass(frozen=True, slots=True)
class Draft:
    """What was typed into one form, field name -> text, with where it belongs."""

    kind: str
    ticket_id: int | None
    fields: dict[str, str]
    saved_at: float = 0.0


class DraftStore:
    """The drafts of one account, one JSON file each under ``<data dir>/drafts/<account>/``."""

    def __init__(self, account: str, root: Path | None = None) -> None:
        self.account = account
        self.directory = (
            root if root is not None else paths.data_dir() / "drafts"
        ) / paths.account_slug(account)

    def __repr__(self) -> str:
        return f"DraftStore({self.account!r}, {str(self.directory)!r})"

    def path(self, kind: str, ticket_id: int | None) -> Path:
        """The file of one draft; ``kind`` must be one of :data:`DRAFT_KINDS`."""
        if kind not in DRAFT_KINDS:
            raise ValueError(f"unknown draft kind {kind!r}")
        if ticket_id is not None and (not isinstance(ticket_id, int) or ticket_id < 0):
            raise ValueError(f"not a ticket number: {ticket_id!r}")
        return self.directory / f"{kind}-{'new' if ticket_id is None else ticket_id}.json"

    def load(self, kind: str, ticket_id: int | None) -> Draft | None:
        """The saved draft, or None when there is none or it cannot be read."""
        path = self.path(kind, ticket_id)
        try:
            raw = json.loads(path.read_text(encoding="utf-8", errors="replace"))
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("fields"), dict):
            return None
        fields = {
            _clean(key): _clean(value)
            for key, value in raw["fields"].items()
            if isinstance(key, str) and isinstance(value, str)
        }
        if not fields:
            return None
        saved_at = raw.get("saved_at")
        return Draft(
            kind,
            ticket_id,
            fields,
            float(saved_at) if isinstance(saved_at, int | float) else 0.0,
        )

    def save(self, kind: str, ticket_id: int | None, fields: Mapping[str, str]) -> None:
        """Replace the draft with ``fields``; nothing but blanks removes it instead."""
        if not any(value.strip() for value in fields.values()):
            self.remove(kind, ticket_id)
            return
        document = {
            "version": FORMAT_VERSION,
            "kind": kind,
            "ticket_id": ticket_id,
            "saved_at": time.time(),
            "fields": dict(fields),
        }
        write_private(self.path(kind, ticket_id), json.dumps(document, ensure_ascii=False))

    def remove(self, kind: str, ticket_id: int | None) -> None:
        """Forget a draft (after it was sent, or the agent discarded it)."""
        with contextlib.suppress(FileNotFoundError):
            self.path(kind, ticket_id).unlink()

    def all(self) -> list[Draft]:
        """Every readable draft of this account, newest first."""
        drafts: list[Draft] = []
        for path in self.directory.glob("*.json"):
            kind, _, ticket = path.stem.partition("-")
            if kind not in DRAFT_KINDS or not (ticket == "new" or ticket.isdigit()):
                continue
            draft = self.load(kind, None if ticket == "new" else int(ticket))
            if draft is not None:
                drafts.append(draft)
        return sorted(drafts, key=lambda d: d.saved_at, reverse=True)


def _clean(text: str) -> str:
    """Lone surrogates (from a hand-edited file) would break the editor and the next save."""
    return text.encode("utf-8", errors="replace").decode("utf-8")
