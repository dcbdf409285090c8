"""`imr-tui plan show` and `imr-tui plan export --md FILE`: the relapse prevention plan as Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from imr_tui.cli.common import PRIVATE, Parser, add_force_option, open_store, output_target


def add_parsers(sub: Any) -> None:
    pl = sub.add_parser("plan", help="show or export your relapse prevention plan")
    psub = pl.add_subparsers(dest="plan_command", metavar="ACTION", parser_class=Parser, required=True)
    psub.add_parser("show", help="print the plan (Markdown)")
    pe = psub.add_parser("export", help="write the plan to a file")
    pe.add_argument("--md", type=Path, required=True, metavar="FILE", help="Markdown file to write")
    add_force_option(pe)
    pl.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from imr_tui.export.plan_md import plan_markdown

    target = output_target(args, args.md, "--md") if args.plan_command == "export" else None
    store = open_store(args, create=False)
    text = plan_markdown(store.profile().plan, store.checkin_items())
    if target is None:
        print(text, end="")
        return 0
    from imr_tui.store.files import atomic_write_bytes

    atomic_write_bytes(target, text.encode("utf-8"), private_dir=False)
    print(f"Wrote your plan to {target}. {PRIVATE}")
    return 0
