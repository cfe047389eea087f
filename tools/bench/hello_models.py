"""The bare Textual "hello" app that imports omnitui's API models before its first frame.

Not a target: it shows how much of ``omnitui 858462``'s time any app pays that shows a ticket
read with pydantic (pydantic and the models' import), next to the bare app, in the same run.
"""

from __future__ import annotations

import omnitui.api.models  # noqa: F401  # the point of this app
from tools.bench.hello import HelloApp

MARKER = "Hello from Textual"

if __name__ == "__main__":
    HelloApp().run()
