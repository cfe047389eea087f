"""``omnitui`` exactly as the command line starts it, with the forms wired in if needed.

The end-to-end draft test runs ``.venv/bin/omnitui`` once ``OmniApp`` has ``FormActions`` among
its bases; until then it runs this script, which adds them the way ``omnitui/tui/app.py`` will.
"""

from __future__ import annotations

import sys
from pathlib import Path


def wire_forms() -> None:
    from omnitui.tui import app as app_module
    from omnitui.tui.forms.actions import FormActions

    if issubclass(app_module.OmniApp, FormActions):
        return
    forms_css = Path(app_module.__file__).with_name("forms.tcss")

    class OmniApp(FormActions, app_module.OmniApp):
        CSS_PATH = [Path(app_module.__file__).with_name("app.tcss"), forms_css]

    app_module.OmniApp = OmniApp  # type: ignore[misc]


if __name__ == "__main__":
    wire_forms()
    from omnitui.cli import main

    sys.exit(main(sys.argv[1:]))
