"""The time, in one place, so that countdowns can be frozen in tests and screenshots."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

#: How the API writes a date and time: local to the account, no zone ("2026-11-18 10:00:00").
#: So text order is time order, which the models' sorting relies on.
API_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


def api_date(moment: datetime) -> str:
    """``moment`` as the API writes dates (the sandbox writes them, the badges read them)."""
    return moment.strftime(API_DATE_FORMAT)


class Clock:
    """Wall time for dates the API gives without a zone, a monotonic one for countdowns.

    ``account_offset`` is how far the account's clock (the zone its dates are in) is from ours,
    once a response has told it (``omnitui.render.badges.learn_account_time``).
    """

    account_offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now()

    def account_now(self) -> datetime:
        """The time in the account's dates: what a snooze or breach date is compared with."""
        return self.now() + self.account_offset

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
