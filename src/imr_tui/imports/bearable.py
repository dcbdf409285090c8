"""Read a Bearable CSV export (`imr-tui import bearable FILE`): FORMAT, registered in imports/registry.py.

Bearable writes one row per datum, not per entry:
    date,weekday,time of day,category,rating/amount,detail,notes      (newer: also "date formatted")
with `date` like "22nd Sep 2020" and `time of day` one of am, mid, pm, pre, all day, HH:MM or empty.

Each date and time of day becomes one check-in (am 09:00, mid 13:00, pm 18:00, pre, before bed,
22:00, all day or none 12:00); a second value for the same item in the same slot starts another
check-in at that time. Mapping (the dry run shows it):
- Mood (rating 1-10) -> the mood item: each rating keeps its number on a 0-10 scale (moved onto the
  mood item's own scale when it differs; --mood-map LEVEL=VALUE changes one); its detail ("Meh | Anxious") -> tags
- Sleep ("9:45" hours, or "Asleep 02:45 - 12:30") -> sleep, in hours
- Symptom naming one symptom that is one of the person's items (Anxiety, Stress), rated 0-4 -> that
  item, 0-4 moved onto its scale; other symptoms -> tags ("Depression (Mild)")
- Meds/Supplements -> medicine taken (every one with an amount above 0: yes; all 0: no; some: partly),
  and each name and amount in the note
- Factors, Sleep factors -> tags
- Energy and Sleep quality: the note ("Energy: 3"). formats.md does not say where Bearable's scales
  for them start and end, so they are not put on the person's items (that would be a guess).
- Gratitudes, Food Diary, Bowel Movements and any other category -> the note ("Food Diary: toast")
- notes -> the note
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from imr_tui.domain.checkin import CheckInItem, Medication
from imr_tui.imports.base import ImportPlan, Target
from imr_tui.imports.dates import parse_named_date, parse_time
from imr_tui.imports.daylio import add_mood_options, mood_item_of
from imr_tui.imports.files import ImportProblem, csv_rows, header_of, one_line, read_bytes_of, shown, shown_header
from imr_tui.imports.items import hours_of
from imr_tui.imports.moods import MoodTable, given_moods, level_defaults, number, on_scale
from imr_tui.imports.rows import Collector
from imr_tui.imports.text import clean, join_note, plain, tags

SOURCE = "bearable"
AGAIN = "export it again from Bearable as CSV"
SLOTS = {"am": time(9), "mid": time(13), "pm": time(18), "pre": time(22), "all day": time(12), "": time(12)}
MOOD_SCALE = (1, 10)
SYMPTOM_SCALE = (0, 4)
SYMPTOM_ITEMS = ("anxiety", "stress")
MEDS = ("meds/supplements", "meds", "medication", "medications", "supplements")
TAG_CATEGORIES = ("factors", "sleep factors")
NOTE_ONLY = ("energy", "sleep quality")


@dataclass
class Slot:
    """One check-in being gathered: the rows of one date and time of day."""

    day: date
    clock: time
    row: int
    where: str
    values: dict[str, float] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mood: str = ""
    doses: list[float] = field(default_factory=list)
    seed: list[str] = field(default_factory=list)


@dataclass
class Columns:
    date: int
    category: int
    formatted: int | None
    slot: int | None
    rating: int | None
    detail: int | None
    notes: int | None
    count: int


def _columns(name: str, header: list[str]) -> Columns:
    col = {h: i for i, h in enumerate(header)}
    missing = [c for c in ("date", "category") if c not in col]
    if missing:
        raise ImportProblem(f"{name} is not a Bearable export: the header lacks {', '.join(missing)} "
                            f"(found: {shown_header(header)})")
    return Columns(col["date"], col["category"], col.get("date formatted"), col.get("time of day"),
                   col.get("rating/amount"), col.get("detail"), col.get("notes"), len(header))


class Reader:
    def __init__(self, path: Path, items: Sequence[CheckInItem], given: Mapping[str, float | None],
                 now: datetime | None) -> None:
        self.mood_item = mood_item_of(items)
        self.rows = Collector(path, SOURCE, items, now, MoodTable(self.mood_item, level_defaults(*MOOD_SCALE), given,
                                                                    what="Mood ratings (1-10)"))
        self.slots: dict[tuple[date, time], list[Slot]] = {}
        self.order: list[Slot] = []
        self.categories: dict[str, int] = {}
        self.onto: dict[str, str] = {}  # category -> what it became

    # ------------------------------------------------------------ one row
    def day(self, cells: list[str], c: Columns, where: str) -> date:
        for i in (c.formatted, c.date):
            raw = cells[i].strip() if i is not None else ""
            if raw:
                try:
                    return parse_named_date(raw)
                except ValueError:
                    if i == c.date:
                        raise self.rows.problem(where, f"date {one_line(raw, 30)} is not a date like 22nd Sep 2020"
                                                ) from None
        raise self.rows.problem(where, "the date is empty")

    def clock(self, raw: str, where: str) -> time:
        key = " ".join(raw.split()).lower()
        if key in SLOTS:
            return SLOTS[key]
        try:
            return parse_time(raw)
        except ValueError:
            raise self.rows.problem(where, f"time of day {one_line(raw, 30)} is not am, mid, pm, pre, all day or a "
                                           "time like 20:30") from None

    def slot(self, day: date, clock: time, row: int, where: str, item: str = "") -> Slot:
        """The check-in this datum goes into: a new one when `item` already has a value in the last one."""
        slots = self.slots.setdefault((day, clock), [])
        if not slots or (item and (item in slots[-1].values or (item == "mood" and slots[-1].mood))):
            slots.append(Slot(day, clock, row, where))
            self.order.append(slots[-1])
        return slots[-1]

    def row(self, cells: list[str], c: Columns, number_: int, where: str) -> None:
        def cell(i: int | None) -> str:
            return cells[i].strip() if i is not None else ""

        day = self.day(cells, c, where)
        clock = self.clock(cell(c.slot), where)
        category = " ".join(cell(c.category).split())
        key = category.lower()
        self.categories[category] = self.categories.get(category, 0) + 1
        rating, detail, notes = cell(c.rating), clean(cell(c.detail)), plain(cell(c.notes))
        target = self._item_for(key, detail)
        s = self.slot(day, clock, number_, where, target)
        s.seed.append("\x1f".join(cells))
        if notes and notes not in s.notes:
            s.notes.append(notes)
        self._datum(s, key, category, rating, detail, target, where)

    def _item_for(self, key: str, detail: str) -> str:
        if key == "mood":
            return "mood"
        if key == "sleep" and "sleep" in self.rows.items:
            return "sleep"
        if key in ("symptom", "symptoms"):
            item = self._symptom_item(detail)
            return item.id if item is not None else ""
        return ""

    def _symptom_item(self, detail: str) -> CheckInItem | None:
        parts = [p.strip() for p in detail.split("|") if p.strip()]
        if len(parts) != 1:
            return None
        item = self.rows.find(parts[0].split("(")[0].strip())
        return item if item is not None and item.id in SYMPTOM_ITEMS else None

    def _datum(self, s: Slot, key: str, category: str, rating: str, detail: str, target: str, where: str) -> None:
        rows = self.rows
        if key == "mood":
            if rating:
                value = rows.number(rating, where, "the mood rating")
                if not MOOD_SCALE[0] <= value <= MOOD_SCALE[1]:
                    raise rows.problem(where, f"the mood rating {number(value)} is not from 1 to 10")
                s.mood = number(value)
            tags(detail.split("|"), s.tags)
            self.onto[category] = "mood (the table above); its detail -> tags"
        elif target == "sleep":
            hours = hours_of(rating) if rating else hours_of(detail)
            if hours is None:
                raise rows.problem(where, f"sleep {one_line(rating or detail, 30)} is not hours like 9:45 or "
                                          "Asleep 02:45 - 12:30")
            s.values["sleep"] = rows.value(rows.items["sleep"], round(hours, 4), where, "sleep")
            self.onto[category] = "sleep (hours)"
        elif target:
            item = rows.items[target]
            value = rows.number(rating, where, f"the {category} rating")
            if not SYMPTOM_SCALE[0] <= value <= SYMPTOM_SCALE[1]:
                raise rows.problem(where, f"the {category} rating {number(value)} is not from 0 to 4")
            s.values[target] = rows.value(item, on_scale(item, value, *SYMPTOM_SCALE), where, target)
            moved = ", ".join(f"{n} -> {number(on_scale(item, n, *SYMPTOM_SCALE))}" for n in range(5))
            self.onto[f"{category}: {item.label}"] = f"{item.id} (0-4 onto {number(item.low)}-{number(item.high)}: {moved})"
        elif key in ("symptom", "symptoms") or key in TAG_CATEGORIES:
            tags(detail.split("|"), s.tags)
            self.onto[category] = "tags"
        elif key in MEDS:
            self._medicine(s, rating, detail, where)
            self.onto[category] = "medicine taken (all above 0: yes; all 0: no; some: partly), names in the note"
        else:
            said = ", ".join(p for p in (detail, rating) if p)
            if said:
                s.lines.append(f"{category}: {said}")
            why = " (where Bearable's scale starts and ends is not known)" if key in NOTE_ONLY else ""
            self.onto[category] = f"the note{why}"

    def _medicine(self, s: Slot, rating: str, detail: str, where: str) -> None:
        if rating:
            dose = self.rows.number(rating, where, "the amount")
            if dose < 0:
                raise self.rows.problem(where, f"the amount {number(dose)} is below 0")
            s.doses.append(dose)
        said = " ".join(p for p in (detail, f"x {rating}" if rating else "") if p)
        if said:
            s.lines.append(f"Medicine: {said}")

    # ------------------------------------------------------------ the check-ins
    def finish(self) -> None:
        rows = self.rows
        for s in self.order:
            medication = None
            if s.doses:
                taken = [d > 0 for d in s.doses]
                medication = Medication.TAKEN if all(taken) else Medication.MISSED if not any(taken) else Medication.PARTLY
            at = rows.at(s.day, s.clock, s.where)
            note = join_note(*s.notes, "\n".join(s.lines))
            rows.add(s.where, s.row, at, [s.day.isoformat(), s.clock.isoformat(), *s.seed], values=s.values,
                     tags=s.tags, note=note, mood=s.mood, medication=medication)


def parse_bearable(data: bytes, path: Path, items: Sequence[CheckInItem],
                   given: Mapping[str, float | None] | None = None, now: datetime | None = None) -> Reader:
    name = shown(path)
    reader = Reader(path, items, given or {}, now)
    got = csv_rows(data, path, AGAIN)
    first = next(got, None)
    if first is None:
        raise ImportProblem(f"{name} is empty: it has no header row (a Bearable export starts with "
                            "date,weekday,time of day,category,rating/amount,detail,notes)")
    columns = _columns(name, header_of(first[1]))
    for number_, (line, cells) in enumerate(got, 1):
        where = f"row {number_} (line {line})"
        if len(cells) != columns.count:
            raise reader.rows.problem(where, f"has {len(cells)} fields, but the header has {columns.count}")
        reader.row(cells, columns, number_, where)
    reader.finish()
    return reader


class Bearable:
    name = "bearable"
    description = "a Bearable CSV export"
    details = ("Each date and time of day becomes a check-in. Mood, sleep, anxiety and stress symptoms and medicine "
               "go onto your items; factors and other symptoms become tags; the rest goes into the note.")
    file_help = "the CSV file Bearable exported"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        add_mood_options(parser)

    def read(self, path: Path, target: Target, options: Mapping[str, Any], dry_run: bool) -> ImportPlan:
        items = target.items()
        reader = parse_bearable(read_bytes_of(path), path, items, given_moods(options, mood_item_of(items)))
        found = ", ".join(f"{k} {n}" for k, n in reader.categories.items())
        mapping = [f"Rows by category: {found}." if found else "",
                   "Each date and time of day is one check-in: am 09:00, mid 13:00, pm 18:00, pre (before bed) 22:00, "
                   "all day or no time 12:00.",
                   *(f"  {k} -> {v}" for k, v in reader.onto.items())]
        return reader.rows.plan(target, f"Bearable file: {shown(path)}", [m for m in mapping if m])


FORMAT = Bearable()
