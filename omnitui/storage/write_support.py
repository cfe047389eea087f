"""What an account is known to apply of omnitui's writes, learnt from the writes read back.

An account may take a write and ignore a field (docs/omnidesk-api.md §10.10). Once a write read
back shows that, the app remembers it for the account, so the action is shown as unavailable with
the reason instead of failing the same way again; a later write of that field that is applied
clears it. One small JSON file per account under ``<data dir>/writes/``, readable by its owner
only; a damaged file counts as nothing known, never as an error. :func:`known_writes` is what
``omnitui doctor`` reports.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from omnitui.api.readback import FIELD_WORDS, ReadBack, WriteField
from omnitui.core import paths
from omnitui.core.private_files import write_private
from omnitui.core.sanitize import sanitize_line

FORMAT_VERSION = 1


class WriteState(StrEnum):
    APPLIED = "applied"
    IGNORED = "ignored"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Known:
    """What the last write of one field that taught something showed."""

    state: WriteState
    #: For an ignored field: the ticket and what it still was ("the tags are still none").
    ticket_id: int = 0
    detail: str = ""
    at: float = 0.0


class WriteSupport:
    """The memory of one account (a profile's name, or the demo's label)."""

    def __init__(self, account: str, root: Path | None = None) -> None:
        self.account = account
        folder = root if root is not None else paths.data_dir() / "writes"
        self.path = folder / f"{paths.account_slug(account)}.json"
        #: Writes are learnt from in a thread: two at once must not lose one.
        self._lock = threading.Lock()

    def load(self) -> dict[WriteField, Known]:
        """Every field something is known of."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        fields = raw.get("fields") if isinstance(raw, dict) else None
        known: dict[WriteField, Known] = {}
        for name, item in (fields or {}).items() if isinstance(fields, dict) else ():
            try:
                known[WriteField(name)] = Known(
                    WriteState(item["state"]),
                    int(item.get("ticket_id", 0)),
                    sanitize_line(str(item.get("detail", "")))[:300],
                    float(item.get("at", 0.0)),
                )
            except (KeyError, TypeError, ValueError, AttributeError):
                continue
        return known

    def state(self, field: WriteField) -> WriteState:
        known = self.load().get(field)
        return known.state if known is not None else WriteState.UNKNOWN

    def learn(self, readbacks: Iterable[ReadBack]) -> None:
        """Remember what these writes showed: a field applied, or taken and left as it was.

        A field that proved nothing (it already was as asked, or someone else changed it) and a
        write that could not be read back change nothing.
        """
        learnt: dict[WriteField, Known] = {}
        for readback in readbacks:
            if readback.ticket is None:
                continue
            for check in readback.checks:
                if check.applied and not check.no_op:
                    learnt[check.field] = Known(WriteState.APPLIED, at=time.time())
                elif not check.applied and check.unchanged:
                    detail = readback.still_phrase(check.field)
                    learnt[check.field] = Known(
                        WriteState.IGNORED, readback.ticket_id, detail, time.time()
                    )
        if learnt:
            self._store(learnt)

    def _store(self, learnt: Mapping[WriteField, Known]) -> None:
        with self._lock:
            known = {**self.load(), **learnt}
            data = {
                "version": FORMAT_VERSION,
                "fields": {
                    field.value: {
                        "state": item.state.value,
                        "ticket_id": item.ticket_id,
                        "detail": item.detail,
                        "at": item.at,
                    }
                    for field, item in known.items()
                },
            }
            write_private(self.path, json.dumps(data, ensure_ascii=False, indent=1))

    def unavailable(
        self, fields: Iterable[WriteField], *, short: bool = False
    ) -> dict[WriteField, str]:
        """The fields of ``fields`` known to be ignored, each with the reason in a sentence."""
        known = self.load()
        return {
            field: reason(field, item, short=short)
            for field in fields
            if (item := known.get(field)) is not None and item.state is WriteState.IGNORED
        }


def reason(field: WriteField, known: Known, *, short: bool = False) -> str:
    """Why changing ``field`` is shown as unavailable; ``short``: for a hint inside a form."""
    word = FIELD_WORDS[field]
    where = f" (#{known.ticket_id})" if known.ticket_id else ""
    detail = known.detail or f"the {word} did not change"
    if short:
        return (
            f"Changing the {word} is unavailable: last time Omnidesk accepted it but "
            f"{detail}{where}."
        )
    return (
        f"Changing the {word} is unavailable: the last time Omnidesk accepted the change but "
        f"{detail}{where}; this account may not allow changing it through the API. The edit "
        "form (e) can still try; a change that works makes it available again."
    )


def known_writes(account: str, root: Path | None = None) -> dict[WriteField, WriteState]:
    """Every field omnitui writes, with what ``account`` is known to do with it."""
    return states_of(WriteSupport(account, root).load())


def states_of(known: Mapping[WriteField, Known]) -> dict[WriteField, WriteState]:
    """Every field omnitui writes, with its state in ``known`` (what a memory loaded)."""
    return {
        field: known[field].state if field in known else WriteState.UNKNOWN for field in WriteField
    }
