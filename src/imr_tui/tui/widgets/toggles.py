"""Checkboxes, radio buttons and selection lists whose state is written, not only coloured.

Textual draws the same glyph for on and off and tells them apart by colour alone, which some
themes (and some eyes) do not show. These subclasses write the state as text in every theme:
a checkbox and each line of a selection list show "[x]" or "[ ]", a radio button "(•)" or "( )".
Use them instead of the ones in textual.widgets (tests/test_toggles.py checks the screens do).
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox as _Checkbox
from textual.widgets import OptionList
from textual.widgets import RadioButton as _RadioButton
from textual.widgets import SelectionList as _SelectionList
from textual.widgets.option_list import OptionDoesNotExist

T = TypeVar("T")

CHECKED, UNCHECKED = "[x]", "[ ]"
PICKED, NOT_PICKED = "(•)", "( )"


def mark(on: bool, *, radio: bool = False) -> Content:
    """The written state: bold when on, so it reads at a glance and without colour."""
    text = (PICKED if on else NOT_PICKED) if radio else (CHECKED if on else UNCHECKED)
    return Content.styled(text, "bold" if on else "")


class Checkbox(_Checkbox):
    """A checkbox that shows [x] when ticked and [ ] when not."""

    @property
    def _button(self) -> Content:
        return mark(self.value)


class RadioButton(_RadioButton):
    """A radio button that shows (•) when picked and ( ) when not."""

    @property
    def _button(self) -> Content:
        return mark(self.value, radio=True)


class SelectionList(_SelectionList[T]):
    """A selection list whose lines start with [x] or [ ]."""

    def _get_left_gutter_width(self) -> int:
        return len(CHECKED) + 1

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)  # the prompt alone, without Textual's coloured button
        index = self.scroll_offset.y + y
        try:
            selection = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        under = next(iter(line)).style or self.rich_style
        on = selection.value in self.selected
        style = under + Style(bold=on, meta={"option": index})  # the meta keeps a click on the mark working
        return Strip([Segment(CHECKED if on else UNCHECKED, style), Segment(" ", under), *line])
