"""The weekly follow-up on a goal: what went well, what got in the way, and the next step.

Escape with something typed asks first: keep (save), throw away, or go back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static

from imr_tui.domain.dates import due_examples, parse_day
from imr_tui.tui.clock import today
from imr_tui.tui.screens.goals import day_check
from imr_tui.tui.screens.leave_dialog import FormDialog
from imr_tui.tui.widgets.footer import Footer
from imr_tui.tui.widgets.toggles import Checkbox


@dataclass(frozen=True)
class FollowUpResult:
    went_well: str
    got_in_way: str
    next_step: str
    add_step: bool  # also add the next step to the goal's steps
    due: date | None


ADD_STEP = True  # the box starts ticked


class FollowUpDialog(FormDialog[FollowUpResult | None]):
    CSS_PATH = "follow_up_dialog.tcss"
    HELP_TOPIC = "goals"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="follow_up.save", tooltip="Save this week's follow-up"),
        Binding("escape", "cancel", "Close", id="follow_up.cancel",
                tooltip="Close; if you typed something, you are asked whether to keep it"),
    ]

    def __init__(self, goal_text: str) -> None:
        super().__init__()
        self.goal_text = goal_text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="follow-box") as box:
            box.border_title = "Weekly follow-up"
            yield Static(Content.from_markup("How did this week go with your goal, [b]$goal[/b]?",
                                             goal=self.goal_text), classes="intro")
            for key, label, hint in (("well", "What went well", "Even a small thing counts"),
                                     ("way", "What got in the way", "Anything that made it harder"),
                                     ("next", "Next step", "One small thing to do this week")):
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield Input(placeholder=hint, max_length=2000, id=f"fu-{key}")
            with Horizontal(classes="form-row"):
                yield Label("", classes="form-label")
                yield Checkbox("Add the next step to my steps", value=ADD_STEP, id="fu-add")
            with Horizontal(classes="form-row"):
                yield Label("By when", classes="form-label")
                yield Input(placeholder=f"{due_examples(today())} (or leave empty)", max_length=30, id="fu-due")
            yield Static("", id="fu-due-check")
            yield Static("", id="fu-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#fu-well", Input).focus()
        self._check_due()

    def _value(self, key: str) -> str:
        return self.query_one(f"#fu-{key}", Input).value.strip()

    def has_unsaved_changes(self) -> bool:
        return any(i.value for i in self.query(Input)) or self.query_one("#fu-add", Checkbox).value != ADD_STEP

    def _check_due(self) -> bool:
        ok, words = day_check(self._value("due"))
        box = self.query_one("#fu-due-check", Static)
        box.update(Content(words))
        box.set_class(not ok, "error")
        return ok

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#fu-error", Static).update("")
        if event.input.id == "fu-due":
            self._check_due()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "fu-due":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        error = self.query_one("#fu-error", Static)
        if not (self._value("well") or self._value("way") or self._value("next")):
            error.update("Write at least one line: what went well, what got in the way, or a next step.")
            self.query_one("#fu-well", Input).focus()
            return
        if not self._check_due():
            error.update("Please fix the date, or leave it empty.")
            self.query_one("#fu-due", Input).focus()
            return
        self.dismiss(FollowUpResult(self._value("well"), self._value("way"), self._value("next"),
                                    self.query_one("#fu-add", Checkbox).value,
                                    parse_day(self._value("due"), today())))
