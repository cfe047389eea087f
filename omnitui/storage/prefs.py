"""Choices the agent makes in the app (the theme) that should outlive the session.

They live in ``prefs.json`` beside ``config.toml`` rather than in it, so the app never rewrites a
file the user edits by hand; a ``theme`` set in ``config.toml`` still wins at start-up.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from omnitui.core import paths
from omnitui.core.private_files import write_private


@dataclass
class Preferences:
    path: Path
    theme: str | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Preferences:
        path = path or paths.config_dir() / "prefs.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        theme = raw.get("theme") if isinstance(raw, dict) else None
        return cls(path=path, theme=theme if isinstance(theme, str) else None)

    def save(self) -> None:
        # A read-only home must not break the app; the choice is simply not kept.
        with contextlib.suppress(OSError):
            write_private(self.path, json.dumps({"theme": self.theme}))
