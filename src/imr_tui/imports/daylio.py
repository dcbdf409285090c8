"""Read a Daylio CSV export (`imr-tui import daylio FILE`): FORMAT, registered in imports/registry.py.
A `.daylio` backup (a ZIP archive) given to the same format is read by imports/daylio_backup.py.

Every layout in ../shared/design/formats.md:
- 2017-2018: year,date,weekday,time,mood,activities,note (date: "June 22", "7 września": no year)
- 2019 on:   full_date,date,weekday,time,mood,activities,note
- later:     full_date,date,weekday,time,mood,activities,note_title,note
- 2025 on:   full_date,date,weekday,time,mood,activities,scales,note_title,note
- cut down (full_date,weekday,time,mood), with extra columns (sub_mood, ...), or with no header row
  (the first row is an entry; its number of columns says which layout it is).
UTF-8 with or without a BOM (or UTF-16); LF, CRLF or \\r\\r\\n line ends; 24- or 12-hour times.

Mapping:
- full_date (or year + date) and time -> the check-in's time, in this computer's time zone on that date
- mood -> the "mood" item (imports/moods.py): Daylio's default names in English, Polish and German
  get rad 10, good 8, meh 5, bad 3, awful 1 (moved onto the mood item's scale); any other mood is
  placed by the person. Case and trailing spaces do not matter.
- activities (and sub_mood) -> tags, each cut to 40 characters
- scales ("Sleep Time: 8:00 | Sleep quality: 8/10 points") -> the person's matching items
  (imports/items.py); any other scale stays in the note as written
- note_title and note -> the note (title, a blank line, the note); HTML from Daylio's editor becomes
  plain text with its line breaks; control characters (such as NUL) are dropped

Ids are made as the first importer made them (date, time, mood and the note as written), so a file
imported before this version adds nothing when imported again.
"""

from __future__ import annotations

import argparse
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from imr_tui.domain.checkin import CheckIn, CheckInItem, default_items
from imr_tui.imports.base import ImportPlan, Target
from imr_tui.imports.dates import parse_day_month, parse_time
from imr_tui.imports.files import ZIP_MAGIC, ImportProblem, csv_rows, one_line, read_bytes_of, shown
from imr_tui.imports.items import reading
from imr_tui.imports.moods import MoodTable, daylio_defaults, given_moods, mood_key
from imr_tui.imports.rows import Collector, stable_id
from imr_tui.imports.text import clean, join_note, plain, tags

SOURCE = "daylio"
KNOWN = ("year", "full_date", "date", "weekday", "time", "mood", "sub_mood", "activities", "scales", "note_title",
         "note")
NEWEST = ("full_date", "date", "weekday", "time", "mood", "activities", "scales", "note_title", "note")
YEAR_LAYOUT = ("year", "date", "weekday", "time", "mood", "activities", "note")
WITHOUT_HEADER = {  # a file with no header row: its number of columns -> its layout
    4: ("full_date", "weekday", "time", "mood"),
    7: ("full_date", "date", "weekday", "time", "mood", "activities", "note"),
    8: ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"),
    9: NEWEST,
}
NOT_SCALES = ("mood",)  # a scale never overwrites the mood Daylio asked for
AGAIN = "export it again from Daylio as CSV"
_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_YEAR = re.compile(r"^[0-9]{4}$")


def entry_id(day: date, at: time, mood: str, note: str, occurrence: int) -> str:
    """The id the first Daylio importer gave (kept, so a second import adds nothing)."""
    return stable_id(SOURCE, [day.isoformat(), at.strftime("%H:%M:%S"), mood_key(mood), note, str(occurrence)])


def mood_item_of(items: Sequence[CheckInItem]) -> CheckInItem:
    for item in items:
        if item.id == "mood":
            return item
    return next(i for i in default_items() if i.id == "mood")


@dataclass
class ScaleUse:
    """How one of the person's Daylio scales was read."""

    name: str
    item: str = ""  # the item it went onto ("" = kept in the note)
    how: str = ""
    count: int = 0


@dataclass
class DaylioFile:
    rows: Collector
    header: tuple[str, ...]
    has_header: bool
    ignored_columns: list[str] = field(default_factory=list)
    scales: dict[str, ScaleUse] = field(default_factory=dict)

    @property
    def checkins(self) -> list[CheckIn]:
        return self.rows.checkins

    @property
    def moods(self) -> MoodTable:
        assert self.rows.moods is not None
        return self.rows.moods


def _header(cells: list[str]) -> tuple[str, ...]:
    return tuple(" ".join(cell.split()).lower().lstrip("\ufeff") for cell in cells)


def _layout(name: str, first: list[str]) -> tuple[tuple[str, ...], bool]:
    """The columns, and whether the first row is the header (not an entry)."""
    head = _header(first)
    first_cell = head[0] if head else ""
    if _ISO.match(first_cell) or _YEAR.match(first_cell):
        layout = YEAR_LAYOUT if _YEAR.match(first_cell) and len(head) == 7 else WITHOUT_HEADER.get(len(head))
        if layout is None or (_YEAR.match(first_cell) and layout is not YEAR_LAYOUT):
            raise ImportProblem(f"{name}: the first row is an entry, not Daylio's header, and its {len(head)} columns "
                                f"are not a Daylio layout; add the header row ({','.join(NEWEST)})")
        return layout, False
    dated = "full_date" in head or ("year" in head and "date" in head)
    missing = [c for c in (("full_date",) if not dated else ()) + ("time", "mood") if c not in head]
    if missing:
        found = ", ".join(one_line(h, 20) for h in head[:8]) + (", ..." if len(head) > 8 else "")
        what = "the column" if len(missing) == 1 else "the columns"
        raise ImportProblem(f"{name} is not a Daylio export: the header lacks {what} {', '.join(missing)} "
                            f"(found: {found})")
    dupes = sorted({h for h in head if h and head.count(h) > 1})
    if dupes:
        raise ImportProblem(f"{name}: the header names {one_line(dupes[0], 20)} twice")
    return head, True


def parse_daylio(data: bytes, path: Path, items: Sequence[CheckInItem],
                 given: Mapping[str, float | None] | None = None, now: datetime | None = None) -> DaylioFile:
    """Read and check every row. Raises ImportProblem (one line, naming the file and the row) at the first problem.
    Moods only the person can place are left waiting in `moods` (nothing is made up for them)."""
    name = shown(path)
    if data.startswith(ZIP_MAGIC):  # a .daylio backup: Daylio.read sends it to imports/daylio_backup.py
        raise ImportProblem(f"{name} is a Daylio backup (.daylio), not a CSV export")
    mood_item = mood_item_of(items)
    rows = Collector(path, SOURCE, items, now, MoodTable(mood_item, daylio_defaults(), given or {}))
    got = csv_rows(data, path, AGAIN)
    first = next(got, None)
    if first is None:
        raise ImportProblem(f"{name} is empty: it has no header row (a Daylio export starts with "
                            f"{','.join(NEWEST)})")
    header, has_header = _layout(name, first[1])
    got.header = has_header
    parsed = DaylioFile(rows, header, has_header, [h for h in header if h and h not in KNOWN])
    col = {h: i for i, h in enumerate(header)}
    for number, (line, cells) in enumerate(got if has_header else itertools.chain([first], got), 1):
        where = f"row {number} (line {line})"
        if len(cells) != len(header):
            what = "the header has" if has_header else "the first row has"
            raise rows.problem(where, f"has {len(cells)} fields, but {what} {len(header)}")
        _row(parsed, rows, col, cells, number, where)
    return parsed


def _day(rows: Collector, col: Mapping[str, int], cells: list[str], where: str) -> date:
    if "full_date" in col:
        raw = cells[col["full_date"]].strip()
        try:
            if _ISO.match(raw):
                return date.fromisoformat(raw)
        except ValueError:
            pass
        raise rows.problem(where, f"full_date {one_line(raw, 30)} is not a date like 2023-05-14")
    raw_year, raw_date = cells[col["year"]].strip(), cells[col["date"]].strip()
    if not _YEAR.match(raw_year):
        raise rows.problem(where, f"year {one_line(raw_year, 30)} is not a year like 2017")
    try:
        month, day = parse_day_month(raw_date)
    except ValueError:
        raise rows.problem(where, f"date {one_line(raw_date, 30)} is not a day and month like June 22 or "
                                  "7 września") from None
    return rows.day(int(raw_year), month, day, where, f"{raw_date} {raw_year}")


def _scales(parsed: DaylioFile, rows: Collector, raw: str, values: dict[str, float], where: str) -> list[str]:
    """Put the scales that match the person's items into `values`; return the rest, to keep in the note."""
    kept: list[str] = []
    for part in clean(raw).split("|"):
        text = " ".join(part.replace("\u00a0", " ").split())
        if not text:
            continue
        label, sep, value = text.partition(":")
        label = label.strip()
        use = parsed.scales.get(label.casefold()) or parsed.scales.setdefault(label.casefold(), ScaleUse(label))
        use.count += 1
        item = rows.find(label) if sep else None
        read = reading(value.strip(), item) if item is not None and item.id not in NOT_SCALES else None
        if item is None or read is None or item.id in values:
            kept.append(text)
            continue
        values[item.id] = rows.value(item, read[0], where, f"scales: {one_line(text, 40)} ({item.id})")
        use.item, use.how = item.id, read[1]
    return kept


def _row(parsed: DaylioFile, rows: Collector, col: Mapping[str, int], cells: list[str], number: int,
         where: str) -> None:
    def cell(column: str) -> str:
        i = col.get(column)
        return cells[i].strip() if i is not None else ""

    day = _day(rows, col, cells, where)
    raw_time = cell("time")
    try:
        clock = parse_time(raw_time)
    except ValueError:
        raise rows.problem(where, f"time {one_line(raw_time, 30)} is not a time like 20:30 or 8:30 PM") from None
    at = rows.at(day, clock, where)
    raw_mood = cell("mood")
    values: dict[str, float] = {}
    kept = _scales(parsed, rows, cell("scales"), values, where) if cell("scales") else []
    title, body = clean(cell("note_title")), clean(cell("note"))
    as_first_read = join_note(title, body)  # the note as the first importer kept it: it makes the id
    note = join_note(plain(title), plain(body), "\n".join(kept))
    row_tags = tags(cell("activities").split("|"))
    if cell("sub_mood"):
        tags([cell("sub_mood")], row_tags)
    rows.add(where, number, at, [day.isoformat(), clock.strftime("%H:%M:%S"), mood_key(raw_mood), as_first_read],
             values=values, tags=row_tags, note=note, mood=raw_mood)


def read_daylio(path: Path, items: Sequence[CheckInItem], given: Mapping[str, float | None] | None = None,
                now: datetime | None = None) -> DaylioFile:
    return parse_daylio(read_bytes_of(path), path, items, given, now)


# ------------------------------------------------------------------- the import format
def _mapping_lines(parsed: DaylioFile) -> list[str]:
    out = []
    if not parsed.has_header:
        out.append(f"This file has no header row: its {len(parsed.header)} columns are read as "
                   f"{', '.join(parsed.header)}.")
    if "full_date" not in parsed.header:
        out.append("Dates: the year column with the day and month (such as 'June 22').")
    rest = ["activities become tags"] if "activities" in parsed.header else []
    if "sub_mood" in parsed.header:
        rest.append("sub_mood becomes a tag")
    notes = [c for c in ("note_title", "note") if c in parsed.header]
    if notes:
        rest.append(f"{' and '.join('the ' + c.replace('_', ' ') for c in notes)} become the note (HTML as plain "
                    "text)")
    if rest:
        out.append(rest[0][0].upper() + "; ".join(rest)[1:] + ".")
    onto = [f"{u.name!r} -> {u.item} ({u.how}, {u.count})" for u in parsed.scales.values() if u.item]
    kept = [f"{u.name!r} ({u.count})" for u in parsed.scales.values() if not u.item]
    if onto:
        out.append("Scales onto your items: " + "; ".join(onto) + ".")
    if kept:
        out.append("Scales kept in the note as written (no item of yours means the same): " + ", ".join(kept) + ".")
    return out


def add_mood_options(parser: argparse.ArgumentParser) -> None:
    """--mood-map and --mood-map-file: the person's own values for moods (shared by every format with moods)."""
    parser.add_argument("--mood-map", action="append", default=[], metavar="NAME=VALUE",
                        help="where a mood sits on your mood scale (repeatable); NAME=none imports its entries "
                             "without a mood value")
    parser.add_argument("--mood-map-file", type=Path, metavar="FILE",
                        help="a text file of NAME=VALUE lines, one mood a line (# starts a comment)")


class Daylio:
    name = "daylio"
    description = "a Daylio CSV export (any layout since 2017) or .daylio backup"
    details = ("Moods become the mood item: Daylio's own five (rad 10, good 8, meh 5, bad 3, awful 1, also in Polish "
               "and German) by default; every other mood is placed by you, at the terminal or with --mood-map. "
               "Activities become tags, scales go onto your matching items, and the note title and note become the "
               "note. From a .daylio backup, each mood gets the value of its group in Daylio (the values above, group 1 "
               "as rad), so the moods you made need no placing.")
    file_help = "the CSV file Daylio exported, or its .daylio backup"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        add_mood_options(parser)

    def read(self, path: Path, target: Target, options: Mapping[str, Any], dry_run: bool) -> ImportPlan:
        items = target.items()
        given = given_moods(options, mood_item_of(items))
        data = read_bytes_of(path)
        if data.startswith(ZIP_MAGIC):
            from imr_tui.imports.daylio_backup import backup_plan

            return backup_plan(path, data, target, given)
        parsed = parse_daylio(data, path, items, given)
        left_out = [f"Columns not used: {', '.join(parsed.ignored_columns)}"] if parsed.ignored_columns else []
        return parsed.rows.plan(target, f"Daylio file: {shown(path)}", _mapping_lines(parsed), left_out)


FORMAT = Daylio()
