"""Every key names an action its own screen (or widget) has: the keys' flow reads top-down."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

from omnitui.tui.app import OmniApp
from omnitui.tui.forms.assign import AssignForm
from omnitui.tui.forms.base import FormScreen
from omnitui.tui.forms.quick import ResultsScreen
from omnitui.tui.forms.tags import TagList
from omnitui.tui.screens.export import ExportScreen
from omnitui.tui.screens.filter import FilterScreen
from omnitui.tui.screens.help import HelpScreen
from omnitui.tui.screens.lookup import LookupScreen
from omnitui.tui.screens.pinned import PinnedScreen
from omnitui.tui.screens.ticket import TicketScreen
from omnitui.tui.screens.welcome import WelcomeScreen
from omnitui.tui.widgets.search_field import SearchField
from omnitui.tui.widgets.ticket_number import TicketNumberInput
from omnitui.tui.widgets.timeline import TimelineView

OWNERS: list[type[DOMNode]] = [
    OmniApp,
    LookupScreen,
    TicketNumberInput,
    SearchField,
    TicketScreen,
    TimelineView,
    PinnedScreen,
    FilterScreen,
    ExportScreen,
    FormScreen,
    AssignForm,
    TagList,
    ResultsScreen,
    WelcomeScreen,
    HelpScreen,
]
#: What the screens may still ask of the app by name: Textual's own actions.
APP_ACTIONS = {"quit", "focus_next", "focus_previous"}


@pytest.mark.parametrize("owner", OWNERS, ids=lambda owner: owner.__name__)
def test_every_key_names_an_action_of_its_owner(owner: type[DOMNode]) -> None:
    for binding in owner.BINDINGS:
        assert isinstance(binding, Binding)
        namespace, _, action = binding.action.rpartition(".")
        name = action.partition("(")[0]
        if namespace == "app":
            assert name in APP_ACTIONS, f"{binding.id}: app.{name}"
        elif namespace == "screen":
            assert owner is TicketNumberInput and hasattr(LookupScreen, f"action_{name}")
        else:
            assert namespace == "", binding.action
            assert hasattr(owner, f"action_{name}"), f"{binding.id}: {owner.__name__}.{name}"
