"""The account's saved views (queues): what ``GET /view`` lists and ``applyView`` selects.

A view is a set of conditions in the documented shape (``{all: [{fact, operation, value}],
any: [...]}``, docs/omnidesk-api.md §6.3); the store turns them into SQL, so a view's tickets
follow the tickets' current fields: assigning a ticket moves it out of "Unassigned" at once.
Besides the listed views with numeric ids, a few older names (``open``, ``unassigned``, ...)
are still accepted by ``applyView`` but not listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from omnitui.sandbox.data.catalog import OPEN_STATUSES
from omnitui.sandbox.data.documents import Doc

FACTS: Final[dict[str, type]] = {
    "status": str,
    "priority": str,
    "direction": str,
    "assigned_group_id": int,
    "assigned_user_id": int,
    "brand_id": int,
    "channel_id": int,
}
"""Ticket fields a condition may test, with the type their value is compared as."""

OPERATIONS: Final = ("equals", "not_equals")


@dataclass(frozen=True)
class Condition:
    """One ``{fact, operation, value}`` of a view."""

    fact: str
    operation: str
    value: str

    def __post_init__(self) -> None:
        if self.fact not in FACTS or self.operation not in OPERATIONS:
            raise ValueError(f"unsupported condition {self.fact} {self.operation}")

    def doc(self) -> Doc:
        """Return the condition as the API sends it (the value as a string, as in the docs)."""
        return {"fact": self.fact, "operation": self.operation, "value": self.value}


@dataclass(frozen=True)
class Selection:
    """Tickets matching every ``all`` condition and, if there are any, one ``any`` condition."""

    all: tuple[Condition, ...] = ()
    any: tuple[Condition, ...] = ()

    def narrowed(self, *conditions: Condition) -> Selection:
        """Return this selection with more ``all`` conditions (a status filter on a view)."""
        return Selection((*self.all, *conditions), self.any)


def equals(fact: str, value: object) -> Condition:
    return Condition(fact, "equals", str(value))


def not_equals(fact: str, value: object) -> Condition:
    return Condition(fact, "not_equals", str(value))


NOT_DONE: Final = (not_equals("status", "solved"), not_equals("status", "closed"))
"""Still to be worked on: anything but solved and closed (an unknown status too)."""

COLUMNS: Final = (
    ("channel_icon", ""),
    ("id", "Number"),
    ("title", "Subject"),
    ("status", "Status"),
    ("priority", "Priority"),
    ("last_update", "Last update"),
)


@dataclass(frozen=True)
class SavedView:
    """A view of the account, listed by ``GET /view``."""

    id: int
    title: str
    selection: Selection
    order: int
    category: int = 1
    columns: tuple[tuple[str, str], ...] = field(default=COLUMNS)

    def doc(self) -> Doc:
        """Return the view as ``GET /view`` lists it (field names follow the create call's)."""
        return {
            "id": self.id,
            "title": self.title,
            "view_category_id": self.category,
            "view_order_id": self.order,
            "primary_sorting": "last_update",
            "primary_sorting_order": "desc",
            "secondary_sorting": "none",
            "secondary_sorting_order": "desc",
            "conditions": {
                "all": [c.doc() for c in self.selection.all],
                "any": [c.doc() for c in self.selection.any],
            },
            "columns": [{"type": kind, "title": title} for kind, title in self.columns],
        }


SAVED_VIEWS: Final[dict[int, SavedView]] = {
    view.id: view
    for view in (
        SavedView(301, "All open", Selection(NOT_DONE), 1),
        SavedView(302, "Unassigned", Selection((*NOT_DONE, equals("assigned_user_id", 0))), 2),
        SavedView(303, "Finance", Selection((*NOT_DONE, equals("assigned_group_id", 10002))), 3),
        SavedView(304, "Waiting on customer", Selection((equals("status", "pending"),)), 4),
        SavedView(
            305,
            "High priority",
            Selection(NOT_DONE, (equals("priority", "high"), equals("priority", "urgent"))),
            5,
        ),
    )
}
"""The views ``GET /view`` lists, by id, in their display order."""


def _statuses(*statuses: str) -> Selection:
    return Selection(any=tuple(equals("status", status) for status in statuses))


NAMED_VIEWS: Final[dict[str, Selection]] = {
    "all": Selection(),
    "open": _statuses(*OPEN_STATUSES),
    "new": _statuses("new"),
    "pending": _statuses("pending"),
    "holding": _statuses("holding"),
    "solved": _statuses("solved"),
    "closed": _statuses("solved", "closed"),
    "unassigned": Selection((equals("assigned_user_id", 0),), _statuses(*OPEN_STATUSES).any),
}
"""Older view names ``applyView`` still takes; not listed by ``GET /view``."""


def selection(view: str) -> Selection | None:
    """Return what ``applyView=view`` selects (a listed view's id, or an older name)."""
    if view.isdigit() and len(view) < 10:
        saved = SAVED_VIEWS.get(int(view))
        return saved.selection if saved else None
    return NAMED_VIEWS.get(view)
