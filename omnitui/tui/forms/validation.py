"""Pydantic's validation errors turned into one short sentence per form field.

The request models in :mod:`omnitui.api.requests` do the validating; this only decides which field
each error belongs to and words it for a support agent ("Required." rather than "String should
have at least 1 character"). It imports no Textual, so the fuzz tests can drive it directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from omnitui.core.sanitize import sanitize_line

#: Key of an error that belongs to no single field; the form shows it above its buttons.
FORM = ""
MAX_MESSAGE = 300


class FormProblem(Exception):
    """Problems the form finds itself (no model covers them): form field (or FORM) -> message."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__(" ".join(problems.values()))
        self.problems = dict(problems)


def explain(
    error: ValidationError,
    *,
    fields: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Map each error to a form field (the first error of a field wins).

    ``fields`` maps a model field name to the form field showing it (same name when absent).
    Errors without a field (a model validator's) go to :data:`FORM`.
    """
    result: dict[str, str] = {}
    for details in error.errors(include_url=False, include_input=False):
        field = _field_of(details, fields or {})
        result.setdefault(field, sentence(details))
    return result


def sentence(details: ErrorDetails) -> str:
    """One error in the words of the form, starting with a capital and ending with a stop."""
    kind = details.get("type", "")
    ctx: dict[str, Any] = dict(details.get("ctx") or {})
    message = str(details.get("msg", ""))
    if kind == "missing" or (kind == "string_too_short" and ctx.get("min_length") == 1):
        text = "Required"
    elif kind == "string_too_short":
        text = f"Write at least {ctx.get('min_length')} characters"
    elif kind == "string_too_long":
        text = f"At most {ctx.get('max_length')} characters"
    elif kind in {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}:
        text = "Enter a whole number (digits only)"
    elif kind == "greater_than_equal":
        text = f"Must be {ctx.get('ge')} or more"
    elif kind == "greater_than":
        text = f"Must be more than {ctx.get('gt')}"
    elif kind == "less_than_equal":
        text = f"Must be {ctx.get('le')} or less"
    elif kind == "enum":
        text = f"Choose one of {ctx.get('expected', 'the listed values')}"
    elif kind == "value_error":
        text = message.removeprefix("Value error, ")
    else:
        text = message
    text = sanitize_line(text).strip()[:MAX_MESSAGE] or "Not valid"
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _field_of(details: ErrorDetails, fields: Mapping[str, str]) -> str:
    location = details.get("loc") or ()
    if location and isinstance(location[0], str):
        return fields.get(location[0], location[0])
    return FORM
