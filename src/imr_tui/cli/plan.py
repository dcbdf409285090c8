"""`imr-tui plan show` and `imr-tui plan export (--md FILE | --pdf FILE)`: the relapse prevention plan as
Markdown or as a PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from imr_tui.cli.common import PRIVATE, Parser, add_force, add_paper, check_target, open_store, write_target


def add_parsers(sub: Any) -> None:
    pl = sub.add_parser("plan", help="show or export your relapse prevention plan")
    psub = pl.add_subparsers(dest="plan_command", metavar="ACTION", parser_class=Parser, required=True)
    psub.add_parser("show", help="print the plan (Markdown)")
    pe = psub.add_parser("export", help="write the plan to a file (Markdown or PDF)")
    out = pe.add_mutually_exclusive_group(required=True)
    out.add_argument("--md", type=Path, metavar="FILE", help="Markdown file to write")
    out.add_argument("--pdf", type=Path, metavar="FILE", help="PDF file to write")
    add_paper(pe)
    add_force(pe)
    pl.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from imr_tui.export.plan_md import plan_markdown

    if args.plan_command == "show":
        store = open_store(args, create=False)
        print(plan_markdown(store.profile().plan, store.checkin_items()), end="")
        return 0
    flag, path = ("--pdf", args.pdf) if args.pdf is not None else ("--md", args.md)
    target = check_target(path, flag, args.force)
    store = open_store(args, create=False)
    if args.pdf is not None:
        from datetime import date

        from imr_tui.export.plan_pdf import store_plan_pdf

        data = store_plan_pdf(store, date.today(), args.paper)
    else:
        data = plan_markdown(store.profile().plan, store.checkin_items()).encode("utf-8")
    write_target(target, data)
    print(f"Wrote your plan to {target}. {PRIVATE}")
    return 0
