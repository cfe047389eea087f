"""The ``--log FILE`` debug log: private to its owner, with every secret redacted."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence


class RedactingFilter(logging.Filter):
    """Replaces each secret in a record's final text, whatever logger or argument carried it."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for secret in self._secrets:
            message = message.replace(secret, "[redacted]")
        record.msg, record.args = message, None
        return True


def setup_file_log(path: str, secrets: Sequence[str]) -> None:
    """Log at DEBUG to ``path``, created 0600, never to the terminal the TUI draws on."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.fchmod(fd, 0o600)
    handler = logging.StreamHandler(os.fdopen(fd, "a", encoding="utf-8", errors="replace"))
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
