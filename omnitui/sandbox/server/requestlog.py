"""A record of the API requests the sandbox received, for wire-level assertions in tests.

Tests check what the client actually sent: method, path, the ``apiKey`` header, the content type
and the field names, including repeated ``ticketIDs[]``. The log keeps the api key on purpose
(tests assert it); it lives in memory only and is never printed.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RecordedRequest:
    """One API request as it arrived. Header names are lower-case, as HTTP/ASGI gives them."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    content_type: str
    body: str
    form: list[tuple[str, str]]

    def header(self, name: str) -> str | None:
        """Return a header's value, whatever the case of ``name``."""
        return self.headers.get(name.lower())

    def field(self, name: str) -> str | None:
        """Return the last value of a form field, or None."""
        values = self.fields(name)
        return values[-1] if values else None

    def fields(self, name: str) -> list[str]:
        """Return every value sent for a form field name, in order."""
        return [value for key, value in self.form if key == name]

    def to_json(self) -> dict[str, Any]:
        """Return the request as ``GET /_sandbox/requests`` lists it."""
        return {
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": dict(self.headers),
            "content_type": self.content_type,
            "body": self.body,
            "form": [[key, value] for key, value in self.form],
        }


class RequestLog:
    """The most recent API requests, oldest first; safe to use from any thread."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._lock = threading.Lock()
        self._entries: deque[RecordedRequest] = deque(maxlen=max_entries)

    def record(self, request: RecordedRequest) -> None:
        """Add a request."""
        with self._lock:
            self._entries.append(request)

    def clear(self) -> None:
        """Forget every request."""
        with self._lock:
            self._entries.clear()

    def all(self) -> list[RecordedRequest]:
        """Return the recorded requests, oldest first (a copy)."""
        with self._lock:
            return list(self._entries)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def __iter__(self) -> Iterator[RecordedRequest]:
        return iter(self.all())

    def __getitem__(self, index: int) -> RecordedRequest:
        with self._lock:
            return self._entries[index]
