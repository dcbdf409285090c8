"""`imr-tui import FORMAT FILE`: bring check-ins (and more) in from another app or an imr-tui export.

Every row is read and checked first; nothing is written if any row is wrong, and importing the same
file twice adds nothing. A labelled backup is made before anything is written.
"""

from __future__ import annotations

import argparse
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imr_tui.cli.common import Parser, UserError, existing_store, open_store

if TYPE_CHECKING:
    from imr_tui.domain.checkin import CheckIn
    from imr_tui.store.store import Store

PREVIEW_ROWS = 5


def add_parsers(sub: Any) -> None:
    i = sub.add_parser("import", help="bring in check-ins from Daylio, or everything from an imr-tui JSON export",
                       description="Every row is read and checked first; nothing is written if any row is wrong. "
                                   "Importing the same file twice adds nothing.")
    isub = i.add_subparsers(dest="import_format", metavar="FORMAT", parser_class=Parser, required=True)
    d = isub.add_parser("daylio", help="a Daylio CSV export",
                        description="Moods become the mood item (rad 10, good 8, meh 5, bad 3, awful 1), activities "
                                    "become tags, and the note title and note become the note.")
    d.add_argument("file", type=Path, metavar="FILE", help="the CSV file Daylio exported")
    d.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
    d.set_defaults(func=run_daylio)
    d.add_argument("--mood-map", action="append", default=[], metavar="NAME=VALUE",
                   help="the value of a mood, on your mood scale (for moods you renamed or added in Daylio; "
                        "repeatable)")
    j = isub.add_parser("json", help="an imr-tui JSON export (to move to another machine)",
                        description="Check-ins and coping uses are added (merged by id). Settings, profile and "
                                    "progress are taken only when this data folder has none yet, unless "
                                    "--replace-profile is given.")
    j.add_argument("file", type=Path, metavar="FILE", help="the file 'imr-tui export --json' wrote")
    j.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
    j.add_argument("--replace-profile", action="store_true",
                   help="replace this data folder's settings, profile and progress with the file's")
    j.set_defaults(func=run_json)


def _backup_first(store: Store) -> str:
    """A labelled backup before an import, when there is anything to lose. Returns a line to print."""
    if len(store.data_files()) <= 1:  # only the manifest: nothing to lose yet
        return ""
    from imr_tui.store.backup import make_backup

    b = make_backup(store, label="before-import")
    return f"A backup was made first: {b.name} (to undo the import: imr-tui restore --snapshot {b.name})."


def _existing_ids(store: Store, checkins: list[CheckIn]) -> set[str]:
    if not checkins:
        return set()
    days = [c.day for c in checkins]
    return {c.id for c in store.checkins(min(days) - timedelta(days=1), max(days) + timedelta(days=1))}


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _preview(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 3] + "...")


def run_daylio(args: argparse.Namespace) -> int:
    from imr_tui.export.daylio import DEFAULT_MOODS, mood_item_of, parse_mood_map, read_daylio
    from imr_tui.export.json_export import ImportProblem, shown

    path: Path = args.file.expanduser()
    store = existing_store(args)  # a new data folder is made only when there is something to write
    items = store.checkin_items() if store is not None else _default_items()
    item = mood_item_of(items)
    try:
        mood_map = parse_mood_map(args.mood_map, item)
        parsed = read_daylio(path, items, mood_map)
    except (ImportProblem, ValueError) as exc:
        raise UserError(str(exc)) from None
    rows = parsed.rows
    existing = _existing_ids(store, parsed.checkins) if store is not None else set()
    new = [c for c in parsed.checkins if c.id not in existing]
    print(f"Daylio file: {shown(path)}")
    if parsed.ignored_columns:
        print(f"Columns not used: {', '.join(parsed.ignored_columns)}")
    if not rows:
        print("It has no entries; nothing to import.")
        return 0
    span = parsed.date_range()
    assert span is not None
    print(f"Entries: {len(rows)}, from {span[0].isoformat()} to {span[1].isoformat()}; "
          f"{len(new)} new, {len(rows) - len(new)} already here.")
    scale = f"{_fmt(item.low)}-{_fmt(item.high)}"
    print(f"Moods become '{item.id}' ({scale}, {'low' if item.worse.value == 'low' else 'high'} is worse):")
    names = list(DEFAULT_MOODS) + [n for n in parsed.mapping if n not in DEFAULT_MOODS]
    for name in names:
        count = parsed.mood_counts.get(name, 0)
        print(f"  {name:>8} -> {_fmt(parsed.mapping[name]):>4}   ({count} {'entry' if count == 1 else 'entries'})")
    print("Activities become tags; the note title and the note become the note.")
    if args.dry_run:
        print(f"First {min(PREVIEW_ROWS, len(rows))} entries:")
        for r in rows[:PREVIEW_ROWS]:
            c = r.checkin
            mood = f"mood {_fmt(c.values[item.id])} ({r.mood})" if item.id in c.values else "no mood"
            tags = f"; tags: {', '.join(c.tags)}" if c.tags else ""
            note = f"; note: {_preview(c.note)}" if c.note else ""
            print(f"  row {r.row}: {c.at.strftime('%Y-%m-%d %H:%M')}, {mood}{tags}{note}")
        print("Dry run: nothing was written.")
        return 0
    if not new:
        print("Everything in this file is already here; nothing was added.")
        return 0
    store = store or open_store(args)
    backup = _backup_first(store)
    added = store.import_checkins(parsed.checkins)
    if backup:
        print(backup)
    print(f"Imported {added} new check-ins into {store.root}.")
    return 0


def _default_items() -> list[Any]:
    from imr_tui.domain.checkin import default_items

    return list(default_items())


def run_json(args: argparse.Namespace) -> int:
    from imr_tui.export.json_export import ImportProblem, import_export, plan_import, read_export, shown

    path: Path = args.file.expanduser()
    try:
        export = read_export(path)
    except ImportProblem as exc:
        raise UserError(str(exc)) from None
    store = existing_store(args)
    if store is None and not args.dry_run:
        store = open_store(args)
    plan = plan_import(store, export, args.replace_profile)
    span = export.date_range()
    print(f"imr-tui export: {shown(path)}" + (f" (made {export.exported_at[:16].replace('T', ' ')})"
                                               if export.exported_at else ""))
    when = f", from {span[0].isoformat()} to {span[1].isoformat()}" if span else ""
    print(f"Check-ins: {len(export.checkins)}{when}; {plan.new_checkins} new.")
    print(f"Coping uses: {len(export.coping)}; {plan.new_coping} new.")
    for part, taken in (("settings", plan.take_settings), ("profile", plan.take_profile),
                        ("progress", plan.take_progress)):
        if taken:
            print(f"{part.capitalize()}: {'would be ' if args.dry_run else ''}taken from the file.")
        elif part in plan.skipped:
            verb = "are" if part == "settings" else "is"
            print(f"{part.capitalize()}: this data folder has its own, so the file's {part} {verb} skipped "
                  "(use --replace-profile to take the file's).")
        else:
            print(f"{part.capitalize()}: the same in the file and here.")
    if plan.items_to_add:
        added_to = "would be added" if args.dry_run else "added"
        print(f"Check-in items {added_to} to your settings: {', '.join(plan.items_to_add)}.")
    if args.dry_run:
        print("Dry run: nothing was written.")
        return 0
    assert store is not None
    nothing = not (plan.new_checkins or plan.new_coping or plan.take_settings or plan.take_profile
                   or plan.take_progress or plan.items_to_add)
    if nothing:
        print("Everything in this file is already here; nothing was changed.")
        return 0
    backup = _backup_first(store)
    added, added_coping = import_export(store, export, plan)
    if backup:
        print(backup)
    print(f"Imported {added} check-ins and {added_coping} coping uses into {store.root}.")
    return 0
