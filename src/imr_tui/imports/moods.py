"""Moods from other apps, mapped by the person and never guessed.

A file's moods are names (Daylio: "rad", "Depressed", "tak sobie") or levels (Pixels 1-5, iMoodJournal
1-10). `MoodTable` lists every mood in the file with its count and the value it gets on the person's
own mood item:
- a known name or level gets its default (the table below, moved onto the person's mood scale);
- a value the person gave (--mood-map NAME=VALUE, --mood-map-file, the terminal, the import screen)
  wins over a default;
- any other mood has no value until the person places it. Nothing is ever made up for it: the
  import waits (`unknown()`), and no message suggests a value. The person may also leave a mood
  without a value: its entries are imported with the mood's name as a tag and no mood number.

Daylio's default moods are five levels (rad best). Their names in English, Polish and German are from
../shared/design/formats.md; other languages are not known here, so their moods are placed by the person.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.domain.format import number as number  # the importers take it from here
from imr_tui.imports.files import ImportProblem, one_line, read_bytes_of, shown
from imr_tui.imports.text import flat, tag

if TYPE_CHECKING:
    from imr_tui.domain.checkin import CheckIn, CheckInItem

LEVELS: dict[int, float] = {5: 10, 4: 8, 3: 5, 2: 3, 1: 1}  # a five-level mood (5 best) on a 0-10 scale
DAYLIO_NAMES: dict[str, int] = {  # Daylio's default mood names -> their level
    "rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1,  # English
    "wspaniale": 5, "dobrze": 4, "tak sobie": 3, "źle": 2, "okropnie": 1,  # Polish
    "super": 5, "gut": 4, "ok": 3, "schlecht": 2, "lausig": 1,  # German
}
SCALE = (0.0, 10.0)  # the scale the defaults are written on
EXAMPLES = 3  # notes shown under a mood as a reminder
NONE_WORDS = ("none", "-")  # --mood-map NAME=none: import these entries without a mood value
NO_VALUE = None


def mood_key(name: str) -> str:
    """The same mood however it is written: trailing spaces, case, composed or not ("Źle " = "źle")."""
    return unicodedata.normalize("NFC", " ".join(name.split())).casefold()


def daylio_defaults() -> dict[str, float]:
    return {name: LEVELS[level] for name, level in DAYLIO_NAMES.items()}


def level_defaults(low: int, high: int) -> dict[str, float]:
    """Numbered moods from `low` to `high` (best), on the 0-10 scale of the defaults: five levels as Daylio's
    five (1, 3, 5, 8, 10); a scale inside 0-10 (such as 1-10) keeps its numbers; any other is spread over 0-10."""
    if (low, high) == (1, 5):
        return {str(n): v for n, v in LEVELS.items()}
    if SCALE[0] <= low and high <= SCALE[1]:
        return {str(n): float(n) for n in range(low, high + 1)}
    return {str(n): SCALE[0] + (n - low) / (high - low) * (SCALE[1] - SCALE[0]) for n in range(low, high + 1)}


def on_scale(item: CheckInItem, value: float, low: float = SCALE[0], high: float = SCALE[1]) -> float:
    """A value on a scale from `low` to `high` moved onto the item's own scale, on its step (halves round up)."""
    same = (item.low, item.high) == (low, high)
    x = value if same else item.low + (value - low) / (high - low) * (item.high - item.low)
    steps = math.floor((x - item.low) / item.step + 0.5 + 1e-9)
    x = min(item.high, max(item.low, item.low + steps * item.step))
    return float(round(x)) if float(item.step).is_integer() else round(x, 6)


@dataclass
class MoodChoice:
    key: str  # mood_key of the name
    name: str  # as first written in the file
    count: int = 0
    value: float | None = None  # on the person's mood item; None: no value (see `how`)
    how: str = "unknown"  # "default", "yours", "none" (left without a value) or "unknown" (waits for the person)
    examples: list[str] = field(default_factory=list)  # a few of the person's own notes under this mood

    @property
    def needs_value(self) -> bool:
        return self.how == "unknown"

    def shown_value(self) -> str:
        if self.how == "none":
            return "no value (the name is kept as a tag)"
        if self.value is None:
            return "?"
        return number(self.value)


def mood_tag(name: str) -> str:
    return tag(f"mood: {name}")


class MoodTable:
    """Every mood in a file, the value each gets, and the check-ins waiting for it."""

    def __init__(self, item: CheckInItem, defaults: Mapping[str, float], given: Mapping[str, float | None],
                 what: str = "Moods", default_note: str = "") -> None:
        self.item = item
        self.what = what  # "Moods" or e.g. "Mood levels (1-10)"
        self.default_note = default_note  # shown after a value from `defaults`, e.g. "  (its group in Daylio)"
        self.defaults = {mood_key(k): on_scale(item, v) for k, v in defaults.items()}
        self.given = {mood_key(k): v for k, v in given.items()}
        self.choices: dict[str, MoodChoice] = {}
        self._entries: dict[str, list[CheckIn]] = {}

    # ------------------------------------------------------------ filling
    def add(self, name: str, checkin: CheckIn) -> None:
        """A check-in whose mood is `name` (its value is set now, or when the person places the mood)."""
        key = mood_key(name)
        choice = self.choices.get(key)
        if choice is None:
            choice = self.choices[key] = MoodChoice(key, " ".join(name.split()))
            self._entries[key] = []
            if key in self.given:
                given = self.given[key]
                self._set(choice, given, "yours" if given is not None else "none")
            elif key in self.defaults:
                self._set(choice, self.defaults[key], "default")
        choice.count += 1
        self._entries[key].append(checkin)
        if len(choice.examples) < EXAMPLES and checkin.note.strip():
            choice.examples.append(flat(checkin.note, 70))
        self._apply(choice, checkin)

    def _set(self, choice: MoodChoice, value: float | None, how: str) -> None:
        choice.value = value
        choice.how = how

    def _apply(self, choice: MoodChoice, checkin: CheckIn) -> None:
        t = mood_tag(choice.name)
        if choice.value is None:
            checkin.values.pop(self.item.id, None)
            if choice.how == "none" and t and t not in checkin.tags:
                checkin.tags.append(t)
        else:
            checkin.values[self.item.id] = choice.value
            if t in checkin.tags:
                checkin.tags.remove(t)

    # ------------------------------------------------------------ the person's say
    def place(self, key: str, value: float | None) -> None:
        """The person's value for a mood (None: no value). Raises ValueError when it is not on the mood scale."""
        choice = self.choices[key]
        if value is not None:
            if not math.isfinite(value):
                raise ValueError("that is not a number")
            value = self.item.check_value(value)
        self._set(choice, value, "yours" if value is not None else "none")
        for checkin in self._entries[key]:
            self._apply(choice, checkin)

    def unplace(self, key: str) -> None:
        """Back to waiting for the person (the import screen, when a value is taken back)."""
        choice = self.choices[key]
        self._set(choice, None, "unknown")
        for checkin in self._entries[key]:
            self._apply(choice, checkin)

    def unknown(self) -> list[MoodChoice]:
        """The moods that wait for the person, most used first."""
        return sorted((c for c in self.choices.values() if c.needs_value), key=lambda c: (-c.count, c.key))

    def ordered(self) -> list[MoodChoice]:
        """Every mood: those with a value from best to worst, then the rest, most used first."""
        high_good = self.item.worse.value == "low"

        def order(c: MoodChoice) -> tuple[int, float, int, str]:
            if c.value is None:
                return (1, 0.0, -c.count, c.key)
            return (0, -c.value if high_good else c.value, -c.count, c.key)

        return sorted(self.choices.values(), key=order)

    def not_in_file(self) -> list[str]:
        return [k for k in self.given if k not in self.choices]

    def yours(self) -> dict[str, float | None]:
        """The values the person gave (to give again next time)."""
        return {c.name: c.value for c in self.choices.values() if c.how in ("yours", "none")}

    # ------------------------------------------------------------ showing
    def scale_text(self) -> str:
        """ "0 (very low) to 10 (very good)": the person's own mood scale, in their own end words."""
        item = self.item

        def end(x: float, label: str) -> str:
            return f"{number(x)} ({label})" if label else number(x)

        return f"{end(item.low, item.low_label)} to {end(item.high, item.high_label)}"

    def lines(self) -> list[str]:
        if not self.choices:
            return []
        item = self.item
        out = [f"{self.what} become '{item.id}' ({number(item.low)}-{number(item.high)}, "
               f"{'low' if item.worse.value == 'low' else 'high'} is worse):"]
        width = min(24, max(len(c.name) for c in self.choices.values()))
        for c in self.ordered():
            count = f"{c.count} {'entry' if c.count == 1 else 'entries'}"
            source = {"default": self.default_note, "yours": "  (yours)", "none": "", "unknown": "  needs your value"}[c.how]
            out.append(f"  {flat(c.name, 24):>{width}} -> {c.shown_value():>4}   ({count}){source}")
        for key in self.not_in_file():
            out.append(f"  (no mood {one_line(key, 30)} in this file: that value is not used)")
        return out


# ------------------------------------------------------------------- what the person typed
def parse_value(text: str, item: CheckInItem) -> float | None:
    """A value typed for a mood: a number on the item's scale, or "none". Raises ValueError (plain words)."""
    raw = text.strip()
    if raw.lower() in NONE_WORDS:
        return NO_VALUE
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        raise ValueError(f"{one_line(raw)} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{one_line(raw)} is not a number")
    return item.check_value(value)


def parse_mood_map(values: Iterable[str], item: CheckInItem, where: str = "--mood-map") -> dict[str, float | None]:
    """NAME=VALUE lines to {mood key: value}; raises ValueError with a one-line message naming the entry."""
    out: dict[str, float | None] = {}
    for raw in values:
        name, sep, value = raw.rpartition("=")
        if not sep or not name.strip():
            raise ValueError(f"{where} {one_line(raw)}: write it as NAME=VALUE, the mood's name, =, and its "
                             f"place on your mood scale ({number(item.low)} to {number(item.high)})")
        try:
            out[mood_key(name)] = parse_value(value, item)
        except ValueError as exc:
            raise ValueError(f"{where} {one_line(raw)}: {exc}") from None
    return out


def read_mood_map_file(path: Path, item: CheckInItem) -> dict[str, float | None]:
    """A file of NAME=VALUE lines (# starts a comment). Raises ImportProblem naming the file and the line."""
    data = read_bytes_of(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem(f"{shown(path)} is not UTF-8 text") from None
    out: dict[str, float | None] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            out.update(parse_mood_map([line], item, where=f"{shown(path)}: line {n}:"))
        except ValueError as exc:
            raise ImportProblem(str(exc)) from None
    return out


def given_moods(options: Mapping[str, object], item: CheckInItem) -> dict[str, float | None]:
    """--mood-map-file, then each --mood-map (which wins)."""
    out: dict[str, float | None] = {}
    file = options.get("mood_map_file")
    if isinstance(file, Path):
        out.update(read_mood_map_file(file.expanduser(), item))
    raw = options.get("mood_map") or []
    try:
        out.update(parse_mood_map(raw if isinstance(raw, list) else [], item))
    except ValueError as exc:
        raise ImportProblem(str(exc)) from None
    return out


def unknown_message(name: str, unknown: Sequence[MoodChoice], item: CheckInItem) -> str:
    """One line naming every mood that waits for the person. It never suggests a value."""
    listed = ", ".join(f"{one_line(c.name, 30)} ({c.count} {'entry' if c.count == 1 else 'entries'})"
                       for c in unknown[:40])
    more = f" and {len(unknown) - 40} more" if len(unknown) > 40 else ""
    them = "this mood has" if len(unknown) == 1 else f"these {len(unknown)} moods have"
    return (f"{name}: {them} no place on your mood scale yet: {listed}{more}. Only you know where each one belongs: "
            f"run this in a terminal to place them, or give each with --mood-map NAME=VALUE (your mood scale goes "
            f"from {number(item.low)} to {number(item.high)}; NAME=none imports it without a value) or with "
            "--mood-map-file FILE; nothing was imported")
