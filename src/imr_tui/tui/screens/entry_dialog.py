"""A small form in a modal: a few one-line fields, saved with Ctrl+S (or Enter on the last field).

Used for the parts of the relapse prevention plan (a trigger, a step, a supporter, a contact)
and for a goal and its steps. The dialog only collects text; the screen that opened it saves.
Escape with something typed asks first: keep (save), throw away, or go back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static

from imr_tui.tui.screens.leave_dialog import FormDialog
from imr_tui.tui.widgets.footer import Footer

# A check for one field: (ok, words shown under the field), e.g. the date a due field stands for.
FieldCheck = Callable[[str], tuple[bool, str]]


@dataclass(frozen=True)
class EntryField:
    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    required: bool = False
    max_length: int = 500
    check: FieldCheck | None = None


class EntryDialog(FormDialog[dict[str, str] | None]):
    """Returns {field key: text (stripped)} on save, None on cancel."""

    CSS_PATH = "entry_dialog.tcss"
    HELP_TOPIC = "plan"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="entry.save", tooltip="Save and close"),
        Binding("escape", "cancel", "Close", id="entry.cancel",
                tooltip="Close; if you typed something, you are asked whether to keep it"),
    ]

    def __init__(self, title: str, fields: Sequence[EntryField], *, intro: str = "", help_topic: str = "plan") -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.intro = intro
        self.HELP_TOPIC = help_topic

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="entry-box") as box:
            box.border_title = self.title_text
            if self.intro:
                yield Static(Content(self.intro), classes="intro")
            for f in self.fields:
                with Horizontal(classes="form-row"):
                    yield Label(f.label, classes="form-label")
                    # the person's own text goes in as the value: an Input never parses it as markup
                    yield Input(f.value, placeholder=f.placeholder, max_length=f.max_length, id=f"field-{f.key}")
                if f.check is not None:
                    yield Static("", id=f"check-{f.key}", classes="field-check")
            yield Static("", id="entry-error")
        yield Footer()

    def on_mount(self) -> None:
        for f in self.fields:
            if f.check is not None:
                self._show_check(f)
        if self.fields:
            self.query_one(f"#field-{self.fields[0].key}", Input).focus()

    def _field(self, key: str) -> EntryField:
        return next(f for f in self.fields if f.key == key)

    def _value(self, key: str) -> str:
        return self.query_one(f"#field-{key}", Input).value.strip()

    def has_unsaved_changes(self) -> bool:
        return any(self.query_one(f"#field-{f.key}", Input).value != f.value for f in self.fields)

    def _show_check(self, f: EntryField) -> bool:
        assert f.check is not None
        ok, words = f.check(self._value(f.key))
        box = self.query_one(f"#check-{f.key}", Static)
        box.update(Content(words))
        box.set_class(not ok, "error")
        return ok

    def on_input_changed(self, event: Input.Changed) -> None:
        key = (event.input.id or "").removeprefix("field-")
        f = next((f for f in self.fields if f.key == key), None)
        if f is not None and f.check is not None:
            self._show_check(f)
        self.query_one("#entry-error", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == f"field-{self.fields[-1].key}":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        error = self.query_one("#entry-error", Static)
        for f in self.fields:
            if f.required and not self._value(f.key):
                error.update(Content(f"Please fill in: {f.label}."))
                self.query_one(f"#field-{f.key}", Input).focus()
                return
            if f.check is not None and not self._show_check(f):
                error.update(Content(f"Please fix: {f.label}."))
                self.query_one(f"#field-{f.key}", Input).focus()
                return
        self.dismiss({f.key: self._value(f.key) for f in self.fields})
