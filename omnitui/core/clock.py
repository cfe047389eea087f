"""The time, in one place, so that countdowns can be frozen in tests and screenshots."""

from __future__ import annotations

import time
from datetime import datetime


class Clock:
    """Wall time for dates the API gives without a zone, a monotonic one for countdowns."""

    def now(self) -> datetime:
        return datetime.now()

    def monotonic(self) -> float:
        return time.monotonic()


class FrozenClock(Clock):
    """A clock that stands still: screenshots and snapshot tests must not change by the minute."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return 0.0
