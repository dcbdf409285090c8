"""`imr-tui plan show` and `imr-tui plan export --md FILE`: the relapse prevention plan as Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from imr_tui.cli.common import PRIVATE, Parser, add_force, check_target, open_store, write_target


def add_parsers(sub: Any) -> None:
    pl = sub.add_parser("plan", help="show or export your relapse prevention plan")
    psub = pl.add_subparsers(dest="plan_command", metavar="ACTION", parser_class=Parser, required=True)
    psub.add_parser("show", help="print the plan (Markdown)")
    pe = psub.add_parser("export", help="write the plan to a file")
    pe.add_argument("--md", type=Path, required=True, metavar="FILE", help="Markdown file to write")
    add_force(pe)
    pl.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from imr_tui.export.plan_md import plan_markdown

    store = open_store(args, create=False)
    text = plan_markdown(store.profile().plan, store.checkin_items())
    if args.plan_command == "show":
        print(text, end="")
        return 0
    target = check_target(args.md, "--md", args.force)
    write_target(target, text.encode("utf-8"))  # readable only by you (0600), like every export
    print(f"Wrote your plan to {target}. {PRIVATE}")
    return 0
