"""``python -m tools.bench.uncapped [ARGS…]``: omnitui with its response-size cap lifted.

The app refuses answers over 32 MB (docs/hazards.md: a huge response is stopped with a clear
error); the bench's 50,000-entry ticket is a 56 MB answer, so as shipped the app shows that
error instead of the ticket. The memory figures for that ticket run the app through this
launcher, which changes nothing but the cap's default, so that they measure what holding such a
ticket costs; the bench reports separately whether the app as shipped accepts it.
"""

from __future__ import annotations

import sys

CAP = 1 << 30


def shipped_cap() -> int:
    """The answer cap the app ships with, in bytes."""
    from omnitui.api import transport

    defaults = transport.Connection.__init__.__kwdefaults__
    assert defaults is not None and "max_response_bytes" in defaults
    return int(defaults["max_response_bytes"])


def main() -> int:
    from omnitui.api import transport
    from omnitui.cli import main as omnitui_main

    defaults = transport.Connection.__init__.__kwdefaults__
    assert defaults is not None and "max_response_bytes" in defaults
    defaults["max_response_bytes"] = CAP
    return omnitui_main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
