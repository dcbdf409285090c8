"""Read an eMoods export (`imr-tui import emoods FILE`): the CSV, or the `.emoods` backup (a ZIP archive
holding entry.csv). FORMAT, registered in imports/registry.py.

The CSV (one row a day, no time of day):
    ID,DATE (YYYY-MM-DD),IRRITABILITY,ANXIETY,DEPRESSED,ELEVATED,SLEEP,PSYCHOTIC SYMPTOMS,NOTE,THERAPY,
    MENSTRUAL CYCLE,WEIGHT
Each row becomes one check-in at 12:00 on its day. Mapping (the dry run shows it):
- ANXIETY, a severity from 0 to 4 -> the anxiety item. 0 means "none" or "not recorded", and the file
  cannot say which, so a 0 gives no value; 1 to 4 are moved from 0-4 onto the item's scale.
- SLEEP, in hours -> sleep (as written, 0 included; an empty cell gives no value)
- PSYCHOTIC SYMPTOMS, 0 or 1 -> the tag "psychotic symptoms" on days with 1. It says whether there
  were any, not how much they bothered the person, which is what the voices item asks, so that item
  is left empty rather than given a made-up amount.
- DEPRESSED, ELEVATED, IRRITABILITY (0-4) -> one line in the note ("eMoods: depressed 2 of 4, ..."), zeros left out
- THERAPY, MENSTRUAL CYCLE (0 or 1) -> the tags "therapy", "menstrual cycle" on days with 1
- WEIGHT -> a line in the note; NOTE -> the note; ID -> part of the check-in's id
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from imr_tui.domain.checkin import CheckInItem
from imr_tui.imports.base import ImportPlan, Target
from imr_tui.imports.files import (
    ZIP_MAGIC,
    ImportProblem,
    csv_rows,
    header_of,
    one_line,
    read_bytes_of,
    shown,
    shown_header,
    zip_member,
)
from imr_tui.imports.moods import number, on_scale
from imr_tui.imports.rows import Collector
from imr_tui.imports.text import join_note, plain

SOURCE = "emoods"
AGAIN = "export it again from eMoods"
NOON = time(12)
SEVERITY = (0, 4)
IN_NOTE = ("depressed", "elevated", "irritability")
FLAGS = {"therapy": "therapy", "menstrual cycle": "menstrual cycle", "psychotic symptoms": "psychotic symptoms"}
USED = ("id", "anxiety", "sleep", "note", "weight", *IN_NOTE, *FLAGS)


def _date_column(header: list[str]) -> int | None:
    for i, h in enumerate(header):
        if h == "date" or h.startswith("date "):
            return i
    return None


class Reader:
    def __init__(self, path: Path, items: Sequence[CheckInItem], now: datetime | None) -> None:
        self.rows = Collector(path, SOURCE, items, now)
        self.zeros = {"anxiety": 0, "sleep": 0}
        self.ignored: list[str] = []

    def severity(self, raw: str, where: str, what: str) -> float | None:
        if not raw:
            return None
        value = self.rows.number(raw, where, what)
        if not SEVERITY[0] <= value <= SEVERITY[1]:
            raise self.rows.problem(where, f"{what} {number(value)} is not from 0 to 4")
        return value

    def flag(self, raw: str, where: str, what: str) -> bool:
        if raw in ("", "0"):
            return False
        if raw == "1":
            return True
        raise self.rows.problem(where, f"{what} {one_line(raw, 20)} is not 0 or 1")

    def row(self, cells: list[str], col: Mapping[str, int], day_col: int, number_: int, where: str) -> None:
        rows = self.rows

        def cell(name: str) -> str:
            i = col.get(name)
            return cells[i].strip() if i is not None else ""

        raw_day = cells[day_col].strip()
        try:
            day = date.fromisoformat(raw_day)
        except ValueError:
            raise rows.problem(where, f"date {one_line(raw_day, 30)} is not a date like 2023-05-14") from None
        at = rows.at(day, NOON, where)
        values: dict[str, float] = {}
        anxiety = self.severity(cell("anxiety"), where, "ANXIETY")
        item = rows.item("anxiety")
        if anxiety is not None and item is not None:
            if anxiety == 0:
                self.zeros["anxiety"] += 1
            else:
                values["anxiety"] = rows.value(item, on_scale(item, anxiety, *SEVERITY), where, "ANXIETY")
        sleep, sleep_item = cell("sleep"), rows.item("sleep")
        if sleep and sleep_item is not None:
            hours = rows.number(sleep, where, "SLEEP")
            values["sleep"] = rows.value(sleep_item, hours, where, "SLEEP")
            self.zeros["sleep"] += hours == 0
        others = []
        for name in IN_NOTE:
            value = self.severity(cell(name), where, name.upper())
            if value:
                others.append(f"{name} {number(value)} of 4")
        tags = [tag for name, tag in FLAGS.items() if self.flag(cell(name), where, name.upper())]
        lines = [f"eMoods: {', '.join(others)}"] if others else []
        weight = cell("weight")
        if weight and weight != "0":
            lines.append(f"Weight: {weight}")
        note = join_note(plain(cell("note")), "\n".join(lines))
        if not (values or tags or note):
            rows.leave("days with nothing recorded")
            return
        rows.add(where, number_, at, [cell("id"), day.isoformat(), "\x1f".join(cells)], values=values, tags=tags,
                 note=note)


def parse_emoods(data: bytes, path: Path, items: Sequence[CheckInItem], now: datetime | None = None) -> Reader:
    name = shown(path)
    if data.startswith(ZIP_MAGIC):
        data = zip_member(data, path, "entry.csv")
    reader = Reader(path, items, now)
    got = csv_rows(data, path, AGAIN)
    first = next(got, None)
    if first is None:
        raise ImportProblem(f"{name} is empty: it has no header row (an eMoods export starts with "
                            "ID,DATE (YYYY-MM-DD),IRRITABILITY,ANXIETY,...)")
    header = header_of(first[1])
    day_col = _date_column(header)
    if day_col is None or not ({"anxiety", "sleep", "depressed", "elevated"} & set(header)):
        raise ImportProblem(f"{name} is not an eMoods export: the header lacks DATE and the mood columns "
                            f"(found: {shown_header(header)})")
    col = {h: i for i, h in enumerate(header)}
    reader.ignored = [h for i, h in enumerate(header) if h and h not in USED and i != day_col]
    for number_, (line, cells) in enumerate(got, 1):
        where = f"row {number_} (line {line})"
        if len(cells) != len(header):
            raise reader.rows.problem(where, f"has {len(cells)} fields, but the header has {len(header)}")
        reader.row(cells, col, day_col, number_, where)
    return reader


def _days(n: int) -> str:
    return f"{n} {'day' if n == 1 else 'days'}"


def _mapping(reader: Reader) -> list[str]:
    items = reader.rows.items
    anxiety = items.get("anxiety")
    out = ["Each day is one check-in at 12:00 (eMoods keeps no time of day)."]
    if anxiety is not None:
        moved = ", ".join(f"{n} -> {number(on_scale(anxiety, n, *SEVERITY))}" for n in range(1, 5))
        out.append(f"ANXIETY (0-4) -> anxiety: {moved}. A 0 means none or not recorded, and the file cannot say "
                   f"which, so it gives no value ({_days(reader.zeros['anxiety'])}).")
    if "sleep" in items:
        n = reader.zeros["sleep"]
        zeros = f" ({_days(n)} {'has' if n == 1 else 'have'} 0 hours: check them in History)" if n else ""
        out.append(f"SLEEP -> sleep, in hours as written{zeros}.")
    out.append("PSYCHOTIC SYMPTOMS (0 or 1) -> the tag 'psychotic symptoms': it says whether there were any, not how "
               "much they bothered you, so the voices item is left empty.")
    out.append("DEPRESSED, ELEVATED, IRRITABILITY -> a line in the note; THERAPY and MENSTRUAL CYCLE -> tags; "
               "WEIGHT and NOTE -> the note.")
    return out


class Emoods:
    name = "emoods"
    description = "an eMoods CSV export or .emoods backup"
    details = ("Each day becomes a check-in at 12:00. Anxiety (1-4) and sleep go onto your items; depressed, "
               "elevated and irritability go into the note; psychotic symptoms, therapy and menstrual cycle become "
               "tags.")
    file_help = "the CSV file or .emoods backup eMoods made"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """No options of its own: eMoods has no moods by name."""

    def read(self, path: Path, target: Target, options: Mapping[str, Any], dry_run: bool) -> ImportPlan:
        reader = parse_emoods(read_bytes_of(path), path, target.items())
        left = [f"Columns not used: {', '.join(reader.ignored)}"] if reader.ignored else []
        return reader.rows.plan(target, f"eMoods file: {shown(path)}", _mapping(reader), left)


FORMAT = Emoods()
