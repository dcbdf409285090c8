"""Read a Pixels ("year in pixels") JSON backup (`imr-tui import pixels FILE`): FORMAT, registered in
imports/registry.py.

    [{"date": "2021-01-05", "type": "Mood", "scores": [1-5, ...], "notes": "...",
      "tags": [{"type": "Emotions", "entries": ["happy", ...]}]}, ...]
Pixels keeps days, not times, and a day may have several scores.

Mapping (the dry run shows it):
- each score -> one check-in at 12:00 on its day; scores 1-5 -> the mood item as Daylio's five
  levels (1, 3, 5, 8, 10 on a 0-10 scale, moved onto the mood item's own scale; --mood-map LEVEL=VALUE changes one)
- notes -> the note, and tags (each entry) -> tags, on the day's first check-in
- a day of another type than Mood is not imported (listed)
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from imr_tui.domain.checkin import CheckInItem
from imr_tui.imports.base import ImportPlan, Target
from imr_tui.imports.daylio import add_mood_options, mood_item_of
from imr_tui.imports.files import ImportProblem, load_json, one_line, read_bytes_of, shown
from imr_tui.imports.moods import MoodTable, given_moods, level_defaults
from imr_tui.imports.rows import Collector
from imr_tui.imports.text import plain, tags

SOURCE = "pixels"
AGAIN = "make a new backup in Pixels"
NOON = time(12)
SCORES = (1, 5)
_DAY = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")


def _day(rows: Collector, raw: object, where: str) -> date:
    m = _DAY.match(raw.strip()) if isinstance(raw, str) else None
    if m is None:
        raise rows.problem(where, f"date {one_line(str(raw), 30)} is not a date like 2021-01-05")
    return rows.day(int(m.group(1)), int(m.group(2)), int(m.group(3)), where, str(raw))


def _tags(rows: Collector, raw: object, where: str) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise rows.problem(where, "tags should be a list")
    out: list[str] = []
    for group in raw:
        entries = group.get("entries") if isinstance(group, dict) else None
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise rows.problem(where, "each tag group should have a list of entries (words)")
        tags(entries, out)
    return out


def _score(rows: Collector, raw: object, where: str) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw != raw or not SCORES[0] <= raw <= SCORES[1] \
            or not float(raw).is_integer():
        raise rows.problem(where, f"score {one_line(str(raw), 20)} is not a whole number from 1 to 5")
    return str(int(raw))


def parse_pixels(data: bytes, path: Path, items: Sequence[CheckInItem],
                 given: Mapping[str, float | None] | None = None, now: datetime | None = None) -> Collector:
    raw = load_json(data, path, AGAIN)
    if not isinstance(raw, list):
        raise ImportProblem(f"{shown(path)} is not a Pixels backup: it should hold a list of days")
    rows = Collector(path, SOURCE, items, now, MoodTable(mood_item_of(items), level_defaults(*SCORES), given or {},
                                                         what="Scores (1-5)"), unit="day")
    for n, day_entry in enumerate(raw):
        where = f"day {n + 1}"
        if not isinstance(day_entry, dict):
            raise rows.problem(where, "a day should be an object with date, type, scores, notes and tags")
        kind = day_entry.get("type", "Mood")
        if kind != "Mood":
            rows.leave(f"days of type {one_line(str(kind), 20)}", 1)
            continue
        day = _day(rows, day_entry.get("date"), where)
        at = rows.at(day, NOON, where)
        scores = day_entry.get("scores") or []
        if not isinstance(scores, list):
            raise rows.problem(where, "scores should be a list of numbers from 1 to 5")
        notes = day_entry.get("notes") or ""
        if not isinstance(notes, str):
            raise rows.problem(where, "notes should be text")
        note, day_tags = plain(notes), _tags(rows, day_entry.get("tags"), where)
        levels = [_score(rows, s, where) for s in scores]
        if not (levels or note or day_tags):
            rows.leave("days with nothing recorded")
            continue
        levels = levels or [""]
        for k, level in enumerate(levels):
            first = k == 0
            rows.add(where, n + 1, at, [day.isoformat(), str(k), level, notes if first else ""],
                     tags=day_tags if first else [], note=note if first else "", mood=level)
    return rows


class Pixels:
    name = "pixels"
    description = "a Pixels (year in pixels) JSON backup"
    details = "Each score (1-5) becomes a check-in with the mood item at 12:00; notes and tags go on the day's first."
    file_help = "the JSON backup Pixels made"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        add_mood_options(parser)

    def read(self, path: Path, target: Target, options: Mapping[str, Any], dry_run: bool) -> ImportPlan:
        items = target.items()
        rows = parse_pixels(read_bytes_of(path), path, items, given_moods(options, mood_item_of(items)))
        mapping = ["Pixels keeps days, not times: each score is a check-in at 12:00; the day's notes and tags go on "
                   "its first check-in."]
        return rows.plan(target, f"Pixels file: {shown(path)}", mapping)


FORMAT = Pixels()
