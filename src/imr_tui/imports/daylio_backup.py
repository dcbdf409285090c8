"""Read Daylio's own backup file (`.daylio`, Settings > Backup): `imr-tui import daylio FILE.daylio`.
The `daylio` format (imports/daylio.py) sends a ZIP archive here; a CSV export stays there.

The layout, as public parsers read it (DaylioBackupTools' decoded official backup
tests/data/official/english.json, daylio-markdown-export, daylio-tools, daylio-scribe), and as the tests
build it (tests/test_imports_daylio_backup.py):
- a ZIP archive with an entry `backup.daylio` (photos beside it under assets/), whose text is base64
  (line breaks allowed) of UTF-8 JSON;
- `customMoods`: [{"id", "custom_name", "mood_group_id", "predefined_name_id", ...}]. `mood_group_id` is
  the mood's level, 1 (rad, best) to 5 (awful, worst): the person put each mood of their own in one of the
  five groups. `predefined_name_id` 1-5 is one of Daylio's own five (rad, good, meh, bad, awful) with
  `custom_name` ""; -1 is a mood the person made, named by `custom_name`;
- `tags`: [{"id", "name", ...}]: the activities;
- `dayEntries`: [{"year", "month" (0 = January), "day", "hour", "minute", "datetime" (ms since 1970, UTC),
  "timeZoneOffset" (ms), "mood" (a customMoods id), "tags" (tag ids), "note" (HTML), "note_title",
  "assets"}].

Mapping:
- year, month, day, hour, minute -> the check-in's time, in this computer's time zone on that date, as the
  CSV export writes it (without them: datetime moved by timeZoneOffset);
- mood -> the mood item: the mood's group is its level, and the level gets the value Daylio's default names
  get (imports/moods.py LEVELS: group 1 -> 10, 2 -> 8, 3 -> 5, 4 -> 3, 5 -> 1, moved onto the mood item's
  scale). A mood whose group is not 1-5 waits for the person. --mood-map still wins;
- tags -> tags; note_title and note -> the note (HTML as plain text), as from the CSV.
Ids are made as the CSV importer makes them (date, time, mood name, note as written), so an entry already
imported from the CSV export adds nothing.
Not imported: photos and voice notes (the entries that had them are counted), goals, activity groups.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from imr_tui.domain.checkin import CheckInItem
from imr_tui.imports.base import ImportPlan, Target
from imr_tui.imports.daylio import SOURCE, mood_item_of
from imr_tui.imports.files import ImportProblem, one_line, shown, zip_member
from imr_tui.imports.moods import LEVELS, MoodTable, mood_key, number, on_scale
from imr_tui.imports.rows import Collector
from imr_tui.imports.text import clean, join_note, plain, tags

ENTRY = "backup.daylio"
PREDEFINED = {1: "rad", 2: "good", 3: "meh", 4: "bad", 5: "awful"}  # predefined_name_id -> Daylio's own name
GROUPS = (1, 2, 3, 4, 5)  # mood_group_id: 1 best (rad) to 5 worst (awful)
AGAIN = "make a new backup in Daylio (Settings, Backup) or export your entries as CSV"


def level_of(group: int) -> int:
    """Daylio's group (1 best) as the level of moods.LEVELS (5 best)."""
    return 6 - group


def _is_int(value: object) -> bool:
    return type(value) is int  # not bool, not float


@dataclass
class BackupFile:
    rows: Collector
    moods_by_id: dict[int, str]  # customMoods id -> the name shown
    groups: dict[str, int] = field(default_factory=dict)  # mood key -> its group (1-5)
    left_out: list[str] = field(default_factory=list)

    @property
    def moods(self) -> MoodTable:
        assert self.rows.moods is not None
        return self.rows.moods


def backup_json(data: bytes, path: Path) -> dict[str, Any]:
    """The JSON inside a .daylio archive, or ImportProblem (one line naming the file)."""
    name = shown(path)
    raw = b"".join(zip_member(data, path, ENTRY).split())  # base64, its line breaks taken out
    raw += b"=" * (-len(raw) % 4)
    try:
        decoded = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise ImportProblem(f"{name}: {ENTRY} inside it is not base64 text as in a Daylio backup; {AGAIN}") from None
    try:
        text = decoded.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem(f"{name}: {ENTRY} inside it is not UTF-8 text; {AGAIN}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"{name}: {ENTRY} inside it is not valid JSON ({exc.msg} at line {exc.lineno}, column "
                            f"{exc.colno}); {AGAIN}") from None
    except RecursionError:
        raise ImportProblem(f"{name}: {ENTRY} inside it is not valid JSON (nested too deeply); {AGAIN}") from None
    except ValueError:  # a number too long to read
        raise ImportProblem(f"{name}: {ENTRY} inside it holds a number too long to read; {AGAIN}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("customMoods"), list) or not isinstance(
            doc.get("dayEntries"), list):
        raise ImportProblem(f"{name} is not a Daylio backup: the data in {ENTRY} has no customMoods and dayEntries "
                            "lists")
    return doc


def _moods(name: str, doc: Mapping[str, Any]) -> tuple[dict[int, str], dict[str, int]]:
    """customMoods id -> name, and mood key -> group. Two moods of the same name in different groups are told
    apart by their group (nothing is merged that the person kept apart)."""
    found: list[tuple[int, str, int | None]] = []
    for n, mood in enumerate(doc["customMoods"], 1):
        where = f"{name}: customMoods, mood {n}"
        if not isinstance(mood, dict) or not _is_int(mood.get("id")):
            raise ImportProblem(f"{where}: has no id number")
        custom = mood.get("custom_name")
        if custom is not None and not isinstance(custom, str):
            raise ImportProblem(f"{where} (id {mood['id']}): custom_name is not text")
        predefined = mood.get("predefined_name_id")
        label = " ".join(clean(custom or "").split())
        if not label:
            label = PREDEFINED.get(predefined, "") if isinstance(predefined, int) else ""
        if not label:
            label = f"Daylio mood {mood['id']}"  # a name to show it by; its value still comes from its group
        group = mood.get("mood_group_id")
        found.append((mood["id"], label, group if _is_int(group) and group in GROUPS else None))
    by_key: dict[str, set[int | None]] = {}
    for _, label, group in found:
        by_key.setdefault(mood_key(label), set()).add(group)
    names: dict[int, str] = {}
    groups: dict[str, int] = {}
    for mood_id, label, group in found:
        if len(by_key[mood_key(label)]) > 1:
            label = f"{label} (group {group})" if group is not None else f"{label} (no group)"
        if mood_id in names and names[mood_id] != label:
            raise ImportProblem(f"{name}: customMoods: two moods have the id {mood_id}")
        names[mood_id] = label
        if group is not None:
            groups[mood_key(label)] = group
    return names, groups


def _tags(name: str, doc: Mapping[str, Any]) -> dict[int, str]:
    raw = doc.get("tags", [])
    if raw is None:
        return {}
    if not isinstance(raw, list):
        raise ImportProblem(f"{name}: tags is not a list")
    out: dict[int, str] = {}
    for n, t in enumerate(raw, 1):
        if not isinstance(t, dict) or not _is_int(t.get("id")) or not isinstance(t.get("name"), str):
            raise ImportProblem(f"{name}: tags, activity {n}: has no id number and name")
        out[t["id"]] = t["name"]
    return out


def _when(rows: Collector, entry: Mapping[str, Any], where: str) -> tuple[date, time]:
    """The entry's date and clock time as Daylio showed them (the CSV export writes the same)."""
    parts: list[Any] = [entry.get(k) for k in ("year", "month", "day", "hour", "minute")]
    if all(_is_int(p) for p in parts):
        year, month, day, hour, minute = (int(p) for p in parts)
        the_day = rows.day(year, month + 1, day, where, f"{year}-{month + 1}-{day}")
        try:
            return the_day, time(hour, minute)
        except ValueError:
            raise rows.problem(where, f"{hour}:{minute} is not a time of day") from None
    stamp_ms, offset_ms = entry.get("datetime"), entry.get("timeZoneOffset", 0)
    if not _is_int(stamp_ms) or not _is_int(offset_ms):
        raise rows.problem(where, "has no date (year, month, day, hour, minute, or datetime)")
    try:
        at = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=stamp_ms + offset_ms)
    except (OverflowError, ValueError):
        raise rows.problem(where, "its datetime is not a date") from None
    return at.date(), at.time().replace(second=0, microsecond=0)


def _text(rows: Collector, entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise rows.problem(where, f"{key} is not text")
    return clean(value)


def parse_backup(data: bytes, path: Path, items: Sequence[CheckInItem],
                 given: Mapping[str, float | None] | None = None, now: datetime | None = None) -> BackupFile:
    """Read and check every entry of a .daylio archive. Raises ImportProblem (one line, naming the file and the
    entry) at the first problem; moods without a group wait for the person in `moods`."""
    name = shown(path)
    doc = backup_json(data, path)
    names, groups = _moods(name, doc)
    tag_names = _tags(name, doc)
    mood_item = mood_item_of(items)
    defaults = {label: float(LEVELS[level_of(groups[mood_key(label)])]) for label in names.values()
                if mood_key(label) in groups}
    table = MoodTable(mood_item, defaults, given or {}, default_note="  (its group in Daylio)")
    rows = Collector(path, SOURCE, items, now, table, unit="entry")
    parsed = BackupFile(rows, names, groups)
    for n, entry in enumerate(doc["dayEntries"], 1):
        if not isinstance(entry, dict):
            raise rows.problem(f"entry {n}", "is not an entry")
        where = f"entry {n}" + (f" (id {entry['id']})" if _is_int(entry.get("id")) else "")
        _entry(parsed, tag_names, entry, n, where)
    assets = sum(1 for e in doc["dayEntries"] if isinstance(e, dict) and e.get("assets"))
    if assets:
        rows.leave("photos and voice notes", assets)
    goals = doc.get("goals")
    if isinstance(goals, list) and goals:
        parsed.left_out.append(f"Goals ({len(goals)}) and their check marks are not imported.")
    groups_of_tags = doc.get("tag_groups")
    if isinstance(groups_of_tags, list) and groups_of_tags:
        parsed.left_out.append("The names of activity groups are not imported (each activity becomes a tag).")
    return parsed


def _entry(parsed: BackupFile, tag_names: Mapping[int, str], entry: Mapping[str, Any], n: int, where: str) -> None:
    rows = parsed.rows
    day, clock = _when(rows, entry, where)
    at = rows.at(day, clock, where)
    mood_id = entry.get("mood")
    if not _is_int(mood_id) or mood_id not in parsed.moods_by_id:
        raise rows.problem(where, f"its mood {one_line(str(mood_id), 20)} is not one of the backup's moods")
    mood = parsed.moods_by_id[mood_id]
    raw_tags = entry.get("tags") or []
    if not isinstance(raw_tags, list) or not all(_is_int(t) and t in tag_names for t in raw_tags):
        raise rows.problem(where, "its activities are not all among the backup's activities")
    title, body = _text(rows, entry, "note_title", where), _text(rows, entry, "note", where)
    as_written = join_note(title, body)  # as the CSV importer makes its ids, so the same entry adds nothing
    rows.add(where, n, at, [day.isoformat(), clock.strftime("%H:%M:%S"), mood_key(mood), as_written],
             tags=tags(tag_names[t] for t in raw_tags), note=join_note(plain(title), plain(body)), mood=mood)


def _mapping_lines(parsed: BackupFile) -> list[str]:
    item = parsed.moods.item
    moved = ", ".join(f"{g} ({PREDEFINED[g]}) -> {number(on_scale(item, LEVELS[level_of(g)]))}" for g in GROUPS)
    out = [f"This is a Daylio backup: each mood's group in Daylio gives its value, as for Daylio's own five: "
           f"group {moved}."]
    if not parsed.groups or len(parsed.groups) < len({mood_key(v) for v in parsed.moods_by_id.values()}):
        out.append("A mood without a group from 1 to 5 waits for you to place it.")
    out.append("Activities become tags; the note title and note become the note (HTML as plain text).")
    return out


def backup_plan(path: Path, data: bytes, target: Target, given: Mapping[str, float | None]) -> ImportPlan:
    parsed = parse_backup(data, path, target.items(), given)
    return parsed.rows.plan(target, f"Daylio backup: {shown(path)}", _mapping_lines(parsed), parsed.left_out)
