"""The per-account memory of which writes the account applies, and what the doctor says of it."""

from __future__ import annotations

import stat
from pathlib import Path

from omnitui.api.models import Ticket
from omnitui.api.readback import WriteField, compare
from omnitui.doctor.lines import Mark, render
from omnitui.doctor.writes import NOT_KNOWN, writes_check
from omnitui.storage.write_support import WriteState, WriteSupport, known_writes


def _ticket(**fields: object) -> Ticket:
    options = [{"id": 10002, "name": "Finance"}, {"id": 10003, "name": "Customer Support"}]
    return Ticket.model_validate({"id": 100301, "assign_options_groups": options, **fields})


BEFORE = _ticket(assigned_group_id=10003, priority="medium", tags="")


def _learn(memory: WriteSupport, after: Ticket, **asked: object) -> None:
    fields = {WriteField(name): value for name, value in asked.items()}
    memory.learn([compare(100301, fields, after, BEFORE)])  # type: ignore[arg-type]


def test_nothing_is_known_at_first_and_the_doctor_says_so(tmp_path: Path) -> None:
    assert set(known_writes("acme", tmp_path).values()) == {WriteState.UNKNOWN}
    check = writes_check("acme", tmp_path)
    assert (check.mark, check.text) == (Mark.WARN, NOT_KNOWN)


def test_an_ignored_field_is_remembered_with_its_reason_and_a_success_clears_it(
    tmp_path: Path,
) -> None:
    memory = WriteSupport("acme", tmp_path)
    ignored = _ticket(assigned_group_id=10003, priority="high", tags="")
    _learn(memory, ignored, group=10002, priority="high", tags=("vip",))

    known = known_writes("acme", tmp_path)
    assert known[WriteField.GROUP] is WriteState.IGNORED
    assert known[WriteField.TAGS] is WriteState.IGNORED
    assert known[WriteField.PRIORITY] is WriteState.APPLIED
    assert known[WriteField.TITLE] is WriteState.UNKNOWN
    assert stat.S_IMODE(memory.path.stat().st_mode) == 0o600
    reasons = memory.unavailable([WriteField.GROUP, WriteField.AGENT])
    assert list(reasons) == [WriteField.GROUP]
    assert "the assignment is still Customer Support (#100301)" in reasons[WriteField.GROUP]

    text = render(writes_check("acme", tmp_path))
    assert "applied: priority; accepted but not applied: group, tags; not known yet:" in text
    assert "group: the assignment is still Customer Support (#100301)" in text

    _learn(memory, _ticket(assigned_group_id=10002), group=10002)  # it works now
    assert known_writes("acme", tmp_path)[WriteField.GROUP] is WriteState.APPLIED
    assert memory.unavailable([WriteField.GROUP]) == {}
    assert WriteSupport("other", tmp_path).unavailable([WriteField.TAGS]) == {}  # per account


def test_a_damaged_file_is_nothing_known(tmp_path: Path) -> None:
    memory = WriteSupport("acme", tmp_path)
    memory.path.parent.mkdir(parents=True, exist_ok=True)
    memory.path.write_text('{"fields": {"tags": {"state": "maybe"}, "group": 3}}', "utf-8")
    assert set(known_writes("acme", tmp_path).values()) == {WriteState.UNKNOWN}
    memory.path.write_text("not json", "utf-8")
    assert memory.load() == {}
