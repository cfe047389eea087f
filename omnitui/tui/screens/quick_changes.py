"""Assign, priority and tags (``a``, ``p``, ``t``) from the ticket screen and the lookup screen.

The screens bind the keys and hand over the ticket (or the marked rows); this opens the picker
(forms/assign.py, priority.py, tags.py), unless the account is known to ignore that change: then
the key says so at once, with the reason (storage/write_support.py). On the lookup screen the
marked tickets are read first (their own options and tags, as they are now), and after the change
each one's result is listed. Imported with the screens, before the first frame: what it needs
(the models, the memory) is imported when a key is pressed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast

from omnitui.tui.services import AppServices

if TYPE_CHECKING:
    from textual.screen import Screen

    from omnitui.api.models import Ticket
    from omnitui.api.readback import WriteField
    from omnitui.render.status_line import LoadState
    from omnitui.storage.write_support import WriteSupport
    from omnitui.tui.forms.quick import QuickForm
    from omnitui.tui.verify import Outcome


class _Loading(Protocol):
    state: LoadState


class TicketView(Protocol):
    """What this needs of the ticket screen (which imports this module: no import back)."""

    ticket_id: int
    loader: _Loading


class MarkedRows(Protocol):
    """What this needs of the lookup screen, likewise."""

    def clear_marks(self) -> None: ...

    def refresh_results(self) -> None: ...


#: Seconds a "not available" toast stays: it explains, so it is longer than most.
UNAVAILABLE_TIMEOUT = 12.0

Maker = Callable[..., "QuickForm"]


def _assign_form() -> Maker:
    from omnitui.tui.forms.assign import AssignForm

    return AssignForm


def _priority_form() -> Maker:
    from omnitui.tui.forms.priority import PriorityForm

    return PriorityForm


def _tags_form() -> Maker:
    from omnitui.tui.forms.tags import TagsForm

    return TagsForm


#: Each key's picker, and the fields it changes (WriteField values).
KINDS: dict[str, tuple[Callable[[], Maker], tuple[str, ...]]] = {
    "assign": (_assign_form, ("group", "agent")),
    "priority": (_priority_form, ("priority",)),
    "tags": (_tags_form, ("tags",)),
}


def _blocked(screen: Screen[Any], kind: str) -> tuple[WriteSupport | None, dict[WriteField, str]]:
    """The memory and the unavailable fields of ``kind``; says so when all of them are."""
    from omnitui.api.readback import WriteField
    from omnitui.tui import verify

    memory = verify.memory_for(screen.app)
    fields = [WriteField(name) for name in KINDS[kind][1]]
    unavailable = memory.unavailable(fields) if memory is not None else {}
    if unavailable and all(field in unavailable for field in fields):
        text = " ".join(dict.fromkeys(unavailable.values()))
        screen.notify(text, title="Not available", severity="warning", timeout=UNAVAILABLE_TIMEOUT)
        return memory, unavailable
    # Some of them: the picker says so in a line of its own and offers the rest.
    return memory, memory.unavailable(fields, short=True) if memory is not None else {}


def _form(
    screen: Screen[Any],
    kind: str,
    tickets: Sequence[Ticket],
    memory: WriteSupport | None,
    unavailable: dict[WriteField, str],
) -> QuickForm:
    from omnitui.tui import verify

    make = KINDS[kind][0]()
    options: dict[str, Any] = {"memory": memory, "unavailable": unavailable}
    if kind == "assign":
        options["me"] = verify.my_user_id(screen.app)
    return make(tickets, **options)


# ----------------------------------------------------------------------------------------------
# The ticket screen


def on_ticket(
    screen: Screen[Any],
    kind: str,
    ticket: Ticket | None,
    done: Callable[[Outcome | None], None],
) -> None:
    """``a``/``p``/``t`` on the open ticket (its header is enough: a big one need not be read
    to its end); ``done`` reloads it afterwards."""
    if ticket is None:
        from omnitui.render.status_line import not_ready_text

        view = cast(TicketView, screen)
        screen.notify(not_ready_text(view.ticket_id, view.loader.state), severity="warning")
        return
    memory, unavailable = _blocked(screen, kind)
    if unavailable and all(field in unavailable for field in KINDS[kind][1]):
        return
    screen.app.push_screen(_form(screen, kind, [ticket], memory, unavailable), done)


# ----------------------------------------------------------------------------------------------
# The lookup screen


def on_marked(screen: Screen[Any], kind: str, ticket_ids: Sequence[int]) -> None:
    """``a``/``p``/``t`` on the marked results (or the highlighted one): read them, then pick."""
    if not ticket_ids:
        screen.notify(
            "Mark results with space first (or highlight one in a list).", severity="warning"
        )
        return
    memory, unavailable = _blocked(screen, kind)
    if unavailable and all(field in unavailable for field in KINDS[kind][1]):
        return
    screen.run_worker(
        _read_then_pick(screen, kind, list(ticket_ids), memory, unavailable),
        group="quick-change",
        exclusive=True,
        exit_on_error=False,
        description="read the marked tickets",
    )


async def _read_then_pick(
    screen: Screen[Any],
    kind: str,
    ticket_ids: list[int],
    memory: WriteSupport | None,
    unavailable: dict[WriteField, str],
) -> None:
    from omnitui.api.errors import ApiError
    from omnitui.core.wording import plural

    if len(ticket_ids) > 1:
        screen.notify(f"Reading {plural(len(ticket_ids), 'ticket')}…")
    tickets: list[Ticket] = []
    try:
        client = await cast(AppServices, screen.app).wait_for_client()
        for ticket_id in ticket_ids:
            tickets.append(await client.get_ticket_header(ticket_id))
    except ApiError as exc:
        number = ticket_ids[len(tickets)]
        screen.notify(f"Could not read #{number}: {exc} Nothing was changed.", severity="error")
        return
    form = _form(screen, kind, tickets, memory, unavailable)
    screen.app.push_screen(form, lambda outcome: _after(screen, outcome))


def _after(screen: Screen[Any], outcome: Outcome | None) -> None:
    """The rows show the change (search again); on many, each ticket's result is listed."""
    if outcome is None:
        return
    rows = cast(MarkedRows, screen)
    rows.clear_marks()
    rows.refresh_results()
    if outcome.many:
        from omnitui.tui.forms.quick import ResultsScreen

        screen.app.push_screen(ResultsScreen(outcome.what, outcome))
