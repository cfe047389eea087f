"""``python -m tools.bench.uncapped [ARGS…]``: omnitui with its response-size cap lifted.

The app refuses answers over its cap (docs/hazards.md §3, "Body size": a huge response is
stopped with a clear error). The cap was 32 MB, below the 56 MB of the bench's 50,000-entry
ticket; it is 128 MB now, and the bench opens that ticket as shipped. Only a longer one
(``--scale-entries``) may be over it: the memory and auto-refresh figures then run the app
through this launcher, which changes nothing but the cap's default, so that they measure what
holding such a ticket costs; the bench reports separately whether the app as shipped accepts it.
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
