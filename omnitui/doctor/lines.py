"""One line per check: its mark, what was checked, what was found, and what to do about it.

The report is plain text meant to be pasted into a bug report: no colours, the api key never in
it, and marks that survive a terminal whose encoding has no ✓ (then ``ok``/``XX``/``!!``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Mark(StrEnum):
    OK = "✓"
    FAIL = "✗"
    WARN = "!"


_ASCII = {Mark.OK: "ok", Mark.FAIL: "XX", Mark.WARN: "!!"}


@dataclass(frozen=True, slots=True)
class Check:
    """What one check found. ``needed``: a failure here means reading or replying will not
    work, so the command exits non-zero; other failures only cost the features in ``effect``."""

    mark: Mark
    name: str
    text: str
    effect: str = ""
    todo: str = ""
    needed: bool = False

    @property
    def blocks(self) -> bool:
        """Whether this check stops reading or replying."""
        return self.needed and self.mark is Mark.FAIL


def marks_fit(encoding: str | None) -> bool:
    """Whether ✓ and ✗ can be written in ``encoding`` (a C locale may have only ASCII); a
    stream without one (``io.StringIO``) takes any text."""
    try:
        "".join(Mark).encode(encoding or "utf-8")
    except (LookupError, UnicodeEncodeError):
        return False
    return True


def render(check: Check, *, unicode: bool = True) -> str:
    """The check as a line, with its effect and what to do indented under it."""
    mark = check.mark.value if unicode else _ASCII[check.mark]
    lines = [f"{mark} {check.name}: {check.text}"]
    lines += [f"    {part}" for part in (check.effect, check.todo) if part]
    return "\n".join(_indent_rest(line) for line in lines)


def _indent_rest(text: str) -> str:
    """Continuation lines of a multi-line message, indented under their line."""
    first, *rest = text.split("\n")
    return "\n".join([first, *(f"    {line.strip()}" for line in rest)])


def summary(checks: Iterable[Check]) -> Check:
    """The last line: can the agent read and reply, and what else is unavailable."""
    checks = list(checks)
    blocking = [c.name for c in checks if c.blocks]
    missing = [c.name for c in checks if c.mark is Mark.FAIL and not c.needed]
    if blocking:
        return Check(
            Mark.FAIL,
            "Result",
            f"reading and replying will not work until this is fixed: {', '.join(blocking)}.",
        )
    text = "reading and replying will work."
    if missing:
        text += f" Not available: {', '.join(missing)}."
    return Check(Mark.OK, "Result", text)
