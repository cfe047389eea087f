"""What the account is known to apply of each write omnitui makes.

An account may answer "updated" and still ignore a field (docs/omnidesk-api.md §10.10); omnitui
can only learn that from its own verified writes. The doctor never writes, so it reports what was
learnt; until omnitui keeps what its writes showed per account, that is nothing, and it says so
instead of guessing.
"""

from __future__ import annotations

from omnitui.doctor.lines import Check, Mark

#: The writes whose fields are read back after each call (docs/omnidesk-api.md §10.10).
WRITES = ("status", "title", "assignment", "priority", "tags", "the sender of replies")
NOT_KNOWN = "not known yet: omnitui checks each write and remembers what the account applies"


def writes_check() -> Check:
    return Check(
        Mark.WARN,
        "Writes",
        NOT_KNOWN,
        effect=f"Read back after each write: {', '.join(WRITES)}. This check changed nothing.",
    )
