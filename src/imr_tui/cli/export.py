"""`imr-tui export`: check-ins as CSV, everything as JSON, the plan as Markdown or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from imr_tui.cli.common import PRIVATE, UserError, add_force, add_paper, open_store, output_target, write_target


def add_parsers(sub: Any) -> None:
    e = sub.add_parser("export", help="write your check-ins as CSV, everything as JSON, or your plan as Markdown or PDF",
                       description="Write one or more files (readable only by you, mode 0600). --json holds "
                                   "everything and can be imported on another machine with 'imr-tui import json'.")
    e.add_argument("--csv", type=Path, metavar="FILE", help="check-ins, one row each (columns: see docs/reports.md)")
    e.add_argument("--raw", action="store_true",
                   help="CSV: write cells exactly as typed; by default a cell that starts with = + - @, a tab or "
                        "a carriage return gets a ' in front, so a spreadsheet never runs it as a formula")
    e.add_argument("--json", type=Path, metavar="FILE", help="everything: settings, profile, progress, check-ins, "
                                                            "coping")
    e.add_argument("--plan-md", type=Path, metavar="FILE", help="the relapse prevention plan as Markdown")
    e.add_argument("--plan-pdf", type=Path, metavar="FILE", help="the relapse prevention plan as a PDF")
    add_paper(e)
    add_force(e)
    e.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = {"--csv": args.csv, "--json": args.json, "--plan-md": args.plan_md, "--plan-pdf": args.plan_pdf}
    wanted = [(flag, path) for flag, path in paths.items() if path is not None]
    if not wanted:
        raise UserError("say what to export: --csv FILE, --json FILE, --plan-md FILE or --plan-pdf FILE "
                        "(see 'imr-tui export --help')")
    if args.raw and args.csv is None:
        raise UserError("--raw is for --csv only")
    targets = [(flag, output_target(args, path, flag)) for flag, path in wanted]
    resolved = [t.resolve() for _, t in targets]
    if len(set(resolved)) < len(resolved):
        raise UserError("give each export its own file name")
    store = open_store(args, create=False)
    for flag, target in targets:
        if flag == "--csv":
            from imr_tui.export.csv_export import checkins_csv

            checkins = store.checkins()
            write_target(target, checkins_csv(checkins, store.settings().items, guard=not args.raw).encode("utf-8"))
            guarded = "cells exactly as typed, --raw" if args.raw else "cells that could run as a spreadsheet " \
                "formula start with '"
            print(f"Wrote {len(checkins)} check-ins to {target} ({guarded}).")
        elif flag == "--json":
            from imr_tui.export.json_export import export_json

            write_target(target, export_json(store))
            print(f"Wrote everything to {target} (import it elsewhere with 'imr-tui import json {target}').")
        elif flag == "--plan-md":
            from imr_tui.export.plan_md import plan_markdown

            write_target(target, plan_markdown(store.profile().plan, store.checkin_items()).encode("utf-8"))
            print(f"Wrote your relapse prevention plan to {target}.")
        else:
            from datetime import date

            from imr_tui.export.plan_pdf import store_plan_pdf

            write_target(target, store_plan_pdf(store, date.today(), args.paper))
            print(f"Wrote your relapse prevention plan to {target}.")
    print(f"Each file is readable only by you. {PRIVATE}")
    return 0
