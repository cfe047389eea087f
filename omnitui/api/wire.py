"""How bad server data is made survivable: the coercions and menders of the response models.

The API's types drift (ids flip between int and str, booleans are 0/1, ``meta_data`` is JSON
inside a string, lists arrive as ``""`` or ``null``), and every string it sends is sanitised here,
once, so nothing downstream has to remember to. :mod:`omnitui.api.models` declares its fields with
these types; a list of items is read with :func:`tolerant_list`, so one odd item costs only itself.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, TypeAdapter, ValidationError

from omnitui.core.sanitize import sanitize, sanitize_line

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)


class WireModel(BaseModel):
    """Base of everything parsed from a response: unknown keys ignored, aliases accepted."""

    # defer_build: a model's validator is built when it is first used, not when the module is
    # imported (about 20 ms for all of them): a ticket fetched by the command line's second
    # process arrives pickled, and the first frame then needs no validator at all.
    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True, defer_build=True)


# --------------------------------------------------------------------------------------------
# Coercions for drifting wire types


def to_line(value: Any) -> str:
    if value is None:
        return ""
    return sanitize_line(value if isinstance(value, str) else str(value)).strip()


def to_body(value: Any) -> str:
    if value is None:
        return ""
    return sanitize(value if isinstance(value, str) else str(value))


def to_opt_line(value: Any) -> str | None:
    text = to_line(value)
    return text or None


def to_id(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        raise ValueError("not an id")
    return to_line(value)


def to_opt_int(value: Any) -> Any:
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value.lstrip("-").isdigit():
            return None
    return value


def to_flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def json_in_string(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value) if value.strip() else None
        except (ValueError, RecursionError):
            return None
    return value


def to_tags(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif isinstance(value, list):
        items = (v.get("name", "") if isinstance(v, dict) else v for v in value)
    else:
        items = [value]
    return [tag for tag in (to_line(v) for v in items) if tag]


def to_file_list(value: Any) -> list[Any]:
    """Attachments as sent, without what cannot be one (each is a dict or a bare file name)."""
    if value is None or value == "" or not isinstance(value, list):
        return []
    return [f for f in value if isinstance(f, (dict, str))]


Line = Annotated[str, BeforeValidator(to_line)]
"""A one-line field (title, name, address): sanitised, newlines folded, never None."""
OptLine = Annotated[str | None, BeforeValidator(to_opt_line)]
OptInt = Annotated[int | None, BeforeValidator(to_opt_int)]
Flag = Annotated[bool, BeforeValidator(to_flag)]
Tags = Annotated[list[str], BeforeValidator(to_tags)]


# --------------------------------------------------------------------------------------------
# Menders: the same coercions in one Python pass per item, for models read by the thousand


@dataclass(frozen=True, slots=True)
class Mend:
    """How a :func:`mender` makes what the API sent fit a field of a model read in bulk."""

    #: None: kept as sent.
    fn: Callable[[Any], Any] | None
    #: One line of text: printable ASCII, most of what the API sends, is only stripped.
    line: bool = False


AS_SENT = Mend(None)

# The types of TimelineEntry's fields: plain types that pydantic checks natively, each saying
# how it is mended (pydantic ignores the Mend; the mender reads it from the model's fields).
EntryLine = Annotated[str, Mend(to_line, line=True)]
EntryBody = Annotated[str, Mend(to_body)]
EntryId = Annotated[str, Mend(to_id)]
EntryInt = Annotated[int | None, Mend(to_opt_int)]
EntryFlag = Annotated[bool, Mend(to_flag)]
EntryOptLine = Annotated[str | None, Mend(to_opt_line)]

Mender = Callable[[dict[str, Any]], dict[str, Any]]


def mender(model: type[BaseModel]) -> Mender:
    """What turns an item as sent into ``model``'s fields, sanitised and of the declared types.

    Each field's :class:`Mend` (the coercions of ``Line``, ``OptInt``... above), applied in one
    pass over the keys an item has; unknown keys are left out. Printable ASCII, most of what the
    API sends, is taken as it is without a call. Call it from the model's ``before`` validator.
    """
    lines, menders, as_sent = _mending(model)

    def mend(data: dict[str, Any]) -> dict[str, Any]:
        mended: dict[str, Any] = {}
        get = data.get
        for key in lines:
            value = get(key)
            if value is None:
                if key in data:
                    mended[key] = ""
            elif type(value) is str and value.isascii() and value.isprintable():
                mended[key] = value.strip()
            else:
                mended[key] = to_line(value)
        for key, fn in menders:
            if key in data:
                mended[key] = fn(data[key])
        for key in as_sent:
            if key in data:
                mended[key] = data[key]
        return mended

    return mend


_Menders = tuple[tuple[str, Callable[[Any], Any]], ...]


def _mending(model: type[BaseModel]) -> tuple[tuple[str, ...], _Menders, tuple[str, ...]]:
    """From ``model``'s fields: the keys of one-line fields, the other keys with their menders,
    and the keys kept as sent. A field's key is its alias and its name (pydantic takes both)."""
    lines: list[str] = []
    menders: list[tuple[str, Callable[[Any], Any]]] = []
    as_sent: list[str] = []
    for name, field in model.model_fields.items():
        mend = next((m for m in field.metadata if isinstance(m, Mend)), None)
        if mend is None:
            raise TypeError(f"{model.__name__}.{name} needs a Mend, or its mender drops it")
        for key in dict.fromkeys((field.alias or name, name)):
            if mend.line:
                lines.append(key)
            elif mend.fn is None:
                as_sent.append(key)
            else:
                menders.append((key, mend.fn))
    return tuple(lines), tuple(menders), tuple(as_sent)


# --------------------------------------------------------------------------------------------
# Lists


def tolerant_list(model: type[M], raw: Any, what: str) -> tuple[list[M], int]:
    """Parse each item on its own, so one odd item does not fail the whole list.

    Returns the parsed items and how many were skipped. The list is validated in one call (one
    per item costs a Python round trip each, thousands for a big timeline); only when something
    in it is bad are the items taken one by one.
    """
    if not isinstance(raw, list):
        return [], 0
    try:
        return _list_adapter(model).validate_python(raw), 0
    except ValidationError:
        pass
    items: list[M] = []
    skipped = 0
    for item in raw:
        try:
            items.append(model.model_validate(item))
        except ValidationError as exc:
            skipped += 1
            log.warning("skipped a %s the API sent: %s", what, exc.error_count())
    return items, skipped


_ADAPTERS: dict[type[BaseModel], TypeAdapter[Any]] = {}


def _list_adapter(model: type[M]) -> TypeAdapter[list[M]]:
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        adapter = _ADAPTERS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return adapter
