"""`imr-tui plan show` and `imr-tui plan export --md FILE`: the relapse prevention plan as Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from imr_tui.cli.common import Parser, UserError, open_store


def add_parsers(sub: Any) -> None:
    pl = sub.add_parser("plan", help="show or export your relapse prevention plan")
    psub = pl.add_subparsers(dest="plan_command", metavar="ACTION", parser_class=Parser, required=True)
    psub.add_parser("show", help="print the plan (Markdown)")
    pe = psub.add_parser("export", help="write the plan to a file")
    pe.add_argument("--md", type=Path, required=True, metavar="FILE", help="Markdown file to write")
    pl.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from imr_tui.export.plan_md import plan_markdown

    store = open_store(args, create=False)
    text = plan_markdown(store.profile().plan, store.checkin_items())
    if args.plan_command == "show":
        print(text, end="")
        return 0
    target: Path = args.md
    if target.is_dir():
        raise UserError(f"--md {target}: that is a folder; give a file name, e.g. {target / 'plan.md'}")
    if not target.parent.exists():
        raise UserError(f"--md {target}: the folder {target.parent} does not exist")
    from imr_tui.store.files import atomic_write_bytes

    atomic_write_bytes(target, text.encode("utf-8"), private_dir=False)
    print(f"Wrote your plan to {target}. It holds private information: share it only with people you choose.")
    return 0
