"""What every importer does with a row: check it like `imr-tui checkin` checks what is typed, give it a
stable id, and build the plan a dry run shows.

- Times: a date before 1970, or later than a day from now, is refused; a time that does not exist in
  this computer's time zone on that day is refused.
- Values: finite numbers on the item's own scale only (NaN and infinity never get in).
- Notes: at most 10,000 characters; tags at most 40 (cut).
- Ids: made from the row (its date, time and content; rows that are the same are told apart by their
  order), so importing the same file again adds nothing.
Every problem is one ImportProblem line naming the file and the row; nothing is written.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from imr_tui.domain.checkin import CheckIn, CheckInItem, Medication
from imr_tui.domain.format import number, stamp
from imr_tui.imports.base import ImportPlan, Target
from imr_tui.imports.care import speaks_of_dying
from imr_tui.imports.files import ImportProblem, one_line, shown, validation_text
from imr_tui.imports.items import ItemFinder
from imr_tui.imports.moods import MoodTable, mood_key
from imr_tui.imports.text import flat

MAX_NOTE = 10_000
PREVIEW_ROWS = 5  # entries a dry run shows


def stable_id(prefix: str, parts: Sequence[str]) -> str:
    return prefix + "-" + hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


class Collector:
    """The check-ins read from one file, checked one by one, in the file's order."""

    def __init__(self, path: Path, source: str, items: Sequence[CheckInItem], now: datetime | None = None,
                 moods: MoodTable | None = None, unit: str = "row") -> None:
        self.path = path
        self.name = shown(path)
        self.source = source
        self.items = {i.id: i for i in items}
        self.find = ItemFinder(self.items)  # the person's item for a field of another app, by its name
        self.now = now or datetime.now().astimezone()
        self.latest = self.now + timedelta(days=1)
        self.moods = moods
        self.unit = unit  # what the preview calls a place in the file: "row", "day", "entry"
        self.checkins: list[CheckIn] = []
        self.rows: list[int] = []  # the row each check-in came from
        self.mood_names: list[str] = []
        self.care = False
        self.left: dict[str, int] = {}  # what was left out -> how many times
        self._seen: dict[tuple[str, ...], int] = {}

    # ------------------------------------------------------------ checks
    def problem(self, where: str, text: str) -> ImportProblem:
        return ImportProblem(f"{self.name}: {where}: {text}")

    def day(self, year: int, month: int, day: int, where: str, shown_as: str) -> date:
        try:
            return date(year, month, day)
        except (ValueError, OverflowError):
            raise self.problem(where, f"{one_line(shown_as, 30)} is not a date") from None

    def at(self, day: date, clock: time, where: str) -> datetime:
        """The moment in this computer's time zone; refused before 1970, or more than a day from now."""
        if day.year < 1970:
            raise self.problem(where, f"{day.isoformat()} is too long ago")
        try:
            at = datetime.combine(day, clock).astimezone()
        except (ValueError, OverflowError, OSError):
            raise self.problem(where, f"{day.isoformat()} {clock.strftime('%H:%M')} cannot be placed in this time "
                                      "zone") from None
        if at > self.latest:
            raise self.problem(where, f"{stamp(at)} is in the future")
        return at

    def item(self, item_id: str) -> CheckInItem | None:
        return self.items.get(item_id)

    def value(self, item: CheckInItem, value: float, where: str, what: str) -> float:
        """A finite number on the item's scale, or a problem naming the row."""
        if not math.isfinite(value):
            raise self.problem(where, f"{what} is not a number")
        try:
            return item.check_value(value)
        except ValueError as exc:
            raise self.problem(where, f"{what}: {exc}") from None

    def number(self, text: str, where: str, what: str) -> float:
        """A number as written in a file (a decimal comma is fine); a problem naming the row otherwise."""
        try:
            value = float(text.strip().replace(",", "."))
        except ValueError:
            raise self.problem(where, f"{what} {one_line(text.strip(), 30)} is not a number") from None
        if not math.isfinite(value):
            raise self.problem(where, f"{what} {one_line(text.strip(), 30)} is not a number")
        return value

    def leave(self, what: str, count: int = 1) -> None:
        """Note something the file holds that is not imported (listed in the dry run)."""
        self.left[what] = self.left.get(what, 0) + count

    # ------------------------------------------------------------ adding
    def add(self, where: str, row: int, at: datetime, seed: Sequence[str], *, values: Mapping[str, float] | None = None,
            tags: Sequence[str] = (), note: str = "", mood: str = "", medication: Medication | None = None) -> CheckIn:
        """One check-in. `seed` is what makes its id (the same row always gives the same id)."""
        if len(note) > MAX_NOTE:
            raise self.problem(where, f"the note is {len(note):,} characters long; imr-tui keeps notes of up to "
                                      f"{MAX_NOTE:,}")
        ident = tuple(seed)
        occurrence = self._seen.get(ident, 0)
        self._seen[ident] = occurrence + 1
        body: dict[str, object] = {"id": stable_id(self.source, [*seed, str(occurrence)]), "at": at,
                                   "values": dict(values or {}), "tags": list(tags), "note": note,
                                   "source": self.source}
        if medication is not None:
            body["medication"] = medication
        try:
            checkin = CheckIn.model_validate(body)
        except ValueError as exc:
            raise self.problem(where, validation_text(exc)) from None
        if not self.care and speaks_of_dying(note, mood):
            self.care = True
        if mood and self.moods is not None:
            self.moods.add(mood, checkin)
        self.checkins.append(checkin)
        self.rows.append(row)
        self.mood_names.append(mood)
        return checkin

    # ------------------------------------------------------------ the plan
    def date_range(self) -> tuple[date, date] | None:
        if not self.checkins:
            return None
        days = [c.day for c in self.checkins]
        return min(days), max(days)

    def left_lines(self) -> list[str]:
        if not self.left:
            return []
        many = "entries" if self.unit == "entry" else self.unit + "s"
        parts = [f"{what} ({n} {self.unit if n == 1 else many})" for what, n in self.left.items()]
        return ["Not imported: " + "; ".join(parts) + "."]

    def preview(self) -> list[str]:
        mood_id = self.moods.item.id if self.moods is not None else ""
        n = min(PREVIEW_ROWS, len(self.checkins))
        lines = [f"First {n} {'entry' if n == 1 else 'entries'}:"]
        for row, c, mood in zip(self.rows[:n], self.checkins[:n], self.mood_names[:n], strict=True):
            parts = []
            for k, v in c.values.items():
                named = k == mood_id and mood and mood != number(v)
                parts.append(f"{k} {number(v)}" + (f" ({flat(mood, 24)})" if named else ""))
            if mood and self.moods is not None and mood_id not in c.values:
                choice = self.moods.choices.get(mood_key(mood))
                waits = choice is not None and choice.needs_value
                parts.insert(0, f"mood {flat(mood, 24)} ({'needs your value' if waits else 'no value'})")
            shown_values = ", ".join(parts) if parts else "no values"
            medicine = f"; medicine: {c.medication.value}" if c.medication else ""
            tags = f"; tags: {', '.join(c.tags)}" if c.tags else ""
            note = f"; note: {flat(c.note, 40)!r}" if c.note else ""
            lines.append(f"  {self.unit} {row}: {stamp(c.at)}, {shown_values}{medicine}{tags}{note}")
        return lines

    def plan(self, target: Target, source: str, mapping: Sequence[str], left_out: Sequence[str] = ()) -> ImportPlan:
        """What importing these check-ins would do (nothing is written to make it)."""
        out = ImportPlan(source=source, lines=[], left_out=[*left_out, *self.left_lines()])
        span = self.date_range()
        if span is None:
            out.empty = "It has no entries; nothing to import."
            return out
        new = target.new_checkins(self.checkins)
        total = len(self.checkins)
        out.lines = [f"Entries: {total}, from {span[0].isoformat()} to {span[1].isoformat()}; "
                     f"{len(new)} new, {total - len(new)} already here."]
        out.mapping = list(mapping)
        out.checkins = self.checkins
        out.changes = bool(new)
        out.moods = self.moods
        out.care = self.care
        out.preview_of = self.preview
        return out
