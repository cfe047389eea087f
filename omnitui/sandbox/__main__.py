"""``python -m omnitui.sandbox``: run the sandbox server in the foreground."""

from omnitui.sandbox.command import main

raise SystemExit(main())
