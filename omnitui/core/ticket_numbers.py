"""Ticket numbers as agents type or paste them."""

from __future__ import annotations

import re

MAX_DIGITS = 12
_SEPARATORS = re.compile(r"[\s,;]+")


def parse_ticket_number(text: str) -> int | None:
    """``"858462"``, ``" #858462 "`` -> 858462; anything else -> None."""
    cleaned = text.strip().lstrip("#").strip()
    if cleaned.isascii() and cleaned.isdigit() and len(cleaned) <= MAX_DIGITS:
        return int(cleaned)
    return None


def parse_ticket_numbers(text: str) -> tuple[list[int], list[str]]:
    """Numbers separated by commas, spaces or newlines: (numbers without duplicates, bad words)."""
    numbers: dict[int, None] = {}
    bad: list[str] = []
    for word in _SEPARATORS.split(text.strip()):
        if not word:
            continue
        number = parse_ticket_number(word)
        if number is None or number == 0:
            bad.append(word)
        else:
            numbers[number] = None
    return list(numbers), bad
