"""Keyboard-first inputs for one check-in row: a number on a scale, or one choice from a few.

ScaleInput. No key depends on time: the value is what the row shows, however slowly it is typed.
- The first digit typed after arriving on a row (or after ←/→) starts a new number; each digit after
  it is added to the end while the number stays on the scale: "1" then "0" is 10 on a 0-10 scale,
  "6" "." "5" is 6.5 hours of sleep. A digit that would go past the end (or off the scale's steps)
  is refused with a bell and a line that says why; the number shown stays as it was.
- Backspace removes the last digit of the number shown (from "10" to "1", then to no answer);
  Delete leaves the question out; ←/→ change the number by one step.
- A yes/no item (a 0-1 scale) takes y and n as well as 1 and 0.
- Enter (or ↓, Tab) confirms and moves on. The row with focus shows the number in large figures
  with its meaning ("6.5 hours of sleep").

ChoiceInput: one letter picks a choice (y, p, n, x ...), ←/→ move, Backspace skips. The chosen
answer is marked (•), the others ( ), so the answer shows without colour.

Labels and end words may be typed by the person (their own check-in items), so they are
never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.renderables.digits import DIGITS, DIGITS3X3_BOLD
from textual.screen import Screen
from textual.widget import Widget

from imr_tui.domain.checkin import is_yes_no
from imr_tui.domain.format import number, reading
from imr_tui.tui.widgets.toggles import NOT_PICKED, PICKED

MAX_TYPED = 6  # characters of one number


def big_figures(text: str) -> list[str]:
    """`text` (digits and ".") in figures three lines high."""
    rows: list[list[str]] = [[], [], []]
    for character in text:
        if character == ".":
            pieces = [" ", " ", "•"]
        else:
            at = DIGITS.index(character) * 3
            pieces = [DIGITS3X3_BOLD[at + n].ljust(3) for n in range(3)]
        for row, piece in zip(rows, pieces, strict=True):
            row.append(piece)
    return ["".join(row) for row in rows]


class RowInput(Widget, can_focus=True):
    """A row of the form that takes its keys as they arrive.

    Keys are handled in on_key, not as bindings: a binding is looked up only once the key has bubbled
    up to the app, and a fast next key could overtake it (the "3" of "Enter 3" landing on this row
    before Enter had moved on). A key that reaches a row after focus has moved on is handed to the
    widget that has focus now (`hand_on`).
    """

    KEYS: ClassVar[dict[str, tuple[str, str]]] = {
        "enter": ("next", ""), "tab": ("focus", "1"), "shift+tab": ("focus", "-1"),
        "down": ("focus", "1"), "up": ("focus", "-1"),
    }

    def typed_character(self, character: str) -> bool:
        """Use a typed character (a digit, a letter that picks a choice); True when it was used."""
        return False

    def feed(self, key: events.Key) -> bool:
        """Handle one key now; True when this row used it."""
        if key.character and self.typed_character(key.character):
            return True
        if key.key not in self.KEYS:
            return False
        action, argument = self.KEYS[key.key]
        method = getattr(self, f"action_{action}")
        method(int(argument)) if argument else method()
        return True

    def on_key(self, event: events.Key) -> None:
        if self.screen.focused is not self:  # it was sent here before focus moved on
            event.stop()
            event.prevent_default()
            hand_on(self.screen, event)
        elif self.feed(event):
            event.stop()
            event.prevent_default()

    def left(self) -> None:
        """Focus is leaving the row (called at once when a key moves it; on_blur comes later)."""

    def on_focus(self) -> None:
        self.refresh(layout=True)  # the row with focus is taller (scale: the large figures)
        self.call_after_refresh(self.scroll_visible, animate=False)  # all of it, once it has grown

    def on_blur(self) -> None:
        self.left()
        self.refresh(layout=True)

    def action_next(self) -> None:
        self.left()
        self.screen.focus_next()

    def action_focus(self, direction: int) -> None:
        self.left()
        if direction > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()


def hand_on(screen: Screen[Any], key: events.Key) -> bool:
    """Give `key` to whatever has focus on `screen` now: at once when that is a row that takes it
    (True), else through the app, as if it had just been typed (False)."""
    target = screen.focused
    if isinstance(target, RowInput) and target.feed(key):
        return True
    screen.app.post_message(events.Key(key.key, key.character))
    return False


class ScaleInput(RowInput):
    """One check-in item: a label, the question, the scale's ends, and the value (or no answer)."""

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

    KEYS: ClassVar[dict[str, tuple[str, str]]] = {
        **RowInput.KEYS, "left": ("change", "-1"), "minus": ("change", "-1"), "right": ("change", "1"),
        "plus": ("change", "1"), "backspace": ("backspace", ""), "delete": ("skip", ""),
    }

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
        self.typed = ""  # the number as typed since arriving on the row ("" = the next digit starts one)
        self.problem = ""  # why the last key was refused, shown in the row until the next key
        self.on_enter: Callable[[], None] | None = None  # what Enter does instead of going on (quick check-in)
        self.set_reactive(ScaleInput.value, value)

    # ------------------------------------------------------------- describing
    @property
    def fractional(self) -> bool:
        return not float(self.step).is_integer()

    @property
    def yes_no(self) -> bool:
        """A 0-1 item ("Did you drink or use drugs?"): y and n answer it."""
        return is_yes_no(self.low, self.high, self.step)

    @property
    def hint(self) -> str:
        """How to answer, in one short line."""
        enter = "then Enter to save" if self.on_enter else "then Enter"
        if self.yes_no:
            return f"y = yes, n = no, {enter}.  Delete leaves it out"
        lo, hi = number(self.low), number(self.high)
        if self.fractional:
            return f"Type the number (like 6.5), {enter}.  ←/→ change by {number(self.step)}  Backspace undoes"
        return f"Type {lo} to {hi}, {enter}.  ←/→ change  Backspace removes a digit"

    def shown(self) -> str:
        """The number as the row shows it: as typed while typing ("6."), else the value."""
        if self.typed and self.has_focus:
            return self.typed
        return "" if self.value is None else number(self.value)

    def meaning(self) -> str:
        """The value in words: "6.5 hours of sleep", "mood 10 out of 10: very good", "yes"."""
        if self.value is None:
            return "no answer yet: it will be left out"
        v = self.value
        if self.yes_no:
            return "yes" if v == 1 else "no"
        if self.unit:
            return reading(self.label, v, self.unit)
        text = reading(self.label, v)
        text += f" out of {number(self.high)}" if self.low == 0 else f" (from {number(self.low)} to {number(self.high)})"
        end = self.low_label if v == self.low else self.high_label if v == self.high else ""
        return f"{text}: {end}" if end else text

    def value_text(self) -> str:
        """The value in one short phrase, for a row without focus."""
        if self.value is None:
            return "no answer"
        if self.yes_no:
            return self.meaning()
        return f"{number(self.value)} {self.unit}" if self.unit else number(self.value)

    def ends_text(self, worse: bool = True) -> str:
        """The scale's ends ("0 = very low … 10 = very good"), and with `worse` which end is worse."""
        if self.yes_no:
            return "y = yes, n = no"
        lo, hi = number(self.low), number(self.high)
        ends = f"{lo} = {self.low_label}" if self.low_label else lo
        ends += " … " + (f"{hi} = {self.high_label}" if self.high_label else hi)
        if self.unit and not (self.low_label or self.high_label):
            ends += f" {self.unit}"
        which = "low" if self.worse == "low" else "high"
        return f"{ends}  ({which} is worse)" if worse else ends

    def render(self) -> Content:
        head = Content.assemble((self.label, "bold"), ("  " + self.question if self.question else "", ""))
        answered = self.value is not None
        if not self.has_focus:
            return Content.assemble(head, "\n  ", (self.value_text(), "bold" if answered else "italic"),
                                    "   ", (self.ends_text(worse=False), "dim"))
        figures = big_figures(self.shown()) if answered and not self.yes_no else ["", "", ""]
        width = max(len(f) for f in figures) if answered and not self.yes_no else 0
        words = [(self.meaning(), "bold" if answered else "italic"), (self.ends_text(), "dim"),
                 (self.problem, "bold reverse") if self.problem else ("", "")]
        lines = [Content.assemble(" ", (f.ljust(width), "bold"), "  " if width else "", w) for f, w in
                 zip(figures, words, strict=True)]
        return Content("\n").join([head, *lines])

    # ---------------------------------------------------------------- values
    def _on_scale(self, x: float) -> bool:
        if not self.low <= x <= self.high:
            return False
        steps = (x - self.low) / self.step
        return abs(steps - round(steps)) < 1e-9

    def _read(self, typed: str) -> float | None:
        """The value of the typed text, None when it is not on the scale."""
        if len(typed) > MAX_TYPED or typed.count(".") > 1 or ("." in typed and not self.fractional):
            return None
        text = typed.rstrip(".") or "0"
        try:
            x = float("0" + text if text.startswith(".") else text)
        except ValueError:
            return None
        return x if self._on_scale(x) else None

    def _refuse(self, why: str) -> None:
        self.problem = why
        self.app.bell()
        self.refresh(layout=True)

    def _range_words(self) -> str:
        return f"{self.label} goes from {number(self.low)} to {number(self.high)}"

    def _why_not(self, candidate: str) -> str:
        """Why `candidate` (the number with the key just typed) is not a value of this item."""
        if "." in candidate and not self.fractional:
            return f"{self.label} takes whole numbers."
        try:
            x = float(candidate.rstrip(".") or "0")
        except ValueError:
            x = self.high + 1
        if len(candidate) <= MAX_TYPED and self.low <= x <= self.high:
            return f"{self.label} goes in steps of {number(self.step)}."
        more = " Backspace takes off a digit." if self.typed else ""
        return f"{self._range_words()}.{more}"

    def type_character(self, character: str) -> bool:
        """A typed digit or "." builds the number shown; True when it was used (see the module docstring)."""
        fresh = not self.typed or (self.typed == "0" and character != ".")  # "0" then "7" is 7
        candidate = character if fresh else self.typed + character
        x = self._read(candidate)
        if x is None:
            self._refuse(self._why_not(candidate))
            return False
        self.problem = ""
        self.typed = candidate
        self.value = x
        self.refresh(layout=True)
        return True

    def set_value(self, value: float | None) -> None:
        self.typed = ""
        self.problem = ""
        self.value = value

    def watch_value(self, value: float | None) -> None:
        self.post_message(self.Changed(self, value))

    def typed_character(self, character: str) -> bool:
        if character.isdigit() or character == ".":
            self.type_character(character)  # a refused digit is still this row's (it rings and says why)
            return True
        if self.yes_no and character.lower() in ("y", "n"):
            self.set_value(1 if character.lower() == "y" else 0)
            return True
        return False

    def left(self) -> None:
        self.typed = ""  # coming back, the first digit starts a new number
        self.problem = ""

    def action_change(self, direction: int) -> None:
        self.typed = ""
        self.problem = ""
        if self.value is None:
            self.value = self.low
            return
        new = round(self.value + direction * self.step, 6)
        if self._on_scale(new):
            self.value = new
        else:
            self._refuse(f"{self._range_words()}.")

    def action_backspace(self) -> None:
        """Take the last character off the number shown."""
        self.problem = ""
        text = self.shown()[:-1]
        self.typed = text
        self.value = self._read(text) if text else None
        self.refresh(layout=True)

    def action_skip(self) -> None:
        self.set_value(None)

    def action_next(self) -> None:
        if self.on_enter is not None:
            self.on_enter()
        else:
            super().action_next()


@dataclass(frozen=True)
class Choice:
    key: str  # the letter that picks it
    value: str
    text: str


class ChoiceInput(RowInput):
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

    KEYS: ClassVar[dict[str, tuple[str, str]]] = {
        **RowInput.KEYS, "left": ("move", "-1"), "right": ("move", "1"), "backspace": ("skip", ""),
        "delete": ("skip", ""),
    }

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
        keys = ", ".join(f"{c.key} {c.text.lower()}" for c in self.choices)
        return f"{keys}  ←/→ change  Backspace skips"

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = [(self.label, "bold"), "  " + self.question if self.question else ""]
        if self.value is None:
            parts.append(("  (no answer)", "italic"))
        parts.append("\n ")
        for c in self.choices:
            chosen = c.value == self.value
            # no-break spaces inside a choice: a narrow screen wraps between choices, never inside one
            text = f"{PICKED if chosen else NOT_PICKED} {c.text} ({c.key})".replace(" ", "\u00a0")
            parts.append(" ")
            parts.append((text, "bold" if chosen else ""))
        return Content.assemble(*parts)

    def watch_value(self, value: str | None) -> None:
        self.post_message(self.Changed(self, value))

    def typed_character(self, character: str) -> bool:
        choice = next((c for c in self.choices if c.key == character.lower()), None)
        if choice is None:
            return False
        self.value = choice.value
        return True

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

