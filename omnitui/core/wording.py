"""How numbers read in sentences the agent sees."""

from __future__ import annotations


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    """``3 tickets``, ``1 ticket``, ``0 entries`` (give ``plural_form`` when it is not +s)."""
    return f"{count} {word if count == 1 else plural_form or word + 's'}"
