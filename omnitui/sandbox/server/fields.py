"""Read request fields from urlencoded, multipart and JSON bodies, and validate them.

Omnidesk takes form fields (multipart in its examples, urlencoded for PUT) and PHP-style arrays
(``ticketIDs[]`` repeated, or indexed ``ticketIDs[0]``). Clients also send JSON. All three become
one list of ``(name, value)`` pairs in the order sent, so repeated names stay visible to the
request log and to the handlers. Every problem raises the 400 :class:`ApiError` with a message
that names the field, never an exception the server would turn into a 500.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncGenerator, Iterable, Sequence
from typing import Any
from urllib.parse import parse_qsl

from starlette.datastructures import Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from omnitui.sandbox.server.responses import ApiError, bad_request

Pairs = list[tuple[str, str]]

MAX_FIELDS = 10_000
MAX_PART_SIZE = 64 * 1024 * 1024
MAX_INT = 2**63 - 1
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def media_type(headers: Headers) -> str:
    """Return the request's media type without parameters, lower-case ("" when absent)."""
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def parse_body(headers: Headers, body: bytes) -> Pairs:
    """Return the fields of a request body; raise a 400 ``ApiError`` if it cannot be read."""
    kind = media_type(headers)
    if not body.strip():
        return []
    if kind in ("", "application/x-www-form-urlencoded"):
        return _parse_urlencoded(body)
    if kind == "multipart/form-data":
        return await _parse_multipart(headers, body)
    if kind == "application/json" or kind.endswith("+json"):
        return _parse_json(body)
    raise bad_request(
        "Unsupported content type; send application/x-www-form-urlencoded, "
        "multipart/form-data or application/json."
    )


def _parse_urlencoded(body: bytes) -> Pairs:
    try:
        return parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError as exc:
        raise bad_request("The request body is not valid UTF-8.") from exc
    except ValueError as exc:
        raise bad_request("The request body has too many fields.") from exc


async def _parse_multipart(headers: Headers, body: bytes) -> Pairs:
    async def stream() -> AsyncGenerator[bytes, None]:
        yield body
        yield b""

    parser = MultiPartParser(
        headers, stream(), max_files=1000, max_fields=MAX_FIELDS, max_part_size=MAX_PART_SIZE
    )
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise bad_request(f"The multipart body could not be read: {exc.message}") from exc
    except Exception as exc:
        raise bad_request("The multipart body could not be read.") from exc
    pairs: Pairs = []
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            pairs.append((name, f"<file {value.filename or ''!s} ({value.size or 0} bytes)>"))
            await value.close()
        else:
            pairs.append((name, value))
    return pairs


def _parse_json(body: bytes) -> Pairs:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise bad_request("The request body is not valid JSON.") from exc
    if not isinstance(data, dict):
        raise bad_request("The JSON body must be an object of field names and values.")
    pairs: Pairs = []
    _flatten(pairs, data, prefix=None)
    if len(pairs) > MAX_FIELDS:
        raise bad_request("The request body has too many fields.")
    return pairs


def _flatten(pairs: Pairs, value: Any, prefix: str | None, depth: int = 0) -> None:
    """Flatten JSON the way PHP reads forms: lists repeat the name, objects add ``[key]``."""
    if depth > 5:
        raise bad_request("The JSON body is nested too deeply.")
    if isinstance(value, dict):
        for key, item in value.items():
            name = key if prefix is None else f"{prefix}[{key}]"
            _flatten(pairs, item, name, depth + 1)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list):
                raise bad_request(f"The {prefix} field must be a list of plain values.")
            _flatten(pairs, item, prefix, depth + 1)
    elif value is None:
        return
    elif isinstance(value, bool):
        pairs.append((str(prefix), "1" if value else "0"))
    else:
        pairs.append((str(prefix), str(value)))


class Fields:
    """The fields of one request with typed, validating accessors (the last repeat wins)."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.pairs: Pairs = list(pairs)
        self._last = dict(self.pairs)

    def __contains__(self, name: object) -> bool:
        return name in self._last

    def text(
        self, name: str, *, required: bool = False, max_length: int | None = None
    ) -> str | None:
        """Return a string field, or None when it was not sent."""
        value = self._last.get(name)
        if value is None:
            if required:
                raise bad_request(f"The {name} field is required.")
            return None
        if max_length is not None and len(value) > max_length:
            raise bad_request(f"The {name} field may not be longer than {max_length} characters.")
        return value

    def integer(
        self, name: str, *, required: bool = False, minimum: int = 0, maximum: int = MAX_INT
    ) -> int | None:
        """Return a whole-number field, or None when it was not sent (or sent empty)."""
        value = self._last.get(name)
        if value is None or value.strip() == "":
            if required:
                raise bad_request(f"The {name} field is required.")
            return None
        return parse_int(value, name, minimum=minimum, maximum=maximum)

    def choice(self, name: str, choices: Sequence[str], *, required: bool = False) -> str | None:
        """Return a field that must be one of ``choices``, or None when it was not sent."""
        value = self._last.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"The {name} field is required.")
            return None
        if value not in choices:
            raise bad_request(f"The {name} field must be one of: {', '.join(choices)}.")
        return value

    def array(self, name: str) -> list[str]:
        """Return every value of a PHP-style array: ``name[]``, ``name[0]`` or plain ``name``."""
        pattern = re.compile(rf"{re.escape(name)}(\[\d*\])?")
        return [value for key, value in self.pairs if pattern.fullmatch(key)]


def parse_int(value: str, name: str, *, minimum: int = 0, maximum: int = MAX_INT) -> int:
    """Return ``value`` as an int in range, or raise a 400 that names the field."""
    text = value.strip()
    if not re.fullmatch(r"-?[0-9]{1,19}", text):
        raise bad_request(f"The {name} field must be a whole number.")
    number = int(text)
    if not minimum <= number <= maximum:
        raise bad_request(f"The {name} field must be a whole number from {minimum} to {maximum}.")
    return number


def path_ticket_id(raw: str) -> int:
    """Return the ticket id from a URL; 400 if it is not a number, 404 if it cannot exist."""
    if not re.fullmatch(r"[0-9]+", raw):
        raise bad_request("The ticket id must be a number.")
    if len(raw) > 18:
        raise ApiError(404, "Ticket not found.")
    return int(raw)


def boolean_flag(value: str | None, name: str) -> bool:
    """Return a query flag: ``1``/``true``/``yes`` and ``0``/``false``/``no``/empty."""
    if value is None:
        return False
    text = value.strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("", "0", "false", "no", "off"):
        return False
    raise bad_request(f"The {name} parameter must be true or false.")
