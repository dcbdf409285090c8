"""Read a Daylio CSV export (`imr-tui import daylio FILE`): FORMAT, registered in imports/registry.py.

Daylio writes one row per entry, with the columns
    full_date,date,weekday,time,mood,activities,note_title,note
(full_date is 2023-05-14; time is 20:30 or 8:30 PM; activities are joined by " | ").

Mapping:
- full_date + time -> the check-in's time, in this computer's time zone on that date
- mood -> the "mood" item: rad 10, good 8, meh 5, bad 3, awful 1 (on a 0-10 scale; scaled to the
  mood item's own scale when it differs). Renamed or extra Daylio moods need --mood-map NAME=VALUE.
- activities -> tags (each cut to 40 characters)
- note_title and note -> the note (title, a blank line, then the note)
- control characters (such as NUL) are dropped from notes and tags; line breaks are kept

Every check-in gets an id made from its row (a hash of date, time, mood and note), so importing the
same file twice adds nothing. Every row is read and checked before anything is written; the first
problem stops the import with one line naming the file and the row.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from imr_tui.domain.checkin import CheckIn, CheckInItem, default_items
from imr_tui.domain.format import number, stamp
from imr_tui.imports.base import ImportPlan, Target
from imr_tui.imports.files import ImportProblem, one_line, read_bytes_of, shown, validation_text

REQUIRED = ("full_date", "time", "mood")
KNOWN = ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note")
DEFAULT_MOODS: dict[str, float] = {"rad": 10, "good": 8, "meh": 5, "bad": 3, "awful": 1}
DEFAULT_SCALE = (0.0, 10.0)
SOURCE = "daylio"
MAX_NOTE = 10_000
MAX_TAG = 40
PREVIEW_ROWS = 5  # entries a dry run shows
_TIME = re.compile(r"^([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?\s*(am|pm)?$")


@dataclass(frozen=True)
class DaylioRow:
    row: int  # 1 = the first row after the header
    line: int  # the line of the file the row starts on
    mood: str  # the Daylio mood name as written ("" when empty)
    checkin: CheckIn


@dataclass
class DaylioFile:
    path: Path
    rows: list[DaylioRow]
    mood_item: CheckInItem
    mapping: dict[str, float]  # every mood name known for this import -> the value it becomes
    mood_counts: dict[str, int]  # mood name (lower case) -> rows
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def checkins(self) -> list[CheckIn]:
        return [r.checkin for r in self.rows]

    def date_range(self) -> tuple[date, date] | None:
        if not self.rows:
            return None
        days = [r.checkin.day for r in self.rows]
        return min(days), max(days)


def mood_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _on_scale(item: CheckInItem, value: float) -> float:
    """A value on Daylio's 0-10 mapping moved onto the item's own scale, on its step."""
    low, high = DEFAULT_SCALE
    if (item.low, item.high) == (low, high):
        return value
    x = item.low + (value - low) / (high - low) * (item.high - item.low)
    steps = round((x - item.low) / item.step)
    x = min(item.high, item.low + steps * item.step)
    return float(round(x)) if item.step >= 1 else round(x, 6)


def mood_mapping(item: CheckInItem, overrides: Mapping[str, float] | None = None) -> dict[str, float]:
    """The default moods on the item's scale, then the person's own (already on the item's scale)."""
    out = {name: _on_scale(item, v) for name, v in DEFAULT_MOODS.items()}
    for name, v in (overrides or {}).items():
        out[mood_key(name)] = v
    return out


def parse_mood_map(values: Iterable[str], item: CheckInItem) -> dict[str, float]:
    """--mood-map NAME=VALUE options to {name: value}; raises ValueError with a one-line message."""
    out: dict[str, float] = {}
    for raw in values:
        name, sep, number = raw.rpartition("=")
        if not sep or not name.strip():
            raise ValueError(f"--mood-map {one_line(raw)}: use NAME=VALUE, e.g. --mood-map 'great=9'")
        try:
            value = float(number.strip().replace(",", "."))
        except ValueError:
            raise ValueError(f"--mood-map {one_line(raw)}: {one_line(number.strip())} is not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"--mood-map {one_line(raw)}: {one_line(number.strip())} is not a number")
        try:
            out[mood_key(name)] = item.check_value(value)
        except ValueError as exc:
            raise ValueError(f"--mood-map {one_line(raw)}: {exc}") from None
    return out


def mood_item_of(items: Sequence[CheckInItem]) -> CheckInItem:
    for item in items:
        if item.id == "mood":
            return item
    return next(i for i in default_items() if i.id == "mood")


def parse_time(text: str) -> time:
    """20:30, 8:30 PM, 8:30pm, 08:30 p.m. -> a time; raises ValueError."""
    s = text.strip().lower().replace(".", "")
    m = _TIME.match(s)
    if not m:
        raise ValueError("not a time")
    hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    half = m.group(4)
    if half:
        if not 1 <= hour <= 12:
            raise ValueError("not a time")
        hour = hour % 12 + (12 if half == "pm" else 0)
    return time(hour, minute, second)  # raises ValueError for 25:00 or 10:61


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def entry_id(day: date, at: time, mood: str, note: str, occurrence: int) -> str:
    """The same row always gives the same id; identical rows in one file are told apart by their order."""
    key = "\x1f".join([day.isoformat(), at.strftime("%H:%M:%S"), mood_key(mood), note, str(occurrence)])
    return "daylio-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def clean(text: str) -> str:
    """Text without control characters (NUL and the like), keeping line breaks and tabs."""
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch in "\n\t" or not _is_control(ch))


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 32 or 127 <= code < 160


def _tags(text: str) -> list[str]:
    out: list[str] = []
    for part in clean(text).split("|"):
        tag = " ".join(part.split())[:MAX_TAG].strip()
        if tag and tag not in out:
            out.append(tag)
    return out


def parse_daylio(data: bytes, path: Path, items: Sequence[CheckInItem], mood_map: Mapping[str, float] | None = None,
                 now: datetime | None = None) -> DaylioFile:
    """Read and check every row. Raises ImportProblem (one line, naming the file and the row) at the first problem."""
    name = shown(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportProblem(f"{name} is not UTF-8 text (bad byte on line {_line_of(data, exc.start)}); "
                            "export it again from Daylio as CSV") from None
    item = mood_item_of(items)
    mapping = mood_mapping(item, mood_map)
    now = now or datetime.now().astimezone()
    latest = now + timedelta(days=1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)

    def next_row(what: str) -> tuple[int, list[str]] | None:
        start = reader.line_num + 1
        try:
            return start, next(reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            where = what.format(line=start)
            raise ImportProblem(f"{name}: {where}: this is not valid CSV ({' '.join(str(exc).split())})") from None

    header: list[str] | None = None
    while header is None:
        got = next_row("line {line}")
        if got is None:
            raise ImportProblem(f"{name} is empty: it has no header row (a Daylio export starts with "
                                f"{','.join(KNOWN)})")
        if any(cell.strip() for cell in got[1]):
            header = [" ".join(cell.split()).lower().lstrip("\ufeff") for cell in got[1]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        found = ", ".join(one_line(h, 20) for h in header[:8]) + (", ..." if len(header) > 8 else "")
        what = "the column" if len(missing) == 1 else "the columns"
        raise ImportProblem(f"{name} is not a Daylio export: the header lacks {what} {', '.join(missing)} "
                            f"(found: {found})")
    dupes = sorted({h for h in header if h and header.count(h) > 1})
    if dupes:
        raise ImportProblem(f"{name}: the header names {one_line(dupes[0], 20)} twice")
    col = {h: i for i, h in enumerate(header)}
    ignored = [h for h in header if h and h not in KNOWN]

    rows: list[DaylioRow] = []
    counts: dict[str, int] = {}
    seen: dict[tuple[str, str, str, str], int] = {}
    number = 0
    while (got := next_row(f"row {number + 1} (line {{line}})")) is not None:
        line, cells = got
        if not any(cell.strip() for cell in cells):
            continue  # a blank line
        number += 1
        where = f"{name}: row {number} (line {line})"
        if len(cells) != len(header):
            raise ImportProblem(f"{where}: has {len(cells)} fields, but the header has {len(header)}")

        def cell(column: str, cells: list[str] = cells) -> str:
            i = col.get(column)
            return cells[i].strip() if i is not None else ""

        raw_date, raw_time, raw_mood = cell("full_date"), cell("time"), cell("mood")
        try:
            day = date.fromisoformat(raw_date)
        except ValueError:
            raise ImportProblem(f"{where}: full_date {one_line(raw_date, 30)} is not a date like 2023-05-14") from None
        try:
            clock = parse_time(raw_time)
        except ValueError:
            raise ImportProblem(f"{where}: time {one_line(raw_time, 30)} is not a time like 20:30 or 8:30 PM") from None
        if day.year < 1970:
            raise ImportProblem(f"{where}: {day.isoformat()} is too long ago")
        try:
            at = datetime.combine(day, clock).astimezone()
        except (ValueError, OverflowError, OSError):
            raise ImportProblem(f"{where}: {day.isoformat()} {raw_time} cannot be placed in this time zone") from None
        if at > latest:
            raise ImportProblem(f"{where}: {stamp(at)} is in the future")
        values: dict[str, float] = {}
        key = mood_key(raw_mood)
        if key:
            if key not in mapping:
                known = ", ".join(mapping)
                raise ImportProblem(f"{where}: the mood {one_line(raw_mood, 30)} is not one of {known}; say what it "
                                    f"means on your mood scale with --mood-map {one_line(raw_mood + '=6', 40)}")
            values[item.id] = mapping[key]
            counts[key] = counts.get(key, 0) + 1
        title, body = clean(cell("note_title")), clean(cell("note"))
        note = "\n\n".join(p for p in (title, body) if p)
        if len(note) > MAX_NOTE:
            raise ImportProblem(f"{where}: the note is {len(note):,} characters long; imr-tui keeps notes of up to "
                                f"{MAX_NOTE:,}")
        ident = (day.isoformat(), clock.isoformat(), key, note)
        occurrence = seen.get(ident, 0)
        seen[ident] = occurrence + 1
        try:
            checkin = CheckIn.model_validate({
                "id": entry_id(day, clock, raw_mood, note, occurrence), "at": at, "values": values,
                "tags": _tags(cell("activities")), "note": note, "source": SOURCE,
            })
        except ValueError as exc:
            raise ImportProblem(f"{where}: {validation_text(exc)}") from None
        rows.append(DaylioRow(number, line, raw_mood, checkin))
    return DaylioFile(path, rows, item, mapping, counts, ignored)


def read_daylio(path: Path, items: Sequence[CheckInItem], mood_map: Mapping[str, float] | None = None,
                now: datetime | None = None) -> DaylioFile:
    return parse_daylio(read_bytes_of(path), path, items, mood_map, now)


# ------------------------------------------------------------------- the import format
def _preview(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 3] + "...")


def _mapping_lines(parsed: DaylioFile) -> list[str]:
    item = parsed.mood_item
    scale = f"{number(item.low)}-{number(item.high)}"
    lines = [f"Moods become '{item.id}' ({scale}, {'low' if item.worse.value == 'low' else 'high'} is worse):"]
    for name in list(DEFAULT_MOODS) + [n for n in parsed.mapping if n not in DEFAULT_MOODS]:
        count = parsed.mood_counts.get(name, 0)
        lines.append(f"  {name:>8} -> {number(parsed.mapping[name]):>4}   ({count} {'entry' if count == 1 else 'entries'})")
    return lines


def _preview_lines(parsed: DaylioFile) -> list[str]:
    item_id = parsed.mood_item.id
    lines = [f"First {min(PREVIEW_ROWS, len(parsed.rows))} entries:"]
    for r in parsed.rows[:PREVIEW_ROWS]:
        c = r.checkin
        mood = f"mood {number(c.values[item_id])} ({r.mood})" if item_id in c.values else "no mood"
        tags = f"; tags: {', '.join(c.tags)}" if c.tags else ""
        note = f"; note: {_preview(c.note)}" if c.note else ""
        lines.append(f"  row {r.row}: {stamp(c.at)}, {mood}{tags}{note}")
    return lines


class Daylio:
    name = "daylio"
    description = "a Daylio CSV export"
    details = ("Moods become the mood item (rad 10, good 8, meh 5, bad 3, awful 1), activities become tags, and the "
               "note title and note become the note.")
    file_help = "the CSV file Daylio exported"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--mood-map", action="append", default=[], metavar="NAME=VALUE",
                            help="the value of a mood, on your mood scale (for moods you renamed or added in Daylio; "
                                 "repeatable)")

    def read(self, path: Path, target: Target, options: Mapping[str, Any], dry_run: bool) -> ImportPlan:
        items = target.items()
        try:
            mood_map = parse_mood_map(options.get("mood_map") or [], mood_item_of(items))
        except ValueError as exc:
            raise ImportProblem(str(exc)) from None
        parsed = read_daylio(path, items, mood_map)
        left_out = [f"Columns not used: {', '.join(parsed.ignored_columns)}"] if parsed.ignored_columns else []
        plan = ImportPlan(source=f"Daylio file: {shown(path)}", lines=[], left_out=left_out)
        span = parsed.date_range()
        if span is None:
            plan.empty = "It has no entries; nothing to import."
            return plan
        rows = parsed.rows
        new = target.new_checkins(parsed.checkins)
        plan.lines = [f"Entries: {len(rows)}, from {span[0].isoformat()} to {span[1].isoformat()}; "
                      f"{len(new)} new, {len(rows) - len(new)} already here.",
                      *_mapping_lines(parsed),
                      "Activities become tags; the note title and the note become the note."]
        plan.checkins = parsed.checkins
        plan.changes = bool(new)
        plan.preview = _preview_lines(parsed)
        return plan


FORMAT = Daylio()
