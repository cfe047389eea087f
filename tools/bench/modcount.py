"""``python -m tools.bench.modcount OUT MODULE [ARGS…]``: run MODULE as ``__main__`` and write
to OUT how many modules were imported when its first frame with widgets was displayed.

Used for omnitui and the bare "hello" app alike, so both counts carry the same small overhead
(this module and Textual's App, imported first to place the hook). Timing runs do not use it.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from textual.app import App


def main() -> None:
    out, module, *args = sys.argv[1:]
    original = App.post_display_hook
    written = False

    def hook(self: App[object]) -> None:
        nonlocal written
        original(self)
        if not written and self.screen.children:
            written = True
            Path(out).write_text(str(len(sys.modules)))

    App.post_display_hook = hook  # type: ignore[method-assign]
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
