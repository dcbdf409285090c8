"""Read a jrnl JSON export (`jrnl --export json`; `imr-tui import jrnl FILE`): FORMAT, registered in
imports/registry.py.

    {"tags": {"@tag": count}, "entries": [{"title", "body", "date": "YYYY-MM-DD", "time": "HH:MM",
                                           "tags": ["@tag"], "starred": false}]}
jrnl is a journal: it has notes only, no ratings. Mapping:
- date and time -> the check-in's time, in this computer's time zone
- title and body -> the note (title, a blank line, the body)
- tags -> tags (without the @); starred -> the tag "starred"
- the top-level "tags" count is not imported (it is the sum of the entries' tags)
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from imr_tui.domain.checkin import CheckInItem
from imr_tui.imports.base import ImportPlan, Target
from imr_tui.imports.dates import parse_time
from imr_tui.imports.files import ImportProblem, load_json, one_line, read_bytes_of, shown
from imr_tui.imports.rows import Collector
from imr_tui.imports.text import join_note, plain, tags

SOURCE = "jrnl"
AGAIN = "export it again with: jrnl --export json"


def _text(entry: Mapping[str, Any], key: str, rows: Collector, where: str) -> str:
    value = entry.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise rows.problem(where, f"{key} should be text, not {type(value).__name__}")
    return value


def parse_jrnl(data: bytes, path: Path, items: Sequence[CheckInItem], now: datetime | None = None) -> Collector:
    raw = load_json(data, path, AGAIN)
    entries = raw.get("entries") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise ImportProblem(f"{shown(path)} is not a jrnl export: it has no \"entries\" list")
    rows = Collector(path, SOURCE, items, now, unit="entry")
    for n, entry in enumerate(entries):
        where = f"entry {n + 1}"
        if not isinstance(entry, dict):
            raise rows.problem(where, "an entry should be an object with date, time, title and body")
        raw_day, raw_time = _text(entry, "date", rows, where).strip(), _text(entry, "time", rows, where).strip()
        try:
            day = date.fromisoformat(raw_day)
        except ValueError:
            raise rows.problem(where, f"date {one_line(raw_day, 30)} is not a date like 2023-05-14") from None
        try:
            clock = parse_time(raw_time)
        except ValueError:
            raise rows.problem(where, f"time {one_line(raw_time, 30)} is not a time like 20:30") from None
        at = rows.at(day, clock, where)
        entry_tags = entry.get("tags") or []
        if not isinstance(entry_tags, list) or not all(isinstance(t, str) for t in entry_tags):
            raise rows.problem(where, "tags should be a list of words like \"@work\"")
        starred = entry.get("starred", False)
        if not isinstance(starred, bool):
            raise rows.problem(where, "starred should be true or false")
        row_tags = tags(t.lstrip("@") for t in entry_tags)
        if starred:
            tags(["starred"], row_tags)
        title, body = _text(entry, "title", rows, where), _text(entry, "body", rows, where)
        note = join_note(plain(title), plain(body))
        rows.add(where, n + 1, at, [day.isoformat(), clock.isoformat(), title, body, ",".join(row_tags)],
                 tags=row_tags, note=note)
    return rows


class Jrnl:
    name = "jrnl"
    description = "a jrnl JSON export (jrnl --export json)"
    details = "Each entry becomes a check-in with its title and body as the note, and its tags as tags."
    file_help = "the JSON file 'jrnl --export json' wrote"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """No options of its own: jrnl has notes only."""

    def read(self, path: Path, target: Target, options: Mapping[str, Any], dry_run: bool) -> ImportPlan:
        rows = parse_jrnl(read_bytes_of(path), path, target.items())
        mapping = ["Title and body become the note; tags become tags (without the @); starred entries get the tag "
                   "'starred'. jrnl has no ratings, so no item gets a value."]
        return rows.plan(target, f"jrnl file: {shown(path)}", mapping)


FORMAT = Jrnl()
