"""Log one time a coping strategy was used: the trigger met, what was done, distress before and after.

Triggers come from the plan and the person's own list; strategies from their toolbox. A new one
can be typed: the screen adds it to the person's list when it saves the log. Escape with something
filled in asks first: keep (save), throw away, or go back.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from imr_tui.domain.profile import CopingStrategy, Trigger
from imr_tui.tui.screens.leave_dialog import FormDialog
from imr_tui.tui.widgets.footer import Footer
from imr_tui.tui.widgets.scale import ScaleInput


@dataclass(frozen=True)
class CopingLog:
    trigger_id: str | None  # a trigger picked from the list
    new_trigger: str  # or typed (added to the person's triggers)
    situation: str
    strategy_id: str | None
    new_strategy: str
    before: int
    after: int


class CopingLogDialog(FormDialog[CopingLog | None]):
    CSS_PATH = "coping_log_dialog.tcss"
    HELP_TOPIC = "coping"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="coping_log.save", tooltip="Save this log"),
        Binding("escape", "cancel", "Close", id="coping_log.cancel",
                tooltip="Close; if you filled something in, you are asked whether to keep it"),
    ]

    def __init__(self, triggers: list[Trigger], strategies: list[CopingStrategy]) -> None:
        super().__init__()
        self.triggers = triggers
        self.strategies = strategies

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="log-box") as box:
            box.border_title = "Log a trigger and what you did"
            with Horizontal(classes="form-row"):
                yield Label("Trigger", classes="form-label")
                # the person's own words: Content, never markup
                yield Select([(Content(t.text), t.id) for t in self.triggers], prompt="Pick one (or none)",
                             id="log-trigger")
                yield Input(placeholder="or type a new one", max_length=500, id="log-new-trigger")
            with Horizontal(classes="form-row"):
                yield Label("What happened", classes="form-label")
                yield Input(placeholder="A few words (you can leave it empty)", max_length=2000, id="log-situation")
            with Horizontal(classes="form-row"):
                yield Label("What I did", classes="form-label")
                yield Select([(Content(s.text), s.id) for s in self.strategies], prompt="Pick one",
                             id="log-strategy")
                yield Input(placeholder="or type a new one", max_length=500, id="log-new-strategy")
            yield ScaleInput("Distress before", "How upset were you before?", low=0, high=10,
                             low_label="calm", high_label="very upset", id="log-before")
            yield ScaleInput("Distress after", "And after?", low=0, high=10,
                             low_label="calm", high_label="very upset", id="log-after")
            yield Static("", id="log-error")
        yield Footer()

    def on_mount(self) -> None:
        first = "#log-trigger" if self.triggers else "#log-new-trigger"
        self.query_one(first).focus()

    def _text(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def _pick(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return value if isinstance(value, str) else None

    def has_unsaved_changes(self) -> bool:
        return (any(i.value for i in self.query(Input)) or any(self._pick(f"#{s}") for s in ("log-trigger", "log-strategy"))
                or any(row.value is not None for row in self.query(ScaleInput)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#log-error", Static).update("")

    def on_scale_input_changed(self, event: ScaleInput.Changed) -> None:
        self.query_one("#log-error", Static).update("")

    def action_save(self) -> None:
        error = self.query_one("#log-error", Static)
        new_strategy = self._text("#log-new-strategy")
        strategy_id = None if new_strategy else self._pick("#log-strategy")
        if not new_strategy and strategy_id is None:
            error.update("Pick what you did, or type it.")
            return
        before = self.query_one("#log-before", ScaleInput).value
        after = self.query_one("#log-after", ScaleInput).value
        if before is None or after is None:
            error.update("Give your distress before and after, from 0 to 10.")
            self.query_one("#log-before" if before is None else "#log-after").focus()
            return
        new_trigger = self._text("#log-new-trigger")
        self.dismiss(CopingLog(trigger_id=None if new_trigger else self._pick("#log-trigger"), new_trigger=new_trigger,
                               situation=self._text("#log-situation"), strategy_id=strategy_id,
                               new_strategy=new_strategy, before=int(before), after=int(after)))
