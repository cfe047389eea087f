"""The data files shipped in ``omnitui/sandbox/data/files/``: phrase lists, templates, the seed,
and the demo attachments the sandbox serves."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any


def read_text(name: str) -> str:
    """Return the text of the packaged file ``name``."""
    return resources.files("omnitui.sandbox.data").joinpath("files", name).read_text("utf-8")


@functools.cache
def load_toml(name: str) -> dict[str, Any]:
    """Return the packaged TOML file ``name``, parsed once per process (do not modify it)."""
    return tomllib.loads(read_text(name))


def read_bytes(name: str) -> bytes:
    """Return the bytes of the packaged file ``name`` (a path under ``files/``)."""
    return resources.files("omnitui.sandbox.data").joinpath("files", name).read_bytes()
