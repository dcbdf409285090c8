"""`imr-tui import FORMAT FILE`: bring check-ins (and more) in from another app or an imr-tui export.

The formats, and how to add one, are in imr_tui.imports.registry. Every row is read and checked
first; nothing is written if any row is wrong, and importing the same file twice adds nothing. A
dry run writes nothing, not even a new data folder; a real import makes a labelled backup first.

Moods only the person can place (a Daylio mood they made themselves) are never given a value here:
at a terminal the person places each one on their own mood scale, with a few of their own notes
under that mood as a reminder; from a script one line names every such mood and the import stops
until --mood-map NAME=VALUE or --mood-map-file FILE gives them. No message suggests a value.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imr_tui.cli.common import Parser, UserError, existing_store, open_store

if TYPE_CHECKING:
    from imr_tui.imports.base import ImportPlan, Target
    from imr_tui.imports.moods import MoodChoice, MoodTable


def add_parsers(sub: Any) -> None:
    from imr_tui.imports.registry import FORMATS

    i = sub.add_parser("import", help="bring in check-ins from another app, or everything from an imr-tui JSON export "
                                      f"(FORMAT: {', '.join(FORMATS)})",
                       description="Every row is read and checked first; nothing is written if any row is wrong. "
                                   "Importing the same file twice adds nothing.")
    isub = i.add_subparsers(dest="import_format", metavar="FORMAT", parser_class=Parser, required=True)
    for fmt in FORMATS.values():
        f = isub.add_parser(fmt.name, help=fmt.description, description=fmt.details)
        f.add_argument("file", type=Path, metavar="FILE", help=fmt.file_help)
        f.add_argument("--dry-run", action="store_true", help="show what would be imported; write nothing")
        fmt.add_options(f)
    i.set_defaults(func=run)


def at_terminal() -> bool:
    """A person at a terminal (who can place moods), not a script."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run(args: argparse.Namespace) -> int:
    from imr_tui.imports.base import Target, backup_before_import
    from imr_tui.imports.files import shown
    from imr_tui.imports.moods import unknown_message
    from imr_tui.imports.registry import FORMATS

    store = existing_store(args)  # a new data folder is made only when there is something to write
    target = Target(store)
    path = args.file.expanduser()
    try:
        plan = FORMATS[args.import_format].read(path, target, vars(args), args.dry_run)
    except ValueError as exc:  # ImportProblem is a ValueError: one line naming the file and the row
        raise UserError(str(exc)) from None
    waiting = plan.moods.unknown() if plan.moods is not None and not plan.empty else []
    if not (plan.changes or args.dry_run):
        waiting = []  # everything is already here: no mood needs a value
    if waiting and not args.dry_run and not at_terminal():
        assert plan.moods is not None
        raise UserError(unknown_message(shown(path), waiting, plan.moods.item))
    print(plan.source)
    for line in plan.left_out:
        print(line)
    if plan.empty:
        print(plan.empty)
        return 0
    for line in plan.summary():
        print(line)
    if args.dry_run:
        for line in plan.preview_lines():
            print(line)
        if waiting:
            print(f"{len(waiting)} {'mood needs' if len(waiting) == 1 else 'moods need'} your value: only you know "
                  "where each sits on your mood scale. Import at a terminal to place them, or give them with "
                  "--mood-map NAME=VALUE.")
        _care(plan, target, args)
        print("Dry run: nothing was written.")
        return 0
    if waiting:
        assert plan.moods is not None
        if not _place_moods(plan.moods):
            print("Stopped: nothing was imported.")
            return 1
    if not plan.changes:
        print(plan.unchanged)
        return 0
    store = store or open_store(args)
    backup = backup_before_import(store)
    done = plan.write(store)
    if backup:
        print(backup)
    print(done)
    _care(plan, target, args)
    return 0


def _care(plan: ImportPlan, target: Target, args: argparse.Namespace) -> None:
    """Once: where crisis help is, when past entries speak of wanting to die."""
    if not plan.care:
        return
    from imr_tui.imports.care import notice

    print()
    for line in notice(target.settings(), getattr(args, "content", None)):
        print(line)


# ------------------------------------------------------------------- placing moods at a terminal
def _ask(prompt: str) -> str | None:
    try:
        return input(prompt)
    except (EOFError, KeyboardInterrupt):
        print()
        return None


def _placed(table: MoodTable) -> str:
    known = [f"{c.name} {c.shown_value()}" for c in table.ordered() if c.value is not None]
    known += [f"{c.name} (no value)" for c in table.ordered() if c.how == "none"]
    return ", ".join(known) if known else "none yet"


def _place_one(table: MoodTable, choice: MoodChoice) -> bool:
    from imr_tui.imports.moods import parse_value

    count = f"{choice.count} {'entry' if choice.count == 1 else 'entries'}"
    print()
    print(f"'{choice.name}': {count}.")
    if choice.examples:
        print("Some of your notes from then:")
        for example in choice.examples:
            print(f"    \"{example}\"")
    while True:
        answer = _ask(f"Where does '{choice.name}' sit on your mood scale, {table.scale_text()}? "
                      "Type a number, or none to bring these entries in without a mood value: ")
        if answer is None:
            return False
        if not answer.strip():
            continue
        try:
            value = parse_value(answer, table.item)
        except ValueError as exc:
            print(f"{exc}. Type a number from {table.scale_text()}, or none.")
            continue
        table.place(choice.key, value)
        return True


def _place_moods(table: MoodTable) -> bool:
    """Ask the person to place each waiting mood, then to confirm. False: they stopped (nothing is written)."""
    from imr_tui.imports.moods import number

    waiting = table.unknown()
    print()
    print(f"{len(waiting)} of your moods {'is' if len(waiting) == 1 else 'are'} not known to imr-tui. Only you know "
          "where each one sits on your mood scale.")
    print(f"Your mood scale: {table.scale_text()}. Moods placed so far: {_placed(table)}.")
    for choice in waiting:
        if not _place_one(table, choice):
            return False
    print()
    print(f"Your moods: {_placed(table)}.")
    yours = table.yours()
    again = " ".join(f"--mood-map '{name}={'none' if v is None else number(v)}'" for name, v in yours.items())
    if again and "'" not in "".join(yours):
        print(f"To give the same values next time: {again}")
    answer = _ask("Import now? Type y to import, anything else to stop: ")
    return answer is not None and answer.strip().lower() in ("y", "yes")
