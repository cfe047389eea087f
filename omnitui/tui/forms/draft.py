"""One open form's draft: read when the form opens, written while the agent types or when
sending fails, removed once it was sent. The form decides *when*; this keeps the *how*."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from omnitui.storage.drafts import DraftStore

log = logging.getLogger(__name__)

#: Seconds of quiet typing after which a draft is written.
SAVE_DELAY = 0.5
#: Even while the agent keeps typing, a draft is never older on disk than this.
SAVE_AT_LEAST_EVERY = 2.0


class FormDraft:
    """A form's entry in the drafts store (none when the form has no store)."""

    def __init__(
        self,
        store: DraftStore | None,
        kind: str,
        ticket_id: int | None,
        *,
        warn: Callable[[str], None],
    ) -> None:
        """``warn`` tells the agent, once, that the draft could not be written."""
        self.store = store
        self.kind = kind
        self.ticket_id = ticket_id
        #: Since when typing has not been written; None when all of it is on disk.
        self.unsaved_since: float | None = None
        self._warn = warn
        self._warned = False

    def saved_fields(self, fields: Mapping[str, str]) -> dict[str, str]:
        """What a draft holds for the form's ``fields``; empty when there is none."""
        draft = self.store.load(self.kind, self.ticket_id) if self.store is not None else None
        return {k: v for k, v in draft.fields.items() if k in fields} if draft else {}

    def typed(self, now: float) -> bool:
        """The agent typed at ``now``; True when the draft is overdue and must be written now."""
        if self.unsaved_since is None:
            self.unsaved_since = now
        return now - self.unsaved_since >= SAVE_AT_LEAST_EVERY

    def write(self, values: Mapping[str, str], *, changed: bool) -> None:
        """Save ``values``, or remove the draft when nothing was ``changed``."""
        self.unsaved_since = None
        if self.store is None:
            return
        try:
            if changed:
                self.store.save(self.kind, self.ticket_id, values)
            else:
                self.store.remove(self.kind, self.ticket_id)
        except OSError as exc:
            log.warning("could not write a draft: %s", exc)
            if not self._warned:
                self._warned = True
                self._warn(f"Could not save the draft to disk ({exc.strerror or exc}).")

    def remove(self) -> None:
        self.unsaved_since = None
        if self.store is not None:
            try:
                self.store.remove(self.kind, self.ticket_id)
            except OSError as exc:
                log.warning("could not remove a draft: %s", exc)
