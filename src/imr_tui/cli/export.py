"""`imr-tui export`: check-ins as CSV, everything as JSON, the plan as Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from imr_tui.cli.common import PRIVATE, UserError, add_force, check_target, open_store, write_target


def add_parsers(sub: Any) -> None:
    e = sub.add_parser("export", help="write your check-ins as CSV, everything as JSON, or your plan as Markdown",
                       description="Write one or more files (readable only by you, mode 0600). --json holds "
                                   "everything and can be imported on another machine with 'imr-tui import json'.")
    e.add_argument("--csv", type=Path, metavar="FILE", help="check-ins, one row each (columns: see docs/reports.md)")
    e.add_argument("--json", type=Path, metavar="FILE", help="everything: settings, profile, progress, check-ins, "
                                                            "coping")
    e.add_argument("--plan-md", type=Path, metavar="FILE", help="the relapse prevention plan as Markdown")
    add_force(e)
    e.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    wanted = [(flag, path) for flag, path in (("--csv", args.csv), ("--json", args.json), ("--plan-md", args.plan_md))
              if path is not None]
    if not wanted:
        raise UserError("say what to export: --csv FILE, --json FILE or --plan-md FILE (see 'imr-tui export --help')")
    targets = [(flag, check_target(path, flag, args.force)) for flag, path in wanted]
    resolved = [t.resolve() for _, t in targets]
    if len(set(resolved)) < len(resolved):
        raise UserError("give each export its own file name")
    store = open_store(args, create=False)
    for flag, target in targets:
        if flag == "--csv":
            from imr_tui.export.csv_export import checkins_csv

            checkins = store.checkins()
            write_target(target, checkins_csv(checkins, store.settings().items).encode("utf-8"))
            print(f"Wrote {len(checkins)} check-ins to {target}.")
        elif flag == "--json":
            from imr_tui.export.json_export import export_json

            write_target(target, export_json(store))
            print(f"Wrote everything to {target} (import it elsewhere with 'imr-tui import json {target}').")
        else:
            from imr_tui.export.plan_md import plan_markdown

            write_target(target, plan_markdown(store.profile().plan, store.checkin_items()).encode("utf-8"))
            print(f"Wrote your relapse prevention plan to {target}.")
    print(f"Each file is readable only by you. {PRIVATE}")
    return 0
