"""SLA and snooze badges from a ticket and a pinned "now"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from omnitui.api.models import Ticket
from omnitui.render.badges import (
    Badge,
    short_duration,
    sla_badge,
    snooze_badge,
)

NOW = datetime(2026, 11, 25, 9, 0, 0)


def ticket(**fields: Any) -> Ticket:
    return Ticket.model_validate({"id": 1, **fields})


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(30, "<1m"), (59 * 60, "59m"), (3600 + 120, "1h 2m"), (3 * 3600 + 59 * 60, "3h"),
     (86400, "1d"), (2 * 86400 + 5 * 3600, "2d 5h")],
)  # fmt: skip
def test_short_duration(seconds: int, text: str) -> None:
    assert short_duration(seconds) == text


def test_a_future_deadline_counts_down_from_the_relative_seconds() -> None:
    t = ticket(sla_next_breach="2026-11-25 12:00:00", sla_next_breach_seconds=3 * 3600)
    assert sla_badge(t, NOW) == Badge("breach in 3h", "soon")
    assert sla_badge(t, NOW, elapsed=3600) == Badge("breach in 2h", "soon")
    assert sla_badge(t, NOW, elapsed=4 * 3600) == Badge("breached", "breached")


def test_without_relative_seconds_the_date_is_compared_with_now() -> None:
    assert sla_badge(ticket(sla_next_breach="2026-11-27 09:00:00"), NOW) == Badge(
        "breach in 2d", "ok"
    )
    assert sla_badge(ticket(sla_next_breach="2026-11-24 09:00:00"), NOW) == Badge(
        "breached", "breached"
    )


def test_no_deadline_no_badge_and_odd_dates_are_ignored() -> None:
    assert sla_badge(ticket(), NOW) is None
    assert sla_badge(ticket(sla_next_breach="next tuesday"), NOW) is None
    assert sla_badge(ticket(sla_next_breach_current_status="breached"), NOW) == Badge(
        "breached", "breached"
    )


def test_snooze_wakes_in_the_future_only() -> None:
    assert snooze_badge(ticket(snooze_time="2026-11-25 11:00:00"), NOW) == Badge(
        "wakes in 2h", "snoozed"
    )
    assert snooze_badge(ticket(snooze_time="2026-11-25 08:00:00"), NOW) is None
    assert snooze_badge(ticket(snooze_time="soon"), NOW) is None
    assert snooze_badge(ticket(), NOW) is None


def test_the_header_and_the_badge_agree_on_a_deadline_given_in_seconds_only() -> None:
    from omnitui.render.badges import sla_line

    t = ticket(sla_next_breach_seconds="3600")
    assert sla_badge(t, NOW) == Badge("breach in 1h", "soon")
    assert sla_line(t, NOW) == ("next breach in 1h 0m", False)


@pytest.mark.parametrize("status", ["solved", "closed"])
def test_a_solved_or_closed_ticket_has_no_breach(status: str) -> None:
    from omnitui.render.badges import sla_line

    t = ticket(
        status=status,
        sla_next_breach="2026-11-24 09:00:00",
        sla_next_breach_seconds=-86400,
        sla_next_breach_current_status="breached",
    )
    assert sla_badge(t, NOW) is None
    assert sla_line(t, NOW) == (f"none while {status}", False)
    assert snooze_badge(t, NOW) is None


def test_a_snooze_is_read_on_the_account_clock_the_sla_tells() -> None:
    from datetime import timedelta

    from omnitui.core.clock import FrozenClock
    from omnitui.render.badges import learn_account_time, snooze_line

    clock = FrozenClock(NOW + timedelta(days=7, hours=3))  # our clock; the account's is NOW
    told = ticket(sla_next_breach="2026-11-25 12:00:00", sla_next_breach_seconds=3 * 3600)
    snoozed = ticket(snooze_time="2026-11-25 11:00:00")
    assert snooze_badge(snoozed, clock.account_now()) is None  # not learned yet: "ended"
    learn_account_time(clock, [snoozed, told])
    assert clock.account_now() == NOW
    assert snooze_badge(snoozed, clock.account_now()) == Badge("wakes in 2h", "snoozed")
    assert snooze_line(snoozed, clock.account_now()) == (
        "snoozed: wakes in 2h 0m (2026-11-25 11:00:00)"
    )
