"""What the account is known to apply of each write omnitui makes.

An account may answer "updated" and still ignore a field (docs/omnidesk-api.md §10.10); omnitui
can only learn that from its own verified writes, which it remembers per account
(:mod:`omnitui.storage.write_support`). The doctor never writes, so it reports what was learnt,
and says "not known yet" for a field no write has shown instead of guessing.
"""

from __future__ import annotations

from pathlib import Path

from omnitui.api.readback import FIELD_WORDS, WriteField
from omnitui.doctor.lines import Check, Mark
from omnitui.storage.write_support import WriteState, WriteSupport, states_of

#: The writes whose fields are read back after each call (docs/omnidesk-api.md §10.10).
WRITES = ("status", "title", "assignment", "priority", "tags", "the sender of replies")
NOT_KNOWN = "not known yet: omnitui checks each write and remembers what the account applies"
EFFECT = f"Read back after each write: {', '.join(WRITES)}. This check changed nothing."


def writes_check(account: str, root: Path | None = None) -> Check:
    """What ``account`` (a profile's name) is known to apply, from omnitui's own writes."""
    details = WriteSupport(account, root).load()  # read once: the states come from it
    known = states_of(details)
    by_state = {
        state: [FIELD_WORDS[field] for field in WriteField if known[field] is state]
        for state in WriteState
    }
    applied, ignored, unknown = (
        by_state[WriteState.APPLIED],
        by_state[WriteState.IGNORED],
        by_state[WriteState.UNKNOWN],
    )
    if not applied and not ignored:
        return Check(Mark.WARN, "Writes", NOT_KNOWN, effect=EFFECT)
    parts = []
    if applied:
        parts.append(f"applied: {', '.join(applied)}")
    if ignored:
        parts.append(f"accepted but not applied: {', '.join(ignored)}")
    if unknown:
        parts.append(f"not known yet: {', '.join(unknown)}")
    seen = "; ".join(
        f"{FIELD_WORDS[field]}: {details[field].detail} (#{details[field].ticket_id})"
        for field in WriteField
        if known[field] is WriteState.IGNORED and details[field].detail
    )
    if ignored:
        return Check(
            Mark.WARN,
            "Writes",
            "; ".join(parts),
            effect=f"omnitui shows those changes as unavailable. Last seen: {seen}."
            if seen
            else "omnitui shows those changes as unavailable.",
            todo="Ask the account's administrator whether the API key may change them.",
        )
    return Check(Mark.OK, "Writes", "; ".join(parts), effect=EFFECT)
