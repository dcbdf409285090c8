"""Pick one of the check-ins saved on a day, to change it ("e" on the check-in screen).

Returns the id of the check-in picked, or None (Escape). Notes are the person's own words: Content.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.domain.checkin import CheckIn, CheckInItem
from imr_tui.domain.format import number, short_day
from imr_tui.tui.screens.base import IMRModal
from imr_tui.tui.widgets.footer import Footer


def describe(checkin: CheckIn, items: dict[str, CheckInItem]) -> Content:
    """One line: the time, the values in words, the start of the note."""
    values = ", ".join(items[k].reading(v) if k in items else f"{k} {number(v)}" for k, v in checkin.values.items())
    note = checkin.note.splitlines()[0][:40] if checkin.note else ""
    return Content.assemble((f"{checkin.at:%H:%M}", "bold"), "  ", values or "no numbers",
                            ("  " + note if note else "", "italic"))


class CheckInPicker(IMRModal[str | None]):
    CSS_PATH = "checkin_picker.tcss"
    HELP_TOPIC = "checkin"
    BINDINGS = [
        Binding("escape", "cancel", "Back", id="checkin_picker.back", tooltip="Go back to your check-in"),
    ]

    def __init__(self, checkins: list[CheckIn], items: list[CheckInItem], *, replaces_typing: bool) -> None:
        super().__init__()
        self.checkins = checkins
        self.items = {i.id: i for i in items}
        self.replaces_typing = replaces_typing

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box") as box:
            day = short_day(self.checkins[0].day) if self.checkins else ""
            box.border_title = f"Saved on {day}"
            title = "Pick the check-in to change and press Enter. Escape goes back."
            if self.replaces_typing:
                title += " What you typed on the check-in will be replaced."
            yield Static(Content(title), id="picker-title")
            yield OptionList(*[Option(describe(c, self.items), id=c.id) for c in self.checkins], id="picker")
        yield Footer()

    def on_mount(self) -> None:
        picker = self.query_one("#picker", OptionList)
        picker.highlighted = 0
        picker.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
