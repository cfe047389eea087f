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
        record.msg, record.args = self.redact(record.getMessage()), None
        # A traceback is formatted after the filters ran, and an exception's text can hold the
        # key: format it now, redacted, in the place the formatter looks first.
        if record.exc_info:
            record.exc_text = self.redact(_FORMATTER.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text


_FORMATTER = logging.Formatter()


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
