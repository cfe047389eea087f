"""Where an attachment is downloaded from, and whether the api key may go there.

A file's ``url`` comes from the server, so it is hostile input like every other string: the key
travels only to the account's own scheme, host and port (docs/omnidesk-api.md §10.8); any other
address is fetched without it, and only over https. An address is never shown or copied when it
carries a credential (the key itself, or a ``user:password@``). How the bytes are read is
:meth:`omnitui.api.client.OmnideskClient.download_file`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from omnitui.api import errors
from omnitui.api.errors import ProtocolError
from omnitui.api.models import Attachment

#: The most a download may be, unless the caller says otherwise: far more than mail carries.
MAX_FILE_BYTES = 200 * 1000 * 1000
#: The most a whole download may take, however steadily the bytes come.
DOWNLOAD_DEADLINE = 15 * 60.0
#: What is read of an error answer: its message, not a megabyte of HTML.
ERROR_BODY_BYTES = 64 * 1024

Progress = Callable[[int, int | None], None]
"""Told the bytes received so far and the size announced (None when none was)."""

_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True, slots=True)
class FileAddress:
    """Where to fetch a file, and whether the api key goes with the request."""

    url: str
    with_key: bool


class FileTooLarge(ProtocolError):
    """The file is larger than the download cap; nothing of it is kept."""


def too_large(limit: int) -> FileTooLarge:
    return errors.too_large("The file", limit, "not downloading it", FileTooLarge)


def file_address(file: Attachment, base_url: str) -> FileAddress | None:
    """Where ``file`` can be fetched from; None when the server gave no address it may be
    fetched from (none at all, not http(s), or plain http on another host)."""
    if not file.url:
        return None
    try:
        parts = urlsplit(file.url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname or parts.username is not None:
        return None
    if _origin(scheme, parts.hostname, port) == _account_origin(base_url):
        return FileAddress(file.url, with_key=True)
    if scheme != "https":
        return None  # a file from elsewhere over plain http could be anything by the time it lands
    return FileAddress(file.url, with_key=False)


def carries_secret(url: str, api_key: str) -> bool:
    """Whether ``url`` holds a credential: the key (as is or percent-encoded) or a login."""
    if api_key and (api_key in url or api_key in unquote(url)):
        return True
    try:
        parts = urlsplit(url)
        return parts.username is not None or parts.password is not None
    except ValueError:
        return True  # what cannot be read is not shown either


def _account_origin(base_url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(base_url)
    return _origin(parts.scheme.lower(), parts.hostname or "", parts.port)


def _origin(scheme: str, host: str, port: int | None) -> tuple[str, str, int | None]:
    return scheme, host.lower().rstrip("."), port if port is not None else _DEFAULT_PORTS[scheme]
