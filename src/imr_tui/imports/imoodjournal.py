"""Read an iMoodJournal CSV export (`imr-tui import imoodjournal FILE`): FORMAT, registered in imports/registry.py.

    "Date","Day of week","Hour","Minute","Level","LevelText","Comment",#tag1,#tag2,...
`Date` like "September 5, 2015"; `Level` 1-10; then one column per hashtag holding 0 or 1 (often hundreds).

Mapping (the dry run shows it):
- Date, Hour and Minute -> the check-in's time, in this computer's time zone
- Level (1-10) -> the mood item: each level keeps its number on a 0-10 scale (moved onto the mood item's
  own scale when it differs; --mood-map LEVEL=VALUE changes one)
- Comment -> the note; each hashtag column with 1 -> a tag (without the #)
- LevelText (the app's word for the level) and Day of week are not imported: the level itself is.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from datetime import datetime, time
from pathlib import Path
from typing import Any

from imr_tui.domain.checkin import CheckInItem
from imr_tui.imports.base import ImportPlan, Target
from imr_tui.imports.dates import parse_named_date
from imr_tui.imports.daylio import add_mood_options, mood_item_of
from imr_tui.imports.files import ImportProblem, csv_rows, header_of, one_line, read_bytes_of, shown, shown_header
from imr_tui.imports.moods import MoodTable, given_moods, level_defaults, number
from imr_tui.imports.rows import Collector
from imr_tui.imports.text import plain, tag

SOURCE = "imoodjournal"
AGAIN = "export it again from iMoodJournal as CSV"
LEVELS = (1, 10)
FIXED = ("date", "day of week", "hour", "minute", "level", "leveltext", "comment")
TRUE, FALSE = ("1", "true", "yes"), ("", "0", "false", "no")


def _whole(rows: Collector, raw: str, where: str, what: str, top: int) -> int:
    value = rows.number(raw, where, what) if raw else 0.0
    if not value.is_integer() or not 0 <= value <= top:
        raise rows.problem(where, f"{what} {one_line(raw, 20)} is not a whole number from 0 to {top}")
    return int(value)


def parse_imoodjournal(data: bytes, path: Path, items: Sequence[CheckInItem],
                       given: Mapping[str, float | None] | None = None, now: datetime | None = None) -> Collector:
    name = shown(path)
    rows = Collector(path, SOURCE, items, now, MoodTable(mood_item_of(items), level_defaults(*LEVELS), given or {},
                                                         what="Levels (1-10)"))
    got = csv_rows(data, path, AGAIN)
    first = next(got, None)
    if first is None:
        raise ImportProblem(f"{name} is empty: it has no header row (an iMoodJournal export starts with "
                            "\"Date\",\"Day of week\",\"Hour\",\"Minute\",\"Level\",...)")
    header = header_of(first[1])
    missing = [c for c in ("date", "level") if c not in header]
    if missing:
        raise ImportProblem(f"{name} is not an iMoodJournal export: the header lacks {', '.join(missing)} "
                            f"(found: {shown_header(header)})")
    col = {h: i for i, h in enumerate(header)}
    hashtags = [(i, tag(first[1][i].strip().lstrip("#"))) for i, h in enumerate(header) if h and h not in FIXED]
    for number_, (line, cells) in enumerate(got, 1):
        where = f"row {number_} (line {line})"
        if len(cells) != len(header):
            raise rows.problem(where, f"has {len(cells)} fields, but the header has {len(header)}")

        def cell(column: str, cells: list[str] = cells) -> str:
            i = col.get(column)
            return cells[i].strip() if i is not None else ""

        raw_day = cell("date")
        try:
            day = parse_named_date(raw_day)
        except ValueError:
            raise rows.problem(where, f"Date {one_line(raw_day, 30)} is not a date like September 5, 2015") from None
        clock = time(_whole(rows, cell("hour"), where, "Hour", 23), _whole(rows, cell("minute"), where, "Minute", 59))
        at = rows.at(day, clock, where)
        level = cell("level")
        if level:
            value = rows.number(level, where, "Level")
            if not value.is_integer() or not LEVELS[0] <= value <= LEVELS[1]:
                raise rows.problem(where, f"Level {one_line(level, 20)} is not a whole number from 1 to 10")
            level = number(value)
        row_tags: list[str] = []
        for i, name_ in hashtags:
            mark = cells[i]
            if not mark or mark == "0":  # most of hundreds of columns: checked fast
                continue
            mark = mark.strip().lower()
            if mark in TRUE and name_ and name_ not in row_tags:
                row_tags.append(name_)
            elif mark not in TRUE + FALSE:
                raise rows.problem(where, f"the hashtag column {one_line(name_, 30)} holds {one_line(mark, 20)}, "
                                          "not 0 or 1")
        comment = plain(cell("comment"))
        rows.add(where, number_, at, [day.isoformat(), clock.isoformat(), level, comment, ",".join(row_tags)],
                 tags=row_tags, note=comment, mood=level)
    return rows


class IMoodJournal:
    name = "imoodjournal"
    description = "an iMoodJournal CSV export"
    details = "Levels (1-10) become the mood item, the comment becomes the note and each hashtag a tag."
    file_help = "the CSV file iMoodJournal exported"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        add_mood_options(parser)

    def read(self, path: Path, target: Target, options: Mapping[str, Any], dry_run: bool) -> ImportPlan:
        items = target.items()
        rows = parse_imoodjournal(read_bytes_of(path), path, items, given_moods(options, mood_item_of(items)))
        mapping = ["Date, Hour and Minute become the time; the comment becomes the note; each hashtag marked 1 "
                   "becomes a tag."]
        return rows.plan(target, f"iMoodJournal file: {shown(path)}", mapping,
                         ["Not imported: LevelText and Day of week (the level and the date are)."])


FORMAT = IMoodJournal()
