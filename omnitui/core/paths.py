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


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` readable by its owner only: it holds drafts and ticket titles."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def demo_db() -> Path:
    """The demo sandbox's database (``omnitui --demo`` and the welcome screen's demo)."""
    return data_dir() / "demo.sqlite3"
