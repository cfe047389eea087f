"""The headless layers never import Textual (docs/architecture.md: api/ and render/ stay below the
TUI)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "omnitui.api.client",
        "omnitui.render.timeline",
        "omnitui.render.timeline_model",
        "omnitui.render.html",
        "omnitui.render.badges",
        "omnitui.render.entry_filter",
        "omnitui.render.export",
        "omnitui.runtime.browser",
        "omnitui.doctor.command",
        "omnitui.sandbox",
    ],
)
def test_headless_modules_do_not_import_textual(module: str) -> None:
    probe = f"import sys, {module}; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
