"""How far this machine's clock is from the account's, from the ``Date`` of its answers.

The header is in whole seconds and says when the server answered, somewhere between sending and
receiving: the sample with the quickest round trip is the most precise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from omnitui.doctor.lines import Check, Mark

NAME = "Clock"
#: Further apart than this, dates and "5 min ago" shown from our clock are visibly off.
TOLERANCE = 30.0


@dataclass(frozen=True, slots=True)
class ClockSample:
    """``offset``: the server's clock minus ours, in seconds; ``round_trip``: how long it took."""

    offset: float
    round_trip: float


def clock_check(samples: Sequence[ClockSample]) -> Check:
    if not samples:
        return Check(Mark.WARN, NAME, "not checked: Omnidesk's answers carried no Date header")
    best = min(samples, key=lambda sample: sample.round_trip)
    margin = best.round_trip / 2 + 0.5
    if abs(best.offset) <= TOLERANCE + margin:
        return Check(
            Mark.OK, NAME, f"this machine's clock agrees with Omnidesk's (within {TOLERANCE:g} s)"
        )
    side = "behind" if best.offset > 0 else "ahead of"
    return Check(
        Mark.WARN,
        NAME,
        f"this machine's clock is {duration(abs(best.offset))} {side} Omnidesk's",
        effect="Times such as '5 min ago', snoozes and deadlines may be off by as much.",
        todo="Turn on network time on this machine (e.g. timedatectl set-ntp true).",
    )


def duration(seconds: float) -> str:
    """``45 s``, ``1 min 30 s``, ``5 min``, ``3 h 5 min``, ``2 d 1 h``: the two largest units;
    past two minutes in whole minutes, as the ``Date`` header is only good to a second or so."""
    whole = round(seconds) if seconds < 120 else round(seconds / 60) * 60
    units = (("d", 86400), ("h", 3600), ("min", 60), ("s", 1))
    parts: list[str] = []
    for unit, size in units:
        count, whole = divmod(whole, size)
        if count or parts:
            parts.append(f"{count} {unit}")
        if len(parts) == 2:
            break
    return " ".join(part for part in parts if not part.startswith("0 ")) or "0 s"
