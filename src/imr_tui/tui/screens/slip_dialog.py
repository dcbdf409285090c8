"""Write down a slip (from Home, key u, for a person who tracks alcohol or drug use): the day, what
happened, what to try next time, and, if they choose, put it in the relapse prevention plan.

The words are plain and without judgement. The dialog only collects the answer; Home saves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static, TextArea

from imr_tui.domain.dates import LAST, parse_day
from imr_tui.domain.format import full_day
from imr_tui.tui.screens.base import IMRModal
from imr_tui.tui.widgets.footer import Footer
from imr_tui.tui.widgets.toggles import Checkbox

INTRO = ("Slips happen to many people in recovery. Writing down what happened can help you plan for next "
         "time. This stays in your own data.")


@dataclass(frozen=True)
class SlipForm:
    on: date
    what_happened: str
    try_next: str
    in_plan: bool


class SlipDialog(IMRModal[SlipForm | None]):
    CSS_PATH = "slip_dialog.tcss"
    HELP_TOPIC = "home"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="slip.save", tooltip="Save what you wrote"),
        Binding("escape", "cancel", "Cancel", id="slip.cancel", tooltip="Close; asks first if you typed something"),
    ]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="slip-box") as box:
            box.border_title = "Write down a slip"
            yield Static(INTRO, classes="intro")
            with Horizontal(classes="form-row"):
                yield Label("Which day", classes="form-label")
                yield Input("today", max_length=40, id="slip-day")
            yield Static("", id="slip-day-words", classes="field-check")
            yield Label("What happened?", classes="box-label")
            yield TextArea(id="slip-what", classes="slip-text", placeholder="for example: a friend offered a beer")
            yield Label("What could you try next time?", classes="box-label")
            yield TextArea(id="slip-next", classes="slip-text", placeholder="for example: say I have to go, and leave")
            yield Checkbox("Add this to my relapse prevention plan, as a trigger and how to handle it", id="slip-plan")
            yield Static("", id="slip-error")
        yield Footer()

    def on_mount(self) -> None:
        self._show_day()
        self.query_one("#slip-what", TextArea).focus()

    def _day(self) -> date | None:
        text = self.query_one("#slip-day", Input).value
        try:
            day = parse_day(text, self.today, LAST)
        except ValueError:
            return None
        return day if day is not None and day <= self.today else None

    def _show_day(self) -> None:
        words = self.query_one("#slip-day-words", Static)
        day = self._day()
        words.update(Content(full_day(day) if day else "Type a day that has passed, like today, yesterday or -3."))
        words.set_class(day is None, "error")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "slip-day":
            self._show_day()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def _typed(self) -> bool:
        return any(a.text.strip() for a in self.query(".slip-text").results(TextArea))

    def action_save(self) -> None:
        error = self.query_one("#slip-error", Static)
        day = self._day()
        if day is None:
            error.update("Please type the day it happened (today, yesterday, -3 or a date).")
            self.query_one("#slip-day", Input).focus()
            return
        what = self.query_one("#slip-what", TextArea).text.strip()
        then = self.query_one("#slip-next", TextArea).text.strip()
        plan = self.query_one("#slip-plan", Checkbox).value
        if plan and not what:
            error.update("To add it to your plan, write what happened (it becomes the trigger).")
            self.query_one("#slip-what", TextArea).focus()
            return
        self.dismiss(SlipForm(day, what[:2000], then[:2000], plan))

    def action_cancel(self) -> None:
        if not self._typed():
            self.dismiss(None)
            return
        from imr_tui.tui.screens.confirm_dialog import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(Content("Throw away what you wrote about this slip?"), help_topic="home"),
                             answer)
