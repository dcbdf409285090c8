"""Keyboard-first inputs for one check-in row: a number on a scale, or one choice from a few.

ScaleInput: type the number (digits, and "." for half steps), left/right to change it by one
step, Backspace or Delete to skip. Digits typed within COMBINE_SECONDS of each other make one
number when that number is on the scale: "1" then "0" gives 10 on a 0-10 scale, "6" "." "5"
gives 6.5 hours of sleep. A digit that would go past the end starts a new number instead.

ChoiceInput: one letter picks a choice (y, p, n, x ...), left/right move, Backspace skips.

Labels and end words may be typed by the person (their own check-in items), so they are
never parsed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import monotonic

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from imr_tui.domain.format import number


class ScaleInput(Widget, can_focus=True):
    """One check-in item: a label, the question, the scale's ends, and the value (or "skipped")."""

    COMBINE_SECONDS = 1.5

    DEFAULT_CSS = """
    ScaleInput {
        height: auto;
        width: 1fr;
        padding: 0 1;
        border-left: blank;
    }
    ScaleInput:focus {
        border-left: thick $accent;
        background: $accent 15%;
    }
    """

    BINDINGS = [
        Binding("left,minus", "change(-1)", "Lower", id="scale.lower", show=False,
                tooltip="Make the number one step lower"),
        Binding("right,plus", "change(1)", "Higher", id="scale.higher", show=False,
                tooltip="Make the number one step higher"),
        Binding("backspace,delete", "skip", "Skip", id="scale.skip", show=False,
                tooltip="Leave this one out today"),
        Binding("enter", "next", "Next", id="scale.next", show=False, tooltip="Go to the next question"),
    ]

    value: reactive[float | None] = reactive(None)

    @dataclass
    class Changed(Message):
        scale: ScaleInput
        value: float | None

        @property
        def control(self) -> ScaleInput:
            return self.scale

    def __init__(
        self,
        label: str,
        question: str = "",
        *,
        low: float = 0,
        high: float = 10,
        step: float = 1,
        worse: str = "high",
        unit: str = "",
        low_label: str = "",
        high_label: str = "",
        value: float | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self.question = question
        self.low = low
        self.high = high
        self.step = step
        self.worse = worse
        self.unit = unit
        self.low_label = low_label
        self.high_label = high_label
        self._typed = ""
        self._typed_at = 0.0
        self.set_reactive(ScaleInput.value, value)

    # ------------------------------------------------------------- describing
    @property
    def fractional(self) -> bool:
        return not float(self.step).is_integer()

    @property
    def hint(self) -> str:
        """How to answer, in one short line."""
        lo, hi = number(self.low), number(self.high)
        if self.fractional:
            return f"Type the number, like 6 . 5   ←/→ change by {number(self.step)}   Backspace skips"
        if self.high >= 10:
            return f"Type {lo} to {hi} (for {number(self.high)}: type 1 then 0)   ←/→ change   Backspace skips"
        return f"Type {lo} to {hi}   ←/→ change   Backspace skips"

    def value_text(self) -> str:
        if self.value is None:
            return "skipped"
        unit = f" {self.unit}" if self.unit else ""
        return f"{number(self.value)} / {number(self.high)}{unit}"

    def ends_text(self) -> str:
        lo, hi = number(self.low), number(self.high)
        ends = f"{lo} = {self.low_label}" if self.low_label else lo
        ends += " … " + (f"{hi} = {self.high_label}" if self.high_label else hi)
        if self.unit and not (self.low_label or self.high_label):
            ends += f" {self.unit}"
        which = "low" if self.worse == "low" else "high"
        return f"{ends}  ({which} is worse)"

    def render(self) -> Content:
        value_style = "bold" if self.value is not None else "italic"
        return Content.assemble(
            (self.label, "bold"),
            ("  " + self.question if self.question else "", ""),
            "\n  ",
            (self.value_text(), value_style),
            "   ",
            (self.ends_text(), "dim"),
        )

    # ---------------------------------------------------------------- values
    def _valid(self, x: float) -> float | None:
        """x snapped to the scale's steps, or None when it is off the scale."""
        if not self.low <= x <= self.high:
            return None
        steps = round((x - self.low) / self.step)
        snapped = self.low + steps * self.step
        if snapped > self.high:
            snapped -= self.step
        return round(snapped, 6)

    def _parse(self, typed: str) -> float | None:
        if len(typed) > 6 or typed.count(".") > 1:
            return None
        if "." in typed and not self.fractional:
            return None
        number = typed.rstrip(".") or "0"
        if number.startswith("."):
            number = "0" + number
        try:
            x = float(number)
        except ValueError:
            return None
        return self._valid(x)

    def type_character(self, character: str) -> bool:
        """Add a typed digit or "." to the number; True when it was used."""
        now = monotonic()
        recent = self._typed and now - self._typed_at <= self.COMBINE_SECONDS
        for typed in ([self._typed + character] if recent else []) + [character]:
            x = self._parse(typed)
            if x is not None:
                self._typed, self._typed_at = typed, now
                self.value = x
                return True
        return False

    def set_value(self, value: float | None) -> None:
        self._typed = ""
        self.value = value

    def watch_value(self, value: float | None) -> None:
        self.post_message(self.Changed(self, value))

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if character is not None and (character.isdigit() or character == "."):
            event.stop()
            event.prevent_default()
            if not self.type_character(character):
                self.app.bell()

    def on_blur(self) -> None:
        self._typed = ""

    def action_change(self, direction: int) -> None:
        self._typed = ""
        if self.value is None:
            self.value = self.low
            return
        new = self._valid(self.value + direction * self.step)
        if new is None:
            self.app.bell()
        else:
            self.value = new

    def action_skip(self) -> None:
        self.set_value(None)

    def action_next(self) -> None:
        self.screen.focus_next()


@dataclass(frozen=True)
class Choice:
    key: str  # the letter that picks it
    value: str
    text: str


class ChoiceInput(Widget, can_focus=True):
    """One question with a few fixed answers, picked with one letter."""

    DEFAULT_CSS = """
    ChoiceInput {
        height: auto;
        width: 1fr;
        padding: 0 1;
        border-left: blank;
    }
    ChoiceInput:focus {
        border-left: thick $accent;
        background: $accent 15%;
    }
    """

    BINDINGS = [
        Binding("left", "move(-1)", "Previous", id="choice.previous", show=False, tooltip="The answer to the left"),
        Binding("right", "move(1)", "Next", id="choice.next", show=False, tooltip="The answer to the right"),
        Binding("backspace,delete", "skip", "Skip", id="choice.skip", show=False, tooltip="Leave this one out"),
        Binding("enter", "next", "Next", id="choice.next_field", show=False, tooltip="Go to the next question"),
    ]

    value: reactive[str | None] = reactive(None)

    @dataclass
    class Changed(Message):
        choice: ChoiceInput
        value: str | None

        @property
        def control(self) -> ChoiceInput:
            return self.choice

    def __init__(self, label: str, question: str, choices: list[Choice], *, value: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self.question = question
        self.choices = choices
        self.set_reactive(ChoiceInput.value, value)

    @property
    def hint(self) -> str:
        keys = ", ".join(f"{c.key} = {c.text.lower()}" for c in self.choices)
        return f"{keys}   ←/→ change   Backspace skips"

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = [(self.label, "bold"), "  " + self.question if self.question else "", "\n "]
        for c in self.choices:
            chosen = c.value == self.value
            parts.append(" ")
            parts.append((f" {c.text} ({c.key}) ", "reverse bold" if chosen else ""))
        if self.value is None:
            parts.append(("  skipped", "italic"))
        return Content.assemble(*parts)

    def watch_value(self, value: str | None) -> None:
        self.post_message(self.Changed(self, value))

    def on_key(self, event: events.Key) -> None:
        character = (event.character or "").lower()
        for c in self.choices:
            if character == c.key:
                event.stop()
                event.prevent_default()
                self.value = c.value
                return

    def action_move(self, direction: int) -> None:
        values: list[str | None] = [c.value for c in self.choices]
        if self.value not in values:
            self.value = values[0] if direction > 0 else values[-1]
            return
        index = values.index(self.value) + direction
        if 0 <= index < len(values):
            self.value = values[index]
        else:
            self.app.bell()

    def action_skip(self) -> None:
        self.value = None

    def action_next(self) -> None:
        self.screen.focus_next()
