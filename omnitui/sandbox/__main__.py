"""``python -m omnitui.sandbox``: run the sandbox server in the foreground."""

from omnitui.sandbox.server.command import main

raise SystemExit(main())
