"""`imr-tui import FORMAT FILE`: bring check-ins (and more) in from another app or an imr-tui export.

The formats, and how to add one, are in imr_tui.imports.registry. Every row is read and checked
first; nothing is written if any row is wrong, and importing the same file twice adds nothing. A
dry run writes nothing, not even a new data folder; a real import makes a labelled backup first.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imr_tui.cli.common import Parser, UserError, existing_store, open_store

if TYPE_CHECKING:
    from imr_tui.store.store import Store


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


def _backup_first(store: Store) -> str:
    """A labelled backup before an import, when there is anything to lose. Returns a line to print."""
    if len(store.data_files()) <= 1:  # only the manifest: nothing to lose yet
        return ""
    from imr_tui.store.backup import make_backup

    b = make_backup(store, label="before-import")
    return f"A backup was made first: {b.name} (to undo the import: imr-tui restore --snapshot {b.name})."


def run(args: argparse.Namespace) -> int:
    from imr_tui.imports.base import Target
    from imr_tui.imports.registry import FORMATS

    store = existing_store(args)  # a new data folder is made only when there is something to write
    try:
        plan = FORMATS[args.import_format].read(args.file.expanduser(), Target(store), vars(args), args.dry_run)
    except ValueError as exc:  # ImportProblem is a ValueError: one line naming the file and the row
        raise UserError(str(exc)) from None
    print(plan.source)
    for line in plan.left_out:
        print(line)
    if plan.empty:
        print(plan.empty)
        return 0
    for line in plan.lines:
        print(line)
    if args.dry_run:
        for line in plan.preview:
            print(line)
        print("Dry run: nothing was written.")
        return 0
    if not plan.changes:
        print(plan.unchanged)
        return 0
    store = store or open_store(args)
    backup = _backup_first(store)
    done = plan.write(store)
    if backup:
        print(backup)
    print(done)
    return 0
