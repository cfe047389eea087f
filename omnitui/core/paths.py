"""Where omnitui keeps its files. Environment variables override, which also isolates tests."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP = "omnitui"


def config_dir() -> Path:
    return Path(os.environ.get("OMNITUI_CONFIG_DIR") or user_config_dir(APP))


def config_file() -> Path:
    return Path(os.environ.get("OMNITUI_CONFIG") or config_dir() / "config.toml")


def data_dir() -> Path:
    return Path(os.environ.get("OMNITUI_DATA_DIR") or user_data_dir(APP))


def demo_db() -> Path:
    """The demo sandbox's database (``omnitui --demo`` and the welcome screen's demo)."""
    return data_dir() / "demo.sqlite3"


def account_slug(label: str) -> str:
    """The file or folder name of an account's own data (drafts, recent tickets, identity,
    what its writes apply): one spelling, so no store loses its files to another."""
    return "".join(ch if ch.isalnum() else "-" for ch in label.lower()).strip("-") or "default"
