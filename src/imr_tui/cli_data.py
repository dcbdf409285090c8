"""The data commands of `imr-tui`: report, export, import, remind.

`imr_tui.cli.build_parser` calls `add_parsers(sub)`; `imr_tui.cli.main` calls `dispatch(args)`,
which returns None for a command that is not one of these. Errors follow cli.py: UserError is
one line and exit 1, StoreError exit 2.

Only argparse is imported at import time: `imr-tui remind` runs at shell prompts and must stay
fast (no pydantic, no Textual); every command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imr_tui.domain.format import number, stamp

if TYPE_CHECKING:
    from imr_tui.domain.checkin import CheckIn
    from imr_tui.export.report import LessonTitles
    from imr_tui.store.store import Store

COMMANDS = ("report", "export", "import", "remind")
DEFAULT_REPORT_DAYS = 30
PREVIEW_ROWS = 5
PRIVATE = "It holds private health information: share it only with people you choose."


def add_parsers(sub: Any) -> None:
    """Add report, export, import and remind to the subparsers of cli.build_parser."""
    from imr_tui.cli import _Parser

    r = sub.add_parser(
        "report", help="a report of a period for an appointment (Markdown or PDF)",
        description="A report of the days FROM to TO (both included) that a clinician can read in two minutes. "
                    "Markdown goes to the screen unless --md or --pdf names a file. Only the sections you choose "
                    "are included; notes only when you ask for the 'notes' section.")
    r.add_argument("--from", dest="start", metavar="DATE", help=f"first day, YYYY-MM-DD (default: {DEFAULT_REPORT_DAYS} "
                                                                 "days before --to)")
    r.add_argument("--to", dest="end", metavar="DATE", help="last day, YYYY-MM-DD (default: today)")
    out = r.add_mutually_exclusive_group()
    out.add_argument("--pdf", type=Path, metavar="FILE", help="write a PDF file")
    out.add_argument("--md", type=Path, metavar="FILE", help="write a Markdown file")
    r.add_argument("--sections", nargs="+", metavar="NAME",
                   help="what to include, e.g. checkins,signs: checkins, signs, coping, goals, lessons, selfcheck "
                        "(these are the default), and notes")

    e = sub.add_parser("export", help="write your check-ins as CSV, everything as JSON, or your plan as Markdown",
                       description="Write one or more files (readable only by you, mode 0600). --json holds "
                                   "everything and can be imported on another machine with 'imr-tui import json'.")
    e.add_argument("--csv", type=Path, metavar="FILE", help="check-ins, one row each (columns: see docs/reports.md)")
    e.add_argument("--json", type=Path, metavar="FILE", help="everything: settings, profile, progress, check-ins, "
                                                            "coping")
    e.add_argument("--plan-md", type=Path, metavar="FILE", help="the relapse prevention plan as Markdown")

    i = sub.add_parser("import", help="bring in check-ins from Daylio, or everything from an imr-tui JSON export",
                       description="Every row is read and checked first; nothing is written if any row is wrong. "
                                   "Importing the same file twice adds nothing.")
    isub = i.add_subparsers(dest="import_format", metavar="FORMAT", parser_class=_Parser, required=True)
    d = isub.add_parser("daylio", help="a Daylio CSV export",
                        description="Moods become the mood item (rad 10, good 8, meh 5, bad 3, awful 1), activities "
                                    "become tags, and the note title and note become the note.")
    d.add_argument("file", type=Path, metavar="FILE", help="the CSV file Daylio exported")
    d.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
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

    m = sub.add_parser("remind", help="one line if you have not checked in today (for a shell prompt or timer)",
                       description="Prints one short line when there is no check-in today, else nothing. Always "
                                   "exits 0. --setup prints a systemd timer and a cron line to paste.")
    m.add_argument("--setup", action="store_true", help="print a systemd user timer + service and a cron line")
    m.add_argument("--after", metavar="HH:MM", help="print nothing before this time of day; with --setup: when the "
                                                    "reminder runs (default 20:00)")


def dispatch(args: argparse.Namespace) -> int | None:
    """Run one of these commands; None when args.command is not one of them."""
    command = getattr(args, "command", None)
    if command == "remind":
        return cmd_remind(args)
    if command == "report":
        return cmd_report(args)
    if command == "export":
        return cmd_export(args)
    if command == "import":
        if args.import_format == "daylio":
            return cmd_import_daylio(args)
        return cmd_import_json(args)
    return None


# --------------------------------------------------------------------- helpers
def _user_error(message: str) -> Exception:
    from imr_tui.cli import UserError

    return UserError(message)


def parse_day(text: str, flag: str, today: date) -> date:
    """A day for --from or --to, in the grammar of domain/dates.py (a weekday name is the last one)."""
    from imr_tui.domain.dates import LAST, DateError
    from imr_tui.domain.dates import parse_day as read_day

    try:
        day = read_day(text, today, LAST)
    except DateError as exc:
        raise _user_error(f"{flag}: {exc}") from None
    if day is None:
        raise _user_error(f"{flag}: give a day, like yesterday or -30")
    return day


def report_period(start: str | None, end: str | None, today: date | None = None) -> tuple[date, date]:
    today = today or date.today()
    last = parse_day(end, "--to", today) if end else today
    first = parse_day(start, "--from", today) if start else last - timedelta(days=DEFAULT_REPORT_DAYS - 1)
    if first > last:
        raise _user_error(f"--from {first.isoformat()} is after --to {last.isoformat()}")
    if first.year < 1970:
        raise _user_error(f"--from {first.isoformat()} is too long ago")
    if last > today + timedelta(days=1):
        raise _user_error(f"--to {last.isoformat()} is in the future")
    return first, last


def check_target(path: Path, flag: str) -> Path:
    """A file the person asked us to write: not a folder, in a folder that exists."""
    path = path.expanduser()
    if path.is_dir():
        raise _user_error(f"{flag} {path}: that is a folder; give a file name, e.g. {path / 'report'}")
    if not path.parent.is_dir():
        raise _user_error(f"{flag} {path}: the folder {path.parent} does not exist")
    return path


def _write(path: Path, data: bytes) -> None:
    from imr_tui.export.report import ExportWriteError, write_export

    try:
        write_export(path, data)
    except ExportWriteError as exc:
        raise _user_error(str(exc)) from None


def _lesson_titles(args: argparse.Namespace) -> LessonTitles | None:
    """Lesson titles from the curriculum, or None when it cannot be read (the report shows ids then)."""
    from imr_tui import paths
    from imr_tui.content.loader import ContentError, Curriculum
    from imr_tui.export.report import lesson_titles_from

    try:
        return lesson_titles_from(Curriculum(paths.modules_dir(getattr(args, "content", None))))
    except (ContentError, OSError, ValueError):
        return None


# ---------------------------------------------------------------------- report
def cmd_report(args: argparse.Namespace) -> int:
    from imr_tui.cli import open_store
    from imr_tui.export.report import build_report, parse_sections, render_markdown

    start, end = report_period(args.start, args.end)
    try:
        sections = parse_sections(args.sections)
    except ValueError as exc:
        raise _user_error(f"--sections: {exc}") from None
    target = check_target(args.pdf, "--pdf") if args.pdf else (check_target(args.md, "--md") if args.md else None)
    store = open_store(args, create=False)
    titles = _lesson_titles(args) if "lessons" in sections else None
    report = build_report(store, start, end, sections, lesson_titles=titles)
    if args.pdf:
        assert target is not None
        from imr_tui.export.report_pdf import pdf_bytes

        _write(target, pdf_bytes(report))
    else:
        text = render_markdown(report)
        if target is None:
            sys.stdout.write(text)
            return 0
        _write(target, text.encode("utf-8"))
    print(f"Wrote the report for {start.isoformat()} to {end.isoformat()} to {target}. {PRIVATE}")
    return 0


# ---------------------------------------------------------------------- export
def cmd_export(args: argparse.Namespace) -> int:
    from imr_tui.cli import open_store

    wanted = [(flag, path) for flag, path in (("--csv", args.csv), ("--json", args.json), ("--plan-md", args.plan_md))
              if path is not None]
    if not wanted:
        raise _user_error("say what to export: --csv FILE, --json FILE or --plan-md FILE (see 'imr-tui export --help')")
    targets = [(flag, check_target(path, flag)) for flag, path in wanted]
    resolved = [t.resolve() for _, t in targets]
    if len(set(resolved)) < len(resolved):
        raise _user_error("give each export its own file name")
    store = open_store(args, create=False)
    for flag, target in targets:
        if flag == "--csv":
            from imr_tui.export.csv_export import checkins_csv

            checkins = store.checkins()
            _write(target, checkins_csv(checkins, store.settings().items).encode("utf-8"))
            print(f"Wrote {len(checkins)} check-ins to {target}.")
        elif flag == "--json":
            from imr_tui.export.json_export import export_json

            _write(target, export_json(store))
            print(f"Wrote everything to {target} (import it elsewhere with 'imr-tui import json {target}').")
        else:
            from imr_tui.export.plan_md import plan_markdown

            _write(target, plan_markdown(store.profile().plan, store.checkin_items()).encode("utf-8"))
            print(f"Wrote your relapse prevention plan to {target}.")
    print(f"Each file is readable only by you. {PRIVATE}")
    return 0


# ---------------------------------------------------------------------- import
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


def _preview(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 3] + "...")


def cmd_import_daylio(args: argparse.Namespace) -> int:
    from imr_tui.cli import open_store
    from imr_tui.export.daylio import DEFAULT_MOODS, mood_item_of, parse_mood_map, read_daylio
    from imr_tui.export.json_export import ImportProblem, shown

    path: Path = args.file.expanduser()
    store = _existing_store(args)  # a new data folder is made only when there is something to write
    items = store.checkin_items() if store is not None else _default_items()
    item = mood_item_of(items)
    try:
        mood_map = parse_mood_map(args.mood_map, item)
        parsed = read_daylio(path, items, mood_map)
    except (ImportProblem, ValueError) as exc:
        raise _user_error(str(exc)) from None
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
    scale = f"{number(item.low)}-{number(item.high)}"
    print(f"Moods become '{item.id}' ({scale}, {'low' if item.worse.value == 'low' else 'high'} is worse):")
    names = list(DEFAULT_MOODS) + [n for n in parsed.mapping if n not in DEFAULT_MOODS]
    for name in names:
        count = parsed.mood_counts.get(name, 0)
        print(f"  {name:>8} -> {number(parsed.mapping[name]):>4}   ({count} {'entry' if count == 1 else 'entries'})")
    print("Activities become tags; the note title and the note become the note.")
    if args.dry_run:
        print(f"First {min(PREVIEW_ROWS, len(rows))} entries:")
        for r in rows[:PREVIEW_ROWS]:
            c = r.checkin
            mood = f"mood {number(c.values[item.id])} ({r.mood})" if item.id in c.values else "no mood"
            tags = f"; tags: {', '.join(c.tags)}" if c.tags else ""
            note = f"; note: {_preview(c.note)}" if c.note else ""
            print(f"  row {r.row}: {stamp(c.at)}, {mood}{tags}{note}")
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


def _existing_store(args: argparse.Namespace) -> Store | None:
    """The store if there is one, without creating it (a dry run writes nothing, not even a new folder)."""
    from imr_tui.cli import data_home, open_store

    home = data_home(args)
    if not home.is_dir() or not any(home.iterdir()):  # (an encrypted folder has no plain manifest.json)
        return None
    return open_store(args, create=False)


def cmd_import_json(args: argparse.Namespace) -> int:
    from imr_tui.cli import open_store
    from imr_tui.export.json_export import ImportProblem, import_export, plan_import, read_export, shown

    path: Path = args.file.expanduser()
    try:
        export = read_export(path)
    except ImportProblem as exc:
        raise _user_error(str(exc)) from None
    store = _existing_store(args)
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


# ---------------------------------------------------------------------- remind
def cmd_remind(args: argparse.Namespace) -> int:
    from imr_tui.export import remind

    after = None
    if args.after:
        try:
            after = remind.parse_clock(args.after)
        except ValueError as exc:
            raise _user_error(f"--after: {exc}") from None
    if args.setup:
        from imr_tui import paths

        home: Path | None = None
        if args.home:
            home = Path(args.home).expanduser().absolute()
        elif os.environ.get(paths.ENV_HOME):
            home = paths.data_dir().absolute()
        sys.stdout.write(remind.setup_text(remind.command_path(), home, after or remind.DEFAULT_AT))
        return 0
    from imr_tui.cli import data_home

    line = remind.reminder(data_home(args), after=after)
    if line:
        print(line)
    return 0
