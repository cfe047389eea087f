"""Render tests: make ``html_samples`` importable (the suite runs with --import-mode=importlib,
which does not put test folders on sys.path) and share one worker-backed converter."""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
