"""Home practice done: pick the practice tried, say in a line how it went (both from Home, key w).

The dialog only collects the answer; Home saves it (Progress.finish_practice). An empty line is fine.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from imr_tui.domain.format import days_from, short_day
from imr_tui.domain.progress import HomePractice
from imr_tui.tui.screens.base import IMRModal
from imr_tui.tui.widgets.footer import Footer


def practice_line(p: HomePractice, today: date) -> Content:
    """The practice in words, with its day: "(by Mon 7 Dec)", or "(it was for Mon 7 Dec: that is fine)"."""
    if p.due is None:
        return Content(p.text)
    if p.overdue(today):
        return Content(p.text) + Content.from_markup(
            " [dim](it was for $day, $ago: that is fine, try it when you can)[/dim]", day=short_day(p.due),
            ago=days_from(p.due, today))
    return Content(p.text) + Content.from_markup(" [dim](by $day)[/dim]", day=short_day(p.due))


class PracticeDialog(IMRModal[tuple[HomePractice, str] | None]):
    """Returns (the practice, how it went) on save, None on cancel."""

    CSS_PATH = "practice_dialog.tcss"
    HELP_TOPIC = "home"
    BINDINGS = [
        Binding("ctrl+s", "save", "Done", id="practice.save", tooltip="Save this practice as done"),
        Binding("escape", "cancel", "Cancel", id="practice.cancel", tooltip="Close without saving"),
    ]

    def __init__(self, open_practice: list[HomePractice], today: date) -> None:
        super().__init__()
        self.practice = list(open_practice)
        self.today = today

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="practice-box") as box:
            box.border_title = "Home practice done"
            yield Static(Content.from_markup(
                "Which one did you try? Pick it with the arrows, then press [b]Enter[/b]."), classes="intro")
            yield OptionList(*[Option(practice_line(p, self.today), id=str(n)) for n, p in enumerate(self.practice)],
                             id="practice-pick")
            yield Static("How did it go? A line in your own words (you can leave it empty).", classes="intro")
            yield Input(placeholder="for example: it was hard the first day, easier after", max_length=500,
                        id="practice-how")
            yield Static(Content.from_markup("[b]Enter[/b] saves it as done. [b]Escape[/b] goes back without saving."),
                         id="practice-keys")
        yield Footer()

    def on_mount(self) -> None:
        pick = self.query_one("#practice-pick", OptionList)
        pick.highlighted = 0
        if len(self.practice) == 1:
            self.query_one("#practice-how", Input).focus()
        else:
            pick.focus()

    @on(OptionList.OptionSelected, "#practice-pick")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#practice-how", Input).focus()

    @on(Input.Submitted, "#practice-how")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        index = self.query_one("#practice-pick", OptionList).highlighted
        if index is None or not 0 <= index < len(self.practice):
            return
        self.dismiss((self.practice[index], self.query_one("#practice-how", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
