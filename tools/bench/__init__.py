"""``python -m tools.bench`` (``make bench``): measure omnitui against the targets of
docs/performance.md.

Every figure is the median of several runs (with min and max) and, where the target is a ratio,
both sides are measured in the same run, because the machine is shared and noisy. Nothing here is
imported by the app; the modules are small, one measurement each:

- :mod:`startup`: process start to first usable frame, next to a bare Textual app; ``--demo``.
- :mod:`ticket_open`: a 5,000-entry ticket to its first painted timeline, next to a naive one;
  the longest event-loop stall while it converts; the share of conversion done off the loop.
- :mod:`scrolling`: app work per page-down and End; bytes written per page-down.
- :mod:`memory`: peak and idle RSS of the real app and its HTML worker in a pseudo-terminal,
  apart and together; RSS per 1,000 entries.
- :mod:`html_throughput`: HTML conversion speed on the sandbox corpus.
- :mod:`wire`: HTTP requests and new connections per ticket open.
- :mod:`straight`: ``omnitui 858462`` to its mail text, next to the bare app; the first and a
  second ticket opened from the lookup screen.
- :mod:`typeahead`: a burst of keys in one ``write()`` into the new-ticket form, checked on the
  wire.
- :mod:`scale`: a 50,000-entry ticket's first paint next to the 5,000-entry one's, and its keys;
  the longest stall opening and scrolling one 5 MB HTML mail.
- :mod:`soak`: memory while auto-refresh reloads the 50,000-entry ticket for ten minutes.
- :mod:`bench_data`: the bench's own tickets, added to its copy of the sandbox database;
  :mod:`uncapped`: the app with its answer cap lifted, for a ticket longer than it allows.
- :mod:`report`: the command line and ``bench/results.json``; :mod:`table`: the table.
"""

import os

# As the command line does (omnitui/cli.py): no animations, so one key is one frame. Textual reads
# this when it is first imported, which is after this package in every bench entry point.
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
