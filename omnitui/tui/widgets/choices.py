"""Choice widgets whose state reads without colour.

Textual draws a ticked and an unticked box (and a chosen and an unchosen radio button) with the
same glyph, told apart by colour alone: under NO_COLOR or on a monochrome terminal every option
looks chosen. These draw the unchosen ones empty; and a group of them is chosen in with the
arrows, as a web form's radio buttons are.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widgets import RadioButton, RadioSet, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

EMPTY = " " * len(ToggleButton.BUTTON_INNER)


class TickList(SelectionList[str]):
    """A selection list whose unticked rows show an empty box."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if option.value in self.selected:
            return strip
        segments = list(strip)
        if len(segments) > 1 and segments[1].text == ToggleButton.BUTTON_INNER:
            segments[1] = Segment(EMPTY, segments[1].style)
        return Strip(segments, strip.cell_length)


class Choice(RadioButton):
    """A radio button that is empty when not chosen."""

    @property
    def _button(self) -> Content:
        if self.value:
            return super()._button
        # As ToggleButton._button, with the inner glyph left out.
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        return Content.assemble(
            (self.BUTTON_LEFT, side_style), (EMPTY, button_style), (self.BUTTON_RIGHT, side_style)
        )


class ChoiceSet(RadioSet, inherit_bindings=False):
    """A radio group that behaves as in a web form: an arrow moves to the next choice *and*
    chooses it; space chooses too. Enter is left to the screen (the dialog's main action),
    where Textual's RadioSet would spend it on re-pressing the chosen button."""

    BINDINGS = [
        Binding("down,right", "step(1)", "Next choice", show=False),
        Binding("up,left", "step(-1)", "Previous choice", show=False),
        Binding("space", "toggle_button", "Choose", show=False),
    ]

    def action_step(self, step: int) -> None:
        buttons = list(self.query(RadioButton))
        if not buttons:
            return
        index = self.pressed_index
        # The highlight follows the pressed button (RadioSet.Changed moves it).
        buttons[0 if index < 0 else (index + step) % len(buttons)].value = True
